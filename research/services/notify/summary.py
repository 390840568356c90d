"""The managers' weekly summary: rounds closing, applications at risk, reviews overdue, outcomes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from research.db.models import Application, FundingRound, Review, ReviewRound, User
from research.domain.application_status import ApplicationStatus as S
from research.domain.notify import week_key
from research.domain.roles import Role
from research.services.notify.milestones import upcoming_milestones
from research.services.notify.notices import Tell, tell_many
from research.services.notify.reminders import WAITING, not_yet_sent

SUMMARY_DAY = 1  # Monday
NOT_READY = (S.DRAFTING.value, S.REVISING.value, S.IN_REVIEW.value)
LISTED = 10
NEAR = timedelta(days=7)  # a milestone this close, with the application not ready, puts it at risk


def send_manager_summary(session: Session, now: datetime, today: date) -> int:
    if today.isoweekday() != SUMMARY_DAY:
        return 0
    key = f"manager_summary:{week_key(today)}"
    managers = session.scalars(select(User.id).where(User.role == Role.MANAGER.value, User.is_active)).all()
    message = Tell(
        "manager_summary",
        f"Weekly summary, week of {today:%d %b %Y}",
        summary_text(session, now, today),
        "application_outcomes_page",
        key,
    )
    fresh = not_yet_sent(session, [(list(managers), message)])
    return tell_many(session, fresh, now)


def summary_text(session: Session, now: datetime, today: date) -> str:
    closing = session.execute(
        select(FundingRound.name, FundingRound.closes_on)
        .where(
            FundingRound.closes_at > now,
            FundingRound.closes_at <= now + timedelta(days=14),
            FundingRound.archived_at.is_(None),
        )
        .order_by(FundingRound.closes_at)
    ).all()
    at_risk = _at_risk(session, now, today)
    overdue = (
        session.scalar(
            select(func.count(Review.id))
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .where(Review.status.in_(WAITING), Review.due_on < today, ReviewRound.closed_at.is_(None))
        )
        or 0
    )
    outcomes = dict(
        session.execute(
            select(Application.status, func.count(Application.id))
            .where(Application.decided_at >= now - timedelta(days=7))
            .group_by(Application.status)
        ).all()
    )
    lines = [f"Rounds closing in the next 14 days: {len(closing)}"]
    lines += [f"  - {name} (closes {closes_on:%d %b %Y})" for name, closes_on in closing[:LISTED]]
    if len(closing) > LISTED:
        lines.append(f"  - and {len(closing) - LISTED} more")
    lines.append(
        f"Applications at risk (not ready, a milestone within {NEAR.days} days or the close within 14): {at_risk}"
    )
    lines.append(f"Reviews overdue: {overdue}")
    lines.append(
        f"Outcomes recorded in the last 7 days: {outcomes.get(S.AWARDED.value, 0)} awarded, "
        f"{outcomes.get(S.DECLINED.value, 0)} declined"
    )
    return "\n".join(lines)


def _at_risk(session: Session, now: datetime, today: date) -> int:
    """Applications not ready whose round has an internal milestone coming up, or closes soon."""
    near = upcoming_milestones(session, now, today + NEAR)
    rounds = [rid for rid, found in near.items() if any(m.day >= today for m in found)]
    closing = select(FundingRound.id).where(
        FundingRound.closes_at > now, FundingRound.closes_at <= now + timedelta(days=14)
    )
    query = select(func.count(Application.id)).where(
        Application.status.in_(NOT_READY), or_(Application.round_id.in_(rounds), Application.round_id.in_(closing))
    )
    return session.scalar(query) or 0


__all__ = ["send_manager_summary", "summary_text"]
