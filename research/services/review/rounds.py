"""Requesting review: a round on a frozen snapshot, invitations, and the reviewers' replies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    Review,
    ReviewRound,
    Section,
    SectionRevision,
    SnapshotSection,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import utcnow
from research.domain.errors import Conflict, DomainError, InvalidInput, NotFound, PermissionDenied, Problem
from research.domain.lifecycle import Mover, check_move
from research.domain.reviewing import Candidate, ReviewStatus, invitation_refusal
from research.domain.roles import Action, can, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.events import ReviewersInvited, StatusChanged, publish
from research.services.drafting.access import get_application, is_team_member, leads, require_lead, team_ids
from research.services.review.support import (
    get_round,
    milestone_due,
    next_round_number,
    open_round,
    sections_of,
    today_for,
)

RESPONSE_ACTIONS = {
    ReviewStatus.ACCEPTED: "accepted review invitation",
    ReviewStatus.DECLINED: "declined review invitation",
    ReviewStatus.CONFLICT: "declared conflict of interest",
}


@dataclass(frozen=True)
class RoundRequested:
    round_id: int
    number: int
    due_on: date
    invited: tuple[str, ...]


@dataclass(frozen=True)
class ReviewerChoice:
    id: int
    name: str
    role: str
    refusal: str | None


def request_review_round(
    uow: UnitOfWork,
    actor: Actor,
    application_id: int,
    reviewer_ids: list[int],
    due_on: date | None = None,
    message: str = "",
    today: date | None = None,
) -> RoundRequested:
    """Freeze the draft as it is now and invite reviewers to it; the application goes in review."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    today = today or today_for(actor)
    with uow as session:
        application = require_lead(session, actor, application_id)
        check_move(application.status, S.IN_REVIEW, Mover.LEAD)
        sections = sections_of(session, application_id)
        if not sections:
            raise DomainError(f"“{application.title}” has no sections yet, so there is nothing to review.")
        due_on = _due_date(session, application, due_on, today)
        if not reviewer_ids:
            raise InvalidInput(Problem("reviewers", "invite at least one reviewer"))
        review_round = ReviewRound(
            application_id=application_id,
            number=next_round_number(session, application_id),
            requested_by_id=actor.id,
            due_on=due_on,
            message=message.strip(),
        )
        session.add(review_round)
        session.flush()
        _freeze(session, review_round, sections)
        invited = _invite(session, application, review_round, reviewer_ids, due_on)
        old, application.status = application.status, S.IN_REVIEW.value
        record(
            session,
            actor.audit_id,
            "requested review round",
            "application",
            application_id,
            round=review_round.number,
            due_on=due_on.isoformat(),
            reviewers=list(invited),
        )
        record(session, actor.audit_id, "changed status", "application", application_id, old=old, new=S.IN_REVIEW.value)
        publish(session, StatusChanged(actor.id, application_id, old, S.IN_REVIEW.value))
        return RoundRequested(review_round.id, review_round.number, due_on, invited)


def _due_date(session: Session, application: Application, due_on: date | None, today: date) -> date:
    due_on = due_on or milestone_due(session, application)
    if due_on is None:
        raise InvalidInput(Problem("due date", "choose one: the funding round has no review milestone to default to"))
    if due_on < today:
        raise InvalidInput(Problem("due date", f"{due_on:%d %b %Y} has passed; choose today or later"))
    return due_on


def _freeze(session: Session, review_round: ReviewRound, sections: Sequence[Section]) -> None:
    """Point the snapshot at each section's current revision (none for a section never saved)."""
    keys = [(s.id, s.version) for s in sections]
    current = dict(
        session.execute(
            select(SectionRevision.section_id, SectionRevision.id).where(
                tuple_(SectionRevision.section_id, SectionRevision.number).in_(keys)
            )
        ).all()
    )
    session.add_all(
        SnapshotSection(review_round_id=review_round.id, section_id=s.id, revision_id=current.get(s.id))
        for s in sections
    )


def _invite(
    session: Session, application: Application, review_round: ReviewRound, reviewer_ids: list[int], due_on: date
) -> tuple[str, ...]:
    candidates = _candidates(session, application, review_round.id, set(reviewer_ids))
    missing = set(reviewer_ids) - set(candidates)
    problems = [Problem("reviewers", f"there is no user with id {i}") for i in sorted(missing)]
    problems += [
        Problem("reviewers", reason)
        for uid in dict.fromkeys(reviewer_ids)
        if uid in candidates and (reason := invitation_refusal(candidates[uid]))
    ]
    if problems:
        raise InvalidInput(problems)
    names = []
    for reviewer_id in dict.fromkeys(reviewer_ids):
        session.add(Review(review_round_id=review_round.id, reviewer_id=reviewer_id, due_on=due_on))
        names.append(candidates[reviewer_id].name)
    session.flush()
    publish(
        session,
        ReviewersInvited(
            review_round.requested_by_id, application.id, review_round.id, tuple(dict.fromkeys(reviewer_ids))
        ),
    )
    return tuple(names)


def _candidates(
    session: Session, application: Application, round_id: int | None, user_ids: set[int] | None = None
) -> dict[int, Candidate]:
    team = team_ids(session, application)
    conflicts: dict[int, list[int]] = {}
    rows = session.execute(
        select(Review.reviewer_id, ReviewRound.number, Review.status, Review.review_round_id)
        .join(ReviewRound, ReviewRound.id == Review.review_round_id)
        .where(ReviewRound.application_id == application.id)
    ).all()
    in_round = {r.reviewer_id for r in rows if r.review_round_id == round_id}
    for row in rows:
        if row.status == ReviewStatus.CONFLICT:
            conflicts.setdefault(row.reviewer_id, []).append(row.number)
    query = select(User)
    query = query.where(User.id.in_(user_ids)) if user_ids is not None else query.where(User.is_active)
    return {
        u.id: Candidate(
            u.display_name, u.role, u.is_active, u.id in team, tuple(sorted(conflicts.get(u.id, ()))), u.id in in_round
        )
        for u in session.scalars(query.order_by(User.display_name))
    }


def invite_reviewers(
    uow: UnitOfWork,
    actor: Actor,
    application_id: int,
    reviewer_ids: list[int],
    due_on: date | None = None,
    today: date | None = None,
) -> tuple[str, ...]:
    """Invite more reviewers to the application's open round."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    today = today or today_for(actor)
    with uow as session:
        application = require_lead(session, actor, application_id)
        review_round = open_round(session, application_id)
        if review_round is None:
            raise Conflict("No review round is open; request a new round to invite reviewers.")
        if not reviewer_ids:
            raise InvalidInput(Problem("reviewers", "choose at least one reviewer"))
        due_on = due_on or review_round.due_on or _due_date(session, application, None, today)
        if due_on < today:
            raise InvalidInput(Problem("due date", f"{due_on:%d %b %Y} has passed; choose today or later"))
        invited = _invite(session, application, review_round, reviewer_ids, due_on)
        record(session, actor.audit_id, "invited reviewers", "review_round", review_round.id, reviewers=list(invited))
        return invited


def reviewer_choices(uow: UnitOfWork, actor: Actor, application_id: int) -> list[ReviewerChoice]:
    """Everyone who could be asked to review, each with the reason they may not, if any.

    People already invited to the open round are left out: they need no second invitation,
    and listing them by name would undo blind reviews."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    with uow as session:
        application = require_lead(session, actor, application_id)
        current = open_round(session, application_id)
        candidates = _candidates(session, application, current.id if current else None)
        return [
            ReviewerChoice(uid, c.name, c.role, invitation_refusal(c))
            for uid, c in candidates.items()
            if c.role in ("reviewer", "researcher") and not c.in_this_round
        ]


def default_due_date(uow: UnitOfWork, actor: Actor, application_id: int) -> date | None:
    with uow as session:
        return milestone_due(session, require_lead(session, actor, application_id))


def respond_to_invitation(
    uow: UnitOfWork, actor: Actor, review_id: int, accept: bool, conflict: bool | None, note: str = ""
) -> ReviewStatus:
    """Accept, or decline with a reason, having declared any conflict of interest first.

    A declared conflict blocks the assignment: it is recorded and the invitation ends."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    note = note.strip()
    with uow as session:
        review = _own_review(session, actor, review_id)
        if review.status != ReviewStatus.INVITED:
            raise Conflict(f"You already answered this invitation ({ReviewStatus(review.status).label}).")
        if get_round(session, review.review_round_id).closed_at is not None:
            raise Conflict("This review round has closed; the invitation has lapsed.")
        status = _response_status(accept, conflict, note)
        if status == ReviewStatus.ACCEPTED:
            _require_outside_team(session, actor, review)
        review.status, review.responded_at = status.value, utcnow()
        review.conflict_declared = status == ReviewStatus.CONFLICT
        review.conflict_note = note if review.conflict_declared else ""
        review.decline_reason = note if status != ReviewStatus.ACCEPTED else ""
        record(session, actor.audit_id, RESPONSE_ACTIONS[status], "review", review.id)
        return status


def _response_status(accept: bool, conflict: bool | None, note: str) -> ReviewStatus:
    if conflict is None:
        raise InvalidInput(Problem("conflict of interest", "say whether you have one before you answer"))
    if conflict and accept:
        raise Conflict(
            "A declared conflict of interest blocks this review: decline it instead, "
            "and the lead will invite someone else."
        )
    if conflict and not note:
        raise InvalidInput(Problem("conflict of interest", "describe the conflict"))
    if not accept and not conflict and not note:
        raise InvalidInput(Problem("reason", "say why you decline"))
    return ReviewStatus.CONFLICT if conflict else ReviewStatus.ACCEPTED if accept else ReviewStatus.DECLINED


def _require_outside_team(session: Session, actor: Actor, review: Review) -> None:
    application = get_application(session, get_round(session, review.review_round_id).application_id)
    if is_team_member(session, actor.id, application):
        raise PermissionDenied(
            f"You are on the team of “{application.title}”, so you cannot review it; decline the invitation instead."
        )


def _own_review(session: Session, actor: Actor, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound(f"There is no review with id {review_id}.")
    if review.reviewer_id != actor.id:
        raise PermissionDenied("This review is assigned to someone else.")
    return review


def set_blind_reviews(uow: UnitOfWork, actor: Actor, application_id: int, blind: bool) -> None:
    """Hide (or show) reviewer names from the team: the lead or a manager decides."""
    with uow as session:
        application = get_application(session, application_id)
        if not (leads(actor, application) or can(actor.role, Action.OVERSEE_APPLICATIONS)):
            raise PermissionDenied("Only the application's lead or a manager may change whether reviews are blind.")
        if application.blind_reviews == blind:
            return
        application.blind_reviews = blind
        record(
            session,
            actor.audit_id,
            "made reviews blind" if blind else "made reviews open",
            "application",
            application_id,
        )
