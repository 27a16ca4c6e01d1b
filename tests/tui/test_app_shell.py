"""The app shell: modes by key, header, palette, help, watching the file, recovery, failed saves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import OptionList, Static
from tui_support import workers_finished

from planner.service import Planner
from planner.storage import StorageError
from planner.tui.app import PlannerApp
from planner.tui.commands import COMMANDS, SCREENS
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.dashboard import DashboardScreen
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.recovery import RecoveryScreen
from planner.tui.screens.report import ReportScreen

SIZE = (80, 24)
MakeApp = Callable[..., PlannerApp]


def text_of(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def record_notes(app: PlannerApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Capture (message, severity) of every notification the app shows."""
    notes: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        notes.append((message, str(kwargs.get("severity", "information"))))
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return notes


async def test_opens_on_the_dashboard_when_a_plan_exists(
    planned: Planner, make_app: MakeApp
) -> None:
    """With a plan on disk the app starts on the dashboard."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "dashboard"
        assert isinstance(app.screen, DashboardScreen)


async def test_header_names_the_target_and_the_days_left(
    planned: Planner, make_app: MakeApp
) -> None:
    """The header's subtitle says the loop, the seniority and the days to the onsite."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.sub_title == "Coursera PM · mid · 20 days to onsite"


async def test_each_screen_key_switches_to_its_mode(planned: Planner, make_app: MakeApp) -> None:
    """d, t, p, m, e, s and k each open their screen, and come back."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for mode, key, _title, _help in (*SCREENS[1:], SCREENS[0]):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode, key


async def test_q_quits(planned: Planner, make_app: MakeApp) -> None:
    """q leaves the app."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_lists_every_key_and_palette_command(
    planned: Planner, make_app: MakeApp
) -> None:
    """? opens a help screen generated from the bindings and the command list."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.help_text()
        for command in COMMANDS:
            if command.palette or command.key:
                assert command.title in text
        for _mode, key, title, _help in SCREENS:
            assert f"| {key} | {title} |" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def run_palette(pilot: object, query: str) -> None:
    """Open the palette, type a query and run the best match."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause()
    await workers_finished(pilot)  # the palette's search has listed its matches
    await pilot.press("enter")
    await pilot.pause()
    await workers_finished(pilot)


async def test_palette_switches_screens(planned: Planner, make_app: MakeApp) -> None:
    """Typing a screen's name in the palette opens that screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Questions")
        assert app.current_mode == "questions"


async def test_palette_exports_the_plan_as_markdown(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """The export command writes plan.md into the data folder."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Export plan as Markdown")
        assert (data_dir / "plan.md").read_text(encoding="utf-8").startswith("# Loop plan")


async def test_palette_exports_the_plan_as_ics(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """The calendar export writes plan.ics into the data folder."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Export plan as calendar")
        assert (data_dir / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


async def test_palette_check_shows_the_report(demo_app: PlannerApp) -> None:
    """The check command shows verdict, days left, top gaps and the days that remain."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Check readiness")
        assert isinstance(demo_app.screen, ReportScreen)
        text = text_of(demo_app.screen.query_one("#report-text", Static))
        assert "16 days to the onsite" in text
        assert "Verdict: NOT YET" in text
        assert "Top gaps" in text
        assert "The days that remain" in text


async def test_palette_log_mock_opens_the_mocks_screen(demo_app: PlannerApp) -> None:
    """Logging a mock from the palette switches to the mocks screen."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Log a mock")
        assert demo_app.current_mode == "mocks"


async def test_palette_replan_moves_overdue_tasks(demo: Planner) -> None:
    """Replanning from the palette (after y in its preview) leaves nothing overdue."""
    app = PlannerApp(demo)
    assert demo.tasks.today().overdue
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(pilot, "Replan")
        await pilot.press("y")
        await pilot.pause()
        assert not demo.tasks.today().overdue


async def test_change_from_another_process_is_shown(
    planned: Planner, make_app: MakeApp, make_planner: Callable[..., Planner]
) -> None:
    """A task ticked through a second service shows on the dashboard at the next poll."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = app.screen.query_one("#dash-today", Static)
        assert "0 min done" in text_of(summary)
        other = make_planner()
        other.tasks.set_done([t.id for t in other.tasks.today().tasks], True)
        app.poll_changes()
        await pilot.pause()
        assert "0 left" in text_of(summary)


async def test_unchanged_file_does_not_refresh(planned: Planner, make_app: MakeApp) -> None:
    """Polling an unchanged file posts nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gaps = app.screen.query_one("#dash-gaps", OptionList)
        gaps.highlighted = 2
        app.poll_changes()
        await pilot.pause()
        assert gaps.highlighted == 2


async def test_corrupt_file_opens_recovery_without_writing(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """An unreadable file shows the recovery screen naming it, and nothing is written."""
    db = data_dir / "planner.json"
    db.write_bytes(b"{")
    before = sorted(p.name for p in data_dir.rglob("*"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        assert str(db) in text_of(app.screen.query_one("#recovery-file", Static))
        await pilot.press("q")
        await pilot.pause()
    assert db.read_bytes() == b"{"
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    assert app.return_code == 3


async def test_file_broken_while_running_opens_recovery(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """A file broken by another program while the app runs leads to the recovery screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (data_dir / "planner.json").write_bytes(b"{")
        app.poll_changes()
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
    assert (data_dir / "planner.json").read_bytes() == b"{"


async def test_restore_latest_backup_continues_to_the_dashboard(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """Restoring the newest backup (after confirming) brings the plan back."""
    planned.tasks.set_done([planned.tasks.today().tasks[0].id], True)
    db = data_dir / "planner.json"
    db.write_bytes(b"{")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert "_meta" in json.loads(db.read_bytes())
    assert list(data_dir.glob("planner.json.corrupt-*"))


async def test_cancelled_restore_writes_nothing(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """Saying no to the restore question leaves the broken file as it is."""
    planned.tasks.set_done([planned.tasks.today().tasks[0].id], True)
    db = data_dir / "planner.json"
    db.write_bytes(b"{")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
    assert db.read_bytes() == b"{"


async def test_failed_save_is_a_notification_not_a_crash(
    planned: Planner, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A storage error while saving shows an error notification and the app keeps running."""
    app = make_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise StorageError("could not save planner.json: No space left on device")

    monkeypatch.setattr(app.planner.tasks, "set_done", broken)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.is_running
        assert app.current_mode == "today"
        assert any("No space left" in m and s == "error" for m, s in notes)


def test_every_command_with_a_key_is_an_app_binding() -> None:
    """Each keyed command declares the app binding (same id, key and label) the footer shows."""
    bound = {b.id: b for b in PlannerApp.BINDINGS if isinstance(b, Binding)}
    for command in COMMANDS:
        if command.key is not None:
            binding = bound[command.id]
            assert (binding.key, binding.action) == (command.key, command.action)
            assert binding.description


async def test_a_50_mb_file_opens_recovery_naming_the_size(
    planned: Planner, make_app: MakeApp, data_dir: Path
) -> None:
    """A file far too big for a planner file gets the recovery screen, not a frozen app."""
    db = data_dir / "planner.json"
    with db.open("r+b") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs after the JSON
    size = db.stat().st_size
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        shown = " ".join(text_of(s) for s in app.screen.query(Static))
        assert "50.0 MB" in shown
        await pilot.press("q")
    assert db.stat().st_size == size


async def test_long_round_names_are_not_cut_at_120_columns(demo: Planner) -> None:
    """At 120x40 the readiness bars and the mocks table show `Technical and system design`."""
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bars = str(app.screen.query_one("#dash-rounds").render())
        assert "Technical and system design" in bars
        assert "Hiring-manager screen" in bars


def test_short_cuts_emoji_by_cell_width_with_an_ellipsis() -> None:
    """A title with emoji is cut to the cells there are and ends in `…`."""
    from rich.cells import cell_len

    from planner.tui.forms.mock_shared import short

    cut = short("🚀🚀🚀 Launch under pressure", 8)
    assert cut.endswith("…")
    assert cell_len(cut) <= 8
