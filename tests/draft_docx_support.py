"""Word files for the draft import tests, built with python-docx: filled applications and Track Changes.

The filled application answers the Marsden Fund full proposal's sections (templates/
marsden-full-proposal.toml) the ways people mark them: Word headings, numbered headings,
bold lines, with lists, a table, bold and italic, plus text that belongs to no section.
"""

from __future__ import annotations

import io
import re

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

TRACKED = 'w:id="{id}" w:author="Co Author" w:date="2026-03-01T10:00:00Z"'


def save(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def filled_application() -> bytes:
    """A filled Marsden-style application; every way of marking a section, and unplaced text."""
    d = docx.Document()
    d.core_properties.title = "Rivers and memory"
    d.add_paragraph("Rivers and memory", style="Title")
    d.add_paragraph("Prepared by the applicants for internal review.")
    d.add_heading("1. Summary", level=1)
    p = d.add_paragraph("We trace how ")
    p.add_run("river communities").bold = True
    p.add_run(" remember floods, and ")
    p.add_run("why").italic = True
    p.add_run(" it matters.")
    d.add_heading("2. Benefit and rationale for the research in New Zealand", level=1)
    d.add_paragraph("Floods are rising in frequency.")
    d.add_paragraph("Local knowledge guides recovery.", style="List Bullet")
    d.add_paragraph("Councils need evidence.", style="List Bullet")
    bold = d.add_paragraph()
    bold.add_run("Background").bold = True  # a bold line, not a heading style
    d.add_paragraph("Earlier studies looked at single towns.")
    d.add_heading("Overall aims", level=1)
    d.add_paragraph("Record oral histories.", style="List Number")
    d.add_paragraph("Map remembered flood lines.", style="List Number")
    d.add_heading("Proposed research", level=1)
    d.add_heading("Methods", level=2)
    d.add_paragraph("Interviews and archival work in three catchments.")
    table = d.add_table(rows=3, cols=2)
    for row, (left, right) in zip(
        table.rows, [("Year", "Work"), ("2027", "Interviews"), ("2028", "Mapping")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = left, right
    d.add_heading("Appendix: letters of support", level=1)  # no such section: unplaced
    d.add_paragraph("Letters from two regional councils are attached.")
    return save(d)


def paragraph_words(data: bytes) -> int:
    """Every word in the file as Word shows it, counted independently of the reader."""
    d = docx.Document(io.BytesIO(data))
    words = sum(len(p.text.split()) for p in d.paragraphs)
    for table in d.tables:
        words += sum(len(c.text.split()) for row in table.rows for c in row.cells)
    return words


def _run(text: str, tag: str = "w:t") -> str:
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _tracked(parts: list[tuple[str, str]]) -> list:
    """XML elements for ("keep" | "ins" | "del", text) parts, ins/del as tracked changes."""
    xml = []
    for number, (kind, text) in enumerate(parts, start=1):
        if kind == "keep":
            xml.append(_run(text))
        elif kind == "ins":
            xml.append(f"<w:ins {TRACKED.format(id=number)}>{_run(text)}</w:ins>")
        else:
            xml.append(f"<w:del {TRACKED.format(id=number)}>{_run(text, 'w:delText')}</w:del>")
    return list(parse_xml(f"<w:p {nsdecls('w')}>{''.join(xml)}</w:p>"))


def delete_paragraph_mark(paragraph) -> None:
    """Track the deletion of the paragraph's mark: accepted, it runs on into the next paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f"<w:rPr {nsdecls('w')}><w:del {TRACKED.format(id=99)}/></w:rPr>"))


def set_tracked(paragraph, parts: list[tuple[str, str]]) -> None:
    """Replace a paragraph's runs by tracked parts, as a co-author with Track Changes on would."""
    p = paragraph._p
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    p.extend(_tracked(parts))


def edit_in_word(data: bytes, edits: dict[str, list[tuple[str, str]]]) -> bytes:
    """Track Changes on: the paragraph after each named heading (numbered or not) replaced by tracked parts."""
    d = docx.Document(io.BytesIO(data))
    paragraphs = d.paragraphs
    for index, paragraph in enumerate(paragraphs[:-1]):
        title = re.sub(r"^\d+\.\s+", "", paragraph.text)
        if title in edits:
            set_tracked(paragraphs[index + 1], edits[title])
    return save(d)
