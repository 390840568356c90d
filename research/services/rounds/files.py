"""Reading a spreadsheet of rounds (CSV or XLSX) into text cells, with each row's line number.

Nothing is interpreted here: every cell stays the text a person would see, so the
importer can name the exact line and column of anything wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from research.adapters.table_files import open_table
from research.domain.errors import InvalidInput, Problem
from research.domain.sheet_text import unmarked


@dataclass(frozen=True)
class RoundTable:
    """The cells of a file as text; `lines[i]` is where row i starts in the file."""

    filename: str
    headers: tuple[str, ...]
    frame: pd.DataFrame
    lines: tuple[int, ...]
    line_word: str = "line"
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        return len(self.frame)


def read_round_file(data: bytes, filename: str, header_row: int | None = None) -> RoundTable:
    """Read through the one table reader (research/adapters/table_files.py): delimiters, encodings,
    header rows, merged cells and formulas without saved values are handled there."""
    name = filename.lower()
    if name.endswith(".xls"):
        raise InvalidInput(Problem(filename, "is an old Excel file: save it as .xlsx or .csv and try again"))
    if not name.endswith((".csv", ".txt", ".xlsx")):
        raise InvalidInput(Problem(filename, "is not a .csv or .xlsx file"))
    try:
        table = open_table(filename, data, header_row, kind="xlsx" if name.endswith(".xlsx") else "csv")
    except InvalidInput as exc:
        raise InvalidInput([_spaced(p, filename) for p in exc.problems]) from None
    word = table.line_word
    headers = _headers(table.titles, filename, f"{word} ?")
    if headers is None:
        raise InvalidInput(Problem(filename, "is empty: it needs a header row and at least one round"))
    rows: list[list[Any]] = []
    lines: list[int] = []
    for where, cells in table.raw():
        text = [_text(c, word) for c in cells]
        rows.append(_fit(text, len(headers), filename, where))
        lines.append(int(where.split(" ", 1)[1]))
    return _table(filename, headers, rows, lines, word, table.notes)


def _text(value: object, word: str) -> str:
    if isinstance(value, str):
        return unmarked(value).strip() if word == "row" else unmarked(value)
    return _cell(value)


def _spaced(problem: Problem, filename: str) -> Problem:
    """'x.csv, line 3' as the rounds importer writes it: 'x.csv line 3'."""
    return Problem(problem.where.replace(f"{filename}, ", f"{filename} ", 1), problem.reason)


def _headers(record: Sequence[object], filename: str, where: str) -> tuple[str, ...] | None:
    headers = [str(h).strip() if h is not None else "" for h in record]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        return None
    headers = [h or f"(column {i + 1})" for i, h in enumerate(headers)]
    seen = set()
    for header in headers:
        if header.lower() in seen:
            raise InvalidInput(Problem(f"{filename} {where}", f"the column {header!r} appears twice"))
        seen.add(header.lower())
    return tuple(headers)


def _fit(record: list[str], width: int, filename: str, where: str) -> list[str]:
    if len(record) > width:
        if any(cell.strip() for cell in record[width:]):
            raise InvalidInput(
                Problem(f"{filename} {where}", f"has {len(record)} cells but the header names only {width} columns")
            )
        return record[:width]
    return record + [""] * (width - len(record))


def _table(
    filename: str,
    headers: tuple[str, ...] | None,
    rows: list[list[Any]],
    lines: list[int],
    word: str,
    notes: list[str] | None = None,
) -> RoundTable:
    if headers is None:
        raise InvalidInput(Problem(filename, "is empty: it needs a header row and at least one round"))
    if not rows:
        raise InvalidInput(Problem(filename, "has a header row but no rounds under it"))
    frame = pd.DataFrame(rows, columns=list(headers), dtype=object)
    return RoundTable(filename, tuple(headers), frame, tuple(lines), word, tuple(notes or ()))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
