"""Errors the front ends show to the user, and the CLI exit code of each."""

from __future__ import annotations

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4
"""The command's output could not be written (stdout full, or not able to take it); a
change the command made was saved all the same, and the message names it."""


class InputError(ValueError):
    """Bad input from the user: one line explains it and nothing is written.

    `field` names the input that is wrong (a field of the service's input dataclasses, such
    as `onsite` or `minutes`), so a form shows the message under that field; "" when the
    message is about the request as a whole.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NoPlanError(InputError):
    """The command needs a plan and there is none yet."""

    def __init__(self) -> None:
        super().__init__("no plan yet: run `planner init --seniority S --onsite DATE` first")


def exit_code(error: BaseException) -> int:
    """The exit code for an error raised by a command."""
    # Imported here so that importing this module stays cheap for the CLI's start-up.
    # Content errors are recognised by their `bad_input` mark, not imported: storage imports
    # this module, and storage and content must not reach each other (import-linter layers).
    from planner.domain.schedule import PlanError
    from planner.storage.errors import CorruptDatabase

    if isinstance(error, InputError | PlanError) or getattr(error, "bad_input", False):
        return EXIT_USAGE
    if isinstance(error, CorruptDatabase):
        return EXIT_DATA
    return EXIT_UNEXPECTED
