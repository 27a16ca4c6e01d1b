# Two-command set-up: `make run` opens the app, `make test` runs the checks and the tests.
# Both create .venv and install the project into it when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# pytest in `make test`: two workers per core (pytest-xdist); tests marked
# `serial` (tests/conftest.py) run in one worker, one after another. Two per core because a
# TUI test spends about 40% of its time asleep in Pilot's idle check (measured over
# tests/tui/test_onboarding.py: 1,487 waits of at least 20 ms against 41 s of CPU): with one
# worker per core the cores idle that long. PYTEST_WORKERS=0: everything in one process.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')
PYTEST_ARGS ?= -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: run test test-slow lint typecheck format bench demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q planner > /dev/null
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/planner

demo: $(STAMP)
	PLANNER_CONFIG=/dev/null $(BIN)/planner demo  # an empty settings file: not yours

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# The long runs: fault injection and Hypothesis with the `slow` profile (tests/conftest.py).
test-slow: $(STAMP)
	HYPOTHESIS_PROFILE=slow $(BIN)/pytest -m slow -q -s

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# `make bench SUITE=1` adds a row: the wall time of `make test`'s pytest run (it takes
# minutes, longer than all the other rows together, so it is not on by default).
# `make bench FIRST=1` runs only the two first-screen rows (a quick look at start-up).
bench: $(STAMP)
	$(BIN)/python -m compileall -q planner benchmarks > /dev/null
	PLANNER_BENCH_PYTEST="$(BIN)/pytest $(PYTEST_ARGS)" $(BIN)/python -m benchmarks \
		$(if $(filter 1,$(SUITE)),--suite) $(if $(filter 1,$(FIRST)),--first-screen)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
