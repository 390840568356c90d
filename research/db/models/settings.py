"""The workspace's settings (one row) and the dated exchange rates to its reporting currency."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at
from research.domain.rates import Quote

SETTINGS_ROW = 1


class WorkspaceSettingsRow(Base):
    """The one row of settings (id 1). A NULL value falls back to the environment, then the default."""

    __tablename__ = "workspace_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str | None] = mapped_column(String(3))
    timezone: Mapped[str | None] = mapped_column(String(64))
    financial_year_start: Mapped[int | None]
    area: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ExchangeRate(Base):
    """A published rate between `currency` and `reporting` on a day, stored as published (see domain/rates.py)."""

    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("reporting", "currency", "on_date"), allowed_values("quote", Quote))

    id: Mapped[int] = mapped_column(primary_key=True)
    reporting: Mapped[str] = mapped_column(String(3))
    currency: Mapped[str] = mapped_column(String(3))
    on_date: Mapped[date]
    rate: Mapped[Decimal] = mapped_column(Numeric(20, 10, asdecimal=True))
    quote: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = created_at()
