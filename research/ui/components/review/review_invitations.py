"""A reviewer's inbox entries: an invitation to answer, a review to open, a reminder on home."""

from __future__ import annotations

import streamlit as st

from research.domain.reviewing import ReviewStatus
from research.services.common.actor import Actor
from research.services.review import reviewing
from research.services.review import rounds as review_rounds
from research.services.review.reviewing import InboxItem
from research.ui import deps, state
from research.ui.components.review.review_common import day
from research.ui.feedback import attempt, succeeded
from research.ui.navigation import page_for

HOME_REVIEWS_DUE_KEY = "home_reviews_due"
REVIEW_OPEN_BUTTON_PREFIX = "review_open_button_"
REVIEW_OPEN_PREFIX = "review_open_"

KEY = "review_invitation"
CONFLICT_CHOICES = ("No, I have no conflict of interest", "Yes, I have a conflict of interest")
REMINDER_ICONS = {"overdue": ":material/alarm:", "due soon": ":material/schedule:"}


def invitation_card(actor: Actor, item: InboxItem) -> None:
    with st.container(border=True, key=f"{KEY}_{item.review_id}"):
        st.markdown(f"**{item.application_title}** — review round {item.round_number}")
        st.caption(f"Lead: {item.lead} · Team: {', '.join(item.team)} · Due {day(item.due_on)} ({item.due_text})")
        if item.message:
            st.info(item.message, icon=":material/chat:")
        with st.form(f"{KEY}_form_{item.review_id}", border=False):
            conflict = st.radio(
                "Do you have a conflict of interest with this team or application?",
                CONFLICT_CHOICES,
                index=None,
                key=f"{KEY}_conflict_{item.review_id}",
                help="For example a close collaborator, a student or supervisor, family, or a competing proposal. "
                "A conflict means you cannot take this review.",
            )
            note = st.text_area(
                "Conflict or reason for declining",
                key=f"{KEY}_note_{item.review_id}",
                height=68,
                help="Needed if you decline or declare a conflict.",
            )
            declared = None if conflict is None else conflict == CONFLICT_CHOICES[1]
            accept, decline = st.columns(2)
            if accept.form_submit_button("Accept", type="primary", icon=":material/check:") and succeeded(
                lambda: review_rounds.respond_to_invitation(deps.uow(), actor, item.review_id, True, declared, note),
                "Accepted. The draft is open to you.",
            ):
                st.rerun()
            if decline.form_submit_button("Decline", icon=":material/close:") and succeeded(
                lambda: review_rounds.respond_to_invitation(deps.uow(), actor, item.review_id, False, declared, note),
                "Declined. The lead will see your answer.",
            ):
                st.rerun()


def open_review_row(item: InboxItem) -> None:
    """A review in progress: what, when, and a button to open it."""
    with st.container(border=True, key=f"{REVIEW_OPEN_PREFIX}{item.review_id}"):
        what, action = st.columns([4, 1], vertical_alignment="center")
        what.markdown(f"**{item.application_title}** — review round {item.round_number}")
        icon = REMINDER_ICONS.get(item.reminder or "", "")
        what.caption(f"{icon} Due {day(item.due_on)} · {item.due_text}".strip())
        if action.button(
            "Open review", key=f"{REVIEW_OPEN_BUTTON_PREFIX}{item.review_id}", icon=":material/open_in_new:"
        ):
            open_review(item.review_id)


def open_review(review_id: int) -> None:
    st.session_state[state.REVIEW_SELECTED] = review_id
    st.switch_page(page_for("review_page.py").path)


def reviews_due_panel(actor: Actor) -> None:
    """Home: reviews overdue or due within a week."""
    items = attempt(lambda: reviewing.reviews_due(deps.uow(), actor, within_days=7))
    if not items:
        if actor.role == "reviewer":
            st.info("No reviews are due this week.", icon=":material/inbox:")
        return
    with st.container(border=True, key=HOME_REVIEWS_DUE_KEY):
        st.markdown("**Reviews due soon**")
        for item in items:
            waiting = "invitation to answer" if item.status == ReviewStatus.INVITED else "review in progress"
            icon = REMINDER_ICONS.get(item.reminder or "", ":material/event:")
            st.markdown(f"{icon} **{item.application_title}** — {waiting}, {item.due_text} ({day(item.due_on)})")
        st.page_link(page_for("review_inbox_page.py").path, label="Open the review inbox", icon=":material/inbox:")


def reminders(items: list[InboxItem], named: int = 5) -> None:
    """One alert for the overdue reviews and one for those due soon, naming the first few."""
    for reminder, alert, icon in (
        ("overdue", st.error, ":material/alarm:"),
        ("due soon", st.warning, ":material/schedule:"),
    ):
        due = [i for i in items if i.reminder == reminder]
        if len(due) == 1:
            alert(f"Your review of “{due[0].application_title}” is {due[0].due_text}.", icon=icon)
        elif due:
            listed = "; ".join(f"“{i.application_title}” ({i.due_text})" for i in due[:named])
            more = f"; and {len(due) - named} more" if len(due) > named else ""
            alert(f"{len(due)} of your reviews are {reminder}: {listed}{more}.", icon=icon)
