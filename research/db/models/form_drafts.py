"""Text a person is writing in a form and has not sent yet, kept so a refusal, a rerun or a reload never loses it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.models.base import Base
from research.domain.clock import utcnow


class FormDraft(Base):
    """One unsent text per person and form field (e.g. a comment on one section); deleted once sent."""

    __tablename__ = "form_drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    form_key: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
