"""Review rounds on frozen snapshots, reviews, checklist answers, scores and comments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at
from research.domain.reviewing import ANSWERS, RECOMMENDATIONS, ReviewStatus


class ReviewRound(Base):
    __tablename__ = "review_rounds"
    __table_args__ = (UniqueConstraint("application_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    number: Mapped[int]
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = created_at()
    due_on: Mapped[date | None]
    # What the lead asks the reviewers to look at in this round.
    message: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]


class SnapshotSection(Base):
    """The revision of each section that a review round froze."""

    __tablename__ = "snapshot_sections"
    __table_args__ = (UniqueConstraint("review_round_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("section_revisions.id"), index=True)


class Review(Base):
    """One reviewer's assignment in a review round, from invitation to submission."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("review_round_id", "reviewer_id"),
        allowed_values("status", ReviewStatus),
        allowed_values("recommendation", RECOMMENDATIONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="invited")
    due_on: Mapped[date | None]
    conflict_declared: Mapped[bool] = mapped_column(default=False)
    conflict_note: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    invited_at: Mapped[datetime] = created_at()
    responded_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]


class ChecklistAnswer(Base):
    __tablename__ = "checklist_answers"
    __table_args__ = (UniqueConstraint("review_id", "item_key"), allowed_values("answer", ANSWERS))

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(80))
    answer: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")


class RubricScore(Base):
    __tablename__ = "rubric_scores"
    __table_args__ = (UniqueConstraint("review_id", "criterion_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    criterion_key: Mapped[str] = mapped_column(String(80))
    score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    rating: Mapped[str | None] = mapped_column(String(80))


class Comment(Base):
    """A comment anchored to a section, optionally quoting a passage; threads by parent."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at()
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
