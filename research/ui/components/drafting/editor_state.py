"""What each section's text was when this browser session opened it.

A save is checked against the version the writer opened, never the one the page happens
to read on a rerun; otherwise a co-author's save in between would be overwritten silently.
While nothing is typed, an opened section follows the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from research.collab.fanout import plain_saved
from research.domain.section_rules import normalise_body
from research.services.drafting.sections import SaveOutcome, SectionView
from research.ui import deps, state
from research.ui.feedback import flash


@dataclass(frozen=True)
class Opened:
    version: int
    body: str
    # Each (re)opening gets fresh widgets, so a discarded text never comes back from the browser.
    generation: int = 0

    @property
    def tag(self) -> str:
        return f"{self.version}_{self.generation}"


def body_key(section_id: int, opened: Opened) -> str:
    return f"{state.EDITOR_BODY_PREFIX}{section_id}_{opened.tag}"


def live_key(section_id: int, opened: Opened) -> str:
    return f"{state.EDITOR_LIVE_PREFIX}{section_id}_{opened.tag}"


def _store() -> dict[int, Opened]:
    return st.session_state.setdefault(state.EDITOR_OPENED, {})


def typed_text(section_id: int, opened: Opened) -> str:
    """The text in the editor: what was typed (committed or relayed live), else the opened text."""
    live = (st.session_state.get(live_key(section_id, opened)) or {}).get("text")
    committed = st.session_state.get(body_key(section_id, opened))
    return live if live is not None else committed if committed is not None else opened.body


def has_unsaved(section_id: int, opened: Opened) -> bool:
    return normalise_body(typed_text(section_id, opened)) != opened.body


def opened(section: SectionView) -> Opened:
    store = _store()
    known = store.get(section.id)
    if known is None or (known.version != section.version and not has_unsaved(section.id, known)):
        known = store[section.id] = Opened(section.version, section.body, known.generation + 1 if known else 0)
    return known


def reopen(section_id: int, version: int, body: str) -> None:
    store = _store()
    before = store.get(section_id)
    store[section_id] = Opened(version, body, before.generation + 1 if before else 0)


def discard_changes(section: SectionView) -> None:
    """Forget the typed text and edit the latest saved one."""
    reopen(section.id, section.version, section.body)


def _conflicts() -> dict[int, int]:
    return st.session_state.setdefault(state.EDITOR_CONFLICT, {})


def conflict_revision(section_id: int) -> int | None:
    return _conflicts().get(section_id)


def clear_conflict(section_id: int) -> None:
    _conflicts().pop(section_id, None)


def after_save(outcome: SaveOutcome | None, success: str) -> None:
    """Follow a save: on success edit on top of the new revision; on a conflict, show it."""
    if outcome is None:
        return
    if outcome.saved:
        if not outcome.unchanged:
            plain_saved(deps.uow(), outcome.section.id)
        clear_conflict(outcome.section.id)
        reopen(outcome.section.id, outcome.section.version, outcome.section.body)
        flash("Nothing had changed." if outcome.unchanged else success.format(revision=outcome.revision))
    else:
        _conflicts()[outcome.section.id] = outcome.revision
    st.rerun()
