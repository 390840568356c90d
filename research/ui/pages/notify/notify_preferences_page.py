"""Notification settings: per kind, immediately / daily digest / weekly digest / off; the calendar feed."""

import streamlit as st

from research.domain.notify import Cadence
from research.services.notify.preferences import my_preferences, set_preferences
from research.ui import deps
from research.ui.components.notify.calendar_feed_panel import calendar_feed_panel
from research.ui.components.notify.followed_rounds import followed_rounds_form
from research.ui.feedback import succeeded
from research.ui.guard import page_actor

CADENCES = [c.value for c in Cadence]

KEY = "notify_pref"
actor = page_actor("notify_preferences_page.py")
st.title("Notification settings")
st.caption(
    "Everything also appears under Notices in the app. Choose how each kind reaches you by email; "
    "digests go out after 7 am (weekly ones on Mondays)."
)
rows = my_preferences(deps.uow(), actor)
with st.form("notify_preferences"):
    chosen = {
        row.kind: st.segmented_control(
            row.label,
            CADENCES,
            default=row.cadence.value,
            format_func=lambda value: Cadence(value).label,
            key=f"{KEY}_{row.kind}",
        )
        for row in rows
    }
    if st.form_submit_button("Save settings", type="primary") and succeeded(
        lambda: set_preferences(deps.uow(), actor, chosen), "Notification settings saved."
    ):
        st.rerun()  # the confirmation now, not after the next click

followed_rounds_form(actor)

calendar_feed_panel(actor)
