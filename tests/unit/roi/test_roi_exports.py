"""Files out: 360Giving CSV/JSON, chart tables as CSV/XLSX, the council report with real chart images."""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
from docx import Document
from openpyxl import load_workbook

from research.domain.giving360 import EXPORT_COLUMNS
from research.export import chart_images, giving360, tables
from research.export.roi_report import ReportSection, build_roi_report

D = Decimal


@dataclass(frozen=True)
class FakeAward:
    identifier: str = "A-1"
    title: str = "Stroke trial"
    description: str = ""
    funder_name: str = "Health Research Council of New Zealand"
    scheme: str = "Projects"
    recipient_org: str = ""
    amount: Decimal = D("1440000.50")
    currency: str = "NZD"
    amount_nzd: Decimal = D("1440000.50")
    amount_applied_for: Decimal | None = None
    awarded_on: date = date(2024, 6, 14)
    source: str = "import"
    shares: tuple = (("Research", D("60")), ("Food", D("40")))
    updated: date | None = None


def test_360giving_csv_uses_the_standard_titles():
    text = giving360.to_csv([FakeAward()], "The unit", date(2026, 1, 2)).decode()
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert tuple(row) == EXPORT_COLUMNS
    assert row["Amount Awarded"] == "1440000.50" and row["Amount Applied For"] == ""
    assert row["Recipient Org:Name"] == "The unit" and row["Recipient Org:Identifier"] == "360G-rcw-the-unit"
    assert row["Funding Org:Identifier"] == "360G-rcw-health-research-council-of-new-zealand"
    assert row["Last Modified"] == "2026-01-02" and row["Clusters"] == "Research 60%; Food 40%"


def test_360giving_json_uses_the_standard_keys():
    data = json.loads(giving360.to_json([FakeAward(amount=D("-90000"), scheme="")], "The unit", date(2026, 1, 2)))
    [grant] = data["grants"]
    assert grant["amountAwarded"] == -90000 and isinstance(grant["amountAwarded"], int)
    assert grant["fundingOrganization"] == [
        {"id": "360G-rcw-health-research-council-of-new-zealand", "name": "Health Research Council of New Zealand"}
    ]
    assert "grantProgramme" not in grant and "amountAppliedFor" not in grant
    assert (
        json.loads(giving360.to_json([FakeAward()], "u", date(2026, 1, 1)))["grants"][0]["amountAwarded"] == 1440000.5
    )


TABLE = pd.DataFrame(
    {
        "year": ["2022/23"],
        "won": [D("18000000.00")],
        "success rate": [D("0.75")],
        "awards": [3],
        "multiple": [D("225.0")],
    }
)


def test_tables_download_as_csv_and_xlsx_with_exact_money():
    assert to_lines(tables.to_csv(TABLE)) == [
        "year,won,success rate,awards,multiple",
        "2022/23,18000000.00,0.75,3,225.0",
    ]
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(TABLE, "over_time"))).active
    assert sheet.title == "over_time"
    assert [c.value for c in sheet[1]] == ["year", "won", "success rate", "awards", "multiple"]
    assert sheet["B2"].value == 18000000 and sheet["B2"].number_format == tables.money_format()
    assert sheet["C2"].number_format == tables.RATE_FORMAT
    assert sheet["D2"].number_format == "General"


def to_lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").splitlines()


def test_cells_read_as_money_rates_and_multiples():
    assert tables.cell_text("won", D("18000000")) == "$18,000,000"
    assert tables.cell_text("success rate", D("0.75")) == "75.0%"
    assert tables.cell_text("multiple", D("225.0")) == "225.0x"
    assert tables.cell_text("awards", 3) == "3"
    assert tables.cell_text("won", None) == "—"


def report_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_report_holds_headline_tables_and_says_when_images_are_missing():
    data = build_roi_report(
        "Return",
        "Figures for all dates",
        [("Money won", "$18,000,000")],
        [ReportSection("By year", None, TABLE, "Cumulative.")],
        datetime(2026, 1, 2, 9, 30),
        image_problem="no browser to draw charts with at /nowhere",
    )
    text = report_text(data)
    for expected in (
        "Money won",
        "$18,000,000",
        "By year",
        "75.0%",
        "225.0x",
        "Prepared 02 January 2026",
        "Charts appear as tables only: no browser to draw charts with at /nowhere",
    ):
        assert expected in text


def test_without_a_browser_the_report_explains(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    rendered = chart_images.render_pngs([go.Figure()])
    assert rendered.images == (None,)
    assert rendered.problem == "no browser to draw charts with at /nowhere/chromium"
