"""An application's sections at a glance: owner, status, count against the limit, progress."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.drafting.application_view import ApplicationDetail, SectionSummary
from research.ui import state
from research.ui.components.common.formatting import STATE_COLOURS, STATUS_LABELS, count_label, day

BACKGROUND = {
    "ok": "",
    "near": "background-color: rgba(255, 165, 0, 0.25)",
    "over": "background-color: rgba(255, 60, 60, 0.28)",
}


def _row(section: SectionSummary) -> dict:
    state_name = "over" if section.shared_over else section.check.state
    return {
        "section": section.title + ("" if section.required else " (optional)"),
        "status": STATUS_LABELS[section.status],
        "owner": section.owner or "—",
        "due": day(section.due_on),
        "count": count_label(section.check) + (" · shared over" if section.shared_over else ""),
        "_state": state_name,
    }


def section_table(detail: ApplicationDetail) -> None:
    st.progress(
        detail.ready_count / max(1, detail.required_count),
        text=f"{detail.ready_count} of {detail.required_count} required sections ready",
    )
    frame = pd.DataFrame([_row(s) for s in detail.sections])
    states = frame.pop("_state")
    if not any(s.due_on for s in detail.sections):
        frame = frame.drop(columns="due")
    styled = frame.style.apply(lambda column: [BACKGROUND[s] for s in states], subset=["count"])
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=35 * (len(frame) + 1) + 3,
        column_config={
            "section": st.column_config.TextColumn(width="large"),
            "count": st.column_config.TextColumn(width="medium"),
        },
    )
    st.caption("Counts turn amber near a limit and red past it.")
    for group in detail.shared:
        colour = STATE_COLOURS[group.check.state]
        st.caption(f"{group.title}: :{colour}[{count_label(group.check)}]")


def _section_to_link() -> None:
    st.query_params["section"] = str(st.session_state[state.EDITOR_SECTION])


def choose_section(detail: ApplicationDetail) -> int:
    """The section to edit: from the link (?section=), else the last one opened here."""
    ids = [s.id for s in detail.sections]
    wanted = st.query_params.get("section")
    if wanted and wanted.isdigit() and int(wanted) in ids:
        st.session_state[state.EDITOR_SECTION] = int(wanted)
    if st.session_state.get(state.EDITOR_SECTION) not in ids:
        st.session_state[state.EDITOR_SECTION] = ids[0]
    labels = {s.id: f"{s.title} — {STATUS_LABELS[s.status]} — {count_label(s.check)}" for s in detail.sections}
    chosen = st.selectbox(
        "Section to edit", ids, format_func=labels.__getitem__, key=state.EDITOR_SECTION, on_change=_section_to_link
    )
    st.query_params["section"] = str(chosen)
    return chosen
