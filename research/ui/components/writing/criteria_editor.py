"""A round's assessment criteria: read from the call's guidance, corrected in a preview, saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.assessment_criteria import AssessmentCriterion, criteria_from_text
from research.domain.upload_limits import upload_limits_note
from research.export.guidance_text import KINDS, guidance_text
from research.services.common.actor import Actor
from research.services.writing.round_criteria import round_criteria, set_round_criteria
from research.ui import deps, state
from research.ui.feedback import attempt

SOURCES = {
    "round": "These are this round's own criteria.",
    "template": "These come from the round's template (its rubric). Save a list to give the round its own.",
    "none": "Neither the round nor its template states criteria yet.",
}
COLUMNS = {"title": "Criterion", "weight": "Weight (%)", "describes": "What it looks at (phrases, separated by ;)"}


def criteria_editor(actor: Actor, round_id: int) -> None:
    with st.expander("Assessment criteria (what the funder's panel scores)", icon=":material/rule:"):
        loaded = attempt(lambda: round_criteria(deps.uow(), actor, round_id))
        if loaded is None:
            return
        current, source = loaded
        st.caption(SOURCES[source] + " Writers see each section matched against them.")
        draft_key = f"{state.CRITERIA_DRAFT_PREFIX}{round_id}"
        _reader(draft_key)
        draft = st.session_state.get(draft_key)
        rows = draft["rows"] if draft else [_row(c) for c in current]
        if draft and draft["unplaced"]:
            st.warning(
                "Lines that mention criteria or weights but were not placed:\n\n"
                + "\n".join(f"- {line}" for line in draft["unplaced"]),
                icon=":material/help:",
            )
        _form(actor, round_id, rows, draft_key, source)


def _row(c: AssessmentCriterion) -> dict[str, object]:
    return {"title": c.title, "weight": c.weight, "describes": "; ".join(c.describes)}


def _reader(draft_key: str) -> None:
    upload = st.file_uploader(
        f"Read them from the call's guidance ({KINDS})", key=f"{draft_key}_file", help=upload_limits_note()
    )
    pasted = st.text_area("or paste the guidance text", key=f"{draft_key}_text", height=120)
    if st.button("Find the criteria", key=f"{draft_key}_find", icon=":material/manage_search:"):
        text = attempt(lambda: guidance_text(upload.getvalue(), upload.name)) if upload else pasted
        if text is None:
            return
        found = criteria_from_text(text)
        if not found.criteria:
            st.error("No criteria were found in it: enter them by hand below.", icon=":material/search_off:")
        st.session_state[draft_key] = {"rows": [_row(c) for c in found.criteria], "unplaced": list(found.unplaced)}
        st.rerun()


def _form(actor: Actor, round_id: int, rows: list[dict[str, object]], draft_key: str, source: str) -> None:
    with st.form(f"{draft_key}_form"):
        table = pd.DataFrame(rows, columns=list(COLUMNS))
        edited = st.data_editor(
            table,
            num_rows="dynamic",
            width="stretch",
            column_config={
                "title": st.column_config.TextColumn(COLUMNS["title"], required=True, max_chars=200),
                "weight": st.column_config.NumberColumn(COLUMNS["weight"], min_value=0, max_value=100),
                "describes": st.column_config.TextColumn(COLUMNS["describes"]),
            },
            key=f"{draft_key}_editor",
        )
        save, reset = st.columns(2)
        saved = save.form_submit_button("Save these criteria", type="primary")
        cleared = reset.form_submit_button("Use the template's criteria", disabled=source != "round")
    if saved or cleared:
        chosen = [] if cleared else _criteria(edited)
        if attempt(lambda: set_round_criteria(deps.uow(), actor, round_id, chosen), "Criteria saved."):
            st.session_state.pop(draft_key, None)
            st.rerun()


def _criteria(table: pd.DataFrame) -> list[AssessmentCriterion]:
    criteria = []
    for row in table.fillna("").to_dict("records"):
        weight = row.get("weight")
        phrases = tuple(p.strip() for p in str(row.get("describes", "")).split(";") if p.strip())
        criteria.append(
            AssessmentCriterion("", str(row.get("title", "")), None if weight in ("", None) else float(weight), phrases)
        )
    return criteria
