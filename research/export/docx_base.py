"""The document an export starts from: a template's reference .docx, or python-docx's default.

As pandoc's reference-doc does, a reference file lends its styles, page set-up, header
and footer; its body is cleared. Without one, the template's page format (paper, margins,
font, size, spacing) is applied to the default styles.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.styles import BabelFish

from research.adapters.reference_files import template_reference
from research.domain.counting import PAPER_CM
from research.domain.errors import InvalidInput, Problem
from research.domain.template_spec import PageFormat
from research.export.docx_form_reader import open_docx

NEEDED_STYLES = (
    "Normal",
    "Title",
    "Quote",
    "No Spacing",
    "Table Grid",
    "Footer",
    *(f"Heading {n}" for n in range(1, 10)),
    *(f"List {kind}{suffix}" for kind in ("Bullet", "Number", "Continue") for suffix in ("", " 2", " 3")),
)
HEADING_GROWTH_PT = {"Title": 8, "Heading 1": 2, "Heading 2": 1}
HYPERLINK_STYLE = "Hyperlink"
HYPERLINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@dataclass(frozen=True)
class Reference:
    """A reference .docx whose styles, page set-up, header and footer the export borrows."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: Path) -> Reference:
        try:
            return cls(path.name, Path(path).read_bytes())
        except OSError as exc:
            raise InvalidInput(Problem(str(path), f"cannot be read ({exc.strerror or exc})")) from None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def choose_reference(
    templates_dir: Path | None, template_key: str, chosen: Reference | Path | None
) -> Reference | None:
    """The reference the user chose, else the template's own (templates/<key>.reference.docx), else none."""
    if isinstance(chosen, Reference):
        return chosen
    if chosen is not None:
        return Reference.from_path(chosen)
    default = reference_docx(templates_dir, template_key)
    return Reference.from_path(default) if default else None


def reference_docx(templates_dir: Path | None, template_key: str) -> Path | None:
    return template_reference(templates_dir, template_key)


def start_document(reference: Reference | Path | None, page: PageFormat, section_breaks: bool = False) -> Document:
    """The document to write into: the reference's styles (they win over the template's defaults)
    or the template's page rules; headings break pages only when asked to; no header or footer
    when the funder forbids them."""
    if isinstance(reference, Path):
        reference = Reference.from_path(reference)
    if reference is None:
        document = docx.Document()
        apply_page_format(document, page)
    else:
        document = _open_reference(reference)
        _clear_body(document)
    _ensure_styles(document)
    if not section_breaks:
        clear_heading_breaks(document)
    if page.headers_footers is False:
        remove_headers_footers(document)
    return document


def _open_reference(reference: Reference) -> Document:
    """The reference, refused by name (too big, a zip bomb, encrypted, not a .docx) before it is parsed."""
    return open_docx(reference.data, reference.name)


def clear_heading_breaks(document: Document) -> None:
    """A reference whose headings start new pages must not multiply the pages of a short text."""
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and (style.name or "").startswith(("Heading", "Title")):
            ppr = style.element.pPr
            if ppr is not None:
                for node in ppr.findall(qn("w:pageBreakBefore")):
                    ppr.remove(node)


def remove_headers_footers(document: Document) -> None:
    """The funder allows no header or footer: none from the reference, and no page numbers."""
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                part.is_linked_to_previous = True


def reference_warnings(document: Document, page: PageFormat) -> tuple[str, ...]:
    """Where the reference's styles fall short of a rule the funder states (the reference still wins)."""
    normal = document.styles["Normal"]
    warnings = []
    size = normal.font.size.pt if normal.font.size is not None else _doc_default_size(document)
    if page.is_stated("font_size_pt") and size is not None and size < page.font_size_pt:
        warnings.append(
            f"The reference document's body text is {size:g} pt; the funder asks for at least {page.font_size_pt:g} pt."
        )
    font = normal.font.name
    if page.is_stated("font") and font and font.lower() != page.font.lower():
        warnings.append(f"The reference document's body font is {font}; the funder asks for {page.font}.")
    section = document.sections[0]
    margins = [m for m in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin) if m]
    if page.is_stated("margins_cm") and margins and min(m.cm for m in margins) < page.margins_cm - 0.01:
        warnings.append(
            f"The reference document's margins go down to {min(m.cm for m in margins):.1f} cm; "
            f"the funder asks for at least {page.margins_cm:g} cm."
        )
    if page.is_stated("paper") and section.page_width is not None:
        width = PAPER_CM.get(page.paper, PAPER_CM["A4"])[0]
        if abs(section.page_width.cm - width) > 0.3:
            warnings.append(f"The reference document's paper is not {page.paper}, which the funder asks for.")
    return tuple(warnings)


def _doc_default_size(document: Document) -> float | None:
    sizes = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return int(sizes[0]) / 2 if sizes else None


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@lru_cache(maxsize=1)
def _default_styles():
    return docx.Document().styles.element


def _ensure_styles(document: Document) -> None:
    """Copy any style the export uses that a reference file lacks from python-docx's defaults."""
    styles = document.styles
    known = {s.name for s in styles}
    for name in NEEDED_STYLES:
        if name in known:
            continue
        internal = BabelFish.ui2internal(name)
        found = _default_styles().xpath(f'w:style[w:name/@w:val="{internal}"]')
        if found:
            element = copy.deepcopy(found[0])
            for tag in ("w:link", "w:rsid"):
                for node in element.findall(qn(tag)):
                    element.remove(node)
            for num_pr in element.iter(qn("w:numPr")):
                num_pr.getparent().remove(num_pr)
            styles.element.append(element)
    if HYPERLINK_STYLE not in known:
        style = styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = HYPERLINK_BLUE
        style.font.underline = True


def _set_font(style, name: str) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def apply_page_format(document: Document, page: PageFormat) -> None:
    width, height = PAPER_CM.get(page.paper, PAPER_CM["A4"])
    for section in document.sections:
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.left_margin = section.right_margin = Cm(page.margins_cm)
        section.top_margin = section.bottom_margin = Cm(page.margins_cm)
        section.header_distance = section.footer_distance = Cm(min(1.25, page.margins_cm / 2))
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, page.font)
    normal.font.size = Pt(page.font_size_pt)
    normal.paragraph_format.line_spacing = page.line_spacing
    normal.paragraph_format.space_after = Pt(round(page.font_size_pt / 2))
    for name in ("Title", *(f"Heading {n}" for n in range(1, 10))):
        style = styles[name]
        _set_font(style, page.font)
        style.font.size = Pt(page.font_size_pt + HEADING_GROWTH_PT.get(name, 0))
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
