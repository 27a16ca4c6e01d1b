"""The app's commands: one declaration drives the key, the footer, the help and the palette."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    """An app-wide action with its key (if any), its footer label and its palette entry."""

    id: str
    """Stable id, also the binding id (so user keymaps can rebind it)."""
    title: str
    """What the palette lists and the footer shows."""
    help: str
    """One sentence for the palette and the help screen."""
    action: str
    """The app action it runs, e.g. `switch_mode('today')`."""
    key: str | None = None
    """The key bound to it, or None for a palette-only command."""
    footer: str = ""
    """A shorter footer label (defaults to the title)."""
    group: Binding.Group | None = None
    """Footer group: the screen keys share one label so they fit in 80 columns."""
    palette: bool = True
    """Whether the palette lists it (Textual's own palette entries already cover quitting)."""
    show: bool = True
    """Whether the footer shows it (the screen keys are listed by `g` and help instead)."""

    def binding(self) -> Binding:
        """The key binding declared for this command."""
        assert self.key is not None
        return Binding(
            self.key,
            self.action,
            self.footer or self.title,
            id=self.id,
            tooltip=f"{self.title}: {self.help}",
            group=self.group,
            show=self.show,
        )


SCREENS: tuple[tuple[str, str, str, str], ...] = (
    ("dashboard", "d", "Dashboard", "Days to the onsite, readiness per round and the top gaps"),
    ("today", "t", "Today", "Today's tasks and overdue ones; tick them off"),
    ("plan", "p", "Plan", "The plan as a calendar, week by week"),
    ("mocks", "m", "Mocks", "Logged mock interviews, scores and trend"),
    ("research", "e", "Research", "Company research items"),
    ("stories", "s", "Stories", "STAR stories, lint and competency coverage"),
    ("questions", "k", "Questions", "Questions due for practice"),
)
"""Each mode: id, key, title and what it shows."""

COMMANDS: tuple[Command, ...] = (
    *(
        Command(f"mode.{mode}", title, what, f"switch_mode('{mode}')", key, show=False)
        for mode, key, title, what in SCREENS
    ),
    Command(
        "app.screens",
        "Screens",
        "Go to a screen: each by name with its key; Enter or the key opens it",
        "pick_screen",
        "g",
    ),
    Command(
        "mocks.log", "Log a mock", "Open the mocks screen to record a mock's scores", "log_mock"
    ),
    Command(
        "plan.replan",
        "Replan",
        "Move unfinished past tasks into free time from today on",
        "replan",
    ),
    Command(
        "plan.new",
        "Start a new plan",
        "Build the plan again from a new onsite date, hours or rest days (trackers are kept)",
        "new_plan",
    ),
    Command(
        "plan.export_md",
        "Export plan as Markdown",
        "Write the plan as a Markdown checklist into the data folder",
        "export('md')",
    ),
    Command(
        "plan.export_ics",
        "Export plan as calendar (ICS)",
        "Write the plan as an .ics calendar into the data folder",
        "export('ics')",
    ),
    Command(
        "report.check",
        "Check readiness",
        "Before the onsite: verdict, days left, top gaps and the days that remain",
        "check",
    ),
    Command(
        "app.help", "Help", "Every key of this screen and everywhere", "help", "question_mark,f1"
    ),
    Command(
        "app.quit",
        "Quit",
        "Leave the planner (everything is saved as you go)",
        "quit",
        "q",
        palette=False,
    ),
)
"""Every app-wide command, in palette order."""


def app_bindings() -> list[BindingType]:
    """The bindings of every command that has a key."""
    return [c.binding() for c in COMMANDS if c.key is not None]


class PlannerCommands(Provider):
    """Palette entries for every screen and the main actions, then Textual's own (theme, quit).

    The planner's entries wait until a plan exists; listing Textual's entries here too keeps
    the planner's first in the palette.
    """

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        from planner.tui.app import PlannerApp  # the app imports this module

        ready = isinstance(self.app, PlannerApp) and self.app.ready
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (c.title, self._help(c), partial(self.app.run_action, c.action))
            for c in COMMANDS
            if c.palette and (ready or c.id == "app.help")
        ]
        entries += [
            (s.title, s.help, s.callback)
            for s in self.app.get_system_commands(self.screen)
            if s.discover
        ]
        return entries

    def _help(self, command: Command) -> str:
        if command.key is None:
            return command.help
        key = self.app.get_key_display(command.binding())
        return f"{command.help} (key: {key})"

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for title, text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=text)

    async def search(self, query: str) -> Hits:
        """Commands whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=text)
