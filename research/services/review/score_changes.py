"""Changing a score after the review was submitted: allowed while the round is open, with a reason.

The old and new values and the reason are kept, so the panel's history shows why a score moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from research.db.models import RubricScore, ScoreChange, User
from research.db.uow import UnitOfWork
from research.domain.errors import Conflict, InvalidInput, NotFound, Problem
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Action, require
from research.domain.rubric import Score, score_problem
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.application_view import template_of
from research.services.review.reviewing import _readable_review

MAX_REASON = 2000


@dataclass(frozen=True)
class ScoreChangeRow:
    criterion_key: str
    old: Score | None
    new: Score | None
    reason: str
    changed_by: str
    changed_at: datetime


def change_submitted_score(
    uow: UnitOfWork, actor: Actor, review_id: int, criterion_key: str, value: Score, reason: str
) -> None:
    require(actor.role, Action.REVIEW_APPLICATIONS)
    reason = (reason or "").strip()
    with uow as session:
        review, review_round, application = _readable_review(session, actor, review_id)
        if review.status != ReviewStatus.SUBMITTED:
            raise Conflict("This review is not submitted yet: change the score in the review form.")
        if review_round.closed_at is not None:
            raise Conflict(f"Round {review_round.number} has closed; its scores can no longer be changed.")
        spec = template_of(application)
        criterion = next((c for c in spec.rubric.criteria if c.key == criterion_key), None) if spec else None
        if criterion is None:
            raise NotFound(f"This review's rubric has no criterion {criterion_key!r}.")
        problems = _problems(criterion_key, score_problem(criterion, value), reason)
        if problems:
            raise InvalidInput(problems)
        row = session.scalar(
            select(RubricScore).where(RubricScore.review_id == review.id, RubricScore.criterion_key == criterion_key)
        )
        if row is None:
            row = RubricScore(review_id=review.id, criterion_key=criterion_key)
            session.add(row)
        new_score = Decimal(str(value)) if criterion.scale.is_numeric else None
        new_rating = None if criterion.scale.is_numeric else str(value)
        if (row.score, row.rating) == (new_score, new_rating):
            raise InvalidInput(Problem(criterion.title, "is already this score; nothing to change"))
        session.add(
            ScoreChange(
                review_id=review.id,
                criterion_key=criterion_key,
                old_score=row.score,
                new_score=new_score,
                old_rating=row.rating,
                new_rating=new_rating,
                reason=reason,
                changed_by_id=actor.id,
            )
        )
        row.score, row.rating = new_score, new_rating
        record(session, actor.audit_id, "changed a submitted score", "review", review.id, criterion=criterion_key)


def _problems(criterion_key: str, score_issue: str | None, reason: str) -> list[Problem]:
    problems = []
    if score_issue:
        problems.append(Problem(criterion_key, score_issue))
    if not reason:
        problems.append(Problem("reason", "say why the submitted score changes; the panel sees it in the history"))
    elif len(reason) > MAX_REASON:
        problems.append(Problem("reason", f"at most {MAX_REASON} characters"))
    return problems


def score_history(uow: UnitOfWork, actor: Actor, review_id: int) -> tuple[ScoreChangeRow, ...]:
    """The changes to this review's submitted scores, oldest first (the reviewer's own review)."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    with uow as session:
        review, _, _ = _readable_review(session, actor, review_id)
        rows = session.execute(
            select(ScoreChange, User.display_name)
            .join(User, User.id == ScoreChange.changed_by_id)
            .where(ScoreChange.review_id == review.id)
            .order_by(ScoreChange.id)
        ).all()
        return tuple(
            ScoreChangeRow(
                c.criterion_key,
                c.old_rating if c.old_rating is not None else c.old_score,
                c.new_rating if c.new_rating is not None else c.new_score,
                c.reason,
                name,
                c.changed_at,
            )
            for c, name in rows
        )
