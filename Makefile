# Two-command set-up: `make run` opens the app, `make test` runs the checks and the tests.
# Both create .venv and install the project into it when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# pytest in `make test`: one worker per core (pytest-xdist); tests marked
# `serial` (tests/conftest.py) run in one worker, one after another. PYTEST_WORKERS=0:
# everything in one process.
PYTEST_WORKERS ?= auto
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

bench: $(STAMP)
	$(BIN)/python -m compileall -q planner benchmarks > /dev/null
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
