"""Exit paths mid-edit: unsaved form text goes to `recovery-<pid>.json` and comes back.

RELIABILITY.md #6: quit, SIGTERM, SIGHUP and an unhandled error, each with a form open;
committed data stays as it was; the text is offered at the next start; a file whose replay
crashed is never replayed again. (The real-signal variants run in test_exit_signals.py.)
"""

from __future__ import annotations

import json
import os
import signal
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import tui_support
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, TextArea
from textual.worker import WorkerFailed
from tui_support import wait_until, workers_finished

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.forms.mock_form import MockForm
from planner.tui.forms.research_note import ResearchNoteForm
from planner.tui.forms.story_editor import StoryEditor
from planner.tui.forms.timed_mock import TimedMockScreen
from planner.tui.recovery import DraftKeeper
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.drafts_offer import DraftsOfferScreen

SIZE = (100, 32)
NOTES = "Strong on metrics, \u05e9\u05dc\u05d5\u05dd, rambled on trade-offs [bold]not markup[/]"


@pytest.fixture(autouse=True)
def no_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timed mode counts only through `tick`."""
    monkeypatch.setattr(TimedMockScreen, "CLOCK_SECONDS", None)


def recovery_files(folder: Path) -> list[Path]:
    """Every recovery-* file in the data folder."""
    return sorted(folder.glob("recovery-*"))


async def start_mock(pilot: Pilot[None]) -> MockForm:
    """Open the mock form from the Mocks screen and type a little into it."""
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, MockForm)
    form.query_one("#score-0", Input).value = "4"
    form.query_one("#notes", TextArea).load_text(NOTES)
    form.query_one("#partner", Input).value = "Priya"
    await pilot.pause()
    return form


async def start_story(pilot: Pilot[None], story_title: str = "Rebuilt onboarding") -> StoryEditor:
    """Open a new STAR story and type into it."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, StoryEditor)
    editor.query_one("#title", Input).value = story_title
    editor.query_one("#action", TextArea).load_text(
        "I ran 12 interviews and cut steps\nfrom 9 to 4."
    )
    competencies = editor.query_one("#competencies", SelectionList)
    competencies.select(competencies.get_option_at_index(1).value)
    await pilot.pause()
    return editor


async def test_quit_mid_edit_keeps_the_text_and_not_the_data(demo: Planner) -> None:
    """Ctrl+Q with a changed form writes recovery-<pid>.json (0600); planner.json is untouched."""
    folder = demo.session.store.data_dir
    before = demo.session.store.path.read_bytes()
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await start_mock(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    path = folder / f"recovery-{os.getpid()}.json"
    assert recovery_files(folder) == [path]
    assert app.drafts.kept == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    drafts = json.loads(path.read_text(encoding="utf-8"))["drafts"]
    assert [(d["mode"], d["kind"], d["target"]) for d in drafts] == [("mocks", "mock", "")]
    assert drafts[0]["fields"]["notes"] == NOTES
    assert drafts[0]["fields"]["score-0"] == "4"
    assert demo.session.store.path.read_bytes() == before


async def test_a_form_left_unchanged_leaves_no_file(demo: Planner) -> None:
    """Only changed forms count: quitting with a pristine form (or none) writes nothing."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert recovery_files(demo.session.store.data_dir) == []
    assert app.drafts.kept is None


async def test_every_open_form_in_every_mode_is_kept(demo: Planner) -> None:
    """A mock form on Mocks and a story on Stories, both open: both are in the file."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await start_mock(pilot)
        await pilot.press("escape")  # asks, because the form changed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        await app.switch_mode("stories")
        await pilot.pause()
        await start_story(pilot)
        kinds = sorted((d.mode, d.kind) for d in app.drafts.open_drafts())
        assert kinds == [("mocks", "mock"), ("stories", "story")]
        app.stop_by_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    drafts = json.loads(app.drafts.kept.read_text(encoding="utf-8"))["drafts"]  # type: ignore[union-attr]
    assert sorted(d["kind"] for d in drafts) == ["mock", "story"]


async def test_the_file_follows_the_forms_while_the_app_runs(demo: Planner) -> None:
    """The 1-s poll keeps the file current, and removes it once the form is saved."""
    folder = demo.session.store.data_dir
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        form = await start_mock(pilot)
        app.poll_changes()
        assert recovery_files(folder) == [folder / f"recovery-{os.getpid()}.json"]
        for n in range(1, 6):
            field = form.query(f"#score-{n}")
            if field:
                field.first(Input).value = "3"
        form.action_save()
        await pilot.pause()
        assert not isinstance(app.screen, MockForm)
        app.poll_changes()
        assert recovery_files(folder) == []


async def test_unhandled_error_mid_edit_keeps_the_text(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a handler ends the app, but the story being written is in the file."""
    app = PlannerApp(demo)

    def broken(self: StoryEditor) -> None:
        raise RuntimeError("boom")

    async def crash_mid_edit() -> None:
        async with app.run_test(size=SIZE) as pilot:
            editor = await start_story(pilot)
            monkeypatch.setattr(StoryEditor, "relint", broken)
            editor.query_one("#title", Input).value = "Rebuilt onboarding, v2"
            await pilot.pause()

    with pytest.raises(RuntimeError, match="boom"):
        await crash_mid_edit()
    drafts = json.loads(app.drafts.kept.read_text(encoding="utf-8"))["drafts"]  # type: ignore[union-attr]
    assert drafts[0]["fields"]["title"] in {"Rebuilt onboarding", "Rebuilt onboarding, v2"}


async def test_next_start_offers_and_restores_once(
    demo: Planner, make_app: Callable[..., PlannerApp]
) -> None:
    """Quit mid-edit, start again: the offer lists the form; restore reopens it filled in."""
    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_mock(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    app = PlannerApp(Planner(demo.session.store, demo.session.library, demo.today))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsOfferScreen)
        offered = str(app.screen.query_one("#drafts-list").render())
        assert "Log a mock" in offered
        assert "Strong on metrics" in offered
        await pilot.press("r")
        await workers_finished(pilot)  # the restore
        await wait_until(pilot, lambda: isinstance(app.screen, MockForm))
        form = app.screen
        assert isinstance(form, MockForm)
        assert form.query_one("#notes", TextArea).text == NOTES
        assert form.query_one("#score-0", Input).value == "4"
        assert form.query_one("#partner", Input).value == "Priya"
        assert form.is_dirty()
        # The text now lives in this process's file; the old one is gone.
        mine = [folder / f"recovery-{os.getpid()}.json"]
        await wait_until(pilot, lambda: recovery_files(folder) == mine)
        assert recovery_files(folder) == mine
        form.dismiss(None)  # leave without saving
        await pilot.pause()
        app.poll_changes()
    assert recovery_files(folder) == []
    async with PlannerApp(Planner(demo.session.store, demo.session.library, demo.today)).run_test(
        size=SIZE
    ) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DraftsOfferScreen)


async def test_an_autosave_before_the_offer_keeps_an_earlier_runs_file(demo: Planner) -> None:
    """An earlier run with this pid left text: an autosave before the offer leaves it there.

    The offer comes after the first repaint and the autosave every second; on a slow start
    (a loaded machine, a big data file) the autosave came first and deleted the file, as
    this process writes to the same name (a pid used again, e.g. in a fresh container).
    """
    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await pilot.press("ctrl+q")
    (left,) = recovery_files(folder)
    assert left.name == f"recovery-{os.getpid()}.json"
    app = PlannerApp(Planner(demo.session.store, demo.session.library, demo.today))
    app.drafts.keep_now()  # an autosave with no form open, here before the start-up scan
    assert recovery_files(folder) == [left]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsOfferScreen)


async def test_later_keeps_and_discard_asks_then_deletes(demo: Planner) -> None:
    """Later leaves the file for the next start; discard asks first, then removes it."""
    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await pilot.press("ctrl+q")
    for answer in ("later", "discard"):
        async with PlannerApp(
            Planner(demo.session.store, demo.session.library, demo.today)
        ).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, DraftsOfferScreen)
            await pilot.press("l" if answer == "later" else "x")
            await pilot.pause()
            if answer == "discard":
                assert isinstance(pilot.app.screen, ConfirmScreen)
                await pilot.press("y")
                await pilot.pause()
                assert recovery_files(folder) == []
            else:
                assert len(recovery_files(folder)) == 1


async def test_a_replay_that_crashed_is_set_aside_not_replayed(demo: Planner) -> None:
    """A file still named `.replaying-<pid>` (its restorer died) is never offered again."""
    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await pilot.press("ctrl+q")
    (kept,) = recovery_files(folder)
    dead_pid = 2**22 + 7  # above Linux's default pid_max: never a live process
    crashed = kept.with_name(f"{kept.name}.replaying-{dead_pid}")
    kept.rename(crashed)
    async with PlannerApp(Planner(demo.session.store, demo.session.library, demo.today)).run_test(
        size=SIZE
    ) as pilot:
        await pilot.pause()
        app = pilot.app
        assert not isinstance(app.screen, DraftsOfferScreen)
        messages = tui_support.notice_messages(app)
        assert any("could not be restored" in m and ".not-restored" in m for m in messages)
    (aside,) = recovery_files(folder)
    assert aside.name.endswith(".not-restored")
    assert "Rebuilt onboarding" in aside.read_text(encoding="utf-8")
    async with PlannerApp(Planner(demo.session.store, demo.session.library, demo.today)).run_test(
        size=SIZE
    ) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DraftsOfferScreen)
        assert not tui_support.notice_messages(pilot.app)


async def test_a_restore_that_crashes_is_not_repeated(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replay itself raises: the app ends, and the next start does not replay again."""
    from planner.tui.screens.stories import StoriesScreen

    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await pilot.press("ctrl+q")

    def explode(self: StoriesScreen, draft: object) -> bool:
        raise RuntimeError("replay bug")

    async def restore_and_crash() -> None:
        async with PlannerApp(
            Planner(demo.session.store, demo.session.library, demo.today)
        ).run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await workers_finished(pilot)

    monkeypatch.setattr(StoriesScreen, "reopen_draft", explode)
    with pytest.raises(WorkerFailed, match="replay bug"):
        await restore_and_crash()
    monkeypatch.undo()
    monkeypatch.setattr(TimedMockScreen, "CLOCK_SECONDS", None)
    async with PlannerApp(Planner(demo.session.store, demo.session.library, demo.today)).run_test(
        size=SIZE
    ) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DraftsOfferScreen)
    (aside,) = recovery_files(folder)
    assert aside.name.endswith(".not-restored")


async def test_research_note_and_timed_mock_come_back(demo: Planner) -> None:
    """A research note and a running timed mock are kept and reopened."""
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        item_id = next(iter(screen.items))  # type: ignore[attr-defined]
        screen.open_note(*screen.items[item_id])  # type: ignore[attr-defined]
        await pilot.pause()
        note = app.screen
        assert isinstance(note, ResearchNoteForm)
        note.query_one("#note", TextArea).load_text("Coursera Plus has ~10k courses")
        await app.switch_mode("mocks")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        timed = app.screen
        assert isinstance(timed, TimedMockScreen)
        timed.query_one("#timed-length", Input).value = "30"
        await pilot.press("space")
        timed.tick(9 * 60)
        await pilot.press("ctrl+q")
    kinds = sorted(
        d["kind"]
        for d in json.loads(app.drafts.kept.read_text(encoding="utf-8"))["drafts"]  # type: ignore[union-attr]
    )
    assert kinds == ["note", "timed"]
    async with PlannerApp(Planner(demo.session.store, demo.session.library, demo.today)).run_test(
        size=SIZE
    ) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await workers_finished(pilot)  # the restore
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MockForm))
        app2 = pilot.app
        assert app2.current_mode == "mocks"
        scoring = app2.screen
        assert isinstance(scoring, MockForm)
        assert scoring.form_title == "Score the timed mock"
        assert scoring.query_one("#minutes", Input).value == "9"
        research_stack = app2.get_screen_stack("research")
        note2 = research_stack[-1]
        assert isinstance(note2, ResearchNoteForm)
        assert note2.item.id == item_id
        assert note2.query_one("#note", TextArea).text == "Coursera Plus has ~10k courses"


async def test_a_hand_edited_recovery_file_cannot_inject(demo: Planner) -> None:
    """Escape sequences and markup in a recovery file arrive as plain, scrubbed text."""
    folder = demo.session.store.data_dir
    payload = {
        "format": 1,
        "pid": 2**22 + 9,
        "saved": "2026-11-25T09:00:00+00:00",
        "drafts": [
            {
                "mode": "stories",
                "kind": "story",
                "target": "",
                "title": "[@click=app.quit]x[/] \x1b]0;PWNED\x07",
                "fields": {"title": "T\x1b[2J", "situation": "[link=https://evil]s[/link]"},
            },
            "not a draft",
        ],
    }
    (folder / f"recovery-{2**22 + 9}.json").write_text(json.dumps(payload), encoding="utf-8")
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await pilot.pause()
        offer = pilot.app.screen
        assert isinstance(offer, DraftsOfferScreen)
        shown = offer.query_one("#drafts-list").render()
        assert "\x1b" not in str(shown)
        assert "[@click=app.quit]x[/]" in str(shown)
        await pilot.press("r")
        await workers_finished(pilot)  # the restore
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StoryEditor))
        editor = pilot.app.screen
        assert isinstance(editor, StoryEditor)
        assert editor.query_one("#title", Input).value == "T[2J"
        assert editor.query_one("#situation", TextArea).text == "[link=https://evil]s[/link]"


async def test_a_file_with_nothing_to_reopen_is_kept_aside(demo: Planner) -> None:
    """A recovery file of a newer format (no draft this version knows) is not deleted."""
    folder = demo.session.store.data_dir
    body = {"format": 9, "drafts": [{"mode": "future", "kind": 3}]}
    (folder / f"recovery-{2**22 + 21}.json").write_text(json.dumps(body), encoding="utf-8")
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, DraftsOfferScreen)
        assert any("no form this planner can reopen" in n.message for n in app.notices)
    (aside,) = recovery_files(folder)
    assert aside.name.endswith(".not-restored")
    assert json.loads(aside.read_text(encoding="utf-8")) == body


async def test_a_file_another_planner_restored_first_is_left_to_it(demo: Planner) -> None:
    """Two planners offered the same file: the one that restores second does not crash."""
    folder = demo.session.store.data_dir
    async with PlannerApp(demo).run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await pilot.press("ctrl+q")
    app = PlannerApp(Planner(demo.session.store, demo.session.library, demo.today))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsOfferScreen)
        (offered,) = recovery_files(folder)
        offered.rename(offered.with_name(f"{offered.name}.replaying-{os.getppid()}"))
        await pilot.press("r")
        await workers_finished(pilot)
        assert not isinstance(app.screen, StoryEditor)
    assert [p.name.split(".replaying-")[1] for p in recovery_files(folder)] == [str(os.getppid())]


async def test_a_restore_ends_once_every_form_it_reopens_is_open(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two forms come back: the restore keeps the text and drops the old file after both open.

    A form that reports open while the next one is still being reopened must not end the
    restore early (the old file would go while only part of its text was kept again).
    """
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await start_story(pilot)
        await app.switch_mode("mocks")
        await pilot.pause()
        await start_mock(pilot)
        await pilot.press("ctrl+q")
    finish = DraftKeeper._finish
    open_at_finish: list[int] = []

    def recorded(keeper: DraftKeeper) -> None:
        if keeper._restore is not None:
            open_at_finish.append(len(keeper.open_drafts()))
        finish(keeper)

    monkeypatch.setattr(DraftKeeper, "_finish", recorded)
    again = PlannerApp(Planner(demo.session.store, demo.session.library, demo.today))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await workers_finished(pilot)
        assert await wait_until(pilot, lambda: open_at_finish)
        await pilot.press("ctrl+q")  # forms closing with the app must not empty the file
    assert open_at_finish == [2]
    (kept,) = recovery_files(demo.session.store.data_dir)
    drafts = json.loads(kept.read_text(encoding="utf-8"))["drafts"]
    assert sorted(d["kind"] for d in drafts) == ["mock", "story"]


async def test_forms_closing_as_the_app_ends_do_not_empty_the_recovery_file(
    demo: Planner,
) -> None:
    """A quit keeps the text; the forms then close with the app and must not read as emptied.

    A form posts DraftEdited when it unmounts (a saved or cancelled form holds nothing any
    more); while the app ends, that message used to write an empty list and remove the file
    the quit had just written (seen under load, when the app still took messages).
    """
    folder = demo.session.store.data_dir
    app = PlannerApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await start_story(pilot)
        app.drafts.stop()  # what a quit or a stop signal does first
        app.pop_screen()  # the form closes, as it does while the app ends
        await pilot.pause()
        await workers_finished(pilot)
        (kept,) = recovery_files(folder)
        drafts = json.loads(kept.read_text(encoding="utf-8"))["drafts"]
        assert [d["kind"] for d in drafts] == ["story"]
