"""What writers and reviewers decided about the advice: dismissed findings, changed scores."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.models.base import Base, created_at


class FindingDismissal(Base):
    """A writing finding a team member dismissed, at the section's version they saw it in.

    A finding is keyed by its kind, sentence and message, so the dismissal holds for later
    versions only while that same sentence still raises it.
    """

    __tablename__ = "finding_dismissals"
    __table_args__ = (UniqueConstraint("section_id", "finding_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    section_version: Mapped[int]
    finding_key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    dismissed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    dismissed_at: Mapped[datetime] = created_at()


class ScoreChange(Base):
    """A submitted score that its reviewer changed, with the reason they gave."""

    __tablename__ = "score_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    criterion_key: Mapped[str] = mapped_column(String(80))
    old_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    new_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    old_rating: Mapped[str | None] = mapped_column(String(80))
    new_rating: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = created_at()
