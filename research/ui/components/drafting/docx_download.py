"""Download an application (or one section) as a Word file (and PDF): which text, which options, which styles.

Include it anywhere with `docx_download(actor, application_id)`; `key` keeps two on one page apart.
The file is made when asked for and kept in session state (bytes only) until an option changes.
Empty or over-limit sections block it, unless the user insists: then they go to a checklist file.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from research.adapters.render_cache import PageCountCache
from research.domain.clock import utcnow
from research.domain.errors import DomainError
from research.domain.export_document import ExportBlocked, ExportOptions
from research.domain.round_values import format_moment
from research.export.docx_base import Reference
from research.export.submission import submission_files
from research.services.common.actor import Actor
from research.services.drafting import docx_export, draft_import
from research.services.drafting.docx_export import CURRENT, ExportChoices, TextVersion
from research.ui import deps, state
from research.ui.components.drafting.docx_options import export_options, reference_choice
from research.ui.feedback import attempt

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
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
        options, pdf = export_options(key)
        reference = reference_choice(key, choices.template_key)
        digest = reference.digest if reference else ""
        signature = (application_id, section_id, version, options, pdf, digest)
        if st.button("Make the Word file", key=f"{key}_make", icon=":material/description:"):
            with st.spinner("Checking the limits and laying out the pages…"):
                _prepare(actor, application_id, section_id, version, (options, pdf, reference), signature, key)
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
    how: tuple[ExportOptions, bool, Reference | None],
    signature: tuple,
    key: str,
) -> None:
    options, pdf, reference = how
    st.session_state.pop(state.DOCX_PREPARED + key, None)
    # The versions are read before the text, so a save in between makes the import cautious, never careless.
    stamp = None
    if version == CURRENT:
        stamp = attempt(lambda: draft_import.export_stamp(deps.uow(), actor, application_id, section_id))
        if stamp is None:
            return
    document = attempt(lambda: docx_export.export_document(deps.uow(), actor, application_id, version, section_id))
    if document is None:
        return
    cache = PageCountCache(deps.settings().cache_dir)
    try:
        files = submission_files(document, options, reference, cache, pdf=pdf, stamp=stamp)
    except ExportBlocked as blocked:
        _blocked(blocked)
        return
    except DomainError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.session_state[state.DOCX_PREPARED + key] = {
        "signature": signature,
        "data": files.docx,
        "file_name": files.docx_name,
        "pdf": files.pdf,
        "pdf_name": files.pdf_name,
        "checklist": files.checklist,
        "checklist_name": files.checklist_name,
        "zip": files.zipped() if files.checklist is not None else None,
        "zip_name": f"{files.stem}.zip",
        "problems": files.problems,
        "warnings": files.warnings,
        "pages": tuple(str(line) for line in files.pages),
        "summary": f"{len(document.sections)} section(s) · {document.text_source}",
    }


def _blocked(blocked: ExportBlocked) -> None:
    st.error(
        "Not exported: fix these first, or tick “Export even if sections are empty or over their limits” "
        "to get them in a separate checklist file.\n\n" + "\n".join(f"- {reason}" for reason in blocked.reasons),
        icon=":material/block:",
    )


def _offer(signature: tuple, key: str) -> None:
    prepared = st.session_state.get(state.DOCX_PREPARED + key)
    if not prepared or prepared["signature"] != signature:
        return
    if prepared["pages"]:
        st.markdown("**Page counts**")
        st.text("\n".join(prepared["pages"]))
    for warning in prepared["warnings"]:
        st.warning(warning, icon=":material/warning:")
    if prepared["problems"]:
        st.warning(
            "Exported with things still to do; they are in "
            f"{prepared['checklist_name']}, not in the document:\n\n"
            + "\n".join(f"- {problem}" for problem in prepared["problems"]),
            icon=":material/checklist:",
        )
    columns = [*st.columns(2), *st.columns(2)]
    columns[0].download_button(
        "Download the Word file",
        prepared["data"],
        file_name=prepared["file_name"],
        mime=DOCX_MIME,
        key=f"{key}_download",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
    )
    if prepared["pdf"] is not None:
        columns[1].download_button(
            "Download the PDF",
            prepared["pdf"],
            file_name=prepared["pdf_name"],
            mime=PDF_MIME,
            key=f"{key}_download_pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    if prepared["checklist"] is not None:
        columns[2].download_button(
            "Download the checklist",
            prepared["checklist"].encode("utf-8"),
            file_name=prepared["checklist_name"],
            mime="text/plain",
            key=f"{key}_download_checklist",
            icon=":material/checklist:",
            on_click="ignore",
        )
        columns[3].download_button(
            "Download all (.zip)",
            prepared["zip"],
            file_name=prepared["zip_name"],
            mime="application/zip",
            key=f"{key}_download_zip",
            icon=":material/folder_zip:",
            on_click="ignore",
        )
    names = [prepared["file_name"]]
    names += [prepared["pdf_name"]] if prepared["pdf"] is not None else []
    names += [prepared["checklist_name"]] if prepared["checklist"] is not None else []
    st.caption(f"{' · '.join(names)} · {prepared['summary']} · {len(prepared['data']) / 1024:.0f} KB")
