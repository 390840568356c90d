"""The count of a section's text against its own limit, the limits it shares, and what a section can hold."""

from __future__ import annotations

import streamlit as st

from research.domain.counting import LimitCheck, check
from research.domain.template_spec import Limit
from research.services.drafting.sections import MAX_BODY_CHARS, SectionView
from research.ui.components.common.formatting import coloured_count

STORAGE = Limit("characters", MAX_BODY_CHARS)


def storage_check(text: str) -> LimitCheck:
    """The text's characters (Markdown included) against the most one section can hold."""
    return LimitCheck(len(text), STORAGE)


def section_counts(view: SectionView, text: str) -> None:
    own = check(text, view.limit, view.page)
    stored = storage_check(text)
    lines = [f"This section: {coloured_count(own)}"]
    lines += [f"{g.title}: {coloured_count(g.with_text(text, view.page))}" for g in view.shared]
    if view.limit is None or stored.state != "ok":
        lines.append(f"Space: {coloured_count(stored)} (the most one section holds)")
    st.markdown(
        "  \n".join(lines),
        help="Counted as the funder counts: rendered words, not Markdown "
        "marks; lines and pages are estimates from the template's page format. "
        f"Whatever the funder's limit, one section holds at most {MAX_BODY_CHARS:,} characters.",
    )
    if own.over or any(g.with_text(text, view.page).over for g in view.shared):
        st.caption(
            ":red[Over the limit: you can save this text, but the section cannot be marked ready until it fits.]"
        )
    if stored.over:
        st.caption(
            f":red[Too long to save: one section holds at most {MAX_BODY_CHARS:,} characters. "
            "Move part of it to another section or shorten it.]"
        )
