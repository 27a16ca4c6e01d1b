"""Use cases shared by the command line and the TUI."""

from planner.content.library import ContentLibrary
from planner.service.calendar import parse_weekdays
from planner.service.core import MockLogged, Planner, TodayView

__all__ = ["ContentLibrary", "MockLogged", "Planner", "TodayView", "parse_weekdays"]
