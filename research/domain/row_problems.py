"""Problems found in the rows of a file, and the same problem on many rows told once.

"379 rows (lines 2, 3, 4, 5, 6 …), column 'Currency': no exchange rate for GBP from 2001-03-26"
instead of 379 lines saying so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from research.domain.date_values import AmbiguousDate
from research.domain.errors import Problem

SHOWN_ROWS = 5

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem on one row; `group` is the reason shared by every row with it (when `reason` names a value)."""

    row: str = ""
    column: str = ""
    group: str = ""

    @property
    def shared(self) -> str:
        return self.group or self.reason


def row_problem(file: str, row: str, column: str, reason: str, group: str = "") -> RowProblem:
    where = f"{file}, {row}, column {column!r}" if column else f"{file}, {row}"
    return RowProblem(where, reason, row, column, group)


def grouped(file: str, problems: Iterable[Problem]) -> list[str]:
    """One line per distinct problem; a problem on several rows says how many and the first few."""
    groups: dict[tuple[str, str], list[RowProblem]] = {}
    lines: list[str] = []
    order: list[tuple[str, str] | str] = []
    for problem in problems:
        if isinstance(problem, RowProblem) and problem.row:
            key = (problem.column, problem.shared)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(problem)
        else:
            order.append(str(problem))
    for item in order:
        if isinstance(item, str):
            lines.append(item)
            continue
        members = groups[item]
        if len(members) == 1:
            lines.append(str(members[0]))
            continue
        column, reason = item
        rows = _rows([m.row for m in members])
        on_column = f", column {column!r}" if column else ""
        lines.append(f"{file}, {len(members):,} rows ({rows}){on_column}: {reason}")
    return lines


def _rows(wheres: list[str]) -> str:
    """'lines 2, 3, 4, 5, 6 and 374 more' from ['line 2', ...]."""
    unique = list(dict.fromkeys(wheres))
    words = {w.split(" ", 1)[0] for w in unique}
    if len(words) == 1 and all(" " in w for w in unique):
        word = next(iter(words))
        shown = ", ".join(w.split(" ", 1)[1] for w in unique[:SHOWN_ROWS])
        text = f"{word}s {shown}"
    else:
        text = ", ".join(unique[:SHOWN_ROWS])
    more = len(unique) - SHOWN_ROWS
    return f"{text} and {more:,} more" if more > 0 else text


@dataclass
class CheckedRows(Generic[RowT]):
    """What checking a file's rows found: the good rows, the problems, and what the bad-rows file needs."""

    rows: list[RowT] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad: dict[str, str] = field(default_factory=dict)  # where -> reasons, for the bad-rows file
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (row, the earlier row it repeats)
    ambiguous: list[AmbiguousDate] = field(default_factory=list)  # dates the other day/month order reads apart
    read: int = 0
