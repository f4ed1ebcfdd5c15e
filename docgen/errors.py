"""Exceptions that docgen raises, each with a message meant for the user.

The CLI maps every :class:`DocgenError` to its message and an exit status; anything
else is a bug and is reported as such.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as known.

    ``line`` is 1-based; ``None`` when the problem has no single line (a missing file).
    ``field`` is a dotted path such as ``noi_dung[2].tieu_de``; empty for the whole file.
    ``message`` is in Vietnamese, for the user. A value read from a spreadsheet is located
    as ``file:sheet`` (``file``), row (``line``) and ``column``: ``ds.xlsx:Sheet1:12:C``.
    """

    file: str
    line: int | None
    field: str
    message: str
    column: str | None = None
    """The spreadsheet column ("C") when the value came from a table, else None."""
    unusable: bool = dataclasses.field(default=False, compare=False)
    """True when a file could not be read at all (missing, not a regular file, unreadable,
    over the size limit): unusable input, for which a command exits with status 2, not 1."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DocgenError(Exception):
    """Base class of the errors docgen reports to the user without a traceback."""

    exit_code = 1


class InputError(DocgenError):
    """The input data is invalid; ``problems`` lists every problem found, sorted.

    ``exit_code`` is 2 when a file could not be read at all (see :attr:`Problem.unusable`),
    else 1: a script can tell "fix the data" from "give docgen a file it can read".
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_sort_key)
        self.exit_code = exit_code_of(self.problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnusableInputError(DocgenError):
    """An input named on the command line is not there or cannot be read (status 2)."""

    exit_code = 2


def exit_code_of(problems: Iterable[Problem]) -> int:
    """Return the exit status for ``problems``: 2 when one is unusable input, else 1."""
    return 2 if any(problem.unusable for problem in problems) else 1


class TemplateError(DocgenError):
    """A template is missing, unreadable, or fails to render with valid data."""


class OutputError(DocgenError):
    """The output file could not be written."""


def _problem_sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.field, problem.message)


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # not below; or a symbolic-link loop
        return str(path)
