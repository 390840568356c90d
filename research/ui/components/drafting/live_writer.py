"""Writing a section together: the live editor, the count that follows the shared text, Save version.

When the browser cannot hold the live connection (or a proxy blocks WebSockets), the writer can
switch to the plain editor: the compare-and-swap save with the conflict panel.
"""

from __future__ import annotations

import streamlit as st

from research.collab.versions import save_version
from research.services.common.actor import Actor
from research.services.drafting.sections import SectionView, set_section_ready
from research.ui import deps, state
from research.ui.components.drafting.live_editor import live_editor
from research.ui.components.drafting.section_counts import section_counts
from research.ui.feedback import attempt, flash, succeeded

KEY = "live"


def wants_plain_editor() -> bool:
    return bool(st.session_state.get(state.EDITOR_PLAIN))


def use_plain_editor(plain: bool) -> None:
    st.session_state[state.EDITOR_PLAIN] = plain


@st.fragment
def live_writer(actor: Actor, view: SectionView) -> None:
    reported = live_editor(
        view.id, actor.id, actor.display_name, True, view.body, f"{state.EDITOR_LIVE_EDITOR_PREFIX}{view.id}"
    )
    text = str(reported.get("text", view.body))
    section_counts(view, text)
    if reported.get("connected") is False:
        st.warning(
            "The live connection is not open (a proxy may block WebSockets). What you type stays in "
            "this browser until it reconnects; or switch to the plain editor and save by hand.",
            icon=":material/wifi_off:",
        )
    _save_version(actor, view)
    _readiness(actor, view)
    if st.button(
        "Use the plain editor",
        key=f"{KEY}_plain_{view.id}",
        icon=":material/edit_note:",
        help="Without a live connection: type, then Save; a co-author's save in between shows both texts.",
    ):
        use_plain_editor(True)
        st.rerun()  # the whole page: the choice of editor is made outside this fragment


def _save_version(actor: Actor, view: SectionView) -> None:
    """A named point in the history; the text itself is already safe without it."""
    with st.form(f"save_version_{view.id}", border=False, enter_to_submit=True):
        note, save = st.columns([4, 1], vertical_alignment="bottom")
        text = note.text_input("Note for this version", max_chars=200, placeholder="e.g. draft for Ana's review")
        if save.form_submit_button("Save version", icon=":material/bookmark_add:", width="stretch"):
            saved = attempt(lambda: (save_version(deps.uow, actor, view.id, text.strip()),))
            if saved is not None:
                number = saved[0]
                flash(f"Saved as revision {number}." if number else "Nothing had changed since the last version.")
                st.rerun()


def _readiness(actor: Actor, view: SectionView) -> None:
    """Ready applies to the text everyone sees now: it is recorded as a version first."""
    making_ready = view.status != "ready"
    label = "Mark ready" if making_ready else "Back to drafting"
    if st.button(label, key=f"{KEY}_ready_{view.id}", icon=":material/task_alt:"):
        recorded = attempt(lambda: (save_version(deps.uow, actor, view.id, ""),))
        if recorded is not None and succeeded(lambda: set_section_ready(deps.uow(), actor, view.id, making_ready)):
            flash(f"{view.title} is {'ready' if making_ready else 'back to drafting'}.")
            st.rerun()
