"""Cells a spreadsheet will not run: text that starts like a formula is written as text (OWASP CSV injection).

Every CSV and XLSX writer goes through here. A CSV cell that starts with = + - @ tab or carriage
return gets a leading apostrophe (Excel and LibreOffice then show it as text); an XLSX cell keeps
its exact text but is stored as a string, never as a formula. Plain numbers ("-5.50", "-12%") are
left alone, so amounts stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from research.domain.sheet_text import marked


def safe_text(value: Any) -> Any:
    """The value, with an apostrophe in front when it is text a spreadsheet would read as a formula."""
    return marked(value)


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_text(v) for v in values]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so Excel shows macrons), every text cell made safe."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_text)
    safe.columns = safe_row(str(c) for c in safe.columns)
    # \r\n endings make the csv module quote a cell holding a lone \r, so it cannot split a row.
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def no_formulas(sheet: Worksheet) -> None:
    """Store every cell openpyxl took for a formula (text starting with '=') as plain text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
