"""Review & readiness: request reviews, answer comments, see what is missing, move the status."""

import streamlit as st

from research.services.review import overview as review_overview
from research.ui import deps, state
from research.ui.components.review.readiness_status import readiness_panel, status_panel
from research.ui.components.review.review_common import pick_application, status_badge
from research.ui.components.review.review_rounds_view import blind_toggle, changes_panel, request_panel, rounds_panel
from research.ui.components.review.section_comments import section_comments
from research.ui.components.writing.aids_panel import criteria_advisory
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("review_readiness_page.py")
st.title("Review & readiness")
choice = pick_application(actor, state.REVIEW_APPLICATION)
if choice is None:
    st.info("You are not on the team of any application yet.", icon=":material/description:")
    st.stop()
application_id = choice.id
overview = attempt(lambda: review_overview.review_overview(deps.uow(), actor, application_id))
if overview is None:
    st.stop()

heading, blind = st.columns([1, 2], vertical_alignment="center")
with heading:
    status_badge(overview.status)
with blind:
    blind_toggle(actor, overview)

reviews, comments, changes, ready = st.tabs(["Reviews", "Comments", "Changes since review", "Readiness & status"])
with reviews:
    request_panel(actor, overview)
    rounds_panel(actor, overview)
with comments:
    sections = attempt(lambda: review_overview.section_titles(deps.uow(), actor, application_id)) or []
    if not sections:
        st.caption("This application has no sections yet.")
    for section_id, title in sections:
        st.subheader(title)
        section_comments(actor, choice.id, section_id)
with changes:
    changes_panel(actor, overview)
with ready:
    readiness_panel(actor, choice.id)
    criteria_advisory(actor, choice.id)
    status_panel(actor, choice.id)
