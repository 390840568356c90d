"""The ROI report for a council meeting (.docx): headline figures, the main charts, their tables."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor

from research.domain.locale import workspace_locale
from research.domain.round_values import format_moment
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
    zone_name: str | None = None,
) -> bytes:
    """`generated` is a moment (UTC); the report states it in `zone_name` (the workspace's zone unless given)."""
    document = Document()
    _page(document)
    document.add_heading(title, level=0)
    prepared = format_moment(generated, zone_name or workspace_locale().timezone, False)
    _note(document, f"{description}. Prepared {prepared}.")
    _heading(document, "Headline figures")
    _table(document, pd.DataFrame(headline, columns=["Figure", "Value"]), widths=(Cm(5), Cm(12)))
    if image_problem:
        _note(document, f"Charts appear as tables only: {image_problem}.")
    for section in sections:
        _heading(document, section.title)
        if section.caption:
            _note(document, section.caption).paragraph_format.keep_with_next = True
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


def _heading(document, text: str):
    """A heading that stays on the page of what follows it, never alone at a page's foot."""
    heading = document.add_heading(text, level=1)
    heading.paragraph_format.keep_with_next = True
    return heading


def _note(document, text: str):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.color.rgb = GREY
    return paragraph


# A figure: digits with their separators, signs, brackets, % and an optional currency symbol or code.
FIGURE = re.compile(r"^\(?-?(?:[A-Z]{3}\s)?[-$€£]?\s?\d[\d,./\s]*(?:%|[kmKMx×]|\s?[A-Z]{3})?\)?$")
TEXT_WIDTH_CM = 17.0
CHAR_CM = 0.2  # one character at 9 pt (fonts substituted for Calibri run wide)
HEADER_CHAR_CM = 0.24  # one bold header character at 9 pt: the widest measured (DejaVu Sans Bold, "Scheme")
PADDING_CM = 0.45
FONT_PT = 9
SMALLEST_PT = 7  # a wide table is set smaller, down to this, before any header word would break
MIN_TEXT_CM = 2.2
LONG_WORD_CM = 3.0  # a text column is widened for its longest word up to this (a longer word, like a URL, wraps)


def _table(document, frame: pd.DataFrame, widths=None) -> None:
    rows = [[cell_text(str(column), row[column]) for column in frame.columns] for _, row in frame.iterrows()]
    headers = [str(column).capitalize() for column in frame.columns]
    figures = [bool(rows) and all(FIGURE.match(r[i]) or r[i] in ("", "—") for r in rows) for i in range(len(headers))]
    widths, size = (widths, FONT_PT) if widths else _widths(headers, rows, figures)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, header, figure in zip(table.rows[0].cells, headers, figures, strict=True):
        _cell(cell, header, size, bold=True, right=figure, whole=figure and " " not in header.strip())
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page
    for values in rows:
        for cell, text, figure in zip(table.add_row().cells, values, figures, strict=True):
            _cell(cell, text, size, right=figure, whole=figure)
    # A paragraph after the table: LibreOffice keeps a heading with what follows only when a paragraph,
    # not a table, comes before it.
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width  # the grid, which LibreOffice and Word lay out from
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _widths(headers: list[str], rows: list[list[str]], figures: list[bool]) -> tuple[list, float]:
    """Column widths and the font size. Every column is at least as wide as its header's longest word, so a
    header wraps only at its spaces; a figure's column also fits its longest value, so no figure wraps; a
    text column fits its longest word (up to LONG_WORD_CM) and shares what is left (wrapping between words).
    A table too wide for the page at 9 pt is set a point smaller, down to 7 pt; only a table that does not
    fit even then is narrowed as a whole (never wider than the page)."""
    longest = [max([len(v) for v in (r[i] for r in rows)] + [1]) for i in range(len(headers))]
    words = [max([len(w) for w in h.split()] + [1]) for h in headers]
    value_words = [max([len(w) for r in rows for w in r[i].split()] + [1]) for i in range(len(headers))]
    own = [
        longest[i] * CHAR_CM if figures[i] else min(value_words[i] * CHAR_CM, LONG_WORD_CM) for i in range(len(headers))
    ]
    texts = [i for i, figure in enumerate(figures) if not figure]
    for size in range(FONT_PT, SMALLEST_PT - 1, -1):
        scale = size / FONT_PT
        least = [max(words[i] * HEADER_CHAR_CM, own[i]) * scale + PADDING_CM for i in range(len(headers))]
        if sum(least) + sum(max(0, MIN_TEXT_CM * scale - least[i]) for i in texts) <= TEXT_WIDTH_CM:
            break
    need = list(least)
    wanted = {i: max(least[i], min(longest[i] * CHAR_CM * scale + PADDING_CM, TEXT_WIDTH_CM)) for i in texts}
    spare = TEXT_WIDTH_CM - sum(least)
    extra = sum(wanted[i] - least[i] for i in texts)
    for i in texts:  # text columns grow from their header's longest word towards their longest value
        need[i] += (wanted[i] - least[i]) * min(1.0, spare / extra) if extra > 0 and spare > 0 else 0
    narrower = min(1.0, TEXT_WIDTH_CM / sum(need))  # only when even 7 pt overfills the page
    return [Cm(w * narrower) for w in need], size


def _cell(cell, text: str, size: float, bold: bool = False, right: bool = False, whole: bool = False) -> None:
    """`right`: a figure's column; `whole`: never wrapped (a figure, or a one-word header over figures)."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if whole:
        cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


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


def dashboard_report(dashboard, figures: dict, generated: datetime, zone_name: str | None = None) -> bytes:
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
        zone_name,
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
