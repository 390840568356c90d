"""Gathering what the readiness gate needs: sections, limits, the latest checklist, open comments;
and what the team records on the way: answers to a reviewer's "No", the lead's override."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.adapters.reference_files import template_reference_digest
from research.adapters.render_cache import PageCountCache
from research.config import load_settings
from research.db.models import Application, ChecklistAnswer, Comment, ReadinessNote, Review, Section, User
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, Problem
from research.domain.export_document import counts_fingerprint, numbered_heading
from research.domain.page_counts import PageCounts, page_limited_keys
from research.domain.readiness import (
    OpenThread,
    Readiness,
    ReadinessFacts,
    ReviewerAnswers,
    SectionText,
    assess,
)
from research.domain.reviewing import ReviewStatus
from research.domain.section_rules import SectionStatus
from research.domain.template_spec import PageFormat
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.access import require_edit, require_read
from research.services.drafting.application_view import section_limit, template_of
from research.services.drafting.docx_export import current_document
from research.services.review.support import (
    latest_reviewed_round,
    reviewer_labels,
    sections_of,
    user_names,
)


def check_readiness(uow: UnitOfWork, actor: Actor, application_id: int) -> Readiness:
    """What stands between the application and 'ready to submit' (nothing, when it is ready)."""
    with uow as session:
        application = require_read(session, actor, application_id)
        return assess(readiness_facts(session, actor, application))


def readiness_facts(session: Session, actor: Actor, application: Application) -> ReadinessFacts:
    spec = template_of(application)
    sections = sections_of(session, application.id)
    reviewed = latest_reviewed_round(session, application.id)
    texts = tuple(_section_text(s) for s in sections)
    shared = spec.shared_limits if spec else ()
    return ReadinessFacts(
        sections=texts,
        page=spec.page if spec else PageFormat(),
        shared_limits=shared,
        checklist=spec.checklist if spec else (),
        reviewed_round=reviewed.number if reviewed else None,
        responses=_responses(session, actor, application, reviewed.id) if reviewed else (),
        open_threads=_open_threads(session, actor, application, {s.id: s.title for s in sections}),
        page_counts=_measured(session, application) if page_limited_keys(texts, shared) else None,
        headings={s.key: numbered_heading(s.title, place) for place, s in enumerate(sections, start=1)},
        answered_noes=_answered_noes(session, application.id, reviewed.id) if reviewed else {},
    )


def _measured(session: Session, application: Application) -> PageCounts | None:
    """Page counts measured earlier for exactly this text and these page rules, if any (a file read).

    Building the export document costs queries: only called where a page limit needs its count."""
    document = current_document(session, application)
    settings = load_settings()
    digest = template_reference_digest(settings.templates_dir, document.template_key)
    return PageCountCache(settings.cache_dir).get(counts_fingerprint(document, True, digest))


def _section_text(section: Section) -> SectionText:
    return SectionText(
        section.key,
        section.title,
        section.required,
        section.body or "",
        section_limit(section),
        marked_ready=section.status == SectionStatus.READY,
    )


def _answered_noes(session: Session, application_id: int, round_id: int) -> dict[str, str]:
    rows = session.scalars(
        select(ReadinessNote)
        .where(
            ReadinessNote.application_id == application_id,
            ReadinessNote.kind == CHECKLIST,
            ReadinessNote.review_round_id == round_id,
        )
        .order_by(ReadinessNote.id)
    )
    return {row.item_key or "": row.note for row in rows}


CHECKLIST = "checklist"
OVERRIDE = "override"


@dataclass(frozen=True)
class RecordedNote:
    kind: str
    item_key: str
    note: str
    detail: str
    author: str
    at: datetime


def answer_checklist_no(uow: UnitOfWork, actor: Actor, application_id: int, item_key: str, note: str) -> None:
    """The team's answer to a reviewer's "No" in the latest reviewed round: with it, that "No" no longer blocks."""
    with uow as session:
        application = require_edit(session, actor, application_id)
        text = note.strip()
        if not text:
            raise InvalidInput(Problem("note", "say how the team dealt with the reviewer's “No”"))
        reviewed = latest_reviewed_round(session, application.id)
        said_no = (
            session.scalar(
                select(ChecklistAnswer.id)
                .join(Review, Review.id == ChecklistAnswer.review_id)
                .where(
                    Review.review_round_id == reviewed.id,
                    Review.status == ReviewStatus.SUBMITTED,
                    ChecklistAnswer.item_key == item_key,
                    ChecklistAnswer.answer == "no",
                )
                .limit(1)
            )
            if reviewed
            else None
        )
        if said_no is None:
            raise InvalidInput(Problem("checklist item", f"no reviewer answered “{item_key}” no in the latest round"))
        session.add(
            ReadinessNote(
                application_id=application.id,
                kind=CHECKLIST,
                review_round_id=reviewed.id if reviewed else None,
                item_key=item_key,
                note=text,
                author_id=actor.id,
            )
        )
        record(
            session, actor.audit_id, "answered a checklist no", "application", application.id, item=item_key, note=text
        )


def readiness_notes(uow: UnitOfWork, actor: Actor, application_id: int) -> list[RecordedNote]:
    """What the team recorded on the way to ready, newest first: answers to a "No", the lead's overrides."""
    with uow as session:
        application = require_read(session, actor, application_id)
        rows = session.execute(
            select(ReadinessNote, User.display_name)
            .join(User, User.id == ReadinessNote.author_id)
            .where(ReadinessNote.application_id == application.id)
            .order_by(ReadinessNote.id.desc())
        ).all()
        return [RecordedNote(n.kind, n.item_key or "", n.note, n.detail, name, n.created_at) for n, name in rows]


def _responses(session: Session, actor: Actor, application: Application, round_id: int) -> tuple[ReviewerAnswers, ...]:
    labels = reviewer_labels(session, actor, application)
    reviews = session.scalars(
        select(Review)
        .where(Review.review_round_id == round_id, Review.status == ReviewStatus.SUBMITTED)
        .order_by(Review.id)
    )
    answers: dict[int, dict[str, tuple[str, str]]] = {}
    rows = session.execute(
        select(ChecklistAnswer)
        .join(Review, Review.id == ChecklistAnswer.review_id)
        .where(Review.review_round_id == round_id)
    ).scalars()
    for row in rows:
        answers.setdefault(row.review_id, {})[row.item_key] = (row.answer, row.note)
    return tuple(
        sorted(
            (ReviewerAnswers(labels.get(r.reviewer_id, "a reviewer"), answers.get(r.id, {})) for r in reviews),
            key=lambda a: a.reviewer,
        )
    )


def _open_threads(
    session: Session, actor: Actor, application: Application, titles: dict[int, str]
) -> tuple[OpenThread, ...]:
    submitted = select(Review.id).where(Review.id == Comment.review_id, Review.status == ReviewStatus.SUBMITTED)
    comments = list(
        session.scalars(
            select(Comment)
            .where(
                Comment.application_id == application.id,
                Comment.parent_id.is_(None),
                Comment.resolved_at.is_(None),
                (Comment.review_id.is_(None)) | submitted.exists(),
            )
            .order_by(Comment.created_at, Comment.id)
        )
    )
    labels = reviewer_labels(session, actor, application)
    names = user_names(session, {c.author_id for c in comments})
    return tuple(
        OpenThread(
            titles.get(c.section_id, "the whole application") if c.section_id is not None else "the whole application",
            labels.get(c.author_id, names.get(c.author_id, "?")) if c.review_id else names.get(c.author_id, "?"),
            c.body,
        )
        for c in comments
    )
