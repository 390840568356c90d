"""Reading an uploaded table (CSV, XLSX, or 360Giving JSON) into titled rows that know their line.

Every importer reads through here: CSV in UTF-8 (with or without a BOM) or Windows-1252, with
its delimiter (comma, semicolon, tab) detected; XLSX with its header found (or chosen) even when
it is not on row 1 or spans two rows, merged cells filled in, and formulas without a saved value
refused by cell; 360Giving JSON flattened to the standard's column titles.

`open_table` reads the titles; `Table.rows(columns)` then streams the rows keeping only the columns
an importer maps, so a 50,000-row file with fifty columns is never held whole as dictionaries.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from research.adapters.damaged_files import DAMAGED
from research.adapters.sheet_scan import FormulaCells, SheetScan, scan_sheet
from research.domain.award_rows import SourceRow
from research.domain.errors import InvalidInput, Problem
from research.domain.giving360 import flatten_grant
from research.domain.header_rows import header_titles
from research.domain.ledger_values import is_blank
from research.domain.nesting import check_nesting, too_deep
from research.domain.nul_text import check_text_file, nul_paths, refuse_nul
from research.domain.sheet_text import marked, unmarked
from research.domain.upload_limits import check_row_count, check_upload

FORMATS = ("csv", "xlsx", "json")
JSON_NESTS = "lists or objects"
DELIMITERS = ",;\t"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
HEADER_SCAN_ROWS = 30


@dataclass
class Table:
    """A file's column titles, and a way to read its rows (as often as needed: once to check, once for bad rows)."""

    filename: str
    titles: list[str]
    _rows: Callable[[], Iterator[tuple[str, list[Any]]]]
    line_word: str = "line"
    notes: list[str] = field(default_factory=list)

    def raw(self) -> Iterator[tuple[str, list[Any]]]:
        """Where each non-blank row is and all its cells, as read."""
        count = 0
        for where, cells in self._rows():
            if all(is_blank(c) for c in cells):
                continue
            count += 1
            check_row_count(count, self.filename)
            yield where, cells

    def rows(self, columns: Collection[str] | None = None) -> Iterator[SourceRow]:
        """Non-blank rows with the cells of `columns` (all when None); `digest` identifies the whole row."""
        wanted = [(i, t) for i, t in enumerate(self.titles) if t and (columns is None or t in columns)]
        for where, cells in self.raw():
            if len(cells) > len(self.titles) and any(not is_blank(c) for c in cells[len(self.titles) :]):
                raise InvalidInput(
                    Problem(
                        f"{self.filename}, {where}",
                        f"has {len(cells)} cells but there are only {len(self.titles)} column titles",
                    )
                )
            values = {title: cells[i] if i < len(cells) else None for i, title in wanted}
            yield SourceRow(where, values, hash(tuple(_digestible(c) for c in cells[: len(self.titles)])))


def _digestible(cell: Any) -> Any:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    return repr(cell) if isinstance(cell, list | dict) else cell


def open_table(filename: str, content: bytes, header_row: int | None = None, kind: str | None = None) -> Table:
    """The file's titles and a reader of its rows; refuses files it cannot read, naming the file.

    `header_row`: the (1-based) line or row holding the column titles, instead of finding it.
    `kind`: read as this format whatever the file's name says (csv, xlsx, json).
    """
    check_upload(content, filename)
    kind = kind or PurePath(filename).suffix.lower().lstrip(".")
    readers = {"csv": _open_csv, "xlsx": _open_xlsx, "json": _open_json}
    if kind == "xls":
        raise InvalidInput(Problem(filename, "is an old Excel file: save it as .xlsx or .csv and try again"))
    if kind not in readers:
        raise InvalidInput(
            Problem(filename, f"is a .{kind or '?'} file; use one of: " + ", ".join(f".{f}" for f in FORMATS))
        )
    try:
        return readers[kind](content, filename, header_row)
    except ValueError as exc:
        raise InvalidInput(Problem(filename, str(exc))) from None


def read_table(filename: str, content: bytes, header_row: int | None = None) -> tuple[list[str], list[SourceRow]]:
    """Column titles and every non-blank row with all its cells (for small files and tests)."""
    table = open_table(filename, content, header_row)
    return table.titles, list(table.rows())


# -- CSV -------------------------------------------------------------------------------------


def decode_text(content: bytes, filename: str) -> str:
    """UTF-8 (a BOM is dropped) or Windows-1252; checked for NUL characters."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("is not UTF-8 text (it starts like UTF-16): save it as CSV UTF-8 and try again")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five bytes undefined
        raise ValueError("is not text in UTF-8 or Windows-1252: save it as CSV (UTF-8)")
    check_text_file(text, filename)
    return text


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the first lines into the same number of cells."""
    sample = text[:16384]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _open_csv(content: bytes, filename: str, header_row: int | None) -> Table:
    text = decode_text(content, filename)
    delimiter = sniff_delimiter(text)

    def records() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        start = 1
        try:
            for record in reader:
                yield start, record  # the line the row starts on, though a quoted cell may span lines
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InvalidInput(
                Problem(f"{filename}, line {reader.line_num}", f"cannot be read as CSV ({exc})")
            ) from None

    titles: list[str] | None = None
    header_line = 0
    for line, record in records():
        if header_row is not None and line < header_row:
            continue
        if any(cell.strip() for cell in record):
            titles, header_line = [t.strip() for t in record], line
            break
    if titles is None or not any(titles):
        raise ValueError("is empty: the first line should hold the column titles")
    while titles and not titles[-1]:
        titles.pop()

    def rows() -> Iterator[tuple[str, list[Any]]]:
        for line, record in records():
            if line > header_line:
                yield f"line {line}", [unmarked(c) for c in record]

    notes = [f"Read as {DELIMITER_NAMES[delimiter]}-separated values."] if delimiter != "," else []
    return Table(filename, _unique(titles, filename, f"line {header_line}"), rows, "line", notes)


def _unique(titles: list[str], filename: str, where: str) -> list[str]:
    seen: set[str] = set()
    for title in titles:
        if title and title.lower() in seen:
            raise InvalidInput(Problem(f"{filename}, {where}", f"the column {title!r} appears twice"))
        seen.add(title.lower())
    return titles


# -- XLSX ------------------------------------------------------------------------------------


def _open_xlsx(content: bytes, filename: str, header_row: int | None) -> Table:
    try:
        return _workbook_table(content, filename, header_row)
    except (*DAMAGED, InvalidFileException, KeyError) as exc:
        raise ValueError(f"is not an Excel workbook that can be read ({type(exc).__name__})") from None


def _load(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content), read_only=True, data_only=True)


def pick_sheet(book: Any, preferred: tuple[str, ...] = ("grants", "rounds")) -> Any:
    return next((book[n] for n in book.sheetnames if n.strip().lower() in preferred), book.worksheets[0])


def _workbook_table(content: bytes, filename: str, header_row: int | None) -> Table:
    book = _load(content)
    try:
        if not book.worksheets:
            raise ValueError("has no worksheet to read")
        sheet = pick_sheet(book)
        title, path = sheet.title, sheet._worksheet_path
        scan = scan_sheet(content, path)
        _refuse_formulas(scan.formulas, title, filename)
        head = [cells for _, cells in _filled(sheet_lines(sheet), scan, limit=HEADER_SCAN_ROWS)]
    finally:
        book.close()
    if not any(any(not is_blank(c) for c in row) for row in head):
        raise ValueError(f"sheet {title!r} is empty: a row should hold the column titles")
    if header_row is not None and not 1 <= header_row <= len(head):
        raise ValueError(f"sheet {title!r} has no row {header_row} to take the column titles from")
    found = header_titles(head, scan.merged_rows_spanning(), header_row)
    first_data = found.first_row + found.rows
    titles = _unique(found.titles, filename, f"row {found.first_row}")

    def rows() -> Iterator[tuple[str, list[Any]]]:
        again = _load(content)
        try:
            for number, cells in _filled(sheet_lines(pick_sheet(again)), scan):
                if number >= first_data:
                    yield f"row {number}", cells
        finally:
            again.close()

    notes = []
    if found.first_row != 1 or found.rows != 1:
        rows_text = f"rows {found.first_row}–{first_data - 1}" if found.rows > 1 else f"row {found.first_row}"
        notes.append(f"Column titles read from {rows_text} of sheet {title!r}.")
    return Table(filename, titles, rows, "row", notes)


def _refuse_formulas(formulas: FormulaCells, sheet: str, filename: str) -> None:
    if not formulas.cells:
        return
    shown = ", ".join(f"{sheet}!{ref}" for ref in formulas.cells[:5])
    more = f" and {formulas.count - 5} more" if formulas.count > 5 else ""
    one = formulas.count == 1
    raise InvalidInput(
        Problem(
            filename,
            f"{shown}{more}: formula{'' if one else 's'} with no saved value — open and save the file in Excel "
            "(or LibreOffice) so the values are stored, then import it again",
        )
    )


def _filled(
    lines: Iterator[tuple[Any, ...]], scan: SheetScan, limit: int | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """Each row's cells with merged ranges filled from their top-left cell."""
    carried: dict[tuple[int, int], Any] = {}
    for number, record in enumerate(lines, start=1):
        if limit is not None and number > limit:
            return
        cells = list(record)
        for (row, col), value in list(carried.items()):
            if row == number:
                while len(cells) <= col:
                    cells.append(None)
                cells[col] = value
                del carried[(row, col)]
        for merged in scan.merged_starting(number):
            value = cells[merged.col1] if merged.col1 < len(cells) else None
            for row, col in merged.cells():
                if row == number:
                    while len(cells) <= col:
                        cells.append(None)
                    cells[col] = value
                else:
                    carried[(row, col)] = value
        yield number, cells


def sheet_lines(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """Every row's values, however many the sheet's stored <dimension> claims (read-only mode trusts it)."""
    sheet.reset_dimensions()
    return sheet.iter_rows(values_only=True)


# -- 360Giving JSON --------------------------------------------------------------------------


def _open_json(content: bytes, filename: str, header_row: int | None) -> Table:
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
    flat_rows = []
    for number, grant in enumerate(grants, start=1):
        check_row_count(number, filename)
        if not isinstance(grant, dict):
            raise ValueError(f"grant {number} is not an object")
        flat = flatten_grant(grant)
        titles.update(dict.fromkeys(flat))
        flat_rows.append(flat)
    refuse_nul(filename, [f"grant {n}" for n, grant in enumerate(grants, start=1) if nul_paths(grant)])
    order = list(titles)

    def rows() -> Iterator[tuple[str, list[Any]]]:
        for number, flat in enumerate(flat_rows, start=1):
            yield f"grant {number}", [flat.get(t) for t in order]

    return Table(filename, order, rows, "grant")


# -- writing the rows an import left out -----------------------------------------------------


def bad_rows_csv(table: Table, reasons: dict[str, str]) -> bytes:
    """The file's rows named in `reasons` (by where they are), every column kept, then 'where' and 'reason'."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    titles = [t for t in table.titles if t]
    writer.writerow([marked(t) for t in [*titles, "where", "reason"]])
    for row in table.rows():
        if row.where in reasons:
            cells = ["" if row.cells.get(t) is None else str(row.cells.get(t)) for t in titles]
            writer.writerow([marked(c) for c in [*cells, row.where, reasons[row.where]]])
    return out.getvalue().encode("utf-8-sig")
