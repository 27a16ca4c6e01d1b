"""The workloads `make bench` times, each built from the real code paths."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from planner.content.pack import load_pack
from planner.content.templates import load_templates
from planner.demo import fill_demo
from planner.domain.models import Mock, PlanSettings, Review, Story
from planner.domain.readiness import Evidence, assess
from planner.domain.schedule import generate
from planner.service import ContentLibrary, Planner
from planner.service.inputs import MockInput
from planner.storage import RecordStore

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PLANS = ROOT / "plans"


def library() -> ContentLibrary:
    """The repository's content."""
    return ContentLibrary(CONTENT, PLANS)


def make_demo(folder: Path, today: dt.date) -> None:
    """A mid-way candidate for the TUI and CLI timings."""
    fill_demo(folder, library(), today)


def plan_generation(days: int) -> Callable[[], object]:
    """Generate a mid plan of `days` days (content loaded once, outside the timing)."""
    pack = load_pack(CONTENT / "coursera-pm")
    template = load_templates(PLANS, pack)["mid"]
    start = dt.date(2026, 11, 25)
    settings = PlanSettings(
        pack="coursera-pm",
        seniority="mid",
        start=start,
        onsite=start + dt.timedelta(days=days),
        days=days,
        hours_per_day=1.5,
        rest_weekdays=(6,),
    )
    return lambda: generate(pack, template, settings)


def big_evidence(today: dt.date) -> Evidence:
    """10,000 mocks, 1,000 stories and 5,000 practice reviews."""
    pack = load_pack(CONTENT / "coursera-pm")
    mocks = []
    for n in range(10_000):
        rnd = pack.rounds[n % len(pack.rounds)]
        dims = pack.rubric(rnd.id).dimensions
        mocks.append(
            Mock(
                id=f"m{n}",
                date=today - dt.timedelta(days=n % 60),
                round=rnd.id,
                minutes=45,
                scores={d.id: 1 + (n + i) % 5 for i, d in enumerate(dims)},
            )
        )
    comps = [c.id for c in pack.competencies]
    levels = ("draft", "outlined", "rehearsed", "ready")
    stories = [
        Story(
            id=f"s{n}",
            title=f"story {n}",
            result="grew 5%",
            competencies=(comps[n % len(comps)],),
            readiness=levels[n % 4],
        )
        for n in range(1_000)
    ]
    reviews = [
        Review(
            question=pack.questions[n % len(pack.questions)].id,
            reviewed=today - dt.timedelta(days=n % 30),
            rating="good",
            due=today + dt.timedelta(days=n % 7 - 3),
        )
        for n in range(5_000)
    ]
    return Evidence(mocks=tuple(mocks), stories=tuple(stories), reviews=tuple(reviews))


def gaps_big() -> Callable[[], object]:
    """Readiness over the big evidence (built once, outside the timing)."""
    pack = load_pack(CONTENT / "coursera-pm")
    today = dt.date(2026, 11, 25)
    evidence = big_evidence(today)
    return lambda: assess(pack, evidence, today)


def save_one_mock(folder: Path, today: dt.date) -> tuple[float, float, float]:
    """Median ms to log one mock into a store of 10k mocks, and two plain-JSON baselines."""
    store = RecordStore(folder)
    evidence = big_evidence(today)
    with store.session() as records:
        for mock in evidence.mocks:
            records.put_mock(mock)
    planner = Planner(store, library(), today)
    planner.session.state()
    ours: list[float] = []
    for _ in range(9):
        start = time.perf_counter()
        planner.mocks.add(MockInput("execution", minutes=45, scores={"hypothesis-first": 4}))
        ours.append((time.perf_counter() - start) * 1000)
    data = json.loads(store.path.read_text())
    plain: list[float] = []
    synced: list[float] = []
    target = folder / "plain.json"
    for sync, out in ((False, plain), (True, synced)):
        for _ in range(9):
            start = time.perf_counter()
            tmp = folder / "plain.json.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
                if sync:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
            out.append((time.perf_counter() - start) * 1000)
    med = sorted(ours)[len(ours) // 2]
    return med, sorted(plain)[4], sorted(synced)[4]


async def today_keypress(folder: Path, today: dt.date) -> float:
    """Median ms from Space on the Today screen to the repainted screen."""
    from planner.tui.app import PlannerApp

    planner = Planner(RecordStore(folder), library(), today)
    app = PlannerApp(planner)
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        for _ in range(10):
            start = time.perf_counter()
            await pilot.press("space")
            await pilot.pause()
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


async def optionlist_keypress(options: int = 10) -> float:
    """The baseline of `today_keypress`: a minimal Textual app with one OptionList of
    `options` tasks, Space ticking the highlighted one in place; timed the same way."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, OptionList

    class Ticks(App[None]):
        BINDINGS = [Binding("space", "tick", "Done/undo")]

        def __init__(self) -> None:
            super().__init__()
            self.done = [False] * options

        def compose(self) -> ComposeResult:
            yield Header()
            yield OptionList(*(self.prompt(n) for n in range(options)))
            yield Footer()

        def prompt(self, n: int) -> str:
            return f"{'[x]' if self.done[n] else '[ ]'}  task-{n}  45m  Practise answer {n}"

        def action_tick(self) -> None:
            tasks = self.query_one(OptionList)
            n = tasks.highlighted
            if n is not None:
                self.done[n] = not self.done[n]
                tasks.replace_option_prompt_at_index(n, self.prompt(n))

    app = Ticks()
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(OptionList).focus()
        app.query_one(OptionList).highlighted = 0
        await pilot.pause()
        for _ in range(10):
            start = time.perf_counter()
            await pilot.press("space")
            await pilot.pause()
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def add_mocks(folder: Path, today: dt.date, count: int) -> None:
    """Add `count` logged mocks to the data in `folder` (the first screen's headroom case),
    in one replacement of the tables (one upsert per mock would take minutes)."""
    from planner.storage import codec

    pack = load_pack(CONTENT / "coursera-pm")
    extra = []
    for n in range(count):
        rnd = pack.rounds[n % len(pack.rounds)]
        dims = pack.rubric(rnd.id).dimensions
        mock = Mock(
            id=f"bench-{n}",
            date=today - dt.timedelta(days=1 + n % 60),
            round=rnd.id,
            minutes=45,
            scores={d.id: 1 + (n + i) % 5 for i, d in enumerate(dims)},
        )
        extra.append(codec.mock_to_record(mock))
    with RecordStore(folder).session() as records:
        tables = records.dump()
        tables["mocks"] = [*tables["mocks"], *extra]
        records.load_dump(tables)


async def paste_megabyte(folder: Path, today: dt.date) -> tuple[float, float, float]:
    """Median ms of a 1 MB paste into a story field until repainted, of the next key, and of
    a key in the same field while empty (the baseline)."""
    from textual import events
    from textual.widgets import TextArea

    from planner.tui.app import PlannerApp

    line = "We moved 40% of learners to the new checkout; refunds fell by a third.\n"
    megabyte = line * (1_000_000 // len(line) + 1)
    planner = Planner(RecordStore(folder), library(), today)
    app = PlannerApp(planner)
    pastes: list[float] = []
    keys: list[float] = []
    empty: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        area = app.screen.query_one("#situation", TextArea)
        for _ in range(5):
            area.load_text("")
            area.focus()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            empty.append((time.perf_counter() - start) * 1000)
            area.load_text("")
            await pilot.pause()
            start = time.perf_counter()
            app.post_message(events.Paste(megabyte))
            await pilot.pause()
            pastes.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            keys.append((time.perf_counter() - start) * 1000)
    return sorted(pastes)[2], sorted(keys)[2], sorted(empty)[2]
