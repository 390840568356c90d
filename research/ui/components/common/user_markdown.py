"""Showing Markdown people wrote: images from outside the workspace become links.

An image is fetched by every browser that shows it, so an outside image in a section would tell
its author who opened the draft, and when. The images are found with markdown-it-py's tokens
(an image rule that records where each one starts and ends), not with patterns over the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule
from markdown_it.token import Token

from research.ui.components.common.plain_text import md_escape


@dataclass(frozen=True)
class _Image:
    source: str  # the inline text the image was found in
    start: int
    end: int
    src: str
    alt: str


def _recording_image(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not image_rule(state, silent):
        return False
    if not silent:
        token = state.tokens[-1]
        state.env.setdefault("images", []).append(
            _Image(state.src, start, state.pos, str(token.attrGet("src") or ""), token.content)
        )
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Streamlit renders GitHub-flavoured Markdown: tables and strikethrough too.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.inline.ruler.at("image", _recording_image)
    return parser


def is_external(src: str) -> bool:
    parts = urlsplit(src)
    if parts.scheme == "data":
        return not parts.path.startswith("image/")
    return bool(parts.scheme or parts.netloc)


def external_images_as_links(text: str) -> str:
    if "![" not in (text or ""):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    cells: dict[int, int] = {}  # per line, where the last table cell found ends
    edits = [
        edit
        for before, token in zip([None, *tokens], tokens, strict=False)
        if token.type == "inline" and "![" in token.content
        for edit in _edits(token, _is_cell(before), lines, env.get("references", {}), cells)
    ]
    for line, column, length, replacement in sorted(edits, reverse=True):
        lines[line] = lines[line][:column] + replacement + lines[line][column + length :]
    return "\n".join(lines)


def _is_cell(opening: Token | None) -> bool:
    return opening is not None and opening.type in ("td_open", "th_open")


def _edits(
    token: Token, in_cell: bool, lines: list[str], references: Any, cells: dict[int, int]
) -> list[tuple[int, int, int, str]]:
    """(line, column, length, replacement) for each outside image in this block's inline text."""
    env: dict[str, Any] = {"references": references}
    _parser().parseInline(token.content, env)
    found = [i for i in env.get("images", []) if i.source == token.content and is_external(i.src)]
    first_line = token.map[0] if token.map else 0
    edits = []
    for image in found:
        line, column = _place(token.content, first_line, lines, image.start, cells if in_cell else None)
        if line is not None and lines[line][column:].startswith("!["):
            edits.append((line, column, *_replacement(image)))
    return edits


def _place(
    content: str, first_line: int, lines: list[str], offset: int, cells: dict[int, int] | None
) -> tuple[int | None, int]:
    """Where `offset` of a block's inline text sits in the document (markers and indents removed)."""
    before = content[:offset].split("\n")
    line = first_line + len(before) - 1
    content_line = content.split("\n")[len(before) - 1]
    doc_line = lines[line] if line < len(lines) else ""
    if cells is not None:  # a table cell: the next one along its row
        base = doc_line.find(content_line, cells.get(line, 0))
        cells[line] = base + len(content_line)
    else:  # the rest of the line, after any quote or list markers and indent
        stripped = doc_line.rstrip()
        base = len(stripped) - len(content_line.rstrip()) if stripped.endswith(content_line.rstrip()) else -1
    return (line, base + len(before[-1])) if base >= 0 else (None, 0)


def _replacement(image: _Image) -> tuple[int, str]:
    span = image.source[image.start : image.end]
    if "\n" in span:  # an image spread over lines: keep it, escaped, so it reads as a link
        return 1, "\\!"
    label = f"Image: {md_escape(image.alt)}" if image.alt.strip() else "Image"
    return len(span), f"[{label}](<{image.src}>)"


def user_markdown(text: str) -> None:
    """st.markdown for text a user wrote."""
    st.markdown(external_images_as_links(text))
