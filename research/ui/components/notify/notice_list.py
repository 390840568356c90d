"""The notices list: one bordered row per notice, unread first marked, with a link to its page."""

from __future__ import annotations

import streamlit as st

from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.notify.inbox import NoticeView, mark_read
from research.ui import deps
from research.ui.components.common.plain_text import md_escape
from research.ui.feedback import attempt

KEY = "notice"


def mark_notices_read(actor: Actor, ids: list[int] | None = None, success: str | None = None) -> None:
    """Mark these notices (all, when None) read; a button callback."""
    attempt(lambda: mark_read(deps.uow(), actor, ids), success)


def notice_row(actor: Actor, notice: NoticeView) -> None:
    with st.container(border=True):
        text, actions = st.columns([5, 1], vertical_alignment="center")
        marker = "" if notice.read else ":blue-badge[new] "
        text.markdown(f"{marker}**{md_escape(notice.subject)}**")
        if notice.body:
            text.caption(md_escape(notice.body))
        text.caption(format_moment(notice.created_at, actor.timezone, False))
        if notice.link:
            actions.link_button("Open", f"/{notice.link}", width="stretch")
        if not notice.read:
            actions.button(
                "Mark read",
                key=f"{KEY}_read_{notice.id}",
                on_click=mark_notices_read,
                args=(actor, [notice.id]),
                width="stretch",
            )


def unread_badge(count: int) -> str:
    return f"Notices ({count} unread)" if count else "Notices"
