"""The live text into the revision history: after a pause, when the last writer leaves, on "Save version".

Whatever is in the log is what everyone saw, so a version can be taken from the database alone,
in any process; the room passes its own document instead, which holds the same updates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from pycrdt import Doc, Text

from research.collab import log
from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.errors import Conflict, NotFound
from research.domain.section_rules import RevisionKind
from research.services.common.actor import Actor
from research.services.drafting.live import LiveText, record_live_revision


def logged_text(uow: UnitOfWork, section_id: int) -> LiveText:
    entries = log.entries(uow, section_id)
    doc: Doc[Text] = Doc()
    for entry in entries:
        doc.apply_update(entry.payload)
    return LiveText(str(doc.get("body", type=Text)), doc.get_update(), entries[-1].seq if entries else 0)


def actor_of(uow: UnitOfWork, user_id: int) -> Actor:
    with uow as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(f"There is no user with id {user_id}.")
        return Actor.from_user(user)


def record(
    uow: Callable[[], UnitOfWork],
    actor: Actor,
    section_id: int,
    text: Callable[[], LiveText],
    kind: RevisionKind,
    note: str = "",
) -> int | None:
    """Record the text as a revision; a save made outside the room since is taken in first, then retried."""
    try:
        return record_live_revision(uow(), actor, section_id, text(), kind, note)
    except Conflict:
        log.catch_up(uow(), section_id)
        return record_live_revision(uow(), actor, section_id, text(), kind, note)


def save_version(uow: Callable[[], UnitOfWork], actor: Actor, section_id: int, note: str) -> int | None:
    """ "Save version": the text everyone sees now, as a revision with the writer's note."""
    log.catch_up(uow(), section_id)
    return record(uow, actor, section_id, lambda: logged_text(uow(), section_id), RevisionKind.SAVE, note)


def record_unrecorded(uow: Callable[[], UnitOfWork], actor: Actor, application_id: int) -> int:
    """Before the application leaves drafting: typing still waiting for its pause becomes a revision,
    so what is submitted (or frozen for review) is what the team last saw. Returns the sections recorded."""
    recorded = 0
    for section_id in log.unrecorded_sections(uow(), application_id):
        log.catch_up(uow(), section_id)
        text = partial(logged_text, uow(), section_id)
        if record(uow, actor, section_id, text, RevisionKind.LIVE) is not None:
            recorded += 1
    return recorded
