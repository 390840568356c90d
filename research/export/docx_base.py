"""The document an export starts from: a template's reference .docx, or python-docx's default.

As pandoc's reference-doc does, a reference file lends its styles, page set-up, header
and footer; its body is cleared. Without one, the template's page format (paper, margins,
font, size, spacing) is applied to the default styles.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.styles import BabelFish

from research.domain.counting import PAPER_CM
from research.domain.errors import InvalidInput, Problem
from research.domain.template_spec import PageFormat

REFERENCE_SUFFIX = ".reference.docx"
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


def reference_docx(templates_dir: Path | None, template_key: str) -> Path | None:
    """templates/<key>.reference.docx if the template has one (keys with path parts never match)."""
    if (
        templates_dir is None
        or not template_key
        or Path(template_key).name != template_key
        or template_key.startswith(".")
    ):
        return None
    path = Path(templates_dir) / f"{template_key}{REFERENCE_SUFFIX}"
    return path if path.is_file() else None


def start_document(reference: Path | None, page: PageFormat) -> Document:
    if reference is None:
        document = docx.Document()
        apply_page_format(document, page)
    else:
        document = _open_reference(reference)
        _clear_body(document)
    _ensure_styles(document)
    return document


def _open_reference(path: Path) -> Document:
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InvalidInput(
            Problem(
                path.name, f"is not a Word .docx file that can be opened ({exc}); an admin should replace or remove it"
            )
        ) from None


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
