"""What the team (and managers) see of an application's reviews: rounds, invitations, results,
how scores moved between rounds, and what changed in the text since a round's snapshot."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    ChecklistAnswer,
    Review,
    ReviewRound,
    RubricScore,
    SectionRevision,
    SnapshotSection,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import IN_FLIGHT
from research.domain.application_status import ApplicationStatus as S
from research.domain.errors import NotFound
from research.domain.lifecycle import Mover, next_statuses
from research.domain.reviewing import ANSWERS, ReviewStatus
from research.domain.roles import Action, can
from research.domain.rubric import overall, overall_passes, passes
from research.domain.template_spec import Rubric, TemplateSpec
from research.domain.text_diff import change_summary, diff_text
from research.services.common.actor import Actor
from research.services.common.listing import LIST_LIMIT, Listing, contains_text
from research.services.drafting.access import require_read
from research.services.drafting.application_view import template_of
from research.services.review.reviewing import stored_scores
from research.services.review.support import (
    get_round,
    hides_reviewers_from,
    reviewer_labels,
    sections_of,
)

SCORE_COLUMNS = ["round", "criterion", "mean", "reviews", "low", "high"]


@dataclass(frozen=True)
class ApplicationChoice:
    id: int
    title: str
    status: S
    is_lead: bool


def find_review_applications(
    uow: UnitOfWork, actor: Actor, oversee: bool = False, search: str = "", limit: int | None = LIST_LIMIT
) -> Listing[ApplicationChoice]:
    """Applications whose reviews this actor may see (their own team's, or all when overseeing),
    whose title contains `search`: the first `limit` of them and how many there are."""
    overseeing = oversee and can(actor.role, Action.OVERSEE_APPLICATIONS)
    conditions = [c for c in [contains_text([Application.title], search)] if c is not None]
    if not overseeing:
        members = select(ApplicationMember.application_id).where(ApplicationMember.user_id == actor.id)
        conditions.append(or_(Application.lead_id == actor.id, Application.id.in_(members)))
    query = select(Application.id, Application.title, Application.status, Application.lead_id).where(*conditions)
    rows: list[Any] = []
    with uow as session:
        total = session.scalar(select(func.count()).select_from(Application).where(*conditions))
        for group in _status_groups(overseeing):
            room = None if limit is None else limit - len(rows)
            if room == 0:
                break
            # A query per status reads the (status, title) index in order, instead of sorting every application.
            parts = [
                session.execute(
                    query.where(Application.status == status).order_by(Application.title, Application.id).limit(room)
                ).all()
                for status in group
            ]
            rows += list(heapq.merge(*parts, key=lambda r: (r.title, r.id)))[:room]
    return Listing(
        tuple(ApplicationChoice(r.id, r.title, S(r.status), r.lead_id == actor.id) for r in rows), total or 0
    )


def _status_groups(overseeing: bool) -> list[list[str]]:
    """Waiting for a decision first (for overseers), then in flight, then the rest; by title within each."""
    first = [S.SUBMITTED.value, S.READY.value] if overseeing else []
    flight = [s.value for s in IN_FLIGHT if s.value not in first]
    return [g for g in (first, flight, [s.value for s in S if s.value not in first + flight]) if g]


def review_applications(uow: UnitOfWork, actor: Actor, oversee: bool = False) -> list[ApplicationChoice]:
    return list(find_review_applications(uow, actor, oversee, limit=None).items)


@dataclass(frozen=True)
class Invitation:
    reviewer: str
    status: ReviewStatus
    due_on: date | None
    reason: str


@dataclass(frozen=True)
class ReviewResult:
    reviewer: str
    recommendation: str
    summary: str
    submitted_at: datetime | None
    checklist: tuple[tuple[str, str, str], ...]
    scores: tuple[tuple[str, str, bool | None], ...]
    overall: float | None
    overall_passes: bool | None


@dataclass(frozen=True)
class RoundView:
    id: int
    number: int
    requested_at: datetime
    due_on: date | None
    message: str
    closed_at: datetime | None
    invitations: tuple[Invitation, ...]
    results: tuple[ReviewResult, ...]


@dataclass(frozen=True)
class ReviewOverview:
    application_id: int
    title: str
    status: S
    blind: bool
    names_hidden: bool
    is_lead: bool
    may_set_blind: bool
    has_sections: bool
    # The lead may freeze the draft for a new round now (its status allows it, no round is open).
    may_request_round: bool
    rounds: tuple[RoundView, ...]
    scores: pd.DataFrame

    @property
    def before_submission(self) -> bool:
        """Whether readiness still matters: the application has not gone to the funder yet."""
        return self.status in (S.DRAFTING, S.IN_REVIEW, S.REVISING, S.READY)

    @property
    def open_round(self) -> RoundView | None:
        return next((r for r in self.rounds if r.closed_at is None), None)


def review_overview(uow: UnitOfWork, actor: Actor, application_id: int) -> ReviewOverview:
    with uow as session:
        application = require_read(session, actor, application_id)
        spec = template_of(application)
        rubric = spec.rubric if spec else Rubric()
        labels = reviewer_labels(session, actor, application)
        hidden = hides_reviewers_from(session, actor, application)
        rounds = session.scalars(
            select(ReviewRound).where(ReviewRound.application_id == application_id).order_by(ReviewRound.number.desc())
        )
        views = tuple(_round_view(session, r, labels, hidden, spec, rubric) for r in rounds)
        is_lead = application.lead_id == actor.id
        may_request = (
            is_lead
            and S.IN_REVIEW in next_statuses(application.status, Mover.LEAD)
            and all(v.closed_at is not None for v in views)
        )
        return ReviewOverview(
            application.id,
            application.title,
            S(application.status),
            application.blind_reviews,
            hidden,
            is_lead,
            is_lead or can(actor.role, Action.OVERSEE_APPLICATIONS),
            bool(sections_of(session, application_id)),
            may_request,
            views,
            score_movement(session, application, rubric, views),
        )


def _round_view(
    session: Session,
    review_round: ReviewRound,
    labels: dict[int, str],
    hidden: bool,
    spec: TemplateSpec | None,
    rubric: Rubric,
) -> RoundView:
    reviews = list(session.scalars(select(Review).where(Review.review_round_id == review_round.id)))
    reviews.sort(key=lambda r: labels.get(r.reviewer_id, ""))
    invitations = tuple(
        Invitation(
            labels.get(r.reviewer_id, "?"),
            ReviewStatus(r.status),
            r.due_on,
            "" if hidden and r.status == ReviewStatus.CONFLICT else r.decline_reason,
        )
        for r in reviews
    )
    results = tuple(_result(session, r, labels, spec, rubric) for r in reviews if r.status == ReviewStatus.SUBMITTED)
    return RoundView(
        review_round.id,
        review_round.number,
        review_round.requested_at,
        review_round.due_on,
        review_round.message,
        review_round.closed_at,
        invitations,
        results,
    )


def _result(
    session: Session, review: Review, labels: dict[int, str], spec: TemplateSpec | None, rubric: Rubric
) -> ReviewResult:
    answers = {
        a.item_key: a for a in session.scalars(select(ChecklistAnswer).where(ChecklistAnswer.review_id == review.id))
    }
    checklist = tuple(
        (
            item.text,
            ANSWERS.get(answers[item.key].answer, "—") if item.key in answers else "—",
            answers[item.key].note if item.key in answers else "",
        )
        for item in (spec.checklist if spec else ())
    )
    scores = stored_scores(session, review.id)
    rows = tuple((c.title, _shown(scores.get(c.key)), passes(c, scores.get(c.key))) for c in rubric.criteria)
    total = overall(rubric, scores)
    return ReviewResult(
        labels.get(review.reviewer_id, "?"),
        review.recommendation or "",
        review.summary,
        review.submitted_at,
        checklist,
        rows,
        total,
        overall_passes(rubric, total),
    )


def _shown(value: float | Decimal | str | None) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else f"{float(value):g}"


def score_movement(
    session: Session, application: Application, rubric: Rubric, rounds: tuple[RoundView, ...] = ()
) -> pd.DataFrame:
    """Mean numeric score per criterion per round over submitted reviews (a SQL GROUP BY),
    plus the mean overall score where the rubric defines one."""
    titles = {c.key: c.title for c in rubric.criteria}
    rows = session.execute(
        select(
            ReviewRound.number,
            RubricScore.criterion_key,
            func.avg(RubricScore.score),
            func.count(),
            func.min(RubricScore.score),
            func.max(RubricScore.score),
        )
        .join(Review, Review.id == RubricScore.review_id)
        .join(ReviewRound, ReviewRound.id == Review.review_round_id)
        .where(
            ReviewRound.application_id == application.id,
            Review.status == ReviewStatus.SUBMITTED,
            RubricScore.score.is_not(None),
        )
        .group_by(ReviewRound.number, RubricScore.criterion_key)
        .order_by(ReviewRound.number, RubricScore.criterion_key)
    ).all()
    data = [
        (n, titles.get(key, key), round(float(mean), 2), count, float(low), float(high))
        for n, key, mean, count, low, high in rows
        if key in titles
    ]
    for view in rounds:
        totals = [r.overall for r in view.results if r.overall is not None]
        if totals:
            data.append(
                (view.number, "Overall", round(sum(totals) / len(totals), 2), len(totals), min(totals), max(totals))
            )
    return pd.DataFrame(data, columns=SCORE_COLUMNS)


def section_titles(uow: UnitOfWork, actor: Actor, application_id: int) -> list[tuple[int, str]]:
    """The application's sections, in order, as (id, title)."""
    with uow as session:
        require_read(session, actor, application_id)
        return [(s.id, s.title) for s in sections_of(session, application_id)]


@dataclass(frozen=True)
class SectionChange:
    section_id: int
    title: str
    summary: str
    diff: str


def changes_since_review(
    uow: UnitOfWork, actor: Actor, application_id: int, review_round_id: int
) -> list[SectionChange]:
    """Each section's text as the round froze it against its text now, as a unified diff."""
    with uow as session:
        require_read(session, actor, application_id)
        review_round = get_round(session, review_round_id)
        if review_round.application_id != application_id:
            raise NotFound("That review round belongs to another application.")
        frozen = dict(
            session.execute(
                select(SnapshotSection.section_id, SectionRevision.body)
                .outerjoin(SectionRevision, SectionRevision.id == SnapshotSection.revision_id)
                .where(SnapshotSection.review_round_id == review_round_id)
            ).all()
        )
        changes = []
        for section in sections_of(session, application_id):
            before = frozen.get(section.id) or ""
            label = f"round {review_round.number}" if section.id in frozen else "not in the round"
            changes.append(
                SectionChange(
                    section.id,
                    section.title,
                    change_summary(before, section.body),
                    diff_text(before, section.body, f"{section.title} ({label})", f"{section.title} (now)"),
                )
            )
        return changes
