"""Reading a spreadsheet of rounds (CSV or XLSX) into text cells, with each row's line number.

Nothing is interpreted here: every cell stays the text a person would see, so the
importer can name the exact line and column of anything wrong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from research.adapters.damaged_files import DAMAGED
from research.adapters.table_files import sheet_lines
from research.domain.errors import InvalidInput, Problem
from research.domain.nul_text import check_text_file
from research.domain.sheet_text import unmarked
from research.domain.upload_limits import check_row_count, check_upload

DELIMITERS = ",;\t"


@dataclass(frozen=True)
class RoundTable:
    """The cells of a file as text; `lines[i]` is where row i starts in the file."""

    filename: str
    headers: tuple[str, ...]
    frame: pd.DataFrame
    lines: tuple[int, ...]
    line_word: str = "line"

    @property
    def rows(self) -> int:
        return len(self.frame)


def read_round_file(data: bytes, filename: str) -> RoundTable:
    check_upload(data, filename)
    name = filename.lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data, filename)
    if name.endswith(".xlsx"):
        return _read_xlsx(data, filename)
    if name.endswith(".xls"):
        raise InvalidInput(Problem(filename, "is an old Excel file: save it as .xlsx or .csv and try again"))
    raise InvalidInput(Problem(filename, "is not a .csv or .xlsx file"))


def _decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(Problem(filename, "is not text in UTF-8 or Windows-1252: save it as CSV (UTF-8)"))


def _read_csv(data: bytes, filename: str) -> RoundTable:
    text = _decode(data, filename)
    check_text_file(text, filename)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Any]] = []
    lines: list[int] = []
    headers: tuple[str, ...] | None = None
    start = 1
    try:
        for record in reader:
            if headers is None:
                if any(cell.strip() for cell in record):
                    headers = _headers(record, filename, f"line {start}")
            elif any(cell.strip() for cell in record):
                rows.append(_fit([unmarked(c) for c in record], len(headers), filename, f"line {start}"))
                lines.append(start)
            start = reader.line_num + 1
            check_row_count(len(rows), filename)
    except csv.Error as exc:
        raise InvalidInput(Problem(f"{filename} line {reader.line_num}", f"cannot be read as CSV ({exc})")) from None
    return _table(filename, headers, rows, lines, "line")


def _headers(record: Sequence[object], filename: str, where: str) -> tuple[str, ...]:
    headers = [str(h).strip() if h is not None else "" for h in record]
    while headers and not headers[-1]:
        headers.pop()
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
    filename: str, headers: tuple[str, ...] | None, rows: list[list[Any]], lines: list[int], word: str
) -> RoundTable:
    if headers is None:
        raise InvalidInput(Problem(filename, "is empty: it needs a header row and at least one round"))
    if not rows:
        raise InvalidInput(Problem(filename, "has a header row but no rounds under it"))
    frame = pd.DataFrame(rows, columns=list(headers), dtype=object)
    return RoundTable(filename, tuple(headers), frame, tuple(lines), word)


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


def _read_xlsx(data: bytes, filename: str) -> RoundTable:
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return _workbook_table(data, filename)
    except (*DAMAGED, InvalidFileException, ValueError):  # openpyxl: ValueError "Unable to read workbook"
        raise InvalidInput(Problem(filename, "is not an Excel workbook (.xlsx) that can be opened")) from None


def _workbook_table(data: bytes, filename: str) -> RoundTable:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not book.worksheets:
            raise InvalidInput(Problem(filename, "has no worksheet to read"))
        sheet = book["Rounds"] if "Rounds" in book.sheetnames else book.worksheets[0]
        rows: list[list[Any]] = []
        lines: list[int] = []
        headers: tuple[str, ...] | None = None
        for number, record in enumerate(sheet_lines(sheet), start=1):
            cells = [_cell(v) for v in record]
            if not any(cells):
                continue
            if headers is None:
                headers = _headers(cells, filename, f"row {number}")
                continue
            rows.append(_fit(cells, len(headers), filename, f"row {number}"))
            lines.append(number)
            check_row_count(len(rows), filename)
    finally:
        book.close()
    return _table(filename, headers, rows, lines, "row")
