"""Inline Markdown (markdown-it tokens) as Word runs: bold, italic, strike, code, real hyperlinks.

Adjacent text with the same formatting becomes one run, so a paragraph is a handful of
runs, not one per word. Raw HTML is written as the literal text it is, never interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from research.export.docx_text import xml_safe

CODE_FONT = "Courier New"
LINK_SCHEMES = ("http", "https", "mailto")  # the only targets a Word link keeps; other text stays as words


@dataclass(frozen=True)
class RunFormat:
    """How a run of text is set: read from Word runs (docx_draft_reader) and written back (here)."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None


@dataclass
class RunPiece:
    text: str
    fmt: RunFormat
    line_break: bool = False


def _pieces(children, base: RunFormat) -> list[RunPiece]:
    pieces: list[RunPiece] = []
    fmt = base
    for token in children or []:
        kind = token.type
        if kind == "text":
            _add(pieces, token.content, fmt)
        elif kind == "softbreak":
            _add(pieces, " ", fmt)
        elif kind == "hardbreak":
            pieces.append(RunPiece("", fmt, line_break=True))
        elif kind == "code_inline":
            _add(pieces, token.content, _replace(fmt, code=True))
        elif kind == "html_inline":
            _add(pieces, token.content, fmt)
        elif kind == "image":
            alt = token.content or "image"
            _add(pieces, f"[Image: {alt}]", _replace(fmt, href=_safe_target(token.attrs.get("src")) or fmt.href))
        elif kind in ("strong_open", "strong_close"):
            fmt = _replace(fmt, bold=kind == "strong_open" or base.bold)
        elif kind in ("em_open", "em_close"):
            fmt = _replace(fmt, italic=kind == "em_open" or base.italic)
        elif kind in ("s_open", "s_close"):
            fmt = _replace(fmt, strike=kind == "s_open")
        elif kind == "link_open":
            fmt = _replace(fmt, href=_safe_target(token.attrs.get("href")))
        elif kind == "link_close":
            fmt = _replace(fmt, href=None)
    return pieces


def _safe_target(href) -> str | None:
    """The link target, or None when Word could run something with it (ms-msdt:, file shares, ...)."""
    target = str(href or "").strip()
    try:
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        return None
    return target if scheme in LINK_SCHEMES else None


def _replace(fmt: RunFormat, **changes) -> RunFormat:
    values = {**fmt.__dict__, **changes}
    return RunFormat(**values)


def _add(pieces: list[RunPiece], text: str, fmt: RunFormat) -> None:
    if not text:
        return
    if pieces and pieces[-1].fmt == fmt and not pieces[-1].line_break:
        pieces[-1].text += text
    else:
        pieces.append(RunPiece(text, fmt))


def write_inline(paragraph: Paragraph, children, link_style_id: str, bold: bool = False, italic: bool = False) -> None:
    """Append the inline tokens `children` to `paragraph` as formatted runs; links take `link_style_id`."""
    links: dict[str, str] = {}
    current_link = None
    p = paragraph._p
    for piece in _pieces(children, RunFormat(bold=bold, italic=italic)):
        href = piece.fmt.href
        if href is None:
            current_link = None
            p.append(_run(piece))
        else:
            if current_link is None or current_link[0] != href:
                current_link = (href, _hyperlink(paragraph, href, links))
            current_link[1].append(_run(piece, link_style_id))


def _hyperlink(paragraph: Paragraph, href: str, cache: dict[str, str]):
    if href not in cache:
        cache[href] = paragraph.part.relate_to(xml_safe(href), RT.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink", {qn("r:id"): cache[href], qn("w:history"): "1"})
    paragraph._p.append(element)
    return element


def _run(piece: RunPiece, style_id: str | None = None):
    """A w:r element built directly: python-docx's generic setters cost several times more."""
    r = OxmlElement("w:r")
    fmt, props = piece.fmt, []
    if style_id:
        props.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
    if fmt.code:
        props.append(
            OxmlElement("w:rFonts", {qn("w:ascii"): CODE_FONT, qn("w:hAnsi"): CODE_FONT, qn("w:cs"): CODE_FONT})
        )
    for flag, tag in ((fmt.bold, "w:b"), (fmt.italic, "w:i"), (fmt.strike, "w:strike")):
        if flag:
            props.append(OxmlElement(tag))
    if props:
        rpr = OxmlElement("w:rPr")
        rpr.extend(props)
        r.append(rpr)
    if piece.line_break:
        r.append(OxmlElement("w:br"))
    elif "\t" in piece.text or "\n" in piece.text or "\r" in piece.text:
        r.text = xml_safe(piece.text)  # python-docx turns tabs and breaks into w:tab and w:br
    else:
        t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
        t.text = xml_safe(piece.text)
        r.append(t)
    return r
