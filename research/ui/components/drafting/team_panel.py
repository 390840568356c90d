"""The team tab: members, inviting and removing co-authors (lead), assigning the open section."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.common.actor import Actor
from research.services.common.listing import LIST_LIMIT
from research.services.drafting.application_view import ApplicationDetail
from research.services.drafting.team import (
    assign_section,
    coauthor_candidates,
    default_due_date,
    invite_coauthor,
    remove_coauthor,
)
from research.ui import deps, state
from research.ui.components.common.form_fields import forget
from research.ui.components.common.search_box import search_box
from research.ui.feedback import attempt, succeeded

INVITE_KEY = "invite_coauthor"


def team_panel(actor: Actor, detail: ApplicationDetail, section_id: int) -> None:
    members, assign = st.columns(2, gap="large")
    with members:
        st.markdown("**Team**")
        st.dataframe(
            pd.DataFrame([{"name": m.name, "role": m.role} for m in detail.members]), hide_index=True, width="stretch"
        )
        if detail.my_role == "lead":
            _invite(actor, detail)
            _remove(actor, detail)
    with assign:
        _assign(actor, detail, section_id)


def _invite(actor: Actor, detail: ApplicationDetail) -> None:
    search = search_box(
        "Find a researcher to invite", key=state.COAUTHOR_SEARCH, placeholder="part of a name, username or email"
    )
    candidates = attempt(lambda: coauthor_candidates(deps.uow(), actor, detail.id, search, LIST_LIMIT)) or []
    if len(candidates) == LIST_LIMIT:
        st.caption(f"The first {LIST_LIMIT} researchers by name are listed: type to find others.")
    with st.form(INVITE_KEY):
        names = {u.id: f"{u.display_name} ({u.username})" for u in candidates}
        chosen = st.selectbox(
            "Invite a co-author",
            list(names),
            format_func=names.__getitem__,
            placeholder="No other researchers to invite" if not names else "Choose a researcher",
            index=None,
            key=f"{INVITE_KEY}_choice",
        )
        if st.form_submit_button("Invite", icon=":material/person_add:"):
            if chosen is None:
                st.error(
                    "Choose a researcher to invite first."
                    if names
                    else "There is nobody to invite: every researcher found is on the team already.",
                    icon=":material/error:",
                )
            elif succeeded(
                lambda: invite_coauthor(deps.uow(), actor, detail.id, chosen), f"{names[chosen]} joined the team."
            ):
                forget(f"{INVITE_KEY}_choice")
                st.rerun()


def _remove(actor: Actor, detail: ApplicationDetail) -> None:
    coauthors = {m.user_id: m.name for m in detail.members if m.role != "lead"}
    if not coauthors:
        return
    with st.form("remove_coauthor"):
        chosen = st.selectbox("Remove a co-author", list(coauthors), format_func=coauthors.__getitem__)
        if st.form_submit_button("Remove", icon=":material/person_remove:") and succeeded(
            lambda: remove_coauthor(deps.uow(), actor, detail.id, chosen),
            f"{coauthors[chosen]} left the team; their sections are unassigned.",
        ):
            st.rerun()


def _assign(actor: Actor, detail: ApplicationDetail, section_id: int) -> None:
    section = detail.section(section_id)
    people = {0: "Nobody"} | {m.user_id: m.name for m in detail.members}
    default_due = section.due_on or attempt(lambda: default_due_date(deps.uow(), actor, detail.id))
    with st.form(f"assign_{section_id}"):
        st.markdown(f"**Assign “{section.title}”**")
        st.caption("The section open on the Sections tab.")
        owner = st.selectbox(
            "Owner", list(people), format_func=people.__getitem__, index=list(people).index(section.owner_id or 0)
        )
        due = st.date_input(
            "Due",
            value=default_due,
            format="DD/MM/YYYY",
            help="Defaults to the round's internal draft milestone, if it has one.",
        )
        if st.form_submit_button("Save assignment", icon=":material/assignment_ind:") and succeeded(
            lambda: assign_section(deps.uow(), actor, section_id, owner or None, due),
            f"{section.title} assigned to {people[owner]}.",
        ):
            st.rerun()
