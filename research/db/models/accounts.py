"""Users and their login sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at
from research.domain.locale import workspace_locale
from research.domain.roles import Role


class User(Base):
    __tablename__ = "users"
    __table_args__ = (allowed_values("role", Role),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64), default=lambda: workspace_locale().timezone)
    created_at: Mapped[datetime] = created_at()


class LoginSession(Base):
    """A login: only the hash of its token is kept, so a stolen table logs no one in."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = created_at()
    last_seen_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
