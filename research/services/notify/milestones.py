"""Internal milestones (intent, draft, sign-off) of rounds closing soon, as local dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.adapters.public_holidays import NZ_HOLIDAYS
from research.db.models import FundingRound
from research.domain.round_rules import MAX_OFFSET, milestones
from research.domain.round_values import local
from research.services.rounds.queries import stored_offsets

# A manager may set a milestone up to MAX_OFFSET working days before the close (about 24 weeks,
# more over the year's end): rounds closing that far ahead, and the week of reminders, are looked at.
LOOKAHEAD = timedelta(days=MAX_OFFSET * 7 // 5 + 28)


@dataclass(frozen=True)
class LocalMilestone:
    kind: str
    label: str
    day: date
    due_at: datetime


def round_milestones(session: Session, rounds: list[FundingRound]) -> dict[int, list[LocalMilestone]]:
    offsets = stored_offsets(session, [r.id for r in rounds])
    return {
        r.id: [
            LocalMilestone(m.kind, m.label, local(m.due_at, r.timezone).date(), m.due_at)
            for m in milestones(r.closes_at, r.timezone, offsets.get(r.id, {}), NZ_HOLIDAYS)
        ]
        for r in rounds
    }


def upcoming_milestones(session: Session, now: datetime, until: date) -> dict[int, list[LocalMilestone]]:
    """Rounds with a milestone from today up to `until`, by round id."""
    rounds = list(
        session.scalars(
            select(FundingRound).where(
                FundingRound.closes_at > now,
                FundingRound.closes_at <= now + LOOKAHEAD,
                FundingRound.archived_at.is_(None),
                FundingRound.is_forecast.is_(False),
            )
        )
    )
    found = round_milestones(session, rounds)
    return {rid: [m for m in ms if m.day <= until] for rid, ms in found.items() if any(m.day <= until for m in ms)}
