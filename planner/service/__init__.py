"""Use cases shared by the command line and the TUI."""

from planner.service.calendar import parse_weekdays
from planner.service.core import MockLogged, Planner, TodayView
from planner.service.library import ContentLibrary

__all__ = ["ContentLibrary", "MockLogged", "Planner", "TodayView", "parse_weekdays"]
