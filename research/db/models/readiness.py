"""What the team recorded on the way to 'ready': answers to a reviewer's "No", and the lead's override."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from research.db.models.base import Base, created_at


class ReadinessNote(Base):
    """One recorded decision, never overwritten.

    kind "checklist": the team's answer to a reviewer's "No" on checklist item `item_key` in
    review round `review_round_id`; with it, that "No" no longer blocks readiness.
    kind "override": the lead marked the application ready although sections were not all
    marked ready; `note` is why, `detail` lists the sections that were not.
    """

    __tablename__ = "readiness_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    review_round_id: Mapped[int | None] = mapped_column(ForeignKey("review_rounds.id", ondelete="CASCADE"))
    item_key: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
