"""Reading a funder's form (.docx) into a FormOutline, refusing files that are not one.

Every refusal is an InvalidInput naming the file and saying why and what to do: too large
(with its size), empty, password-protected (an encrypted OLE container), an old .doc,
not a .docx, damaged. Content controls (w:sdt) are looked into, since forms use them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from research.domain.counting import PAPER_CM
from research.domain.errors import InvalidInput, Problem
from research.domain.form_outline import FormBlock, FormHeading, FormOutline, FormTable, FormText
from research.domain.template_spec import PAGE_RANGES, PageFormat
from research.domain.upload_limits import check_form_paragraphs, check_upload_size, check_zip_package

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_MARKER = "EncryptionInfo".encode("utf-16-le")
LIST_PREFIX = "- "


def _refuse(name: str, reason: str) -> InvalidInput:
    return InvalidInput(Problem(name, reason))


def check_upload(data: bytes, name: str) -> None:
    """Refuse what cannot be a readable .docx before opening it."""
    check_upload_size(data, name)
    if not data:
        raise _refuse(name, "is empty (0 bytes)")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARKER in data:
            raise _refuse(
                name,
                "is password-protected (encrypted). Open it in Word, remove the password "
                "(File > Info > Protect Document) and upload the unprotected copy",
            )
        raise _refuse(name, "is an old Word 97-2003 .doc file. Open it in Word and save it as .docx")
    if not name.lower().endswith(".docx"):
        raise _refuse(name, "is not a Word .docx file (the name should end in .docx)")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(name, "is damaged or not a real .docx (it is not a Word package)")
    check_zip_package(data, name)


def open_docx(data: bytes, name: str) -> Document:
    check_upload(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        KeyError,
        zipfile.BadZipFile,
        XMLSyntaxError,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as exc:  # the last three: a damaged or oddly compressed zip entry
        raise _refuse(
            name,
            f"is damaged and could not be read ({type(exc).__name__}). "
            "Open it in Word, save a fresh copy and try again",
        ) from None
    except ValueError as exc:
        raise _refuse(name, f"is not a Word document ({exc})") from None


def read_form(data: bytes, name: str) -> FormOutline:
    document = open_docx(data, name)
    check_form_paragraphs(len(document.element.body.findall(".//" + qn("w:p"))), name)
    styles = _StyleBook(document)
    blocks = tuple(b for b in (_block(item, styles) for item in _body_items(document)) if b is not None)
    title = (document.core_properties.title or "").strip()
    return FormOutline(name, blocks, title, _page(document))


def _body_items(document: Document) -> Iterator[Paragraph | Table]:
    def walk(element) -> Iterator[Paragraph | Table]:
        for child in element:
            if child.tag == qn("w:p"):
                yield Paragraph(child, document._body)
            elif child.tag == qn("w:tbl"):
                yield Table(child, document._body)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content)

    yield from walk(document.element.body)


@dataclass(frozen=True)
class _StyleFacts:
    """What a paragraph style (with the styles it is based on) says about its paragraphs."""

    heading_level: int | None
    is_list: bool
    bold: bool


class _StyleBook:
    """Style facts per style id, worked out once per document: python-docx rescans every style on each lookup."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._facts: dict[str | None, _StyleFacts] = {}

    def of(self, paragraph: Paragraph) -> _StyleFacts:
        style_id = paragraph._p.style
        if style_id not in self._facts:
            chain = list(_style_chain(self._part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)))
            self._facts[style_id] = _StyleFacts(
                _chain_heading_level(chain),
                any((s.name or "").startswith("List") for s in chain),
                any(s.font.bold for s in chain),
            )
        return self._facts[style_id]


def _block(item: Paragraph | Table, styles: _StyleBook) -> FormBlock | None:
    if isinstance(item, Table):
        return FormTable(_table_rows(item))
    text = " ".join(item.text.split())
    if not text:
        return None
    facts = styles.of(item)
    level = _outline_level(item._p)
    level = facts.heading_level if level is None else level
    if level is not None:
        return FormHeading(text, level)
    if _is_list(item, facts):
        return FormText(LIST_PREFIX + text)
    return FormText(text, bold=_all_bold(item, facts))


def _table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            lines = (line for p in cell.paragraphs for line in p.text.splitlines())
            cells.append("\n".join(" ".join(line.split()) for line in lines if line.strip()))
        rows.append(tuple(cells))
    return tuple(rows)


def _style_chain(style) -> Iterator:
    seen: set[int] = set()
    while style is not None and id(style.element) not in seen:  # a style based on itself ends the chain
        seen.add(id(style.element))
        yield style
        style = style.base_style


def _chain_heading_level(chain: list) -> int | None:
    for style in chain:
        name = (style.name or "").lower()
        if name == "title":
            return 0
        if name.startswith("heading ") and name[8:].strip().isdigit():
            return int(name[8:].strip())
        outline = _outline_level(style.element)
        if outline is not None:
            return outline
    return None


def _outline_level(element) -> int | None:
    ppr = element.find(qn("w:pPr"))
    level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if level is None:
        return None
    try:
        value = int(level.get(qn("w:val"), "9"))
    except ValueError:  # not a level Word would write; read the paragraph as text
        return None
    return value + 1 if 0 <= value < 9 else None  # 9 means body text


def _is_list(paragraph: Paragraph, facts: _StyleFacts) -> bool:
    ppr = paragraph._p.pPr
    return (ppr is not None and ppr.numPr is not None) or facts.is_list


def _all_bold(paragraph: Paragraph, facts: _StyleFacts) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.bold is None and facts.bold) for r in runs)


def _page(document: Document) -> PageFormat | None:
    section = document.sections[0] if document.sections else None
    if section is None or not section.page_width or not section.page_height:
        return None
    width, height = _cm(section.page_width), _cm(section.page_height)
    paper = next(
        (
            name
            for name, (w, h) in PAPER_CM.items()
            if abs(min(width, height) - w) < 0.3 and abs(max(width, height) - h) < 0.3
        ),
        None,
    )
    if paper is None:
        return None
    normal = document.styles["Normal"]
    spacing = normal.paragraph_format.line_spacing
    found = {
        "margins_cm": round(_cm(section.left_margin), 1) if section.left_margin else None,
        "font_size_pt": float(normal.font.size.pt) if normal.font.size else None,
        "line_spacing": float(spacing) if isinstance(spacing, float) else None,
    }
    # A value a template would refuse (a 12 cm margin) is left to the default, so the draft stays valid.
    usable = {
        name: value
        for name, value in found.items()
        if value is not None and PAGE_RANGES[name][0] <= value <= PAGE_RANGES[name][1]
    }
    return PageFormat(paper=paper, font=normal.font.name or PageFormat().font, **usable)


def _cm(length: Length) -> float:
    return length / 360000
