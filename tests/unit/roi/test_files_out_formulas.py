"""Files out are safe to open: no cell a user wrote becomes a live spreadsheet formula (OWASP CSV injection)."""

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pandas as pd
from openpyxl import load_workbook

from research.adapters.table_files import read_table
from research.export import giving360, tables
from tests.unit.roi.test_roi_exports import FakeAward

HOSTILE = ('=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1")


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_exports_neutralise_formulas():
    table = pd.DataFrame({"title": list(HOSTILE), "amount": [Decimal("-5.50")] * len(HOSTILE)})
    rows = _csv_cells(tables.to_csv(table))[1:]
    assert [r[0] for r in rows] == ["'" + text for text in HOSTILE]
    assert {r[1] for r in rows} == {"-5.50"}  # numbers stay numbers


def test_xlsx_exports_neutralise_formulas():
    table = pd.DataFrame({"title": list(HOSTILE), "amount": [Decimal("-5.50")] * len(HOSTILE)})
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(table, "Details")))["Details"]
    titles = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in titles] == ["s"] * len(HOSTILE)
    assert [c.value for c in titles] == list(HOSTILE)
    assert {row[1].value for row in sheet.iter_rows(min_row=2)} == {-5.5}


def test_360giving_csv_neutralises_formulas():
    awards = [replace(FakeAward(), title=text, scheme=text, amount=Decimal("-90000")) for text in HOSTILE]
    rows = list(csv.DictReader(io.StringIO(giving360.to_csv(awards, "=unit", date(2026, 1, 2)).decode())))
    assert [r["Title"] for r in rows] == ["'" + text for text in HOSTILE]
    assert {r["Grant Programme:Title"] for r in rows} == {"'" + text for text in HOSTILE}
    assert {r["Data Source"] for r in rows} == {"'=unit"}
    assert {r["Amount Awarded"] for r in rows} == {"-90000"}


def test_neutralised_360giving_csv_reads_back_unchanged():
    awards = [replace(FakeAward(), identifier=f"A-{n}", title=text) for n, text in enumerate(HOSTILE)]
    _, rows = read_table("awards.csv", giving360.to_csv(awards, "unit", date(2026, 1, 2)))
    assert [r.cells["Title"] for r in rows] == list(HOSTILE)
