"""The council report's layout: figures never wrap mid-number, headings never stand alone at a page's foot.

Seen in the rendered PDF (soffice, pdftoppm): "$2,640,0 / 00" and "By cluster" alone at the foot of page 1.
"""

import io
from datetime import datetime

import pandas as pd
from docx import Document
from docx.oxml.ns import qn

from research.export.roi_report import (
    FONT_PT,
    HEADER_CHAR_CM,
    SMALLEST_PT,
    TEXT_WIDTH_CM,
    ReportSection,
    build_roi_report,
)

WIDE = pd.DataFrame(
    {
        "funder": ["Ministry of Business, Innovation and Employment — Endeavour Fund", "Health Research Council"],
        "scheme": ["Research Programmes", "Projects"],
        "decided": [1, 2],
        "awarded": [1, 2],
        "declined": [0, 0],
        "success rate": ["100.0%", "100.0%"],
        "requested": ["$7,500,000", "$2,640,000"],
        "won": ["$7,500,000", "$2,640,000"],
        "success rate by value": ["100.0%", "100.0%"],
    }
)


def report() -> Document:
    data = build_roi_report(
        "Return",
        "Figures for all dates",
        [("Money won", "$18,000,000")],
        [ReportSection("By funder", None, WIDE, "Decided applications."), ReportSection("Again", None, WIDE)],
        datetime(2026, 1, 2, 9, 30),
    )
    return Document(io.BytesIO(data))


def test_headings_and_captions_keep_with_what_follows():
    document = report()
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h.text for h in headings] == ["Headline figures", "By funder", "Again"]
    assert all(h.paragraph_format.keep_with_next for h in headings)
    caption = next(p for p in document.paragraphs if p.text == "Decided applications.")
    assert caption.paragraph_format.keep_with_next


def test_figures_never_wrap_and_tables_fit_the_page():
    table = report().tables[1]
    header = [c.text for c in table.rows[0].cells]
    for row in table.rows[1:]:
        for name, cell in zip(header, row.cells, strict=True):
            no_wrap = cell._tc.tcPr.find(qn("w:noWrap")) is not None
            assert no_wrap == (name not in ("Funder", "Scheme")), name
    assert sum(column.width.cm for column in table.columns) <= TEXT_WIDTH_CM + 0.01
    requested = header.index("Requested")
    assert (
        table.columns[requested].width.cm >= len("$7,500,000") * 0.2 * _size(table) / FONT_PT
    )  # the longest figure fits
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on a new page


def _size(table) -> float:
    return table.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt


def test_every_header_word_fits_its_column_so_headers_wrap_only_at_spaces():
    """Seen rendered: "Schem / e" and "Awarde / d" over the widest table, whose columns were narrowed as a whole."""
    table = report().tables[1]
    scale = _size(table) / FONT_PT
    assert _size(table) >= SMALLEST_PT
    for column, cell in zip(table.columns, table.rows[0].cells, strict=True):
        longest_word = max(len(word) for word in cell.text.split())
        assert column.width.cm >= longest_word * HEADER_CHAR_CM * scale + 0.38, cell.text  # 0.38: the cell margins
    scheme = [c.text for c in table.rows[0].cells].index("Scheme")
    assert table.columns[scheme].width.cm >= len("Programmes") * 0.2 * scale + 0.38  # nor a short value word


def test_a_narrow_table_keeps_the_full_size():
    narrow = pd.DataFrame({"status": ["Drafting"], "applications": [4], "without a known rate": [1]})
    data = build_roi_report("Return", "All", [], [ReportSection("Status", None, narrow)], datetime(2026, 1, 2))
    assert _size(Document(io.BytesIO(data)).tables[1]) == FONT_PT
