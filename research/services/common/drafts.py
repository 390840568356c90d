"""Unsent text in a form (a comment, a reply, a review summary, a brief), kept per person until it is sent.

The page saves it as it changes and on every refused submit; a reload or another visit starts from it;
a successful send clears it. Only the person who wrote it ever reads it.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from research.db.models import FormDraft
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, Problem
from research.services.common.actor import Actor, require_account

MAX_KEY = 200
MAX_DRAFT_CHARS = 200_000  # the most any form field takes (a section's text); beyond it nothing would be sent


def load_draft(uow: UnitOfWork, actor: Actor, form_key: str) -> str | None:
    """The actor's unsent text for `form_key`, or None when there is none."""
    require_account(actor)
    with uow as session:
        return session.scalar(
            select(FormDraft.body).where(FormDraft.user_id == actor.id, FormDraft.form_key == form_key)
        )


def save_draft(uow: UnitOfWork, actor: Actor, form_key: str, body: str) -> None:
    """Keep `body` as the actor's unsent text for `form_key`; blank text clears it."""
    require_account(actor)
    if len(form_key) > MAX_KEY:
        raise InvalidInput(Problem("form", f"the draft key is longer than {MAX_KEY} characters"))
    if len(body) > MAX_DRAFT_CHARS:
        raise InvalidInput(Problem("text", f"is {len(body):,} characters; at most {MAX_DRAFT_CHARS:,} are kept"))
    if not body.strip():
        clear_draft(uow, actor, form_key)
        return
    with uow as session:
        row = session.scalar(select(FormDraft).where(FormDraft.user_id == actor.id, FormDraft.form_key == form_key))
        if row is None:
            session.add(FormDraft(user_id=actor.id, form_key=form_key, body=body))
        elif row.body != body:
            row.body = body


def clear_draft(uow: UnitOfWork, actor: Actor, form_key: str) -> None:
    """Forget the actor's unsent text for `form_key` (it was sent)."""
    require_account(actor)
    with uow as session:
        session.execute(delete(FormDraft).where(FormDraft.user_id == actor.id, FormDraft.form_key == form_key))
