"""Notices (in-app), the email outbox, delivery preferences, calendar tokens, follows, pass locks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.models.base import Base, created_at


class Notice(Base):
    """One thing a person is told; `dedupe_key` makes scheduled reminders idempotent.

    `cadence` is the person's choice for this kind when the notice was made; `mailed_at`
    is when it went out by email (alone or in a digest).
    """

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    cadence: Mapped[str] = mapped_column(String(10), default="daily")
    created_at: Mapped[datetime] = created_at()
    read_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """An email waiting to go, sent, or given up on; `message_id` is fixed when the row is written."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    unsubscribe_url: Mapped[str] = mapped_column(String(500), default="")
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at()
    sent_at: Mapped[datetime | None]


class NotifyPreference(Base):
    __tablename__ = "notify_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    cadence: Mapped[str] = mapped_column(String(10))


class CalendarToken(Base):
    """A personal feed's secret: only its hash is kept; a revoked one answers 404."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = created_at()
    revoked_at: Mapped[datetime | None]


class RoundFollow(Base):
    __tablename__ = "round_follows"
    __table_args__ = (UniqueConstraint("user_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("funding_rounds.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = created_at()


class PassLock(Base):
    """SQLite's stand-in for pg_advisory_lock: a row a pass holds while it runs."""

    __tablename__ = "notify_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    acquired_at: Mapped[datetime]
