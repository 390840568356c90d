"""Templates, applications, their teams, sections and every saved revision."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at, currency
from research.domain.application_status import ApplicationStatus
from research.domain.section_rules import RevisionKind, SectionStatus
from research.domain.template_spec import LIMIT_UNITS


class ApplicationTemplate(Base):
    """A template added in the app; templates/ files are read from disk."""

    __tablename__ = "application_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_name: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()


class Application(Base):
    __tablename__ = "applications"
    # Covers the overseers' list (by status, then title) without reading the wide rows.
    __table_args__ = (
        Index("ix_applications_status_title", "status", "title", "lead_id"),
        allowed_values("status", ApplicationStatus),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("funding_rounds.id"), index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), index=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="drafting", index=True)
    currency: Mapped[str] = currency()
    requested_amount: Mapped[Decimal | None]
    template_key: Mapped[str] = mapped_column(String(80))
    # The template as it was when the application started: later template edits never reach it.
    template_spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    blind_reviews: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at()
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]

    members: Mapped[list[ApplicationMember]] = relationship(
        order_by="ApplicationMember.id", cascade="all, delete-orphan", lazy="raise"
    )
    sections: Mapped[list[Section]] = relationship(
        order_by="Section.position", cascade="all, delete-orphan", lazy="raise"
    )


class ApplicationMember(Base):
    """Someone on the application's team, its lead included; who leads is Application.lead_id alone."""

    __tablename__ = "application_members"
    __table_args__ = (UniqueConstraint("application_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    added_at: Mapped[datetime] = created_at()


class Section(Base):
    """A section's current text; `version` is the number of its current revision.

    Saves are compare-and-swap on `version`, so a stale save is a conflict.
    `revision_count` hands out revision numbers: a rejected (conflicting) save takes a
    number too, without becoming the current text.
    """

    __tablename__ = "sections"
    __table_args__ = (
        UniqueConstraint("application_id", "key"),
        allowed_values("status", SectionStatus),
        allowed_values("limit_unit", LIMIT_UNITS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int]
    limit_unit: Mapped[str | None] = mapped_column(String(20))
    limit_max: Mapped[int | None]
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="empty")
    version: Mapped[int] = mapped_column(default=0)
    revision_count: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[date | None]
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SectionRevision(Base):
    """Every save, never overwritten. A rejected (conflicting) save is kept too."""

    __tablename__ = "section_revisions"
    __table_args__ = (
        Index("ix_section_revisions_section_number", "section_id", "number", unique=True),
        allowed_values("kind", RevisionKind),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    number: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    kind: Mapped[str] = mapped_column(String(20), default="save")
    based_on: Mapped[int | None]
    note: Mapped[str] = mapped_column(String(300), default="")


class SectionPresence(Base):
    """Who has a section open in the editor, refreshed while they edit."""

    __tablename__ = "section_presence"
    __table_args__ = (UniqueConstraint("section_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    seen_at: Mapped[datetime]
