"""The personal calendar feed: issue (shown once), replace, or revoke the subscription URL."""

from __future__ import annotations

import streamlit as st

from research.services.notify.calendar_tokens import (
    calendar_token_since,
    issue_calendar_token,
    revoke_calendar_token,
)
from research.ui import deps, state
from research.ui.feedback import attempt

# Button callbacks run before streamlit_app.py signs the page in again: their `actor` is the last
# run's, so they write through attempt(), which reads the session again and refuses an ended one.


def _issue(actor) -> None:
    """on_click: the new address is shown on this same run (it is its own confirmation)."""
    url = attempt(lambda: issue_calendar_token(deps.uow(), actor))
    if url:
        st.session_state[state.CALENDAR_FEED_URL] = url


def _revoke(actor) -> None:
    """on_click: the toast and the disabled button on this same run."""
    done = attempt(
        lambda: revoke_calendar_token(deps.uow(), actor) or True,
        "The calendar feed is off: its address no longer works.",
    )
    if done:
        st.session_state.pop(state.CALENDAR_FEED_URL, None)


def calendar_feed_panel(actor) -> None:
    st.subheader("Calendar feed")
    st.caption(
        "Subscribe in Google Calendar, Outlook or Apple Calendar to see your rounds, internal milestones, "
        "review and section due dates, with reminders. The address is private: anyone with it can read the feed."
    )
    fresh = st.session_state.pop(state.CALENDAR_FEED_URL, None)  # shown on this run only
    since = calendar_token_since(deps.uow(), actor)
    if fresh:
        st.code(fresh, language=None)
        st.caption("Copy it now: it is shown only once. Making a new one stops this one.")
    elif since:
        st.caption(f"Your feed address was made on {since:%d %b %Y}. It is not shown again.")
    left, right = st.columns(2)
    left.button("New feed address" if since else "Make my feed address", on_click=_issue, args=(actor,))
    right.button("Turn the feed off", on_click=_revoke, args=(actor,), disabled=since is None)
