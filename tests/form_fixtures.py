"""Funders' blank forms built with python-docx, reproducing the structures real forms use.

The limits and rules are the shapes funders write (and, for NIH, the published limits in
shared/reference/funding-facts.md: Project Summary 30 lines, Specific Aims 1 page, Research
Strategy 12 pages, Biographical Sketch 5 pages). The UK "Case for Support" form is an example
of that layout (bold numbered list questions, limits in square brackets and in sides of A4,
a font rule paragraph), not any one council's current form.
"""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from tests.docx_support import docx_bytes

FONT_RULE = "Use Arial 11 point minimum, margins at least 2 cm. Page limits are in sides of A4."
UK_QUESTIONS = (
    # (title, paragraph under it)
    ("Project title – 150 characters", "A title a general reader understands."),
    ("Summary", "One A4 page maximum. Say what you will do and why it matters."),
    ("Vision [2 sides]", "The ambition of the research."),
    ("Approach [2 sides]", "Methods and risks. Sections 3 and 4 together: 3 sides."),
    ("Applicant capability [Maximum 1 A4 page]", "Your track record as it bears on this work."),
    ("Impact", "Up to 2 sides of A4. Sections 5 and 6 together: no more than two pages."),
)


def _typed_in_times(document) -> None:
    """The form's own style: Times New Roman 12 and 2.5 cm margins, which are not the funder's rule."""
    document.styles["Normal"].font.name, document.styles["Normal"].font.size = "Times New Roman", Pt(12)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)


def _bold_numbered(document, text: str) -> None:
    document.add_paragraph(style="List Number").add_run(text).bold = True


def uk_case_for_support() -> bytes:
    """Two Part headings (Heading 1) over six bold numbered list questions; limits in brackets and sides."""
    d = docx.Document()
    _typed_in_times(d)
    d.add_paragraph("Case for Support", style="Title")
    d.add_paragraph(FONT_RULE)
    for index, (title, text) in enumerate(UK_QUESTIONS):
        if index in (0, 4):
            d.add_heading("Part 1: The research" if index == 0 else "Part 2: People and impact", 1)
        _bold_numbered(d, title)
        d.add_paragraph(text)
    return docx_bytes(d)


def nih_like(with_title: bool = True) -> bytes:
    """NIH-style research plan: a Project Summary heading over sub-headings, then the other parts."""
    d = docx.Document()
    if with_title:
        d.core_properties.title = "Research plan"
    d.add_heading("Project Summary/Abstract", 1)
    d.add_paragraph("Limited to 30 lines of text.")
    for part in ("Objectives", "Design and methods", "Relevance to public health"):
        d.add_heading(part, 2)
        d.add_paragraph(f"Describe the {part.lower()}.")
    d.add_heading("Specific Aims (1 page)", 1)
    d.add_heading("Research Strategy", 1)
    d.add_paragraph("Up to 12 pages.")
    for part in ("Significance", "Innovation", "Approach"):
        d.add_heading(part, 2)
    d.add_heading("Biographical Sketch (5 pages)", 1)
    return docx_bytes(d)


def nih_summary_only() -> bytes:
    """A file holding only the Project Summary heading and its sub-headings."""
    d = docx.Document()
    d.add_heading("Project Summary/Abstract", 1)
    d.add_paragraph("Limited to 30 lines of text.")
    for part in ("Objectives", "Design and methods", "Relevance to public health"):
        d.add_heading(part, 2)
    return docx_bytes(d)


def question_and_answer_table() -> bytes:
    """A table: each row a question (with its limit) and an empty answer box beside it."""
    d = docx.Document()
    d.add_paragraph("Seed fund application")
    rows = (
        ("1. Project title (200 characters including spaces)", ""),
        ("2. Lay summary\nWrite for a general reader. [200 words]", ""),
        ("3. Budget justification (1 side)", ""),
    )
    table = d.add_table(rows=len(rows), cols=2)
    for r, (question, answer) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = question, answer
    d.add_paragraph("Single spaced, no headers or footers.")
    return docx_bytes(d)


def content_controls() -> bytes:
    """Questions inside content controls (w:sdt), as protected forms hold them."""
    d = docx.Document()
    d.add_heading("Expression of interest", 0)
    body = d.element.body
    for alias, question, limit in (("Aims", "Aims", "[300 words]"), ("Team", "Team", "(max 150 words)")):
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>'
            f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{question} {limit}</w:t></w:r></w:p>"
            f"<w:p><w:r><w:t>Click here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
        body.insert(len(body) - 1, sdt)
    return docx_bytes(d)


def no_rules_form() -> bytes:
    d = docx.Document()
    _typed_in_times(d)
    d.add_heading("Summary (max 200 words)", 1)
    d.add_heading("Methods (max 1,000 words)", 1)
    d.add_paragraph("Include 3 pages of letters of support as an appendix. The font should be readable.")
    return docx_bytes(d)
