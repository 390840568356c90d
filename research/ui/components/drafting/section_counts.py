"""The count of a section's text against its own limit and the limits it shares."""

from __future__ import annotations

import streamlit as st

from research.domain.counting import check
from research.services.drafting.sections import SectionView
from research.ui.components.common.formatting import coloured_count


def section_counts(view: SectionView, text: str) -> None:
    own = check(text, view.limit, view.page)
    lines = [f"This section: {coloured_count(own)}"]
    lines += [f"{g.title}: {coloured_count(g.with_text(text, view.page))}" for g in view.shared]
    st.markdown(
        "  \n".join(lines),
        help="Counted as the funder counts: rendered words, not Markdown "
        "marks; lines and pages are estimates from the template's page format.",
    )
    if own.over or any(g.with_text(text, view.page).over for g in view.shared):
        st.caption(
            ":red[Over the limit: you can save this text, but the section cannot be marked ready until it fits.]"
        )
