"""Notices: what the workspace told you, newest first; the same events as the emails."""

import streamlit as st

from research.services.notify.inbox import my_notices, unread_count
from research.ui import deps, state
from research.ui.components.notify.notice_list import mark_notices_read, notice_row
from research.ui.guard import page_actor

actor = page_actor("notices_page.py")
st.title("Notices")
unread = unread_count(deps.uow(), actor)
left, right = st.columns([3, 1], vertical_alignment="center")
only_unread = left.toggle(f"Only unread ({unread})", key=state.NOTICES_UNREAD_ONLY)
right.button(
    "Mark all read",
    disabled=unread == 0,
    on_click=mark_notices_read,
    args=(actor, None, "All notices marked read."),
    width="stretch",
)
notices = my_notices(deps.uow(), actor, unread_only=only_unread)
if not notices:
    st.caption("Nothing here yet. Invitations, reminders, comments and status changes will appear here.")
for notice in notices:
    notice_row(actor, notice)
