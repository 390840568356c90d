"""Daily and weekly digests: the notices a person chose to get together, in one email."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.db.models import Notice, OutboxMessage, User
from research.domain.notify import Cadence, digest_key
from research.services.notify import settings
from research.services.notify.links import unsubscribe_link
from research.services.notify.notices import Recipient
from research.services.notify.outbox import Draft, enqueue
from research.services.notify.render import render
from research.services.notify.signing import ALL_KINDS, unsubscribe_token

DIGEST_HOUR = 7  # local time: digests go out with the first pass after this hour


def send_digests(session: Session, now: datetime, today: date, hour: int) -> int:
    if hour < DIGEST_HOUR:
        return 0
    return sum(_digests(session, cadence, now, today) for cadence in (Cadence.DAILY, Cadence.WEEKLY))


def _digests(session: Session, cadence: Cadence, now: datetime, today: date) -> int:
    rows = session.execute(
        select(Notice, User.display_name, User.email)
        .join(User, User.id == Notice.user_id)
        .where(
            Notice.cadence == cadence.value,
            Notice.mailed_at.is_(None),
            Notice.created_at <= now,
            User.is_active,
            User.email != "",
        )
        .order_by(Notice.user_id, Notice.created_at, Notice.id)
    ).all()
    waiting: dict[Recipient, list[Notice]] = defaultdict(list)
    for notice, name, email in rows:
        waiting[Recipient(notice.user_id, name, email)].append(notice)
    keys = {person: digest_key(cadence, person.id, today) for person in waiting}
    done = _existing(session, [k for k in keys.values() if k])
    mailed: list[int] = []
    with session.no_autoflush:
        for person, notices in waiting.items():
            key = keys[person]
            if key and key not in done:
                enqueue(session, _digest_mail(session, person, notices, cadence, key), now)
                mailed += [n.id for n in notices]
    _mark(session, mailed, now)
    return len([k for p, k in keys.items() if k and k not in done])


def _existing(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(
            k
            for k in session.scalars(
                select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(keys[start : start + 500]))
            )
            if k
        )
    return found


def _mark(session: Session, ids: list[int], now: datetime) -> None:
    # Not synchronised with the session: evaluating tens of thousands of loaded notices per chunk is quadratic.
    for start in range(0, len(ids), 500):
        session.execute(
            update(Notice).where(Notice.id.in_(ids[start : start + 500])).values(mailed_at=now),
            execution_options={"synchronize_session": False},
        )


def _digest_mail(session: Session, person: Recipient, notices: list[Notice], cadence: Cadence, key: str) -> Draft:
    app_url = settings.mail().app_url
    unsubscribe = unsubscribe_link(app_url, unsubscribe_token(session, person.id, ALL_KINDS))
    period = "today" if cadence == Cadence.DAILY else "this week"
    subject = f"Your workspace digest: {len(notices)} update{'s' if len(notices) != 1 else ''} {period}"
    items = [{"subject": n.subject, "body": n.body, "link": f"{app_url}/{n.link}"} for n in notices]
    text, html = render(
        "digest",
        name=person.name,
        subject=subject,
        notices=items,
        cadence_label=cadence.label,
        preferences_url=f"{app_url}/notify_preferences_page",
        unsubscribe_url=unsubscribe,
    )
    return Draft(person.id, person.email, f"digest_{cadence.value}", subject, text, html, unsubscribe, key)
