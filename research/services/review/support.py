"""Small lookups the review services share: an application's template, rounds, names shown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    FundingRound,
    Review,
    ReviewRound,
    Section,
    User,
)
from research.domain.clock import utcnow
from research.domain.errors import NotFound
from research.domain.reviewing import ReviewStatus, blind_aliases
from research.domain.roles import Action, can
from research.services.common.actor import Actor
from research.services.drafting.access import is_team_member
from research.services.rounds.due_dates import draft_due_date

REVIEW_MILESTONE = "draft"


def today_for(actor: Actor, now: datetime | None = None) -> date:
    """Today in the actor's own time zone."""
    return (now or utcnow()).astimezone(ZoneInfo(actor.timezone)).date()


def sections_of(session: Session, application_id: int) -> list[Section]:
    return list(
        session.scalars(
            select(Section).where(Section.application_id == application_id).order_by(Section.position, Section.id)
        )
    )


def get_round(session: Session, review_round_id: int) -> ReviewRound:
    review_round = session.get(ReviewRound, review_round_id)
    if review_round is None:
        raise NotFound(f"There is no review round with id {review_round_id}.")
    return review_round


def open_round(session: Session, application_id: int) -> ReviewRound | None:
    return session.scalar(
        select(ReviewRound)
        .where(ReviewRound.application_id == application_id, ReviewRound.closed_at.is_(None))
        .order_by(ReviewRound.number.desc())
        .limit(1)
    )


def next_round_number(session: Session, application_id: int) -> int:
    highest = session.scalar(select(func.max(ReviewRound.number)).where(ReviewRound.application_id == application_id))
    return (highest or 0) + 1


def latest_reviewed_round(session: Session, application_id: int) -> ReviewRound | None:
    """The newest round in which at least one review was submitted."""
    return session.scalar(
        select(ReviewRound)
        .join(Review, Review.review_round_id == ReviewRound.id)
        .where(ReviewRound.application_id == application_id, Review.status == ReviewStatus.SUBMITTED)
        .order_by(ReviewRound.number.desc())
        .limit(1)
    )


def milestone_due(session: Session, application: Application) -> date | None:
    """The funding round's "full draft for review" milestone, if the application has a round."""
    if application.round_id is None:
        return None
    return draft_due_date(session, session.get(FundingRound, application.round_id))


def user_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    ids = set(user_ids)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def hides_reviewers_from(session: Session, actor: Actor, application: Application) -> bool:
    """Blind reviews hide reviewer names from the team; managers overseeing still see them."""
    return (
        application.blind_reviews
        and not can(actor.role, Action.OVERSEE_APPLICATIONS)
        and is_team_member(session, actor.id, application)
    )


def reviewer_labels(session: Session, actor: Actor, application: Application) -> dict[int, str]:
    """How each reviewer of this application is named to this viewer."""
    reviewer_ids = set(
        session.scalars(
            select(Review.reviewer_id)
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .where(ReviewRound.application_id == application.id)
        )
    )
    if hides_reviewers_from(session, actor, application):
        return blind_aliases(application.id, reviewer_ids)
    return user_names(session, reviewer_ids)
