"""Outcomes (managers): record submissions, awards and declines; see reviews and readiness."""

import streamlit as st

from research.services.review import overview as review_overview
from research.ui import deps, state
from research.ui.components.review.readiness_status import readiness_panel, status_panel
from research.ui.components.review.review_common import pick_application, status_badge
from research.ui.components.review.review_rounds_view import blind_toggle, rounds_panel
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("application_outcomes_page.py")
st.title("Outcomes")
st.caption(
    "Record what happened to each application once it leaves the team: submitted, awarded or declined. "
    "An award is credited in full to the application's cluster on the return dashboard."
)
choice = pick_application(actor, state.OUTCOME_APPLICATION, oversee=True)
if choice is None:
    st.info("There are no applications yet.", icon=":material/description:")
    st.stop()
application_id = choice.id
overview = attempt(lambda: review_overview.review_overview(deps.uow(), actor, application_id))
if overview is None:
    st.stop()

status_badge(overview.status)
status_panel(actor, choice.id)
blind_toggle(actor, overview)
if overview.before_submission:
    st.subheader("Readiness")
    readiness_panel(actor, choice.id)
st.subheader("Reviews")
rounds_panel(actor, overview)
