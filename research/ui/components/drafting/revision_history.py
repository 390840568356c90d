"""A section's history: who saved what when, the difference between two revisions, restore."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.drafting.history import compare_revisions, revision_text, section_history
from research.services.drafting.sections import SectionView, restore_revision
from research.ui import deps, state
from research.ui.components.drafting.editor_state import Opened, after_save
from research.ui.feedback import attempt

COMPARE_NEW_PREFIX = "compare_new_"
COMPARE_OLD_PREFIX = "compare_old_"
COMPARE_SEEN_PREFIX = "compare_seen_"
RESTORE_PICK_PREFIX = "restore_pick_"
RESTORE_PREFIX = "restore_"

PAGE_SIZE = 25


def revision_history(actor: Actor, view: SectionView, seen: Opened) -> None:
    if not view.revisions:
        return
    with st.expander("History, differences and restore", icon=":material/history:"):
        page_no = _page_number(view)
        history = attempt(lambda: section_history(deps.uow(), actor, view.id, PAGE_SIZE, page_no * PAGE_SIZE))
        if history is None or not history.revisions:
            st.caption("No revisions yet.")
            return
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "revision": f"r{r.number}" + (" (current)" if r.number == history.current_version else ""),
                        "author": r.author,
                        "saved": format_moment(r.created_at, actor.timezone, False),
                        "kind": r.kind,
                        "written on": f"r{r.based_on}" if r.based_on else "—",
                        "note": r.note,
                    }
                    for r in history.revisions
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        numbers = [r.number for r in history.revisions]
        _compare(actor, view, numbers)
        _restore(actor, view, seen, numbers)


def _page_number(view: SectionView) -> int:
    pages = -(-view.revisions // PAGE_SIZE)
    if pages <= 1:
        return 0
    return (
        st.number_input(
            f"Page of {pages} (newest first, {PAGE_SIZE} a page)",
            min_value=1,
            max_value=pages,
            value=1,
            key=f"{state.EDITOR_HISTORY_PAGE}_{view.id}",
        )
        - 1
    )


def _follow_newest(view: SectionView, numbers: list[int]) -> None:
    """A save in this visit adds a revision: compare the two newest again, not the picks the list had before."""
    seen = f"{COMPARE_SEEN_PREFIX}{view.id}"
    if st.session_state.get(seen) != numbers[0]:
        st.session_state.pop(f"{COMPARE_NEW_PREFIX}{view.id}", None)
        st.session_state.pop(f"{COMPARE_OLD_PREFIX}{view.id}", None)
        st.session_state[seen] = numbers[0]


def _compare(actor: Actor, view: SectionView, numbers: list[int]) -> None:
    label = {n: f"r{n}" for n in numbers}
    _follow_newest(view, numbers)
    older, newer = st.columns(2)
    new = newer.selectbox("Compare to", numbers, format_func=label.__getitem__, key=f"{COMPARE_NEW_PREFIX}{view.id}")
    old = older.selectbox(
        "Compare",
        numbers,
        index=min(1, len(numbers) - 1),
        format_func=label.__getitem__,
        key=f"{COMPARE_OLD_PREFIX}{view.id}",
    )
    comparison = attempt(lambda: compare_revisions(deps.uow(), actor, view.id, old, new))
    if comparison:
        st.code(comparison.diff or f"r{old} and r{new} are the same text.", language="diff", wrap_lines=True)


def _restore(actor: Actor, view: SectionView, seen: Opened, numbers: list[int]) -> None:
    chosen, button = st.columns([2, 1], vertical_alignment="bottom")
    number = chosen.selectbox(
        "Revision to restore", numbers, format_func=lambda n: f"r{n}", key=f"{RESTORE_PICK_PREFIX}{view.id}"
    )
    with st.popover(f"Show the text of r{number}"):
        st.code(
            attempt(lambda: revision_text(deps.uow(), actor, view.id, number)) or "",
            language="markdown",
            wrap_lines=True,
        )
    if button.button(
        f"Restore r{number}",
        key=f"{RESTORE_PREFIX}{view.id}",
        icon=":material/restore:",
        width="stretch",
        help="Makes that text current again as a new revision; nothing is deleted.",
    ):
        after_save(
            attempt(lambda: restore_revision(deps.uow(), actor, view.id, number, seen.version)),
            f"Restored r{number} as revision {{revision}}.",
        )
