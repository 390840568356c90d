"""Word list numbering: List Bullet / List Number paragraphs, nested levels, restarts.

Each list paragraph carries its style (List Bullet 2, List Number 3 ...) and an explicit
numbering reference. Every numbered list gets its own numbering instance, so a second
list starts again at 1 (or at the start its Markdown gives) instead of continuing.
Styles without numbering of their own (a bare reference .docx) fall back to a simple
definition made here.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

MAX_STYLE_LEVEL = 3
INDENT_TWIPS = 360
BULLETS = ("•", "◦", "▪")


def list_style_name(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    level = min(depth, MAX_STYLE_LEVEL)
    return base if level == 1 else f"{base} {level}"


def continue_style_name(depth: int) -> str:
    level = min(depth, MAX_STYLE_LEVEL)
    return "List Continue" if level == 1 else f"List Continue {level}"


class ListNumbering:
    def __init__(self, document: Document):
        self._document = document
        self._numbering = document.part.numbering_part.element
        self._bullet_nums: dict[str, tuple[int, int]] = {}
        self._abstracts: dict[tuple[str, bool], tuple[int, int]] = {}

    def bullet(self, style_name: str) -> tuple[int, int]:
        """(numId, ilvl) for a bullet style: shared by every bullet list of that style."""
        if style_name not in self._bullet_nums:
            abstract, ilvl = self._abstract_for(style_name, ordered=False)
            self._bullet_nums[style_name] = (self._numbering.add_num(abstract).numId, ilvl)
        return self._bullet_nums[style_name]

    def new_numbered_list(self, style_name: str, start: int) -> tuple[int, int]:
        """(numId, ilvl) of a fresh numbering instance that starts at `start`."""
        abstract, ilvl = self._abstract_for(style_name, ordered=True)
        num = self._numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=ilvl).add_startOverride(max(0, start))
        return num.numId, ilvl

    def _abstract_for(self, style_name: str, ordered: bool) -> tuple[int, int]:
        key = (style_name, ordered)
        if key not in self._abstracts:
            self._abstracts[key] = self._from_style(style_name) or (self._make_abstract(ordered, style_name), 0)
        return self._abstracts[key]

    def _from_style(self, style_name: str) -> tuple[int, int] | None:
        ppr = self._document.styles[style_name].element.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        try:
            num = self._numbering.num_having_numId(num_pr.numId.val)
        except KeyError:
            return None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return num.abstractNumId.val, ilvl

    def _make_abstract(self, ordered: bool, style_name: str) -> int:
        ids = [int(v) for v in self._numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        new_id = max(ids, default=-1) + 1
        depth = int(style_name[-1]) if style_name[-1].isdigit() else 1
        fmt, text = ("decimal", "%1.") if ordered else ("bullet", BULLETS[(depth - 1) % len(BULLETS)])
        left = INDENT_TWIPS * depth
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{new_id}">'
            f'<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{INDENT_TWIPS}"/></w:pPr></w:lvl></w:abstractNum>'
        )
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self._numbering.append(element)
        return new_id


def paragraph_properties(style_id: str | None, num: tuple[int, int] | None = None):
    """A w:pPr with a style and, for a list paragraph, its numbering (numId, ilvl), in schema order."""
    ppr = OxmlElement("w:pPr")
    if style_id:
        ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    if num is not None:
        num_pr = OxmlElement("w:numPr")
        num_pr.append(OxmlElement("w:ilvl", {qn("w:val"): str(num[1])}))
        num_pr.append(OxmlElement("w:numId", {qn("w:val"): str(num[0])}))
        ppr.append(num_pr)
    return ppr
