"""Download an application (or one section) as a Word file: which text, and word counts or not.

Include it anywhere with `docx_download(actor, application_id)`; `key` keeps two on one page apart.
The file is made when asked for and kept in session state (bytes only) until an option changes.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from research.domain.clock import utcnow
from research.domain.round_values import format_moment
from research.export.docx_application import application_docx
from research.services.common.actor import Actor
from research.services.drafting import docx_export
from research.services.drafting.docx_export import CURRENT, ExportChoices, TextVersion
from research.ui import deps, state
from research.ui.feedback import attempt

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WHOLE, ONE = "Whole application", "One section"
NOW, FROZEN, AT_TIME = "Current text", "Frozen for a review round", "As saved at a time"


def docx_download(actor: Actor, application_id: int, key: str = "docx", title: str | None = "Export to Word") -> None:
    choices = attempt(lambda: docx_export.export_choices(deps.uow(), actor, application_id))
    if choices is None:
        return
    if not choices.sections:
        st.info(
            "This application has no sections yet, so there is nothing to export. Its sections come "
            "from the funder's template when the application is started.",
            icon=":material/info:",
        )
        return
    with st.container(border=True, key=f"{key}_panel"):
        if title:
            st.markdown(f"**{title}**")
        section_id = _scope(choices, key)
        version = _version(actor, choices, key)
        counts = st.checkbox(
            "Show each section's length against its limit",
            key=f"{key}_counts",
            help="Adds a line under each heading, e.g. “Length: 180 of 200 words”.",
        )
        signature = (application_id, section_id, version, counts)
        if st.button("Make the Word file", key=f"{key}_make", icon=":material/description:"):
            _prepare(actor, application_id, section_id, version, counts, signature, key)
        _offer(signature, key)


def _scope(choices: ExportChoices, key: str) -> int | None:
    scope = st.radio("What to export", [WHOLE, ONE], horizontal=True, key=f"{key}_scope")
    if scope != ONE:
        return None
    titles = {s.id: s.title for s in choices.sections}
    return st.selectbox("Section", list(titles), format_func=titles.__getitem__, key=f"{key}_section")


def _version(actor: Actor, choices: ExportChoices, key: str) -> TextVersion:
    options = [NOW, FROZEN, AT_TIME] if choices.review_rounds else [NOW, AT_TIME]
    which = st.radio(
        "Which text",
        options,
        horizontal=True,
        key=f"{key}_which",
        help="The text frozen for a review round is exactly what its reviewers read.",
    )
    zone = ZoneInfo(actor.timezone)
    if which == FROZEN:
        rounds = {r.id: r for r in choices.review_rounds}
        chosen = st.selectbox(
            "Review round",
            list(rounds),
            key=f"{key}_round",
            format_func=lambda i: (
                f"Round {rounds[i].number} — frozen {format_moment(rounds[i].requested_at, actor.timezone, False)}"
            ),
        )
        return TextVersion.review_round(chosen)
    if which == AT_TIME:
        now = utcnow().astimezone(zone)
        st.session_state.setdefault(f"{key}_day", now.date())
        st.session_state.setdefault(f"{key}_time", now.time().replace(second=0, microsecond=0))
        day_col, time_col = st.columns(2)
        day = day_col.date_input("Date", key=f"{key}_day")
        moment = time_col.time_input("Time", key=f"{key}_time", help=f"In your time zone, {zone.key}.")
        return TextVersion.at_time(datetime.combine(day, moment, tzinfo=zone))
    return CURRENT


def _prepare(
    actor: Actor,
    application_id: int,
    section_id: int | None,
    version: TextVersion,
    counts: bool,
    signature: tuple,
    key: str,
) -> None:
    document = attempt(lambda: docx_export.export_document(deps.uow(), actor, application_id, version, section_id))
    if document is None:
        return
    data = attempt(lambda: application_docx(document, deps.settings().templates_dir, include_counts=counts))
    if data is not None:
        st.session_state[state.DOCX_PREPARED + key] = {
            "signature": signature,
            "data": data,
            "file_name": document.file_name,
            "summary": f"{len(document.sections)} section(s) · {document.text_source}",
        }


def _offer(signature: tuple, key: str) -> None:
    prepared = st.session_state.get(state.DOCX_PREPARED + key)
    if not prepared or prepared["signature"] != signature:
        return
    st.download_button(
        f"Download {prepared['file_name']}",
        prepared["data"],
        file_name=prepared["file_name"],
        mime=DOCX_MIME,
        key=f"{key}_download",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(f"{prepared['summary']} · {len(prepared['data']) / 1024:.0f} KB")
