"""Home panel for researchers: the sections assigned to them that are not ready yet."""

from __future__ import annotations

import streamlit as st

from research.services.common.actor import Actor
from research.services.drafting.team import my_sections
from research.ui import deps
from research.ui.components.common.formatting import day

EDITOR = "research/ui/pages/drafting/application_editor_page.py"


def my_sections_panel(actor: Actor) -> None:
    sections = my_sections(deps.uow(), actor)
    with st.container(border=True):
        st.markdown("**Sections assigned to you**")
        if not sections:
            st.caption("Nothing assigned to you is waiting. Open My applications to start or join one.")
            return
        for item in sections:
            st.page_link(
                EDITOR,
                label=f"{item.section_title} — {item.application_title}",
                icon=":material/edit_note:",
                help=f"{item.status}, due {day(item.due_on)}",
                query_params={"application": str(item.application_id), "section": str(item.section_id)},
            )
            st.caption(f"{item.status} · due {day(item.due_on)}")
