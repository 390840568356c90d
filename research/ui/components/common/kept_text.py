"""Long text a person writes in a form (a comment, a reply, a review summary, a brief), never lost.

The widget starts from the person's unsent draft (kept server-side by services.common.drafts), so a
reload or a later visit finds it. The draft is saved as the person types (draft_keeper: a moment after
the typing pauses, and when the field loses focus), even inside a form that has not been submitted; a
refused send keeps the text on the page and saves it as the draft; a send that goes through clears both.

    body = kept_text(actor, f"{KEY}_body_{section_id}", "Comment")
    if st.form_submit_button("Add comment") and send_kept(actor, [f"{KEY}_body_{section_id}"], lambda: ..., "Added."):
        st.rerun()
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import Any

import streamlit as st

from research.domain.errors import DomainError
from research.services.common import drafts
from research.services.common.actor import Actor
from research.ui import deps
from research.ui.components.common.draft_keeper import keep_as_typed
from research.ui.components.common.form_fields import FieldErrors, forget
from research.ui.feedback import attempt, succeeded


def kept_text(actor: Actor, key: str, label: str, *, value: str = "", single_line: bool = False, **widget: Any) -> str:
    """A text area (or single line) keyed `key`, starting from the unsent draft, else from `value`."""
    if key not in st.session_state:
        kept = attempt(lambda: drafts.load_draft(deps.uow(), actor, key))
        st.session_state[key] = kept if kept else value
    draw = st.text_input if single_line else st.text_area
    text = str(draw(label, key=key, **widget))
    keep_as_typed(key)
    return text


def send_kept(
    actor: Actor,
    keys: list[str],
    action: Callable[[], object],
    success: str,
    fields: FieldErrors | None = None,
) -> bool:
    """Send; True when it went through (the drafts under `keys` are then cleared and the fields emptied).

    Refused, each field keeps its text on the page and it is saved as the person's draft."""
    texts = {key: str(st.session_state.get(key, "")) for key in keys}
    longest = max(texts.values(), key=len, default="")
    if succeeded(action, success, unsaved=longest or None, fields=fields):
        for key in keys:
            _quietly(partial(drafts.clear_draft, deps.uow(), actor, key))
        forget(*keys)
        return True
    for key, text in texts.items():
        _quietly(partial(drafts.save_draft, deps.uow(), actor, key, text))
    if any(text.strip() for text in texts.values()):
        st.caption("Your text is kept here and as a draft until it is sent.")
    return False


def _quietly(write: Callable[[], None]) -> None:
    """Keeping a draft is a courtesy on top of the page keeping the text: its own failure says nothing more."""
    with suppress(DomainError):
        write()
