"""The preview of a Word draft against an application: each section beside its current text, and unplaced text.

The file is read once per upload and kept (as plain data) with what the user did: unplaced text put
in a section. The preview is made again on every run, so an accepted section shows as unchanged and
a section someone else saved shows their text. Accepting saves one section, nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from research.domain.draft_document import DraftDocument
from research.domain.draft_matching import UnplacedText
from research.export.docx_draft_reader import read_draft
from research.services.common.actor import Actor
from research.services.drafting import draft_import
from research.services.drafting.draft_import import DraftPreview, ImportStatus, SectionImport
from research.ui import deps, state
from research.ui.components.common.user_markdown import user_markdown
from research.ui.feedback import attempt, flash

DRAFT_IMPORT_UPLOAD_KEY = "draft_import_upload"
DRAFT_IMPORT_ACCEPT_PREFIX = "draft_import_accept_"
DRAFT_IMPORT_REPLACE_PREFIX = "draft_import_replace_"
DRAFT_IMPORT_PLACE_PREFIX = "draft_import_place_"
DRAFT_IMPORT_TARGET_PREFIX = "draft_import_target_"
DRAFT_IMPORT_RESET_KEY = "draft_import_reset"
DRAFT_IMPORT_ACCEPT_ALL_KEY = "draft_import_accept_all"
STATUS_ICON = {
    ImportStatus.CHANGED: ":material/edit_note:",
    ImportStatus.UNCHANGED: ":material/check:",
    ImportStatus.MISSING: ":material/remove:",
}


def _kept(upload: Any, application_id: int) -> dict[str, Any] | None:
    kept = st.session_state.get(state.DRAFT_IMPORT)
    if kept and kept["file_id"] == upload.file_id and kept["application_id"] == application_id:
        return dict(kept)
    document = attempt(lambda: read_draft(upload.getvalue(), upload.name))
    if document is None:
        return None
    kept = {"file_id": upload.file_id, "application_id": application_id, "document": document, "assigned": {}}
    st.session_state[state.DRAFT_IMPORT] = kept
    return kept


def draft_import_panel(actor: Actor, application_id: int, upload: Any) -> None:
    kept = _kept(upload, application_id)
    if kept is None:
        return
    document: DraftDocument = kept["document"]
    preview = attempt(
        lambda: draft_import.preview_draft_import(deps.uow(), actor, application_id, document, kept["assigned"])
    )
    if preview is None:
        return
    for notice in st.session_state[state.DRAFT_IMPORT].pop("notices", []):
        st.warning(notice, icon=":material/warning:")
    _summary(preview)
    if len(preview.changed) > 1:  # callbacks get the preview as it was shown, so the versions the user saw
        label = f"Accept all {len(preview.changed)} changed sections"
        st.button(
            label,
            key=DRAFT_IMPORT_ACCEPT_ALL_KEY,
            icon=":material/done_all:",
            on_click=_accept_all,
            args=(actor, preview),
        )
    for section in preview.sections:
        _section(actor, preview, section)
    _unplaced(preview, kept)


def _summary(preview: DraftPreview) -> None:
    tracked = (
        f" Track Changes accepted: {preview.insertions} insertion(s) taken, {preview.deletions} deletion(s) dropped."
        if preview.insertions or preview.deletions
        else ""
    )
    st.info(
        f"**{len(preview.matched)} of {len(preview.sections)} sections** found in {preview.file_name}, "
        f"**{len(preview.changed)} changed**. Words: {preview.words_in:,} in the file = "
        f"{preview.words_placed:,} placed + {preview.words_unplaced:,} unplaced.{tracked}",
        icon=":material/info:",
    )
    for warning in preview.warnings:
        st.warning(warning, icon=":material/warning:")


def _section(actor: Actor, preview: DraftPreview, section: SectionImport) -> None:
    label = f"{section.number}. {section.title} — {section.status.value}"
    with st.expander(label, expanded=section.changed, icon=STATUS_ICON[section.status]):
        if section.imported is None:
            st.caption("Nothing in the file was placed here; the section stays as it is.")
            return
        source = f"under “{section.heading}” ({section.where})" if section.heading else f"put here ({section.where})"
        st.caption(f"From the file {source} · {section.words:,} words · {section.summary}")
        current, imported = st.columns(2)
        with current.container(border=True):
            st.markdown("**Current text**")
            user_markdown(section.current or "*(empty)*")
        with imported.container(border=True):
            st.markdown("**From the file**")
            user_markdown(section.imported or "*(empty)*")
        if not section.changed:
            return
        if section.changed_since_export:
            st.warning(
                f"This section was saved in the app after the file was exported (version {section.version} was "
                f"exported, it is now {section.current_version}). Accepting will not replace the newer text: the "
                "file's text is kept in the history as a conflict to merge in the editor.",
                icon=":material/warning:",
            )
        st.code(section.diff, language="diff", wrap_lines=True)
        st.button(
            "Accept this section",
            key=f"{DRAFT_IMPORT_ACCEPT_PREFIX}{section.section_id}",
            type="primary",
            icon=":material/done:",
            on_click=_accept,
            args=(actor, preview, section),
        )
        if section.changed_since_export:  # a choice made looking at the diff against the newer text
            st.button(
                "Replace the newer text with the file's",
                key=f"{DRAFT_IMPORT_REPLACE_PREFIX}{section.section_id}",
                icon=":material/swap_horiz:",
                on_click=_accept,
                args=(actor, preview, replace(section, version=section.current_version)),
            )


def _accept(actor: Actor, preview: DraftPreview, section: SectionImport) -> None:
    outcome = attempt(
        lambda: draft_import.accept_imported_section(
            deps.uow(),
            actor,
            preview.application_id,
            section.section_id,
            section.imported or "",
            section.version,
            preview.file_name,
        ),
        unsaved=section.imported,
    )
    if outcome is None:
        return
    if outcome.conflict:
        st.session_state[state.DRAFT_IMPORT]["notices"] = [
            f"“{section.title}” was saved in the app after the file was exported or this preview was shown, so "
            f"it was not overwritten. The file's text is kept in its history as revision {outcome.revision}; "
            "the preview now compares against the newer text."
        ]
    else:
        flash(f"Saved “{section.title}” as revision {outcome.revision}.")


def _accept_all(actor: Actor, preview: DraftPreview) -> None:
    outcomes = attempt(
        lambda: draft_import.accept_imported_sections(
            deps.uow(), actor, preview.application_id, preview.changed, preview.file_name
        )
    )
    if outcomes is None:
        return
    conflicts = [s.title for s, o in zip(preview.changed, outcomes, strict=True) if o.conflict]
    if conflicts:
        st.session_state[state.DRAFT_IMPORT]["notices"] = [
            "Saved in the app after the file was exported or this preview was shown, so not overwritten (the "
            "file's text is kept in their history as a conflict revision): " + ", ".join(f"“{t}”" for t in conflicts)
        ]
    flash(f"Saved {len(outcomes) - len(conflicts)} section(s) from {preview.file_name}.")


def _unplaced(preview: DraftPreview, kept: dict[str, Any]) -> None:
    st.subheader(f"Unplaced text ({preview.words_unplaced:,} words)")
    if kept["assigned"]:
        st.button("Take back the text I placed", key=DRAFT_IMPORT_RESET_KEY, on_click=_take_back)
    if not preview.unplaced:
        st.caption("Every word of the file is placed in a section.")
        return
    st.caption(
        "Text that matched no section. It is never dropped: copy it (the copy button on each box), "
        "or put it at the end of a section's imported text, then accept that section."
    )
    titles = {s.key: f"{s.number}. {s.title}" for s in preview.sections}
    for part in preview.unplaced:
        _part(part, titles)


def _part(part: UnplacedText, titles: dict[str, str]) -> None:
    with st.container(border=True):
        st.caption(f"{part.where} · {part.words:,} words")
        st.code(part.markdown, language="markdown", wrap_lines=True)
        target_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        target = target_col.selectbox(
            "Section", list(titles), format_func=titles.__getitem__, key=f"{DRAFT_IMPORT_TARGET_PREFIX}{part.index}"
        )
        button_col.button(
            "Put it there", key=f"{DRAFT_IMPORT_PLACE_PREFIX}{part.index}", on_click=_place, args=(part.index, target)
        )


def _place(index: int, target: str) -> None:
    kept = st.session_state[state.DRAFT_IMPORT]
    kept["assigned"] = {**kept["assigned"], index: target}


def _take_back() -> None:
    st.session_state[state.DRAFT_IMPORT]["assigned"] = {}
