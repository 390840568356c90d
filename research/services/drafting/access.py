"""Who may read or edit an application, checked inside the caller's transaction.

The team (the lead and the members) reads and edits the draft, while their role still
drafts applications: someone whose role changed to reviewer, manager or admin keeps no
rights as a team member. Managers oversee every application and read it. A reviewer who
accepted reads only the frozen snapshot of their own round, never the live draft, and
never edits.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from research.db.models import Application, ApplicationMember, Review, ReviewRound
from research.domain.errors import NotFound, PermissionDenied
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Action, can
from research.services.common.actor import Actor

READING_STATUSES = (ReviewStatus.ACCEPTED.value, ReviewStatus.SUBMITTED.value)


def get_application(session: Session, application_id: int) -> Application:
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound(f"There is no application with id {application_id}.")
    return application


def is_team_member(session: Session, user_id: int, application: Application) -> bool:
    if application.lead_id == user_id:
        return True
    return bool(
        session.scalar(
            select(
                exists().where(ApplicationMember.application_id == application.id, ApplicationMember.user_id == user_id)
            )
        )
    )


def team_ids(session: Session, application: Application) -> set[int]:
    members = session.scalars(
        select(ApplicationMember.user_id).where(ApplicationMember.application_id == application.id)
    )
    return {application.lead_id, *members}


def reviews_application(session: Session, user_id: int, application_id: int) -> bool:
    """Whether the user holds an accepted or submitted review of this application."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    Review.reviewer_id == user_id,
                    Review.status.in_(READING_STATUSES),
                    Review.review_round_id == ReviewRound.id,
                    ReviewRound.application_id == application_id,
                )
            )
        )
    )


def drafts_on(session: Session, actor: Actor, application: Application) -> bool:
    """On the team, in a role that drafts."""
    return can(actor.role, Action.DRAFT_APPLICATIONS) and is_team_member(session, actor.id, application)


def leads(actor: Actor, application: Application) -> bool:
    """The application's lead, in a role that drafts."""
    return can(actor.role, Action.DRAFT_APPLICATIONS) and application.lead_id == actor.id


def require_team_member(session: Session, actor: Actor, application_id: int) -> Application:
    application = get_application(session, application_id)
    if not drafts_on(session, actor, application):
        raise PermissionDenied(f"Only the team of “{application.title}” may do this.")
    return application


def require_lead(session: Session, actor: Actor, application_id: int) -> Application:
    application = get_application(session, application_id)
    if not leads(actor, application):
        raise PermissionDenied(f"Only the lead of “{application.title}” may do this.")
    return application


def may_read_application(session: Session, actor: Actor, application_id: int) -> bool:
    """The live draft: the team and managers overseeing applications. Reviewers read snapshots."""
    application = get_application(session, application_id)
    return can(actor.role, Action.OVERSEE_APPLICATIONS) or drafts_on(session, actor, application)


def require_read(session: Session, actor: Actor, application_id: int) -> Application:
    if not may_read_application(session, actor, application_id):
        raise PermissionDenied("You are not on this application's team, so you may not read it.")
    return get_application(session, application_id)


def may_read_snapshot(session: Session, actor: Actor, review_round_id: int) -> bool:
    """A round's frozen snapshot: whoever reads the draft, plus the round's accepted reviewers."""
    review_round = session.get(ReviewRound, review_round_id)
    if review_round is None:
        raise NotFound(f"There is no review round with id {review_round_id}.")
    if may_read_application(session, actor, review_round.application_id):
        return True
    return bool(
        session.scalar(
            select(
                exists().where(
                    Review.review_round_id == review_round_id,
                    Review.reviewer_id == actor.id,
                    Review.status.in_(READING_STATUSES),
                )
            )
        )
    )


def _edit_refusal(session: Session, actor: Actor, application: Application) -> str | None:
    """Why the actor may not change the application's text, or None if they may: the one edit rule."""
    if not drafts_on(session, actor, application):
        return f"Only the team of “{application.title}” (its lead and co-authors) may change it."
    if reviews_application(session, actor.id, application.id):
        return f"You are reviewing “{application.title}”, so you may not change it."
    return None


def may_edit(session: Session, actor: Actor, application_id: int) -> bool:
    """The team only, and never someone reviewing this application."""
    return _edit_refusal(session, actor, get_application(session, application_id)) is None


def require_edit(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, if the actor may change its text (sections, status, team); a refusal otherwise."""
    application = get_application(session, application_id)
    if refusal := _edit_refusal(session, actor, application):
        raise PermissionDenied(refusal)
    return application
