"""Steps shared by the review integration tests: a round with accepted reviewers, a full review."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from research.db.models import Review
from research.domain.reviewing import ReviewContent
from research.services.review import reviewing
from research.services.review import rounds as review_rounds
from tests.review_builders import FAR_DUE

TODAY = date(2026, 6, 1)


def full_review(**changes) -> ReviewContent:
    base = dict(
        answers={"plain": ("yes", ""), "aims": ("yes", ""), "vm": ("na", "No Māori data is used")},
        scores={"excellence": 4.5, "impact": 3.5, "resources": "sufficient"},
        recommendation="Submit after minor revisions",
        summary="A strong, clear proposal.",
    )
    return ReviewContent(**{**base, **changes})


def open_round_with(uow, lead, app_id, reviewers, accept=True) -> dict[int, int]:
    """Request a round, have each reviewer accept; returns reviewer id -> review id."""
    review_rounds.request_review_round(uow, lead, app_id, [r.id for r in reviewers], FAR_DUE, today=TODAY)
    with uow as session:
        ids = {
            r.reviewer_id: r.id
            for r in session.scalars(
                select(Review).where(Review.reviewer_id.in_([r.id for r in reviewers]), Review.status == "invited")
            )
        }
    if accept:
        for reviewer in reviewers:
            review_rounds.respond_to_invitation(uow, reviewer, ids[reviewer.id], True, False)
    return ids


def submit(uow, reviewer, review_id, **changes) -> None:
    reviewing.submit_review(uow, reviewer, review_id, full_review(**changes))
