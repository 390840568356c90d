"""A reviewer's work: the inbox, the snapshot read-only, checklist and rubric, submission."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    ChecklistAnswer,
    Review,
    ReviewRound,
    RubricScore,
    Section,
    SectionRevision,
    SnapshotSection,
)
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.counting import check
from research.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from research.domain.review_dates import describe_due, due_state
from research.domain.reviewing import ReviewContent, ReviewStatus, content_problems, submission_problems
from research.domain.roles import Action, require
from research.domain.rubric import Score, describe_scale, overall, overall_passes, passes
from research.domain.template_spec import ChecklistItem, Criterion, PageFormat, Rubric
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.application_view import section_limit, template_of
from research.services.review.support import get_round, today_for, user_names

WAITING = (ReviewStatus.INVITED.value, ReviewStatus.ACCEPTED.value)


@dataclass(frozen=True)
class InboxItem:
    review_id: int
    application_title: str
    lead: str
    team: tuple[str, ...]
    round_number: int
    message: str
    status: ReviewStatus
    due_on: date | None
    due_text: str
    reminder: str | None


def review_inbox(uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[InboxItem]:
    """Everything assigned to the actor: invitations first, then work in progress by due date."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    with uow as session:
        return _inbox(session, actor, today or today_for(actor))


def _inbox(session: Session, actor: Actor, today: date, *conditions: ColumnElement[bool]) -> list[InboxItem]:
    # Columns, not whole applications (their template is large); the teams' names in two queries for all.
    rows = sorted(
        session.execute(
            select(
                Review, ReviewRound.number, ReviewRound.message, Application.id, Application.title, Application.lead_id
            )
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .join(Application, Application.id == ReviewRound.application_id)
            .where(Review.reviewer_id == actor.id, *conditions)
        ).all(),
        key=lambda row: _inbox_order(row[0]),
    )
    teams = _teams(session, {(row[3], row[5]) for row in rows})
    names = user_names(session, {person for team in teams.values() for person in team})
    return [
        _inbox_item(
            review,
            number,
            message,
            title,
            names.get(lead, "?"),
            tuple(sorted(names.get(person, "?") for person in teams[application_id])),
            today,
        )
        for review, number, message, application_id, title, lead in rows
    ]


def _teams(session: Session, leads: set[tuple[int, int]]) -> dict[int, set[int]]:
    teams = {application_id: {lead} for application_id, lead in leads}
    if teams:
        for application_id, user_id in session.execute(
            select(ApplicationMember.application_id, ApplicationMember.user_id).where(
                ApplicationMember.application_id.in_(teams)
            )
        ):
            teams[application_id].add(user_id)
    return teams


def _inbox_order(review: Review) -> tuple[int, int, int]:
    """Invitations, then work in progress, soonest due first; then the rest, newest first."""
    bucket = {ReviewStatus.INVITED.value: 0, ReviewStatus.ACCEPTED.value: 1}.get(review.status, 2)
    due = review.due_on.toordinal() if review.due_on and bucket < 2 else 0
    return bucket, due, -review.id


def _inbox_item(
    review: Review, round_number: int, message: str, title: str, lead: str, team: tuple[str, ...], today: date
) -> InboxItem:
    waiting = review.status in WAITING
    return InboxItem(
        review.id,
        title,
        lead,
        team,
        round_number,
        message,
        ReviewStatus(review.status),
        review.due_on,
        describe_due(review.due_on, today) if waiting else "",
        due_state(review.due_on, today) if waiting else None,
    )


def reviews_due(uow: UnitOfWork, actor: Actor, within_days: int = 7, today: date | None = None) -> list[InboxItem]:
    """Waiting reviews that are overdue or due within `within_days` days: the home reminders."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    today = today or today_for(actor)
    with uow as session:
        return _inbox(
            session,
            actor,
            today,
            Review.status.in_(WAITING),
            Review.due_on.is_not(None),
            Review.due_on <= today + timedelta(days=within_days),
        )


@dataclass(frozen=True)
class SnapshotText:
    section_id: int
    title: str
    required: bool
    body: str
    size: str
    over_limit: bool


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    text: str
    required: bool
    answer: str
    note: str


@dataclass(frozen=True)
class CriterionLine:
    criterion: Criterion
    scale_text: str
    value: Score
    passes: bool | None


@dataclass(frozen=True)
class ReviewWork:
    review_id: int
    application_title: str
    round_id: int
    round_number: int
    message: str
    due_on: date | None
    status: ReviewStatus
    locked: bool
    sections: tuple[SnapshotText, ...]
    checklist: tuple[ChecklistLine, ...]
    criteria: tuple[CriterionLine, ...]
    recommendation: str | None
    summary: str
    overall: float | None
    overall_passes: bool | None
    overall_threshold: float | None
    submitted_at: datetime | None


def my_open_reviews(uow: UnitOfWork, actor: Actor) -> list[InboxItem]:
    """Reviews the actor may open on the Review page: accepted or submitted (filtered in SQL: a busy
    reviewer's declined and expired invitations are never read)."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    with uow as session:
        return _inbox(
            session,
            actor,
            today_for(actor),
            Review.status.in_((ReviewStatus.ACCEPTED.value, ReviewStatus.SUBMITTED.value)),
        )


def open_review(uow: UnitOfWork, actor: Actor, review_id: int) -> ReviewWork:
    require(actor.role, Action.REVIEW_APPLICATIONS)
    with uow as session:
        review, review_round, application = _readable_review(session, actor, review_id)
        spec = template_of(application)
        page = spec.page if spec else PageFormat()
        rubric = spec.rubric if spec else Rubric()
        answers = {
            a.item_key: a
            for a in session.scalars(select(ChecklistAnswer).where(ChecklistAnswer.review_id == review.id))
        }
        scores = stored_scores(session, review.id)
        total = overall(rubric, scores)
        checklist = tuple(
            ChecklistLine(
                i.key,
                i.text,
                i.required,
                answers[i.key].answer if i.key in answers else "",
                answers[i.key].note if i.key in answers else "",
            )
            for i in (spec.checklist if spec else ())
        )
        criteria = tuple(
            CriterionLine(c, describe_scale(c), scores.get(c.key), passes(c, scores.get(c.key)))
            for c in rubric.criteria
        )
        return ReviewWork(
            review.id,
            application.title,
            review_round.id,
            review_round.number,
            review_round.message,
            review.due_on,
            ReviewStatus(review.status),
            review.status == ReviewStatus.SUBMITTED or review_round.closed_at is not None,
            snapshot_texts(session, review_round.id, page),
            checklist,
            criteria,
            review.recommendation,
            review.summary,
            total,
            overall_passes(rubric, total),
            rubric.overall_threshold,
            review.submitted_at,
        )


def _readable_review(session: Session, actor: Actor, review_id: int) -> tuple[Review, ReviewRound, Application]:
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound(f"There is no review with id {review_id}.")
    if review.reviewer_id != actor.id:
        raise PermissionDenied("This review is assigned to someone else.")
    if review.status == ReviewStatus.INVITED:
        raise PermissionDenied("Accept the invitation first; then you can read the draft.")
    if review.status not in (ReviewStatus.ACCEPTED, ReviewStatus.SUBMITTED):
        raise PermissionDenied(f"This review was {ReviewStatus(review.status).label}, so the draft is not open to you.")
    review_round = get_round(session, review.review_round_id)
    return review, review_round, session.get_one(Application, review_round.application_id)


def stored_scores(session: Session, review_id: int) -> dict[str, Score]:
    rows = session.scalars(select(RubricScore).where(RubricScore.review_id == review_id))
    return {r.criterion_key: (r.rating if r.rating is not None else r.score) for r in rows}


def snapshot_texts(session: Session, review_round_id: int, page: PageFormat) -> tuple[SnapshotText, ...]:
    """The sections as the round froze them, in the application's order."""
    rows = session.execute(
        select(Section, SectionRevision.body)
        .join(SnapshotSection, SnapshotSection.section_id == Section.id)
        .outerjoin(SectionRevision, SectionRevision.id == SnapshotSection.revision_id)
        .where(SnapshotSection.review_round_id == review_round_id)
        .order_by(Section.position, Section.id)
    ).all()
    texts = []
    for section, body in rows:
        result = check(body or "", section_limit(section), page)
        texts.append(
            SnapshotText(section.id, section.title, section.required, body or "", result.describe(), result.over)
        )
    return tuple(texts)


def save_review(uow: UnitOfWork, actor: Actor, review_id: int, content: ReviewContent) -> None:
    """Keep what the reviewer has entered so far; it can be changed until it is submitted."""
    with uow as session:
        _write(session, actor, review_id, content, submit=False)


def submit_review(uow: UnitOfWork, actor: Actor, review_id: int, content: ReviewContent) -> None:
    """Save and lock the review; it must be complete."""
    with uow as session:
        review = _write(session, actor, review_id, content, submit=True)
        review.status, review.submitted_at = ReviewStatus.SUBMITTED.value, utcnow()
        record(session, actor.audit_id, "submitted review", "review", review.id, recommendation=review.recommendation)


def _write(session: Session, actor: Actor, review_id: int, content: ReviewContent, submit: bool) -> Review:
    require(actor.role, Action.REVIEW_APPLICATIONS)
    review, review_round, application = _readable_review(session, actor, review_id)
    if review.status == ReviewStatus.SUBMITTED:
        raise Conflict("This review was submitted and is locked.")
    if review_round.closed_at is not None:
        raise Conflict(f"Round {review_round.number} has closed; this review can no longer be changed.")
    spec = template_of(application)
    checklist, criteria = (spec.checklist, spec.rubric.criteria) if spec else ((), ())
    problems = (submission_problems if submit else content_problems)(checklist, criteria, content)
    if problems:
        raise InvalidInput(problems)
    _store_answers(session, review.id, checklist, content)
    _store_scores(session, review.id, criteria, content)
    review.recommendation = content.recommendation or None
    review.summary = content.summary.strip()
    session.flush()
    return review


def _store_answers(
    session: Session, review_id: int, checklist: Sequence[ChecklistItem], content: ReviewContent
) -> None:
    existing = {
        a.item_key: a for a in session.scalars(select(ChecklistAnswer).where(ChecklistAnswer.review_id == review_id))
    }
    for item in checklist:
        answer, note = content.answers.get(item.key, ("", ""))
        row = existing.get(item.key)
        if not answer:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(ChecklistAnswer(review_id=review_id, item_key=item.key, answer=answer, note=note.strip()))
        else:
            row.answer, row.note = answer, note.strip()


def _store_scores(session: Session, review_id: int, criteria: Sequence[Criterion], content: ReviewContent) -> None:
    existing = {
        s.criterion_key: s for s in session.scalars(select(RubricScore).where(RubricScore.review_id == review_id))
    }
    for criterion in criteria:
        value = content.scores.get(criterion.key)
        row = existing.get(criterion.key)
        if value is None:
            if row is not None:
                session.delete(row)
            continue
        score = None if not criterion.scale.is_numeric else Decimal(str(value))
        rating = str(value) if not criterion.scale.is_numeric else None
        if row is None:
            session.add(RubricScore(review_id=review_id, criterion_key=criterion.key, score=score, rating=rating))
        else:
            row.score, row.rating = score, rating
