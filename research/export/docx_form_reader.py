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
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from research.domain.errors import InvalidInput, Problem
from research.domain.form_outline import FormBlock, FormHeading, FormOutline, FormTable, FormText
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
    """The form's blocks in order, each with where it came from.

    The page rules are not read from the file's own styles (its Normal font is how the form was
    typed, not the funder's rule): form_template reads the rules the form's text states.
    """
    document = open_docx(data, name)
    check_form_paragraphs(len(document.element.body.findall(".//" + qn("w:p"))), name)
    reader = _Reader(document)
    blocks = tuple(b for b in (reader.block(item, control) for item, control in _body_items(document)) if b)
    title = (document.core_properties.title or "").strip()
    return FormOutline(name, blocks, title)


def _body_items(document: Document) -> Iterator[tuple[Paragraph | Table, str]]:
    """Paragraphs and tables in order, each with the content control it sits in ('' for none)."""

    def walk(element, control: str) -> Iterator[tuple[Paragraph | Table, str]]:
        for child in element:
            if child.tag == qn("w:p"):
                yield Paragraph(child, document._body), control
            elif child.tag == qn("w:tbl"):
                yield Table(child, document._body), control
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content, _control_name(child) or control or "content control")

    yield from walk(document.element.body, "")


def _control_name(sdt) -> str:
    props = sdt.find(qn("w:sdtPr"))
    if props is None:
        return ""
    for tag in ("w:alias", "w:tag"):
        found = props.find(qn(tag))
        if found is not None and found.get(qn("w:val")):
            return f"content control “{found.get(qn('w:val'))}”"
    return "content control"


@dataclass(frozen=True)
class _StyleFacts:
    """What a paragraph style (with the styles it is based on) says about its paragraphs."""

    name: str
    heading_level: int | None
    is_list: bool
    bold: bool
    num_id: str | None  # the numbering the style gives its paragraphs
    num_level: int


class _StyleBook:
    """Style facts per style id, worked out once per document: python-docx rescans every style on each lookup."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._facts: dict[str | None, _StyleFacts] = {}

    def of(self, paragraph: Paragraph) -> _StyleFacts:
        style_id = paragraph._p.style
        if style_id not in self._facts:
            chain = list(_style_chain(self._part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)))
            num_id, num_level = next((n for n in (_num_pr(s.element) for s in chain) if n[0] is not None), (None, 0))
            self._facts[style_id] = _StyleFacts(
                (chain[0].name or "Normal") if chain else "Normal",
                _chain_heading_level(chain),
                any((s.name or "").startswith("List") for s in chain),
                any(s.font.bold for s in chain),
                num_id,
                num_level,
            )
        return self._facts[style_id]


class _Numbering:
    """Word's automatic list numbers: which lists are bullets, and each numbered paragraph's number."""

    def __init__(self, document: Document) -> None:
        self._formats: dict[tuple[str, int], str] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError):  # a document with no lists has no numbering part
            return
        abstract = {
            a.get(qn("w:abstractNumId")): {
                _int(lvl.get(qn("w:ilvl"))): _val(lvl.find(qn("w:numFmt"))) for lvl in a.findall(qn("w:lvl"))
            }
            for a in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            levels = abstract.get(_val(num.find(qn("w:abstractNumId"))), {})
            for level, fmt in levels.items():
                self._formats[(num.get(qn("w:numId")) or "", level)] = fmt

    def is_bullet(self, num_id: str, level: int) -> bool:
        return self._formats.get((num_id, level), "decimal") in ("bullet", "none")

    def next_number(self, num_id: str, level: int) -> str:
        counters = self._counters.setdefault(num_id, [0] * 9)
        level = min(max(level, 0), 8)
        counters[level] += 1
        counters[level + 1 :] = [0] * (8 - level)
        return ".".join(str(max(n, 1)) for n in counters[: level + 1])


def _val(element) -> str:
    return (element.get(qn("w:val")) or "") if element is not None else ""


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _num_pr(element) -> tuple[str | None, int]:
    ppr = element.find(qn("w:pPr"))
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None, 0
    num_id = _val(num_pr.find(qn("w:numId"))) or None
    return (None if num_id in (None, "0") else num_id), _int(_val(num_pr.find(qn("w:ilvl"))))


class _Reader:
    def __init__(self, document: Document) -> None:
        self.styles = _StyleBook(document)
        self.numbering = _Numbering(document)
        self.paragraphs = 0
        self.tables = 0

    def block(self, item: Paragraph | Table, control: str) -> FormBlock | None:
        inside = f", in {control}" if control else ""
        if isinstance(item, Table):
            self.tables += 1
            return FormTable(_table_rows(item), f"table {self.tables}{inside}")
        self.paragraphs += 1
        runs = _runs(item)
        text = " ".join("".join(t for t, _ in runs).split())
        if not text:
            return None
        facts = self.styles.of(item)
        num_id, num_level = _num_pr(item._p)
        num_id, num_level = (num_id, num_level) if num_id else (facts.num_id, facts.num_level)
        number = ""
        numbered = bool(num_id) and not self.numbering.is_bullet(num_id or "", num_level)
        if num_id and numbered:
            number = self.numbering.next_number(num_id, num_level)
        bold = _all_bold(runs, facts)
        level = _outline_level(item._p)
        level = facts.heading_level if level is None else level
        where = f"paragraph {self.paragraphs}, style {facts.name}" + (f", number {number}" if number else "")
        where += (", bold" if bold and level is None else "") + inside
        if level is not None:
            return FormHeading(text, level, where, number)
        if num_id or facts.is_list:
            return FormText(LIST_PREFIX + text, bold, where, numbered or "Number" in facts.name, number, num_level)
        return FormText(text, bold, where)


def _table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    """Each row's cells as text, reading rows and cell text that content controls wrap.

    A cell merged across columns is one cell; one merged down rows holds its text in its first row.
    """
    return tuple(tuple(_cell_text(tc) for tc in _children(tr, _CELL)) for tr in _children(table._tbl, _ROW))


_ROW, _CELL, _PARAGRAPH = qn("w:tr"), qn("w:tc"), qn("w:p")
_WRAPPERS = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))


def _children(element, tag: str) -> Iterator:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _cell_text(tc) -> str:
    lines = (line for p in tc.iter(_PARAGRAPH) for line in _run_text(p).splitlines())
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _run_text(p) -> str:
    return "".join(text for text, _ in _runs_of(p))


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


_RUN, _RUN_PROPS, _BOLD, _TEXT = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t")
_RUN_CHARS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def _runs(paragraph: Paragraph) -> list[tuple[str, bool | None]]:
    """Each run's text and its own bold setting, read straight from the XML (python-docx's xpath is slow)."""
    return _runs_of(paragraph._p)


def _runs_of(p) -> list[tuple[str, bool | None]]:
    runs = []
    for run in p.iter(_RUN):
        text = "".join((child.text or "") if child.tag == _TEXT else _RUN_CHARS.get(child.tag, "") for child in run)
        props = run.find(_RUN_PROPS)
        bold = props.find(_BOLD) if props is not None else None
        value = None if bold is None else bold.get(qn("w:val"), "true").lower() not in ("0", "false", "off")
        runs.append((text, value))
    return runs


def _all_bold(runs: list[tuple[str, bool | None]], facts: _StyleFacts) -> bool:
    shown = [bold for text, bold in runs if text.strip()]
    return bool(shown) and all(bold or (bold is None and facts.bold) for bold in shown)
