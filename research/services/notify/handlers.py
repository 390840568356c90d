"""Events from review and drafting become notices (and outbox rows) in the same transaction.

Blind review: nothing sent to a reviewer names the application's team, and nothing sent to
the team names a reviewer.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, Comment, Review, ReviewRound, Section, User
from research.domain.application_status import ApplicationStatus
from research.services.common.events import (
    CommentAdded,
    ReviewersInvited,
    SectionAssigned,
    StatusChanged,
    subscribe,
)
from research.services.drafting.access import team_ids
from research.services.notify.notices import Tell, tell

EXCERPT = 300


def on_reviewers_invited(session: Session, event: ReviewersInvited) -> None:
    application = session.get(Application, event.application_id)
    review_round = session.get(ReviewRound, event.review_round_id)
    if application is None or review_round is None:
        return
    returning = _earlier_reviewers(session, review_round)
    due = f"{review_round.due_on:%d %b %Y}" if review_round.due_on else "no due date"
    again = [uid for uid in event.reviewer_ids if uid in returning]
    new = [uid for uid in event.reviewer_ids if uid not in returning]
    body = f"Round {review_round.number}, due {due}. Accept or decline it in your review inbox."
    tell(
        session, new, Tell("review_invitation", f"Review invitation: “{application.title}”", body, "review_inbox_page")
    )
    tell(
        session,
        again,
        Tell(
            "review_again",
            f"“{application.title}” is back for review round {review_round.number}",
            body,
            "review_inbox_page",
        ),
    )


def _earlier_reviewers(session: Session, review_round: ReviewRound) -> set[int]:
    return set(
        session.scalars(
            select(Review.reviewer_id)
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .where(ReviewRound.application_id == review_round.application_id, ReviewRound.number < review_round.number)
        )
    )


def on_status_changed(session: Session, event: StatusChanged) -> None:
    application = session.get(Application, event.application_id)
    if application is None:
        return
    new, old = ApplicationStatus(event.new), ApplicationStatus(event.old)
    team = team_ids(session, application) - {event.actor_id}
    subject = f"“{application.title}” is now {new.label.lower()}"
    body = f"Its status changed from {old.label.lower()} to {new.label.lower()}."
    tell(session, team, Tell("status", subject, body, f"review_readiness_page?application={application.id}"))


def on_comment_added(session: Session, event: CommentAdded) -> None:
    comment = session.get(Comment, event.comment_id)
    section = session.get(Section, comment.section_id) if comment and comment.section_id else None
    if comment is None or section is None or section.owner_id in (None, event.actor_id):
        return
    application = session.get(Application, section.application_id)
    author = session.scalar(select(User.display_name).where(User.id == comment.author_id)) or "Someone"
    text = comment.body if len(comment.body) <= EXCERPT else comment.body[:EXCERPT] + "…"
    tell(
        session,
        [section.owner_id],
        Tell(
            "comment",
            f"New comment on “{section.title}” in “{application.title if application else ''}”",
            f"{author} wrote: {text}",
            f"application_editor_page?application={section.application_id}&section={section.id}",
        ),
    )


def on_section_assigned(session: Session, event: SectionAssigned) -> None:
    section = session.get(Section, event.section_id)
    if section is None or section.owner_id in (None, event.actor_id):
        return
    application = session.get(Application, section.application_id)
    due = f"It is due on {section.due_on:%d %b %Y}." if section.due_on else "It has no due date yet."
    tell(
        session,
        [section.owner_id],
        Tell(
            "section_assigned",
            f"“{section.title}” in “{application.title if application else ''}” is yours to write",
            due,
            f"application_editor_page?application={section.application_id}&section={section.id}",
        ),
    )


def install() -> None:
    subscribe(ReviewersInvited, on_reviewers_invited)
    subscribe(StatusChanged, on_status_changed)
    subscribe(CommentAdded, on_comment_added)
    subscribe(SectionAssigned, on_section_assigned)
