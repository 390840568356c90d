"""Reading an uploaded table (CSV, XLSX, or 360Giving JSON) into titled rows that know their line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from research.adapters.damaged_files import DAMAGED
from research.domain.award_rows import SourceRow
from research.domain.errors import InvalidInput, Problem
from research.domain.giving360 import flatten_grant
from research.domain.ledger_values import is_blank
from research.domain.nesting import check_nesting, too_deep
from research.domain.nul_text import check_text_file, nul_paths, refuse_nul
from research.domain.sheet_text import unmarked
from research.domain.upload_limits import check_row_count, check_upload

FORMATS = ("csv", "xlsx", "json")
JSON_NESTS = "lists or objects"


def read_table(filename: str, content: bytes) -> tuple[list[str], list[SourceRow]]:
    """Column titles and the non-blank rows; refuses files it cannot read, naming the file."""
    check_upload(content, filename)
    kind = PurePath(filename).suffix.lower().lstrip(".")
    readers = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}
    if kind not in readers:
        raise InvalidInput(
            Problem(filename, f"is a .{kind or '?'} file; use one of: " + ", ".join(f".{f}" for f in FORMATS))
        )
    try:
        return readers[kind](content, filename)
    except ValueError as exc:
        raise InvalidInput(Problem(filename, str(exc))) from None


def _read_csv(content: bytes, filename: str) -> tuple[list[str], list[SourceRow]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8") from None
    check_text_file(text, filename)
    reader = csv.reader(io.StringIO(text, newline=""))
    titles = [t.strip() for t in next(reader, [])]
    if not any(titles):
        raise ValueError("is empty: the first line should hold the column titles")
    rows: list[SourceRow] = []
    for cells in reader:
        if all(is_blank(c) for c in cells):
            continue
        check_row_count(len(rows) + 1, filename)
        if len(cells) > len(titles):
            raise ValueError(
                f"line {reader.line_num} has {len(cells)} cells but there are only {len(titles)} column titles"
            )
        rows.append(SourceRow(f"line {reader.line_num}", dict(zip(titles, map(unmarked, cells), strict=False))))
    return titles, rows


def _read_xlsx(content: bytes, filename: str) -> tuple[list[str], list[SourceRow]]:
    try:
        return _workbook_rows(content, filename)
    except (*DAMAGED, InvalidFileException) as exc:
        raise ValueError(f"is not an Excel workbook that can be read ({type(exc).__name__})") from None


def _workbook_rows(content: bytes, filename: str) -> tuple[list[str], list[SourceRow]]:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    if not book.worksheets:
        raise ValueError("has no worksheet to read")
    sheet = next((book[n] for n in book.sheetnames if n.strip().lower() == "grants"), book.worksheets[0])
    lines = sheet_lines(sheet)
    titles = [str(t).strip() if t is not None else "" for t in next(lines, ())]
    if not any(titles):
        raise ValueError(f"sheet {sheet.title!r} is empty: its first row should hold the column titles")
    rows: list[SourceRow] = []
    for number, cells in enumerate(lines, start=2):
        if all(is_blank(c) for c in cells):
            continue
        check_row_count(len(rows) + 1, filename)
        values = {title: value for title, value in zip(titles, cells, strict=False) if title}
        rows.append(SourceRow(f"row {number}", values))
    book.close()
    return titles, rows


def sheet_lines(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """Every row's values, however many the sheet's stored <dimension> claims (read-only mode trusts it)."""
    sheet.reset_dimensions()
    return sheet.iter_rows(values_only=True)


def _read_json(content: bytes, filename: str) -> tuple[list[str], list[SourceRow]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"is not valid JSON ({exc})") from None
    except RecursionError:
        raise too_deep(filename, JSON_NESTS) from None
    check_nesting(data, filename, JSON_NESTS)
    grants = data.get("grants") if isinstance(data, dict) else None
    if not isinstance(grants, list):
        raise ValueError('is not a 360Giving file: expected {"grants": [...]}')
    titles: dict[str, None] = {}
    rows = []
    for number, grant in enumerate(grants, start=1):
        check_row_count(number, filename)
        if not isinstance(grant, dict):
            raise ValueError(f"grant {number} is not an object")
        flat = flatten_grant(grant)
        titles.update(dict.fromkeys(flat))
        rows.append(SourceRow(f"grant {number}", flat))
    refuse_nul(filename, [f"grant {n}" for n, grant in enumerate(grants, start=1) if nul_paths(grant)])
    return list(titles), rows
