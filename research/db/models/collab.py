"""Live co-writing: the append-only log of a section's CRDT updates, and who each CRDT client was."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.models.base import Base, created_at


class SectionUpdate(Base):
    """One Yjs update as a client sent it, written before anyone else sees it.

    `kind` is "update", or "checkpoint" for the merged state that replaces the rows before it;
    a checkpoint's `authors` keeps who wrote each character of its text and how the text grew
    (services/drafting/authorship.py), which the merged state alone no longer tells.
    """

    __tablename__ = "section_updates"
    __table_args__ = (UniqueConstraint("section_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(12), default="update")
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    authors: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SectionWriter(Base):
    """Which user a CRDT client id belonged to in a section: the key to authorship."""

    __tablename__ = "section_writers"
    __table_args__ = (UniqueConstraint("section_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class SectionLive(Base):
    """Where the live text and the saved text last agreed.

    `synced_version` is the section's version when they did, and `base` the whole shared document
    at that moment. A save from the plain editor moves the version on; the room then replays that
    save as an edit made on `base`, so it merges with any typing done since instead of replacing it.
    """

    __tablename__ = "section_live"

    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), primary_key=True)
    synced_version: Mapped[int]
    # The last log row already in that text: the people who wrote after it are the next revision's authors.
    synced_seq: Mapped[int] = mapped_column(default=0)
    base: Mapped[bytes] = mapped_column(LargeBinary)
