"""Review: the draft as it was frozen for review (read-only), the checklist, rubric and comments."""

import streamlit as st

from research.services.review import reviewing
from research.ui import deps, state
from research.ui.components.review.review_common import remembered_select
from research.ui.components.review.review_work import (
    review_form,
    review_header,
    review_readonly,
    snapshot_with_comments,
)
from research.ui.components.review.score_change_form import score_change_form
from research.ui.feedback import attempt
from research.ui.guard import page_actor
from research.ui.navigation import page_for

actor = page_actor("review_page.py")
st.title("Review")
reviews = attempt(lambda: reviewing.my_open_reviews(deps.uow(), actor))
if not reviews:
    st.info("You have no accepted reviews. Accept an invitation in your review inbox first.", icon=":material/inbox:")
    st.page_link(page_for("review_inbox_page.py").path, label="Open the review inbox", icon=":material/inbox:")
    st.stop()

chosen = remembered_select(
    "Review", {r.review_id: f"{r.application_title} — round {r.round_number}" for r in reviews}, state.REVIEW_SELECTED
)
work = attempt(lambda: reviewing.open_review(deps.uow(), actor, chosen))
if work is None:
    st.stop()

review_header(work)
draft, verdict = st.columns([3, 2], gap="large")
with draft:
    st.caption(
        "The draft as it was when the review was requested. It is read-only: "
        "comment on a section, quoting the words you mean."
    )
    snapshot_with_comments(actor, work)
with verdict:
    if work.locked:
        review_readonly(actor, work)
        score_change_form(actor, work)
    else:
        review_form(actor, work)
