"""Home-page panels: rounds closing soon and internal deadlines coming up, before they pass."""

from __future__ import annotations

import streamlit as st

from research.domain.clock import utcnow
from research.domain.round_values import format_moment, until
from research.services.common.actor import Actor
from research.services.rounds.calendar import DueItem, closing_soon, milestones_due
from research.ui import deps
from research.ui.components.common.plain_text import md_escape
from research.ui.feedback import attempt
from research.ui.navigation import page_for

PANEL_CLOSING_SOON_KEY = "panel_closing_soon"
PANEL_MILESTONES_DUE_KEY = "panel_milestones_due"

CLOSING_DAYS = 21
MILESTONE_DAYS = 14


def _items(actor: Actor, items: list[DueItem], total: int, empty: str) -> None:
    if not items:
        st.caption(empty)
        return
    for item in items:
        yours = " · your application is in this round" if item.yours else ""
        forecast = " (forecast)" if item.status == "forecast" else ""
        st.page_link(
            page_for("rounds_page.py").path,
            query_params={"round": str(item.round_id)},
            icon=":material/event:",
            label=f"**{item.what}** {until(utcnow(), item.due_at)}: {md_escape(item.round)}",
            help=f"{item.funder}. Times in {actor.timezone}.",
        )
        # On its own line, so a phone's narrow link never cuts the date off.
        st.caption(f"{format_moment(item.due_at, actor.timezone, with_zone=False)}{forecast}{yours}")
    if total > len(items):
        st.caption(f"… and {total - len(items)} more on the Funding rounds page.")


def closing_soon_panel(actor: Actor) -> None:
    with st.container(border=True, key=PANEL_CLOSING_SOON_KEY):
        st.markdown(f"**:material/alarm: Closing soon** (next {CLOSING_DAYS} days)")
        found = attempt(lambda: closing_soon(deps.uow(), actor, days=CLOSING_DAYS))
        if found is not None:
            _items(actor, *found, empty="No round closes in the next three weeks.")


def milestones_due_panel(actor: Actor) -> None:
    with st.container(border=True, key=PANEL_MILESTONES_DUE_KEY):
        st.markdown(f"**:material/flag: Internal deadlines due** (next {MILESTONE_DAYS} days)")
        found = attempt(lambda: milestones_due(deps.uow(), actor, days=MILESTONE_DAYS))
        if found is not None:
            _items(actor, *found, empty="No intent, draft or sign-off deadline in the next two weeks.")
