"""What openpyxl's read-only mode does not tell: a sheet's merged ranges and its formulas with no saved value.

One streaming pass over the sheet's XML (only when the XML holds formulas or merges at all), so a
formula whose value Excel never saved is refused by cell instead of read as an empty cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from lxml.etree import iterparse  # python-docx's own XML parser; entities are not resolved
from openpyxl.utils.cell import range_boundaries

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHOWN_CELLS = 20
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Merged:
    """A merged range, 1-based rows and 0-based columns as the row tuples index them."""

    row1: int
    col1: int
    row2: int
    col2: int

    def cells(self) -> Iterator[tuple[int, int]]:
        for row in range(self.row1, self.row2 + 1):
            for col in range(self.col1, self.col2 + 1):
                if (row, col) != (self.row1, self.col1):
                    yield row, col


@dataclass
class FormulaCells:
    cells: list[str] = field(default_factory=list)  # the first few, e.g. 'C7'
    count: int = 0


@dataclass
class SheetScan:
    merged: list[Merged] = field(default_factory=list)
    formulas: FormulaCells = field(default_factory=FormulaCells)

    def merged_starting(self, row: int) -> list[Merged]:
        return [m for m in self.merged if m.row1 == row]

    def merged_rows_spanning(self) -> set[int]:
        """Rows where a range merges cells side by side (a heading over several columns)."""
        return {m.row1 for m in self.merged if m.col2 > m.col1}


def scan_sheet(content: bytes, path: str) -> SheetScan:
    scan = SheetScan()
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        name = path.lstrip("/")
        has_formula = False
        tail = b""
        with book.open(name) as xml:
            while chunk := xml.read(_CHUNK):
                window = tail + chunk
                has_formula = has_formula or b"<f>" in window or b"<f " in window or b":f>" in window
                for ref in _MERGE.findall(window[max(0, len(tail) - 200) if tail else 0 :]):
                    _add_merge(scan, ref.decode())
                tail = window[-200:]
        if has_formula:
            with book.open(name) as xml:
                _formulas(xml, scan.formulas)
    scan.merged = sorted(set(scan.merged), key=lambda m: (m.row1, m.col1))
    return scan


def _add_merge(scan: SheetScan, ref: str) -> None:
    col1, row1, col2, row2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    if col1 is not None and row1 is not None and col2 is not None and row2 is not None:
        scan.merged.append(Merged(row1, col1 - 1, row2, col2 - 1))


def _formulas(xml: IO[bytes], found: FormulaCells) -> None:
    """Cells with a formula and no cached value (an empty value is a value only for text results)."""
    cells = iterparse(xml, events=("end",), tag=f"{MAIN}c", resolve_entities=False, no_network=True)
    for _event, element in cells:
        formula = element.find(f"{MAIN}f")
        if formula is not None:
            value = element.find(f"{MAIN}v")
            text_result = element.get("t") in ("str", "inlineStr")
            if value is None or (not value.text and not text_result):
                found.count += 1
                if len(found.cells) < SHOWN_CELLS:
                    found.cells.append(element.get("r") or "?")
        element.clear()
        while element.getprevious() is not None:  # the cells already read: memory stays flat
            del element.getparent()[0]
