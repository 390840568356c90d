"""What importers remember: named column mappings (profiles) and the other names funders go by."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at
from research.domain.import_kinds import ImportKind


class ImportProfile(Base):
    """A saved mapping of an importer's fields to a file's column titles ('NIH RePORTER')."""

    __tablename__ = "import_profiles"
    __table_args__ = (UniqueConstraint("kind", "name"), allowed_values("kind", ImportKind))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    mapping: Mapped[dict] = mapped_column()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime | None]


class FunderAlias(Base):
    """Another name a funder is written under in files ('MBIE'); `key` is the name folded for matching."""

    __tablename__ = "funder_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
