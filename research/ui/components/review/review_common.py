"""Small pieces the review pages share: running a write, dates, statuses, picking an application."""

from __future__ import annotations

from datetime import date
from typing import Literal

import streamlit as st

from research.domain.application_status import ApplicationStatus
from research.services.common.actor import Actor
from research.services.review.overview import ApplicationChoice, find_review_applications
from research.ui import deps
from research.ui.components.common.search_box import search_box
from research.ui.feedback import attempt

# The badge colours Streamlit offers that these statuses use.
Colour = Literal["gray", "blue", "orange", "green", "violet", "red"]

STATUS_COLOURS: dict[str, Colour] = {
    "drafting": "gray",
    "in_review": "blue",
    "revising": "orange",
    "ready": "green",
    "submitted": "violet",
    "awarded": "green",
    "declined": "red",
    "withdrawn": "gray",
}


def day(value: date | None) -> str:
    return f"{value:%a %d %b %Y}" if value else "—"


def status_badge(status: ApplicationStatus) -> None:
    st.badge(status.label.capitalize(), color=STATUS_COLOURS.get(status.value, "gray"))


def remembered_select(label: str, options: dict[int, str], key: str) -> int:
    """A selectbox of ids that keeps its choice under `key` even when the labels change
    (a keyed widget whose labels change is a new widget and would fall back to the first option)."""
    ids = list(options)
    current = st.session_state.get(key)
    if current not in options:
        current = ids[0]
    chosen = st.selectbox(label, ids, index=ids.index(current), format_func=options.__getitem__, key=f"{key}_box")
    st.session_state[key] = chosen
    return chosen


def pick_application(actor: Actor, key: str, oversee: bool = False) -> ApplicationChoice | None:
    """A selectbox of the applications this actor may see here; remembers the choice under `key`.
    Managers see every application, so they find one by title among the first few hundred."""
    search = search_box("Find an application by title", key=f"{key}_search") if oversee else ""
    found = attempt(lambda: find_review_applications(deps.uow(), actor, oversee, search))
    if found is not None and search and not found.total:
        st.warning(f"No application title contains “{search}”.", icon=":material/search_off:")
        found = attempt(lambda: find_review_applications(deps.uow(), actor, oversee))
    if not found or not found.items:
        return None
    if found.partial:
        st.caption(
            f"Showing the first {len(found.items):,} of {found.total:,} applications, the ones waiting for a "
            "decision first. Type part of a title to find another."
        )
    choices = found.items
    by_id = {c.id: c for c in choices}
    wanted = st.query_params.get("application")
    if wanted and wanted.isdigit() and int(wanted) in by_id:
        st.session_state[key] = int(wanted)
    elif wanted and not oversee:
        st.error(
            f"You do not have access to application {wanted}: you are not on its team, or it does not exist.",
            icon=":material/block:",
        )
    st.query_params.pop("application", None)
    # Titles only: a label that changes (say, with the status) is shown stale by the browser.
    chosen = remembered_select("Application", {c.id: c.title for c in choices}, key)
    return by_id[chosen]
