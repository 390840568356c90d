"""Comments anchored to sections: reviewers leave them on the snapshot, the team replies,
resolves and reopens them. A reviewer's comments reach the team when the review is submitted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    Comment,
    Review,
    ReviewRound,
    Section,
    SectionRevision,
    SnapshotSection,
)
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.counting import plain_text
from research.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Problem
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.events import CommentAdded, publish
from research.services.drafting.access import get_application, require_read, require_team_member
from research.services.review.support import get_round, reviewer_labels, user_names

MAX_BODY = 4000
MAX_QUOTE = 1000


@dataclass(frozen=True)
class CommentView:
    id: int
    section_id: int | None
    section_title: str
    author: str
    from_review: bool
    body: str
    quote: str
    created_at: datetime
    round_number: int | None
    resolved: bool
    resolved_by: str | None
    replies: tuple[CommentView, ...] = ()


def _visible_to_team() -> ColumnElement[bool]:
    """Team comments, and reviewers' comments once their review is submitted."""
    # Correlated, so each comment looks up its own review instead of listing every submitted review.
    submitted = select(Review.id).where(Review.id == Comment.review_id, Review.status == ReviewStatus.SUBMITTED)
    return or_(Comment.review_id.is_(None), submitted.exists())


def section_threads(
    uow: UnitOfWork, actor: Actor, application_id: int, section_id: int | None = None, open_only: bool = False
) -> list[CommentView]:
    """Threads on one section (or on every section), oldest first, with their replies."""
    with uow as session:
        application = require_read(session, actor, application_id)
        query = select(Comment).where(Comment.application_id == application_id, _visible_to_team())
        if section_id is not None:
            query = query.where(Comment.section_id == section_id)
        comments = list(session.scalars(query.order_by(Comment.created_at, Comment.id)))
        return _threads(session, actor, application, comments, open_only)


def _threads(
    session: Session, actor: Actor, application: Application, comments: list[Comment], open_only: bool
) -> list[CommentView]:
    labels = reviewer_labels(session, actor, application)
    people = {c.author_id for c in comments} | {c.resolved_by_id for c in comments if c.resolved_by_id}
    names = user_names(session, people)
    titles: dict[int | None, str] = dict(
        session.execute(select(Section.id, Section.title).where(Section.application_id == application.id)).all()
    )
    rounds = _round_numbers(session, {c.review_id for c in comments if c.review_id})

    def view(c: Comment, replies: Sequence[CommentView] = ()) -> CommentView:
        author = labels.get(c.author_id, names.get(c.author_id, "?")) if c.review_id else names.get(c.author_id, "?")
        return CommentView(
            c.id,
            c.section_id,
            titles.get(c.section_id, "the whole application"),
            author,
            c.review_id is not None,
            c.body,
            c.quote,
            c.created_at,
            rounds.get(c.review_id) if c.review_id is not None else None,
            c.resolved_at is not None,
            names.get(c.resolved_by_id) if c.resolved_by_id else None,
            tuple(replies),
        )

    replies: dict[int, list[CommentView]] = {}
    for c in comments:
        if c.parent_id is not None:
            replies.setdefault(c.parent_id, []).append(view(c))
    roots = [view(c, replies.get(c.id, ())) for c in comments if c.parent_id is None]
    return [r for r in roots if not (open_only and r.resolved)]


def _round_numbers(session: Session, review_ids: set[int]) -> dict[int, int]:
    if not review_ids:
        return {}
    return dict(
        session.execute(
            select(Review.id, ReviewRound.number)
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .where(Review.id.in_(review_ids))
        ).all()
    )


def _check_text(body: str, quote: str = "") -> tuple[str, str]:
    body, quote = body.strip(), quote.strip()
    problems = []
    if not body:
        problems.append(Problem("comment", "must not be empty"))
    elif len(body) > MAX_BODY:
        problems.append(Problem("comment", f"must be at most {MAX_BODY} characters, not {len(body)}"))
    if len(quote) > MAX_QUOTE:
        problems.append(Problem("quoted passage", f"must be at most {MAX_QUOTE} characters"))
    if problems:
        raise InvalidInput(problems)
    return body, quote


def _section_of(session: Session, application_id: int, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None or section.application_id != application_id:
        raise NotFound("That section is not part of this application.")
    return section


def add_comment(uow: UnitOfWork, actor: Actor, application_id: int, section_id: int, body: str, quote: str = "") -> int:
    """A team member starts a thread on a section of the live draft."""
    body, quote = _check_text(body, quote)
    with uow as session:
        require_team_member(session, actor, application_id)
        section = _section_of(session, application_id, section_id)
        if quote and _flat(quote) not in _flat(section.body) and _flat(quote) not in _flat(plain_text(section.body)):
            raise InvalidInput(Problem("quoted passage", f"does not appear in “{section.title}”"))
        comment = Comment(
            application_id=application_id, section_id=section_id, author_id=actor.id, body=body, quote=quote
        )
        session.add(comment)
        session.flush()
        publish(session, CommentAdded(actor.id, comment.id))
        return comment.id


def _root(session: Session, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"There is no comment with id {comment_id}.")
    while comment.parent_id is not None:
        comment = session.get_one(Comment, comment.parent_id)
    return comment


def _team_thread(session: Session, actor: Actor, comment_id: int) -> Comment:
    root = _root(session, comment_id)
    require_team_member(session, actor, root.application_id)
    if root.review_id is not None and session.get_one(Review, root.review_id).status != ReviewStatus.SUBMITTED:
        raise NotFound(f"There is no comment with id {comment_id}.")
    return root


def reply(uow: UnitOfWork, actor: Actor, comment_id: int, body: str) -> int:
    body, _ = _check_text(body)
    with uow as session:
        root = _team_thread(session, actor, comment_id)
        answer = Comment(
            application_id=root.application_id,
            section_id=root.section_id,
            parent_id=root.id,
            author_id=actor.id,
            body=body,
        )
        session.add(answer)
        session.flush()
        publish(session, CommentAdded(actor.id, answer.id))
        return answer.id


def resolve(uow: UnitOfWork, actor: Actor, comment_id: int, note: str = "") -> None:
    """Resolve a thread, with a last reply saying how, if one is given."""
    note = _check_text(note)[0] if note.strip() else ""
    with uow as session:
        root = _team_thread(session, actor, comment_id)
        if root.resolved_at is not None:
            raise Conflict("This comment is already resolved.")
        if note:
            session.add(
                Comment(
                    application_id=root.application_id,
                    section_id=root.section_id,
                    parent_id=root.id,
                    author_id=actor.id,
                    body=note,
                )
            )
        root.resolved_at, root.resolved_by_id = utcnow(), actor.id
        record(session, actor.audit_id, "resolved comment", "comment", root.id)


def reopen(uow: UnitOfWork, actor: Actor, comment_id: int) -> None:
    with uow as session:
        root = _team_thread(session, actor, comment_id)
        if root.resolved_at is None:
            raise Conflict("This comment is already open.")
        root.resolved_at, root.resolved_by_id = None, None
        record(session, actor.audit_id, "reopened comment", "comment", root.id)


def _working_review(session: Session, actor: Actor, review_id: int) -> Review:
    require(actor.role, Action.REVIEW_APPLICATIONS)
    review = session.get(Review, review_id)
    if review is None or review.reviewer_id != actor.id:
        raise PermissionDenied("This review is not assigned to you.")
    if review.status == ReviewStatus.SUBMITTED:
        raise Conflict("This review was submitted and is locked.")
    if review.status != ReviewStatus.ACCEPTED:
        raise PermissionDenied("Accept the invitation before you comment.")
    if get_round(session, review.review_round_id).closed_at is not None:
        raise Conflict("This review round has closed.")
    return review


def add_review_comment(
    uow: UnitOfWork, actor: Actor, review_id: int, section_id: int, body: str, quote: str = ""
) -> int:
    """A reviewer comments on a section of the snapshot, optionally quoting a passage of it."""
    body, quote = _check_text(body, quote)
    with uow as session:
        review = _working_review(session, actor, review_id)
        row = session.execute(
            select(Section.title, SectionRevision.body)
            .join(SnapshotSection, SnapshotSection.section_id == Section.id)
            .outerjoin(SectionRevision, SectionRevision.id == SnapshotSection.revision_id)
            .where(SnapshotSection.review_round_id == review.review_round_id, Section.id == section_id)
        ).first()
        if row is None:
            raise NotFound("That section is not part of the draft under review.")
        title, text = row.title, row.body or ""
        if quote and _flat(quote) not in _flat(text) and _flat(quote) not in _flat(plain_text(text)):
            raise InvalidInput(Problem("quoted passage", f"does not appear in “{title}” as reviewed"))
        application_id = get_round(session, review.review_round_id).application_id
        comment = Comment(
            application_id=application_id,
            section_id=section_id,
            review_id=review.id,
            author_id=actor.id,
            body=body,
            quote=quote,
        )
        session.add(comment)
        session.flush()
        return comment.id


def my_review_comments(uow: UnitOfWork, actor: Actor, review_id: int) -> list[CommentView]:
    """The reviewer's own comments in this review (reviewers do not see each other's)."""
    require(actor.role, Action.REVIEW_APPLICATIONS)
    with uow as session:
        review = session.get(Review, review_id)
        if review is None or review.reviewer_id != actor.id:
            raise PermissionDenied("This review is not assigned to you.")
        application = get_application(session, get_round(session, review.review_round_id).application_id)
        comments = list(
            session.scalars(
                select(Comment)
                .where(Comment.review_id == review_id, Comment.parent_id.is_(None))
                .order_by(Comment.created_at, Comment.id)
            )
        )
        return _threads(session, actor, application, comments, open_only=False)


def delete_review_comment(uow: UnitOfWork, actor: Actor, comment_id: int) -> None:
    """Take back a comment before the review is submitted."""
    with uow as session:
        comment = session.get(Comment, comment_id)
        if comment is None or comment.review_id is None:
            raise NotFound("There is no such comment of yours.")
        if comment.author_id != actor.id:
            raise PermissionDenied("This comment is someone else's; only its author may take it back.")
        _working_review(session, actor, comment.review_id)
        session.delete(comment)


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()
