"""Telling people: an in-app notice each, and an email in the outbox for those who want it now.

Runs in the caller's transaction. Deactivated accounts are told nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from research.db.models import Notice, User
from research.domain.clock import utcnow
from research.domain.notify import LABELS, Cadence
from research.services.notify import settings
from research.services.notify.links import unsubscribe_link
from research.services.notify.outbox import Draft, enqueue
from research.services.notify.preferences import cadences
from research.services.notify.render import render
from research.services.notify.signing import unsubscribe_token


@dataclass(frozen=True)
class Tell:
    kind: str
    subject: str
    body: str
    link: str  # the page, relative to APP_URL, e.g. "review_inbox_page"
    dedupe_key: str | None = None  # made unique per person by appending their id


@dataclass(frozen=True)
class Recipient:
    id: int
    name: str
    email: str


def active_recipients(session: Session, user_ids: Iterable[int]) -> list[Recipient]:
    ids = sorted(set(user_ids))
    found: list[Recipient] = []
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(User.id, User.display_name, User.email).where(User.id.in_(ids[start : start + 500]), User.is_active)
        )
        found += [Recipient(*row) for row in rows]
    return found


def tell(session: Session, user_ids: Iterable[int], message: Tell, now: datetime | None = None) -> int:
    """Notices for every active user given; returns how many were told."""
    return tell_many(session, [(list(user_ids), message)], now)


def tell_many(session: Session, batch: list[tuple[list[int], Tell]], now: datetime | None = None) -> int:
    """Many messages at once: recipients and their cadences read in bulk, notices in one insert."""
    now = now or utcnow()
    rows: list[dict[str, object]] = []
    with session.no_autoflush:
        people = {p.id: p for p in active_recipients(session, {u for users, _ in batch for u in users})}
        chosen = {kind: cadences(session, list(people), kind) for kind in {m.kind for _, m in batch}}
        for users, message in batch:
            for person in (people[u] for u in users if u in people):
                rows.append(_notice(session, person, message, chosen[message.kind][person.id], now))
    if rows:
        session.execute(insert(Notice), rows)
    return len(rows)


def _notice(session: Session, person: Recipient, message: Tell, cadence: Cadence, now: datetime) -> dict[str, object]:
    """The notice's row; its email goes to the outbox now if the person wants this kind immediately."""
    mail_now = cadence == Cadence.IMMEDIATE and bool(person.email)
    if mail_now:
        enqueue(session, single_mail(session, person, message, cadence), now)
    return {
        "user_id": person.id,
        "kind": message.kind,
        "subject": message.subject[:300],
        "body": message.body,
        "link": message.link,
        "dedupe_key": f"{message.dedupe_key}:{person.id}" if message.dedupe_key else None,
        "cadence": cadence.value,
        "created_at": now,
        "mailed_at": now if mail_now else None,
    }


def single_mail(session: Session, person: Recipient, message: Tell, cadence: Cadence) -> Draft:
    app_url = settings.mail().app_url
    unsubscribe = unsubscribe_link(app_url, unsubscribe_token(session, person.id, message.kind))
    text, html = render(
        "message",
        name=person.name,
        subject=message.subject,
        body=message.body,
        link=f"{app_url}/{message.link}",
        kind_label=LABELS[message.kind],
        cadence_label=cadence.label,
        preferences_url=f"{app_url}/notify_preferences_page",
        unsubscribe_url=unsubscribe,
    )
    return Draft(person.id, person.email, message.kind, message.subject, text, html, unsubscribe)
