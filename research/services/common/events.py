"""Things that happened, published inside the transaction that made them happen.

Capabilities that react (notify writes notices and outbox rows) subscribe; the publishers
do not know them, so dependencies point one way: notify -> review/drafting, never back.
The composition roots (ui/deps.py, cli) import research.services.notify, which subscribes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ReviewersInvited:
    actor_id: int
    application_id: int
    review_round_id: int
    reviewer_ids: tuple[int, ...]


@dataclass(frozen=True)
class StatusChanged:
    actor_id: int
    application_id: int
    old: str
    new: str


@dataclass(frozen=True)
class CommentAdded:
    actor_id: int
    comment_id: int


@dataclass(frozen=True)
class SectionAssigned:
    actor_id: int
    section_id: int


Handler = Callable[[Session, Any], None]
_handlers: dict[type, list[Handler]] = {}


def subscribe(event_type: type, handler: Handler) -> None:
    if handler not in _handlers.setdefault(event_type, []):
        _handlers[event_type].append(handler)


def publish(session: Session, event: object) -> None:
    """Run every subscriber in the caller's transaction: if one fails, the event is undone too."""
    for handler in _handlers.get(type(event), ()):
        handler(session, event)
