"""Finding a sheet's column titles: not always on row 1 (a title and a blank row above), sometimes over two rows.

A two-row header is a row of group headings (often merged over their columns: 'Recipient Org')
above the column names ('Name', 'City'); each column is titled by both ('Recipient Org Name').
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from research.domain.ledger_values import is_blank


@dataclass(frozen=True)
class Header:
    titles: list[str]
    first_row: int  # 1-based
    rows: int  # 1 or 2


def _filled(row: list[Any]) -> list[int]:
    return [i for i, c in enumerate(row) if not is_blank(c)]


def _texts_only(row: list[Any]) -> bool:
    cells = [row[i] for i in _filled(row)]
    return bool(cells) and all(isinstance(c, str) and not _looks_numeric(c) for c in cells)


def _titles_like(row: list[Any]) -> bool:
    """Text only, and not one title merged across the sheet ('Grants awarded 2019')."""
    distinct = {str(row[i]).strip() for i in _filled(row)}
    return _texts_only(row) and (len(distinct) > 1 or len(_filled(row)) == 1)


def _looks_numeric(text: str) -> bool:
    cleaned = text.strip().replace(",", "").replace(" ", "").lstrip("$£€-")
    return cleaned.replace(".", "", 1).isdigit()


def header_titles(rows: list[list[Any]], spanning_rows: set[int], chosen: int | None = None) -> Header:
    """The titles from the first rows of a sheet (merged cells already filled in).

    `chosen`: the 1-based row the titles start on; otherwise the first row at least half as full as
    the widest of these rows, holding text only.
    """
    widest = max((len(_filled(r)) for r in rows), default=0)
    if chosen is not None:
        start = chosen
    else:
        start = next(
            (
                n
                for n, r in enumerate(rows, start=1)
                if len(_filled(r)) >= max(1, (widest + 1) // 2) and _titles_like(r)
            ),
            next((n for n, r in enumerate(rows, start=1) if _filled(r)), 1),
        )
    top = rows[start - 1]
    below = rows[start] if start < len(rows) else []
    if _second_header_row(top, below, start in spanning_rows):
        width = max(len(top), len(below))
        titles = [_join(_cell(top, i), _cell(below, i)) for i in range(width)]
        return Header(_trimmed(titles), start, 2)
    return Header(_trimmed([_cell(top, i) for i in range(len(top))]), start, 1)


def _second_header_row(top: list[Any], below: list[Any], top_spans: bool) -> bool:
    """Column names under group headings: text only, filled where the group row has gaps or merges."""
    if not _texts_only(below) or not _titles_like(top) or len(_filled(below)) < 2:
        return False
    gaps = [i for i in _filled(below) if i >= len(top) or is_blank(top[i])]
    return top_spans or bool(gaps)


def _cell(row: list[Any], i: int) -> str:
    value = row[i] if i < len(row) else None
    if is_blank(value):
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _join(top: str, below: str) -> str:
    if not top or top == below:
        return below
    return f"{top} {below}".strip() if below else top


def _trimmed(titles: list[str]) -> list[str]:
    while titles and not titles[-1]:
        titles.pop()
    return titles
