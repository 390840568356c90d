"""Markdown (CommonMark + tables + strikethrough, parsed by markdown-it-py) as Word structure.

Headings become Heading styles (shifted below the section's own heading), lists become
List Bullet / List Number paragraphs with nested levels, block quotes Quote, code
monospaced, tables real Word tables with a repeating bold header row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt

from research.export.docx_base import HYPERLINK_STYLE
from research.export.docx_inline import CODE_FONT, write_inline
from research.export.docx_lists import (
    INDENT_TWIPS,
    MAX_STYLE_LEVEL,
    ListNumbering,
    continue_style_name,
    list_style_name,
    paragraph_properties,
)
from research.export.docx_text import xml_safe

MAX_HEADING = 9
ALIGN = {"center": "center", "right": "right"}  # left is Word's default
_HR = f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass
class _List:
    ordered: bool
    start: int
    num: tuple[int, int] | None = None
    item_started: bool = False


@dataclass
class _State:
    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0


class MarkdownWriter:
    """Writes Markdown into a document body; one writer per document (it owns list numbering)."""

    def __init__(self, document: Document):
        self.document = document
        self.numbering = ListNumbering(document)
        self._style_ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        """The id of a style by its name, looked up once (python-docx searches every style each time)."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def add_paragraph(self, style: str | None = None, text: str = "", num: tuple[int, int] | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(text)
        if style or num:
            paragraph._p.insert(0, paragraph_properties(self.style_id(style) if style else None, num))
        return paragraph

    def inline(self, paragraph: Paragraph, children, bold: bool = False) -> None:
        write_inline(paragraph, children, self.style_id(HYPERLINK_STYLE), bold=bold)

    def write(self, markdown: str, heading_offset: int = 1) -> None:
        tokens = parser().parse(xml_safe(markdown or ""))
        state = _State()
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index, state, heading_offset)

    def _block(self, tokens, index: int, state: _State, offset: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1:]) + offset, MAX_HEADING)
            paragraph = self.add_paragraph(f"Heading {level}")
            self.inline(paragraph, tokens[index + 1].children)
            return index + 3
        if kind == "paragraph_open":
            self._paragraph(tokens[index + 1], state)
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
            state.lists.append(_List(kind == "ordered_list_open", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            state.lists.pop()
        elif kind == "list_item_open":
            state.lists[-1].item_started = False
        elif kind == "list_item_close" and not state.lists[-1].item_started:
            self._list_paragraph(state)  # an empty item still shows its bullet
        elif kind == "blockquote_open":
            state.quote_depth += 1
        elif kind == "blockquote_close":
            state.quote_depth -= 1
        elif kind in ("fence", "code_block"):
            self._code(token.content)
        elif kind == "html_block":
            self.add_paragraph(text=xml_safe(token.content.rstrip("\n")))
        elif kind == "hr":
            self.add_paragraph()._p.get_or_add_pPr().append(parse_xml(_HR))
        elif kind == "table_open":
            return self._table(tokens, index)
        return index + 1

    def _paragraph(self, inline, state: _State) -> None:
        if state.lists:
            paragraph = self._list_paragraph(state)
        elif state.quote_depth:
            paragraph = self.add_paragraph("Quote")
        else:
            paragraph = self.add_paragraph()
        self.inline(paragraph, inline.children)

    def _list_paragraph(self, state: _State):
        current, depth = state.lists[-1], len(state.lists)
        if current.item_started:
            return self.add_paragraph(continue_style_name(depth))
        current.item_started = True
        name = list_style_name(current.ordered, depth)
        if current.num is None:
            current.num = (
                self.numbering.new_numbered_list(name, current.start)
                if current.ordered
                else self.numbering.bullet(name)
            )
        paragraph = self.add_paragraph(name, num=current.num)
        if depth > MAX_STYLE_LEVEL:
            paragraph.paragraph_format.left_indent = Twips(INDENT_TWIPS * (depth + 1))
        return paragraph

    def _code(self, content: str) -> None:
        paragraph = self.add_paragraph("No Spacing")
        run = paragraph.add_run(xml_safe(content.rstrip("\n")))
        run.font.name = CODE_FONT

    def _table(self, tokens, index: int) -> int:
        rows, header_rows, index = _table_rows(tokens, index)
        width = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table._tbl.tblStyle_val = self.style_id("Table Grid")
        for row, cells_in in zip(table.rows, rows, strict=True):
            cells = row.cells
            for cell, (inline, align, is_header) in zip(cells, cells_in, strict=False):
                paragraph = cell.paragraphs[0]
                if align in ALIGN:  # a bare w:pPr/w:jc: python-docx's alignment setter is slow
                    ppr = OxmlElement("w:pPr")
                    ppr.append(OxmlElement("w:jc", {qn("w:val"): ALIGN[align]}))
                    paragraph._p.insert(0, ppr)
                self.inline(paragraph, inline.children, bold=is_header)
        for row in table.rows[:header_rows]:
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        self.add_paragraph()  # keeps the next table or paragraph apart from this one
        return index


def _table_rows(tokens, index: int):
    """Rows of (inline token, alignment, is header) from table_open to table_close."""
    rows: list[list[tuple[Any, str, bool]]] = []
    header_rows = 0
    index += 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.get("style", ""))
            align = style.partition("text-align:")[2].strip()
            rows[-1].append((tokens[index + 1], align, token.type == "th_open"))
            index += 2
        elif token.type == "thead_close":
            header_rows = len(rows)
        index += 1
    return rows, header_rows, index + 1
