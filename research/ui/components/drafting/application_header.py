"""The editor's header: which application, and its facts."""

from __future__ import annotations

import streamlit as st

from research.domain.application_status import ApplicationStatus
from research.domain.money import format_money
from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.drafting.application_view import ApplicationDetail
from research.services.drafting.applications import ApplicationRow
from research.ui import state


def _application_to_link() -> None:
    st.query_params["application"] = str(st.session_state[state.EDITOR_APPLICATION])
    st.query_params.pop("section", None)


def no_access_message(wanted: str) -> str:
    return (
        f"You do not have access to application {wanted}: you are not on its team, or it does not exist. "
        "Ask its lead to invite you, or choose one of yours below."
    )


def choose_application(rows: list[ApplicationRow]) -> int | None:
    """The application to edit: from the link (?application=), else the last one opened here.
    A link to one the user is not on says so and shows nothing else (None) until they choose."""
    ids = [r.id for r in rows]
    wanted = st.query_params.get("application") or ""
    refused = bool(wanted) and not (wanted.isdigit() and int(wanted) in ids)
    if refused:
        st.error(no_access_message(wanted), icon=":material/block:")
    elif wanted:
        st.session_state[state.EDITOR_APPLICATION] = int(wanted)
    if st.session_state.get(state.EDITOR_APPLICATION) not in ids:
        st.session_state[state.EDITOR_APPLICATION] = ids[0]
    titles = {r.id: f"{r.title} ({ApplicationStatus(r.status).label})" for r in rows}
    chosen = st.selectbox(
        "Application", ids, format_func=titles.__getitem__, key=state.EDITOR_APPLICATION, on_change=_application_to_link
    )
    if refused:
        return None
    st.query_params["application"] = str(chosen)
    return chosen


def application_header(actor: Actor, detail: ApplicationDetail) -> None:
    with st.container():
        st.subheader(detail.title, anchor=False)
        closes = format_moment(detail.closes_at, detail.round_timezone or actor.timezone, False)
        round_text = (
            f"{detail.funder} — {detail.round_name}, closes {closes}"
            if detail.round_name
            else "No funding round linked yet"
        )
        st.caption(
            f"{ApplicationStatus(detail.status).label.capitalize()} · {round_text} · "
            f"template: {detail.template_name} · "
            f"requested {format_money(detail.requested, detail.currency, code=True)} · "
            f"you are the {'lead' if detail.my_role == 'lead' else 'co-author'}"
        )
