"""Reading a filled application (.docx) as blocks of the editor's Markdown, Track Changes accepted.

The text is read from the XML (python-docx's element tree), because python-docx's own
`paragraph.text` skips runs inside tracked insertions (w:ins). Accepting the changes means:
runs in w:ins and w:moveTo are kept, runs in w:del and w:moveFrom dropped, and a deleted
paragraph mark joins the paragraph to the next. Bold, italic, strikethrough, code fonts and
hyperlinks become Markdown; list paragraphs become list items (bullet or numbered, nested by
level); tables become Markdown tables, except one-column tables (answer boxes), whose
paragraphs are read as text. Refusals (not a .docx, damaged, encrypted, too large) are the
form reader's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from research.domain.draft_document import BlockKind, DraftBlock, DraftDocument
from research.domain.upload_limits import check_form_paragraphs
from research.export.docx_form_reader import open_docx
from research.export.docx_inline import CODE_FONT, RunFormat, RunPiece
from research.export.docx_provenance import read_stamp

BOLD_LINE_MAX_WORDS = 25
QUOTE_STYLES = ("quote", "intense quote")
_OFF = ("0", "false", "off", "none")
_RECURSE = {qn(t) for t in ("w:smartTag", "w:customXml", "w:fldSimple", "w:bdo", "w:dir")}
_KEEP = {qn("w:ins"), qn("w:moveTo")}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DROP = {qn("w:del"), qn("w:moveFrom")}
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LIST_STYLE = re.compile(r"^list (?:bullet|number)(?: (\d))?$")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")


@dataclass
class _Counts:
    insertions: int = 0
    deletions: int = 0


@dataclass
class _StyleFacts:
    heading_level: int | None = None
    bold: bool = False
    italic: bool = False
    quote: bool = False
    num: tuple[str, int] | None = None  # (numId, ilvl) the style itself numbers with
    list_depth: int = 0  # "List Bullet 2" is one level deeper than its numbering says


@dataclass
class _ListState:
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    indents: dict[int, int] = field(default_factory=dict)


def read_draft(data: bytes, name: str) -> DraftDocument:
    document = open_docx(data, name)
    check_form_paragraphs(len(document.element.body.findall(".//" + qn("w:p"))), name)
    reader = _Reader(document)
    blocks = tuple(reader.blocks())
    title = (document.core_properties.title or "").strip()
    counts = reader.counts
    return DraftDocument(name, title, blocks, counts.insertions, counts.deletions, read_stamp(document))


def _on(element) -> bool:
    return element is not None and element.get(qn("w:val"), "true").lower() not in _OFF


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.part = document.part
        self.counts = _Counts()
        self.lists = _ListState()
        self._styles: dict[str | None, _StyleFacts] = {}
        self._char_styles: dict[str, tuple[bool, bool]] = {}
        self._formats: dict[tuple[str, int], str] = {}
        self._paragraph_no = 0
        self._table_no = 0

    # --- walking the body ---------------------------------------------------------------------

    def blocks(self) -> Iterator[DraftBlock]:
        carried: list[RunPiece] = []
        for element in self._body_elements(self.document.element.body):
            if element.tag == qn("w:tbl"):
                if carried:
                    yield from self._flush(carried)
                    carried = []
                yield from self._table(element)
                continue
            self._paragraph_no += 1
            pieces = carried + self._pieces(element, RunFormat(), dropped=False)
            if self._mark_deleted(element):  # accepted: this paragraph runs on into the next
                self.counts.deletions += 1
                carried = pieces
                continue
            carried = []
            block = self._paragraph(element, pieces, f"paragraph {self._paragraph_no}")
            if block is not None:
                yield block
            yield from self._text_boxes(element)
        if carried:
            yield from self._flush(carried)

    def _text_boxes(self, p) -> Iterator[DraftBlock]:
        """Text in text boxes anchored in the paragraph, after it (Word's fallback copy is not read twice)."""
        where = f"text box in paragraph {self._paragraph_no}"
        for box in p.iter(qn("w:txbxContent")):
            if any(a.tag == _FALLBACK for a in box.iterancestors()):
                continue
            for inner in box.iter(qn("w:p")):
                block = self._paragraph(inner, self._pieces(inner, RunFormat(), dropped=False), where)
                if block is not None:
                    yield block

    def _flush(self, pieces: list[RunPiece]) -> Iterator[DraftBlock]:
        text = _plain(pieces)
        if text.strip():
            yield DraftBlock(BlockKind.PARAGRAPH, _inline(pieces), text, f"paragraph {self._paragraph_no}")

    def _body_elements(self, parent) -> Iterator:
        for child in parent:
            if child.tag in (qn("w:p"), qn("w:tbl")):
                yield child
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._body_elements(content)
            elif child.tag in _RECURSE or child.tag in _KEEP:
                yield from self._body_elements(child)

    def _mark_deleted(self, p) -> bool:
        ppr = p.find(qn("w:pPr"))
        rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
        return rpr is not None and rpr.find(qn("w:del")) is not None

    # --- runs ---------------------------------------------------------------------------------

    def _pieces(self, parent, fmt: RunFormat, dropped: bool) -> list[RunPiece]:
        pieces: list[RunPiece] = []
        for child in parent:
            tag = child.tag
            if tag == qn("w:r"):
                if not dropped:
                    pieces.extend(self._run(child, fmt))
            elif tag in _KEEP:
                self.counts.insertions += 1
                pieces.extend(self._pieces(child, fmt, dropped))
            elif tag in _DROP:
                self.counts.deletions += 1
            elif tag == qn("w:hyperlink"):
                pieces.extend(self._pieces(child, RunFormat(**{**fmt.__dict__, "href": self._href(child)}), dropped))
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    pieces.extend(self._pieces(content, fmt, dropped))
            elif tag in _RECURSE:
                pieces.extend(self._pieces(child, fmt, dropped))
        return pieces

    def _href(self, hyperlink) -> str | None:
        rel_id = hyperlink.get(qn("r:id"))
        rel = self.part.rels.get(rel_id) if rel_id else None
        if rel is None or rel.reltype != RT.HYPERLINK or not rel.is_external:
            return None
        return str(rel.target_ref)

    def _run(self, r, base: RunFormat) -> list[RunPiece]:
        fmt = self._run_format(r.find(qn("w:rPr")), base)
        pieces: list[RunPiece] = []
        for child in r:
            tag = child.tag
            if tag == qn("w:t"):
                pieces.append(RunPiece(child.text or "", fmt))
            elif tag == qn("w:tab"):
                pieces.append(RunPiece(" ", fmt))
            elif tag == qn("w:noBreakHyphen"):
                pieces.append(RunPiece("-", fmt))
            elif tag == qn("w:cr") or (tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping")):
                pieces.append(RunPiece("", fmt, line_break=True))
        return pieces

    def _run_format(self, rpr, base: RunFormat) -> RunFormat:
        if rpr is None:
            return base
        bold, italic = base.bold, base.italic
        style = rpr.find(qn("w:rStyle"))
        if style is not None:
            style_bold, style_italic = self._char_style(style.get(qn("w:val"), ""))
            bold, italic = bold or style_bold, italic or style_italic
        b, i = rpr.find(qn("w:b")), rpr.find(qn("w:i"))
        fonts = rpr.find(qn("w:rFonts"))
        return RunFormat(
            bold=_on(b) if b is not None else bold,
            italic=_on(i) if i is not None else italic,
            strike=_on(rpr.find(qn("w:strike"))) or _on(rpr.find(qn("w:dstrike"))),
            code=fonts is not None and fonts.get(qn("w:ascii")) == CODE_FONT,
            href=base.href,
        )

    def _char_style(self, style_id: str) -> tuple[bool, bool]:
        if style_id not in self._char_styles:
            bold = italic = False
            for style in _chain(self.part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)):
                bold = bold or bool(style.font.bold)
                italic = italic or bool(style.font.italic)
            self._char_styles[style_id] = (bold, italic)
        return self._char_styles[style_id]

    # --- paragraphs ---------------------------------------------------------------------------

    def _style(self, p) -> _StyleFacts:
        ppr = p.find(qn("w:pPr"))
        node = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = node.get(qn("w:val")) if node is not None else None
        if style_id not in self._styles:
            facts = _StyleFacts()
            for style in _chain(self.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)):
                name = (style.name or "").lower()
                if facts.heading_level is None:
                    facts.heading_level = _style_heading_level(name, style.element)
                facts.bold = facts.bold or bool(style.font.bold)
                facts.italic = facts.italic or bool(style.font.italic)
                facts.quote = facts.quote or name in QUOTE_STYLES
                if (depth := _LIST_STYLE.match(name)) and not facts.list_depth:
                    facts.list_depth = int(depth.group(1) or 1) - 1
                if facts.num is None:
                    facts.num = _num_pr(style.element)
            self._styles[style_id] = facts
        return self._styles[style_id]

    def _paragraph(self, p, pieces: list[RunPiece], where: str) -> DraftBlock | None:
        text = _plain(pieces)
        if not text.strip():
            return None
        facts = self._style(p)
        level = _outline_level(p)
        level = facts.heading_level if level is None else level
        if level is not None:
            heading = _inline(pieces, line_start=False).strip()  # after '# ' nothing reads as a list marker
            return DraftBlock(BlockKind.HEADING, heading, _clean(text), where, level=level)
        all_bold = facts.bold or all(x.fmt.bold for x in pieces if x.text.strip())
        bold_line = all_bold and len(text.split()) <= BOLD_LINE_MAX_WORDS
        num = _num_pr(p) or facts.num
        if num is not None and num[0] != "0":
            return self._list_item((num[0], num[1] + facts.list_depth), pieces, text, where, bold_line)
        if pieces and all(x.fmt.code for x in pieces if x.text.strip()):
            code = "".join("\n" if x.line_break else x.text for x in pieces)
            fence = "````" if "```" in code else "```"
            return DraftBlock(BlockKind.CODE, f"{fence}\n{code}\n{fence}", text, where)
        markdown = _inline(pieces)
        if facts.quote:
            markdown = "> " + markdown.replace("\n", "\n> ")
        return DraftBlock(BlockKind.PARAGRAPH, markdown, _clean(text), where, bold_line=bold_line)

    def _list_item(
        self, num: tuple[str, int], pieces: list[RunPiece], text: str, where: str, bold_line: bool
    ) -> DraftBlock:
        num_id, level = num
        for key in [k for k in self.lists.counters if k[1] > level]:
            del self.lists.counters[key]
        for deeper in [d for d in self.lists.indents if d > level]:
            del self.lists.indents[deeper]
        ordered = self._num_format(num_id, level) != "bullet"
        indent = sum(self.lists.indents.get(d, 2) for d in range(level))
        if ordered:
            number = self.lists.counters.get((num_id, level), 0) + 1
            self.lists.counters[(num_id, level)] = number
            marker = f"{number}. "
        else:
            marker = "- "
        self.lists.indents[level] = len(marker)
        body = _inline(pieces).replace("\n", "\n" + " " * (indent + len(marker)))
        return DraftBlock(BlockKind.LIST_ITEM, " " * indent + marker + body, _clean(text), where, bold_line=bold_line)

    def _num_format(self, num_id: str, level: int) -> str:
        key = (num_id, level)
        if key not in self._formats:
            self._formats[key] = _numbering_format(self.part.numbering_part.element, num_id, level)
        return self._formats[key]

    # --- tables -------------------------------------------------------------------------------

    def _table(self, tbl) -> Iterator[DraftBlock]:
        self._table_no += 1
        where = f"table {self._table_no}"
        rows = self._rows(tbl)
        if not rows:
            return
        if max(len(r) for r in rows) == 1:  # an answer box: its paragraphs are the text
            for tc in (cell for row in rows for cell in row):
                for p in tc.iter(qn("w:p")):
                    block = self._paragraph(p, self._pieces(p, RunFormat(), dropped=False), where)
                    if block is not None:
                        yield block
            return
        # The header row is bold because it is the header; its own words are not emphasised.
        cells = [[self._cell(tc, header=index == 0) for tc in row] for index, row in enumerate(rows)]
        width = max(len(r) for r in cells)
        padded = [r + [("", "")] * (width - len(r)) for r in cells]
        text = " ".join(plain for row in padded for _md, plain in row if plain)
        if not text.strip():
            return
        lines = ["| " + " | ".join(md for md, _plain in padded[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(md for md, _plain in row) + " |" for row in padded[1:]]
        yield DraftBlock(BlockKind.TABLE, "\n".join(lines), text, where)

    def _rows(self, tbl) -> list[list]:
        rows = []
        for tr in tbl.iter(qn("w:tr")):
            if tr.getparent() is not tbl:
                continue  # a nested table's rows are read as its cell's text
            properties = tr.find(qn("w:trPr"))
            if properties is not None and properties.find(qn("w:del")) is not None:
                self.counts.deletions += 1  # a tracked row deletion, accepted
                continue
            rows.append([tc for tc in tr.iterchildren(qn("w:tc"))])
        return rows

    def _cell(self, tc, header: bool) -> tuple[str, str]:
        mds, plains = [], []
        for p in tc.iter(qn("w:p")):
            pieces = self._pieces(p, RunFormat(), dropped=False)
            if header:
                pieces = [RunPiece(x.text, replace(x.fmt, bold=False), x.line_break) for x in pieces]
            plain = _plain(pieces)
            if plain.strip():
                mds.append(_inline(pieces, table=True))
                plains.append(_clean(plain))
        return " ".join(mds), " ".join(plains)


# --- helpers ------------------------------------------------------------------------------------


def _chain(style) -> Iterator:
    seen: set[int] = set()
    while style is not None and id(style.element) not in seen:
        seen.add(id(style.element))
        yield style
        style = style.base_style


def _style_heading_level(name: str, element) -> int | None:
    if name == "title":
        return 0
    if name.startswith("heading ") and name[8:].strip().isdigit():
        return int(name[8:].strip())
    return _outline_level(element)


def _outline_level(element) -> int | None:
    ppr = element.find(qn("w:pPr"))
    node = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if node is None:
        return None
    value = node.get(qn("w:val"), "9")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def _num_pr(element) -> tuple[str, int] | None:
    ppr = element.find(qn("w:pPr"))
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    level = ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"
    return num_id.get(qn("w:val"), "0"), int(level) if level.isdigit() else 0


def _numbering_format(numbering, num_id: str, level: int) -> str:
    for num in numbering.iterchildren(qn("w:num")):
        if num.get(qn("w:numId")) != num_id:
            continue
        abstract = num.find(qn("w:abstractNumId"))
        abstract_id = abstract.get(qn("w:val")) if abstract is not None else None
        for definition in numbering.iterchildren(qn("w:abstractNum")):
            if definition.get(qn("w:abstractNumId")) != abstract_id:
                continue
            for lvl in definition.iterchildren(qn("w:lvl")):
                if lvl.get(qn("w:ilvl")) == str(level):
                    fmt = lvl.find(qn("w:numFmt"))
                    return fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal"
    return "bullet"


def _plain(pieces: list[RunPiece]) -> str:
    return "".join(" " if p.line_break else p.text for p in pieces)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str, table: bool) -> str:
    text = text.replace("\\", "\\\\")
    for ch in "*`":
        text = text.replace(ch, "\\" + ch)
    text = _UNDERSCORE.sub(r"\\_", text)
    if "](" in text or "][" in text:
        text = text.replace("[", "\\[").replace("]", "\\]")
    if "~~" in text:
        text = text.replace("~", "\\~")
    text = text.replace("<", "\\<")
    text = _ENTITY.sub("\\&", text)
    if table:
        text = text.replace("|", "\\|")
    return text


def _wrap(text: str, fmt: RunFormat) -> str:
    """Formatting markers hugging the text, its outer spaces kept outside them."""
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
    if fmt.strike:
        core = f"~~{core}~~"
    if fmt.bold and fmt.italic:
        core = f"***{core}***"
    elif fmt.bold:
        core = f"**{core}**"
    elif fmt.italic:
        core = f"*{core}*"
    return lead + core + trail


def _inline(pieces: list[RunPiece], table: bool = False, line_start: bool = True) -> str:
    """Pieces as inline Markdown: same-format neighbours merged, links around their text."""
    out: list[str] = []
    groups: list[tuple[RunFormat, str]] = []
    for piece in pieces:
        text = "\\\n" if piece.line_break else piece.text
        key = RunFormat(piece.fmt.bold, piece.fmt.italic, piece.fmt.strike, piece.fmt.code, piece.fmt.href)
        if piece.line_break:
            groups.append((RunFormat(href=key.href), "\n"))
        elif groups and groups[-1][0] == key and groups[-1][1] != "\n":
            groups[-1] = (key, groups[-1][1] + text)
        else:
            groups.append((key, text))
    index = 0
    while index < len(groups):
        fmt, text = groups[index]
        href = fmt.href
        if href:
            inner = []
            while index < len(groups) and groups[index][0].href == href:
                inner.append(_group(*groups[index], table))
                index += 1
            out.append(f"[{''.join(inner)}]({href.replace(')', '%29').replace(' ', '%20')})")
            continue
        out.append(_group(fmt, text, table))
        index += 1
    markdown = "".join(out).replace("\u00a0", " ")
    if table:
        return " ".join(markdown.split())
    if not line_start:
        return markdown
    return _LINE_START.sub(_escape_marker, markdown.strip(" "), count=1)


def _escape_marker(found: re.Match[str]) -> str:
    """A line that would read as a heading, quote or list marker: '1. x' -> '1\\. x', '- x' -> '\\- x'."""
    marker = found.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return found.group(1) + escaped


def _group(fmt: RunFormat, text: str, table: bool) -> str:
    if text == "\n":
        return " " if table else "\\\n"
    if fmt.code:
        core = text.replace("\n", " ")
        ticks = "``" if "`" in core else "`"
        return f"{ticks}{core}{ticks}"
    return _wrap(_escape(text, table), fmt)
