"""The ROI report for a council meeting (.docx): headline figures, the main charts, their tables."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from research.domain.locale import workspace_locale
from research.export.chart_images import render_pngs
from research.export.roi_figures import counted_basis, headline_rows
from research.export.tables import cell_text

GREY = RGBColor(0x55, 0x55, 0x55)


@dataclass(frozen=True)
class ReportSection:
    title: str
    image: bytes | None
    table: pd.DataFrame
    caption: str = ""


def build_roi_report(
    title: str,
    description: str,
    headline: list[tuple[str, str]],
    sections: list[ReportSection],
    generated: datetime,
    image_problem: str = "",
) -> bytes:
    document = Document()
    _page(document)
    document.add_heading(title, level=0)
    _note(document, f"{description}. Prepared {generated:%d %B %Y, %H:%M}.")
    document.add_heading("Headline figures", level=1)
    _table(document, pd.DataFrame(headline, columns=["Figure", "Value"]), widths=(Cm(5), Cm(12)))
    if image_problem:
        _note(document, f"Charts appear as tables only: {image_problem}.")
    for section in sections:
        document.add_heading(section.title, level=1)
        if section.caption:
            _note(document, section.caption)
        if section.image:
            document.add_picture(io.BytesIO(section.image), width=Cm(16.5))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if section.table.empty:
            _note(document, "Nothing in this selection.")
        else:
            _table(document, section.table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)


def _note(document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.italic = True
    run.font.color.rgb = GREY


def _table(document, frame: pd.DataFrame, widths=None) -> None:
    table = document.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, frame.columns, strict=True):
        _cell(cell, str(column).capitalize(), bold=True)
    for _, row in frame.iterrows():
        cells = table.add_row().cells
        for cell, column in zip(cells, frame.columns, strict=True):
            _cell(cell, cell_text(str(column), row[column]))
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width


def _cell(cell, text: str, bold: bool = False) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(9)


# (table name, heading, caption) in the order a council reads them.
REPORT_SECTIONS = (
    ("over_time", "Money won against cluster grants", "Cumulative {currency} by year."),
    ("by_cluster", "By cluster", "Awards credited to several clusters count in their shares."),
    ("by_funder", "By funder and scheme", ""),
    (
        "success_by_funder",
        "Success rate by funder and scheme",
        "Decided applications: awarded ÷ (awarded + declined); by value: won ÷ requested.",
    ),
    (
        "reviewed",
        "Cluster review and success",
        "Decided applications that had a cluster review round, against those that did not.",
    ),
    ("pipeline", "Pipeline in flight", "Expected value weighs each requested amount by its round's success rate."),
)


def dashboard_report(dashboard, figures: dict, generated: datetime) -> bytes:
    """The report of a dashboard (the ROI service's Dashboard) with its figures keyed by table name."""
    rendered = render_pngs([figures[key] for key, _, _ in REPORT_SECTIONS])
    sections = [
        ReportSection(heading, image, getattr(dashboard, key), _caption(dashboard, key, caption))
        for (key, heading, caption), image in zip(REPORT_SECTIONS, rendered.images, strict=True)
    ]
    sections.append(
        ReportSection(
            "Pipeline by funding round",
            None,
            dashboard.headline.pipeline.by_round,
            "Which success rate each round's applications were weighted by.",
        )
    )
    return build_roi_report(
        "Return on the cluster programme",
        f"Figures for {dashboard.filter.describe()}. {counted_basis(dashboard.headline, dashboard.filter.describe())}",
        headline_rows(dashboard.headline),
        sections,
        generated,
        rendered.problem,
    )


def _caption(dashboard, key: str, caption: str) -> str:
    text = caption.format(currency=workspace_locale().currency)
    if key == "reviewed" and dashboard.reviewed_comparison:
        text += " " + dashboard.reviewed_comparison
    if key == "success_by_funder" and dashboard.funder_comparison:
        text += " " + dashboard.funder_comparison
    if key in ("success_by_funder", "reviewed"):
        text += " Each rate comes with its 95% Wilson interval."
    return text
