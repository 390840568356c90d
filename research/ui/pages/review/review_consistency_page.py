"""Managers: is the internal review consistent? Reviewers against the panel, agreement, outliers, movement."""

import pandas as pd
import streamlit as st

from research.charts.review_consistency import agreement_by_criterion, criterion_movement, reviewers_against_panel
from research.services.drafting.templates import list_templates
from research.services.review.consistency import review_consistency
from research.ui import deps, state
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("review_consistency_page.py")
st.title("Review consistency")
st.caption(
    "Submitted rubric scores of the cluster's internal reviews. Only managers see this page, so blind reviews "
    "stay blind to the teams and to the other reviewers."
)
templates = {t.key: t.name for t in list_templates(deps.uow())}
by_template, by_round = st.columns(2)
template = by_template.selectbox(
    "Template",
    [None, *templates],
    format_func=lambda k: "Every template" if k is None else templates[k],
    key=state.CONSISTENCY_TEMPLATE,
)
round_number = st.session_state.get(state.CONSISTENCY_ROUND)
result = attempt(lambda: review_consistency(deps.uow(), actor, template, round_number))
if result is None:
    st.stop()
if round_number is not None and round_number not in result.rounds:
    st.session_state.pop(state.CONSISTENCY_ROUND)  # the template chosen has no such round: show every round
    st.rerun()
by_round.selectbox(
    "Review round",
    [None, *result.rounds],
    format_func=lambda n: "Every review round" if n is None else f"Review round {n}",
    key=state.CONSISTENCY_ROUND,
    help="Agreement, reviewers against the panel and outliers for one round of reviews or across them; "
    "the movement between rounds always spans them all.",
)
if not result.points:
    st.info("No submitted review has numeric scores yet.", icon=":material/rate_review:")
    st.stop()

st.plotly_chart(agreement_by_criterion([(a.criterion, a.alpha, a.units) for a in result.agreement]), width="stretch")
st.caption(result.meaning)
st.dataframe(
    pd.DataFrame(
        {
            "Criterion": [a.criterion for a in result.agreement],
            "Alpha": ["-" if a.alpha is None else f"{a.alpha:.2f}" for a in result.agreement],
            "Applications compared": [a.units for a in result.agreement],
            "Scores": [a.scores for a in result.agreement],
            "Reading": [a.verdict for a in result.agreement],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.plotly_chart(
    reviewers_against_panel([(r.reviewer, r.mean_against_panel) for r in result.reviewers]), width="stretch"
)

st.subheader("Scores far from the panel")
if result.outliers:
    st.dataframe(
        pd.DataFrame(
            {
                "Application": [o.application for o in result.outliers],
                "Round": [o.round_number for o in result.outliers],
                "Reviewer": [o.reviewer for o in result.outliers],
                "Criterion": [o.criterion for o in result.outliers],
                "Score": [o.score for o in result.outliers],
                "Panel median": [o.panel_median for o in result.outliers],
            }
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("No score is more than a quarter of the scale from its panel's median.")

st.subheader("Each reviewer's scores, normalised")
st.caption("A z-score of a reviewer's own scores on a criterion: 0 is their usual score, +1 one spread above it.")
st.dataframe(
    pd.DataFrame(
        {
            "Application": [p.application for p in result.points],
            "Round": [p.round_number for p in result.points],
            "Reviewer": [p.reviewer for p in result.points],
            "Criterion": [p.criterion for p in result.points],
            "Score": [p.score for p in result.points],
            "z-score": list(result.z_scores),
        }
    ),
    hide_index=True,
    width="stretch",
)

moved = sorted({m.application for m in result.movement if m.change is not None})
if moved:
    st.subheader("How scores moved between review rounds")
    application = st.selectbox("Application", moved)
    rows = [(m.criterion, m.round_number, m.mean_score) for m in result.movement if m.application == application]
    st.plotly_chart(criterion_movement(rows, application), width="stretch")
