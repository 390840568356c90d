"""Choosing the funding rounds to follow: reminders as they open and close, and in the calendar feed."""

from __future__ import annotations

import streamlit as st

from research.domain.clock import utcnow
from research.services.notify.follows import follow_choices, set_followed_rounds
from research.ui import deps
from research.ui.feedback import succeeded


def followed_rounds_form(actor) -> None:
    choices = follow_choices(deps.uow(), actor, utcnow())
    st.subheader("Rounds you follow")
    if not choices:
        st.caption("No funding rounds are open or upcoming.")
        return
    labels = {c.round_id: f"{c.name} (closes {c.closes_on:%d %b %Y})" for c in choices}
    with st.form("followed_rounds"):
        picked = st.multiselect(
            "Tell me when these open and when they close in 30, 14 and 7 days",
            list(labels),
            default=[c.round_id for c in choices if c.followed],
            format_func=labels.__getitem__,
        )
        if st.form_submit_button("Save rounds") and succeeded(
            lambda: set_followed_rounds(deps.uow(), actor, set(picked), set(labels)), "Followed rounds saved."
        ):
            st.rerun()  # the confirmation now, and the boxes as saved
