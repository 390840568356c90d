"""After submitting: change a score with the reason the panel will read, and see earlier changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.common.actor import Actor
from research.services.review.reviewing import CriterionLine, ReviewWork
from research.services.review.score_changes import change_submitted_score, score_history
from research.ui import deps
from research.ui.feedback import attempt, succeeded

KEY = "score_change"


def score_change_form(actor: Actor, work: ReviewWork) -> None:
    if not work.submitted_at or not work.criteria:
        return
    with st.expander("Change a submitted score", icon=":material/edit_note:"):
        st.caption("While the round is open you may change a score you submitted. Say why: the team sees the reason.")
        lines = {line.criterion.key: line for line in work.criteria}
        with st.form(f"{KEY}_{work.review_id}"):
            key = st.selectbox("Criterion", list(lines), format_func=lambda k: lines[k].criterion.title)
            value = _value_input(lines[key], work.review_id)
            reason = st.text_area("Why the score changes", max_chars=2000, key=f"{KEY}_reason_{work.review_id}")
            submitted = st.form_submit_button("Change the score", type="primary")
        if submitted and succeeded(
            lambda: change_submitted_score(deps.uow(), actor, work.review_id, key, value, reason), "Score changed."
        ):
            st.rerun()
        _history(actor, work, lines)


def _value_input(line: CriterionLine, review_id: int) -> float | str | None:
    scale = line.criterion.scale
    if not scale.is_numeric:
        return st.selectbox("New rating", list(scale.ratings), key=f"{KEY}_rating_{review_id}")
    return st.number_input(
        "New score",
        min_value=float(scale.min),
        max_value=float(scale.max),
        step=float(scale.step),
        key=f"{KEY}_value_{review_id}",
    )


def _history(actor: Actor, work: ReviewWork, lines: dict[str, CriterionLine]) -> None:
    changes = attempt(lambda: score_history(deps.uow(), actor, work.review_id)) or ()
    if not changes:
        return
    table = pd.DataFrame(
        {
            "Criterion": [
                lines[c.criterion_key].criterion.title if c.criterion_key in lines else c.criterion_key for c in changes
            ],
            "From": [_shown(c.old) for c in changes],
            "To": [_shown(c.new) for c in changes],
            "Reason": [c.reason for c in changes],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _shown(value: object) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else f"{float(value):g}"  # type: ignore[arg-type]
