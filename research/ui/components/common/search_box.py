"""A search box that shows its limit before it is hit: a counter while typing, and the limit in its help."""

from __future__ import annotations

from typing import Any

import streamlit as st

from research.services.common.listing import SEARCH_MAX_CHARS

SEARCH_HELP = f"Up to {SEARCH_MAX_CHARS} characters."


def search_box(label: str, *, key: str, where: Any = st, help: str | None = None, **widget: Any) -> str:
    """st.text_input capped at the length a search takes (`where` is st, a column or a container)."""
    return str(
        where.text_input(
            label,
            key=key,
            max_chars=SEARCH_MAX_CHARS,
            help=f"{help} {SEARCH_HELP}" if help else SEARCH_HELP,
            **widget,
        )
    )
