"""Showing text people typed through Markdown without it turning into formatting or maths."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:])")


def md_escape(text: str) -> str:
    """Escape every Markdown (and Streamlit $maths$) character, so the text shows as typed."""
    escaped = _SPECIAL.sub(r"\\\1", text or "")
    return "  \n".join(escaped.splitlines())
