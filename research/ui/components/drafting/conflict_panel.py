"""A save refused because someone else saved first: both texts, the difference, and a choice."""

from __future__ import annotations

import streamlit as st

from research.domain.round_values import format_moment
from research.domain.section_rules import RevisionKind
from research.services.common.actor import Actor
from research.services.drafting.history import ConflictView, conflict_view
from research.services.drafting.sections import SectionView, save_section
from research.ui import deps, state
from research.ui.components.drafting.editor_state import after_save, clear_conflict, reopen
from research.ui.feedback import attempt, flash

CONFLICT_KEEP_MINE_KEY = "conflict_keep_mine"
CONFLICT_KEEP_THEIRS_KEY = "conflict_keep_theirs"
TEXT_HEIGHT = 260


def conflict_panel(actor: Actor, view: SectionView, your_revision: int) -> None:
    conflict = attempt(lambda: conflict_view(deps.uow(), actor, view.id, your_revision))
    if conflict is None:
        return
    st.error(
        f"**{conflict.their_author}** saved this section (r{conflict.their_version}, "
        f"{format_moment(conflict.their_time, actor.timezone, False)}) after you opened it, so your save was not "
        f"applied. Your text is kept in the history as r{conflict.your_revision}: nothing is lost. "
        "Choose the text to keep.",
        icon=":material/call_split:",
    )
    theirs, yours = st.columns(2)
    # Plain wrapped text in a scrolling box: a code block's copy icon sat over the first line of a paragraph.
    with theirs:
        st.markdown(f"**Their text** (r{conflict.their_version}, current)")
        st.container(border=True, height=TEXT_HEIGHT).text(conflict.theirs or "(empty)", wrap=True)
    with yours:
        st.markdown(f"**Your text** (r{conflict.your_revision})")
        st.container(border=True, height=TEXT_HEIGHT).text(conflict.yours or "(empty)", wrap=True)
    st.markdown("**Differences** (`-` only in theirs, `+` only in yours)")
    st.code(conflict.diff or "(the texts are the same)", language="diff", wrap_lines=True)
    _choices(actor, conflict)


def _resolve(actor: Actor, conflict: ConflictView, text: str, note: str) -> None:
    after_save(
        attempt(
            lambda: save_section(
                deps.uow(), actor, conflict.section_id, text, conflict.their_version, RevisionKind.RESOLUTION, note
            ),
            unsaved=text,
        ),
        "Saved as revision {revision}; the conflict is resolved.",
    )


def _choices(actor: Actor, conflict: ConflictView) -> None:
    keep_theirs, keep_mine = st.columns(2)
    if keep_theirs.button("Keep their text", key=CONFLICT_KEEP_THEIRS_KEY, icon=":material/person:", width="stretch"):
        clear_conflict(conflict.section_id)
        reopen(conflict.section_id, conflict.their_version, conflict.theirs)
        flash(f"Kept {conflict.their_author}'s text; yours stays in the history as r{conflict.your_revision}.")
        st.rerun()
    if keep_mine.button("Keep my text", key=CONFLICT_KEEP_MINE_KEY, icon=":material/edit:", width="stretch"):
        _resolve(actor, conflict, conflict.yours, f"kept r{conflict.your_revision} over r{conflict.their_version}")
    with st.form(f"{state.EDITOR_MERGE_PREFIX}{conflict.section_id}_{conflict.their_version}"):
        merged = st.text_area("Or merge by hand (starts from your text)", value=conflict.yours, height=260)
        if st.form_submit_button("Save merged text", type="primary", icon=":material/merge:"):
            _resolve(actor, conflict, merged, f"merged r{conflict.your_revision} with r{conflict.their_version}")
