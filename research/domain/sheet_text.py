"""Text a spreadsheet would run as a formula, and the apostrophe our CSV files put before it.

Exports (research/export/safe_cells.py) write such text with a leading apostrophe; readers take
it off again, so an exported file imports back unchanged.
"""

from __future__ import annotations

import re
from typing import Any

_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?%?")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def unmarked(cell: str) -> str:
    """The cell without the apostrophe an export put before formula-like text."""
    if cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def marked(value: Any) -> Any:
    """The value, with an apostrophe in front when it is text a spreadsheet would read as a formula.

    Plain numbers ("-5.50", "-12%") are left alone, so amounts stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return TEXT_MARK + value
    return value


def _is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and _PLAIN_NUMBER.fullmatch(text) is not None
