"""The text of an application's sections at a point in its history: frozen for a review round,
or as saved at a time. Shared by export and (later) review, which read the same snapshots.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import ReviewRound, SectionRevision, SnapshotSection
from research.domain.clock import as_utc
from research.domain.errors import NotFound

# Saves refused as conflicts are kept in the history but were never the section's text.
REJECTED_KINDS = ("conflict", "rejected")


def find_review_round(
    session: Session, application_id: int, review_round_id: int | None = None, number: int | None = None
) -> ReviewRound:
    """An application's review round, by id or by number; NotFound when it has no such round."""
    if number is not None:
        found = session.scalar(
            select(ReviewRound).where(ReviewRound.application_id == application_id, ReviewRound.number == number)
        )
        if found is None:
            raise NotFound(f"This application has no review round {number}.")
        return found
    found = session.get(ReviewRound, review_round_id) if review_round_id is not None else None
    if found is None or found.application_id != application_id:
        raise NotFound(f"This application has no review round with id {review_round_id}.")
    return found


def frozen_texts(session: Session, review_round_id: int) -> dict[int, str]:
    """Section id -> the text its review round froze ('' for a section that was empty then)."""
    rows = session.execute(
        select(SnapshotSection.section_id, SectionRevision.body)
        .outerjoin(SectionRevision, SectionRevision.id == SnapshotSection.revision_id)
        .where(SnapshotSection.review_round_id == review_round_id)
    ).all()
    return {section_id: body or "" for section_id, body in rows}


def texts_as_at(session: Session, section_ids: list[int], moment: datetime) -> dict[int, str]:
    """Section id -> its latest accepted revision at or before `moment` (absent if none yet)."""
    moment = as_utc(moment)  # stored times are UTC; SQLite compares them as text
    latest = (
        select(SectionRevision.section_id, func.max(SectionRevision.number).label("number"))
        .where(
            SectionRevision.section_id.in_(section_ids),
            SectionRevision.created_at <= moment,
            SectionRevision.kind.not_in(REJECTED_KINDS),
        )
        .group_by(SectionRevision.section_id)
        .subquery()
    )
    rows = session.execute(
        select(SectionRevision.section_id, SectionRevision.body).join(
            latest, (latest.c.section_id == SectionRevision.section_id) & (latest.c.number == SectionRevision.number)
        )
    ).all()
    return dict(rows)
