"""Text a spreadsheet would run as a formula, and the apostrophe our CSV files put before it.

Exports (research/export/safe_cells.py) write such text with a leading apostrophe; readers take
it off again, so an exported file imports back unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def unmarked(cell: str) -> str:
    """The cell without the apostrophe an export put before formula-like text."""
    if cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
