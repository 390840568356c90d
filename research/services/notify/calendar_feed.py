"""What a personal calendar feed holds: followed rounds and rounds with the person's applications
(closes and internal milestones), their review due dates and their sections' due dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    Funder,
    FundingRound,
    Review,
    ReviewRound,
    RoundFollow,
    Section,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.clock import as_utc
from research.services.notify.calendar_tokens import user_for_token
from research.services.notify.milestones import round_milestones
from research.services.notify.reminders import WAITING

UID_DOMAIN = "research-cluster-workspace"
PAST = timedelta(days=60)
EPOCH = datetime(2020, 1, 1).timestamp()


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    start: datetime | date  # a moment in its zone, or an all-day date
    zone: str
    description: str
    sequence: int
    alarms: tuple[timedelta, ...]  # before the start


@dataclass(frozen=True)
class Feed:
    owner: str
    events: tuple[FeedEvent, ...]


def feed_for_token(uow: UnitOfWork, token: str, now: datetime) -> Feed | None:
    """The feed of the token's owner; None for any token that is not live (the route answers 404)."""
    with uow as session:
        user_id = user_for_token(session, token)
        if user_id is None:
            return None
        owner = session.scalar(select(User.display_name).where(User.id == user_id)) or ""
        events = [*_round_events(session, user_id, now), *_review_events(session, user_id, now)]
        events += _section_events(session, user_id, now)
        return Feed(owner, tuple(events))


def _sequence(changed: datetime | None) -> int:
    """Grows whenever the row changes, so calendars take the newer version of an event."""
    return int((as_utc(changed).timestamp() - EPOCH) // 60) if changed else 0


def _round_events(session: Session, user_id: int, now: datetime) -> list[FeedEvent]:
    mine = select(Application.round_id).where(
        or_(
            Application.lead_id == user_id,
            Application.id.in_(select(ApplicationMember.application_id).where(ApplicationMember.user_id == user_id)),
        )
    )
    followed = select(RoundFollow.round_id).where(RoundFollow.user_id == user_id)
    rounds = list(
        session.scalars(
            select(FundingRound).where(
                or_(FundingRound.id.in_(mine), FundingRound.id.in_(followed)),
                FundingRound.closes_at >= now - PAST,
                FundingRound.archived_at.is_(None),
            )
        )
    )
    funder_rows = session.execute(select(Funder.id, Funder.name).where(Funder.id.in_({r.funder_id for r in rounds})))
    funders: dict[int, str] = {funder_id: name for funder_id, name in funder_rows}
    milestones = round_milestones(session, rounds)
    events = []
    for r in rounds:
        title, seq = f"{r.name} ({funders.get(r.funder_id, '')})", _sequence(r.updated_at)
        events.append(
            FeedEvent(
                f"round-{r.id}-close@{UID_DOMAIN}",
                f"Closes: {title}",
                as_utc(r.closes_at),
                r.timezone,
                f"{r.scheme}: the funder's deadline.",
                seq,
                (timedelta(days=7), timedelta(days=1)),
            )
        )
        events += [
            FeedEvent(
                f"round-{r.id}-{m.kind}@{UID_DOMAIN}",
                f"{m.label}: {title}",
                as_utc(m.due_at),
                r.timezone,
                "An internal milestone before the round closes.",
                seq,
                (timedelta(days=1),),
            )
            for m in milestones[r.id]
        ]
    return events


def _review_events(session: Session, user_id: int, now: datetime) -> list[FeedEvent]:
    rows = session.execute(
        select(Review.id, Review.due_on, ReviewRound.number, Application.title)
        .join(ReviewRound, ReviewRound.id == Review.review_round_id)
        .join(Application, Application.id == ReviewRound.application_id)
        .where(Review.reviewer_id == user_id, Review.status.in_(WAITING), Review.due_on >= (now - PAST).date())
    )
    return [
        FeedEvent(
            f"review-{rid}-due@{UID_DOMAIN}",
            f"Review due: {title} (round {number})",
            due,
            "",
            "Your review is due today.",
            0,
            (timedelta(days=3), timedelta(days=1)),
        )
        for rid, due, number, title in rows
        if due is not None
    ]


def _section_events(session: Session, user_id: int, now: datetime) -> list[FeedEvent]:
    rows = session.execute(
        select(Section.id, Section.due_on, Section.title, Section.updated_at, Application.title)
        .join(Application, Application.id == Section.application_id)
        .where(Section.owner_id == user_id, Section.due_on >= (now - PAST).date(), Section.status != "ready")
    )
    return [
        FeedEvent(
            f"section-{sid}-due@{UID_DOMAIN}",
            f"Section due: {title} — {app_title}",
            due,
            "",
            "The section assigned to you is due today.",
            _sequence(updated),
            (timedelta(days=1),),
        )
        for sid, due, title, updated, app_title in rows
        if due is not None
    ]
