"""Editing one section: guidance, the text with a live count against its limits, save and ready."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from research.domain.errors import DomainError
from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.drafting.presence import mark_present
from research.services.drafting.sections import SectionView, open_section, save_section, set_section_ready
from research.ui import deps
from research.ui.components.common.formatting import STATUS_LABELS, day
from research.ui.components.common.user_markdown import user_markdown
from research.ui.components.drafting.authorship_panel import authorship_panel
from research.ui.components.drafting.conflict_panel import conflict_panel
from research.ui.components.drafting.editor_state import (
    Opened,
    after_save,
    body_key,
    conflict_revision,
    discard_changes,
    has_unsaved,
    live_key,
    opened,
)
from research.ui.components.drafting.live_text import live_text
from research.ui.components.drafting.live_writer import live_writer, use_plain_editor, wants_plain_editor
from research.ui.components.drafting.revision_history import revision_history
from research.ui.components.drafting.section_counts import section_counts
from research.ui.feedback import attempt, flash, succeeded
from research.ui.session import session_ended

DISCARD_PREFIX = "discard_"
READY_PREFIX = "ready_"
SAVE_PREFIX = "save_"
LIVE_PREFIX = "live_"

MARKDOWN_HELP = (
    "Markdown: `# Heading`, `**bold**`, `*italic*`, `- bullet`, `1. numbered`, "
    "`[link](https://…)` and `| simple | tables |`."
)


def section_editor(actor: Actor, section_id: int) -> None:
    view = attempt(lambda: open_section(deps.uow(), actor, section_id))
    if view is None:
        return
    _heading(actor, view)
    if (revision := conflict_revision(view.id)) is not None:
        conflict_panel(actor, view, revision)
        return
    if view.editable and not wants_plain_editor():
        live_writer(actor, view)
        authorship_panel(actor, view.id)
        revision_history(actor, view, opened(view))
        return
    seen = opened(view)
    _presence(actor, view.id, seen.version)
    if not view.editable:
        st.info("This application can no longer be edited; this is its final text.", icon=":material/lock:")
        user_markdown(view.body or "_(empty)_")
        return
    _writer(actor, view, seen)
    st.button(
        "Back to live writing",
        key=f"{LIVE_PREFIX}{view.id}",
        icon=":material/group:",
        on_click=use_plain_editor,
        args=(False,),
    )
    revision_history(actor, view, seen)


def _heading(actor: Actor, view: SectionView) -> None:
    st.subheader(view.title + ("" if view.required else " (optional)"))
    saved = (
        f"r{view.version} saved by {view.updated_by} on {format_moment(view.updated_at, actor.timezone, False)}"
        if view.version
        else "not saved yet"
    )
    st.caption(f"{STATUS_LABELS[view.status]} · owner: {view.owner or 'nobody'} · due: {day(view.due_on)} · {saved}")
    if view.guidance:
        with st.expander("Guidance", expanded=not view.body, icon=":material/info:"):
            user_markdown(view.guidance)


@st.fragment(run_every=timedelta(seconds=30))
def _presence(actor: Actor, section_id: int, seen_version: int) -> None:
    """Refreshes who else is here, and whether someone saved since this session opened it."""
    if session_ended():
        return
    try:
        pulse = mark_present(deps.uow(), actor, section_id)
    except DomainError:
        return
    if pulse.others:
        names = ", ".join(
            f"{p.name} (active {format_moment(p.seen_at, actor.timezone, time_only=True)})" for p in pulse.others
        )
        st.info(f"Also editing this section now: {names}", icon=":material/group:")
    if pulse.version > seen_version:
        st.warning(
            f"{pulse.updated_by} saved a newer version (r{pulse.version}) at "
            f"{format_moment(pulse.updated_at, actor.timezone, False)} after you opened this section. "
            "If you save, you will see both texts and choose.",
            icon=":material/sync_problem:",
        )


@st.fragment
def _writer(actor: Actor, view: SectionView, seen: Opened) -> None:
    """The text area, its count and its buttons; the count follows typing after a short pause.

    The buttons sit in the same fragment as the text area: a click outside it while the text
    area still has focus would be lost in the fragment rerun that the text area's blur starts.
    """
    key = body_key(view.id, seen)
    write, preview = st.tabs(["Write", "Preview"])
    with write:
        committed = st.text_area(
            "Text", value=seen.body, key=key, height=360, help=MARKDOWN_HELP, placeholder="Write in Markdown…"
        )
        typed = live_text(key, live_key(view.id, seen))
    text = typed if typed is not None else committed
    with preview:
        user_markdown(text or "_(nothing written yet)_")
    section_counts(view, text)
    _actions(actor, view, seen)


def _actions(actor: Actor, view: SectionView, seen: Opened) -> None:
    save, ready, discard = st.columns([1, 1, 1])
    if save.button("Save", type="primary", key=f"{SAVE_PREFIX}{view.id}", icon=":material/save:", width="stretch"):
        text = st.session_state.get(body_key(view.id, seen), seen.body)
        after_save(
            attempt(lambda: save_section(deps.uow(), actor, view.id, text, seen.version), unsaved=text),
            "Saved as revision {revision}.",
        )
    making_ready = view.status != "ready"
    label = "Mark ready" if making_ready else "Back to drafting"
    if ready.button(
        label,
        key=f"{READY_PREFIX}{view.id}",
        icon=":material/task_alt:",
        width="stretch",
        help="Ready applies to the saved text; it is refused while the text is empty or over a limit.",
    ):
        if has_unsaved(view.id, seen):
            st.error("Save your changes first: ready applies to the saved text.", icon=":material/error:")
        elif succeeded(lambda: set_section_ready(deps.uow(), actor, view.id, making_ready)):
            flash(f"{view.title} is {'ready' if making_ready else 'back to drafting'}.")
            st.rerun()
    if discard.button(
        "Discard my changes",
        key=f"{DISCARD_PREFIX}{view.id}",
        icon=":material/undo:",
        width="stretch",
        help="Load the latest saved text; what you typed since is not kept.",
    ):
        discard_changes(view)
        st.rerun()
