"""The unit's grants to clusters and the money won back (awards, shared among clusters)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from research.db.checks import allowed_values
from research.db.models.base import Base, created_at, currency
from research.domain.award_source import AwardSource
from research.domain.date_precision import DatePrecision


class ClusterGrant(Base):
    """The unit's money to a cluster, in the reporting currency.

    `reference` identifies an imported grant, so importing the same file again updates it.
    """

    __tablename__ = "cluster_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(200), unique=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = currency()
    granted_on: Mapped[date] = mapped_column(index=True)
    financial_year: Mapped[str] = mapped_column(String(9))
    purpose: Mapped[str] = mapped_column(Text, default="")
    # Set when a change of reporting currency converted the grant: its amount as first recorded.
    original_amount: Mapped[Decimal | None]
    original_currency: Mapped[str | None] = mapped_column(String(3))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime | None]


class Award(Base):
    """Money won: from an application marked awarded, or from imported history.

    `amount` and `currency` are the award as the funder made it; `amount_nzd` is that amount in the
    workspace's reporting currency (whatever it is: the column keeps its shipped name), fixed when
    recorded at the rate of `awarded_on`, and recomputed only by an explicit change of currency.
    """

    __tablename__ = "awards"
    __table_args__ = (allowed_values("source", AwardSource), allowed_values("awarded_precision", DatePrecision))

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(200), unique=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), unique=True)
    funder_id: Mapped[int | None] = mapped_column(ForeignKey("funders.id"), index=True)
    funder_name: Mapped[str] = mapped_column(String(200), index=True)
    scheme: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    # The recipient organisation and where it is: "won back to the city" counts only awards whose
    # recipient is in the workspace's area (360Giving recipientOrganization / location, NIH org_*).
    recipient_org: Mapped[str] = mapped_column(String(200), default="")
    recipient_id: Mapped[str] = mapped_column(String(200), default="")
    locality: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(40), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    # Who leads the funded work (e.g. NIH principal investigator), matched with an application's lead.
    lead: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal]
    currency: Mapped[str] = currency()
    amount_nzd: Mapped[Decimal]
    amount_applied_for: Mapped[Decimal | None]
    awarded_on: Mapped[date] = mapped_column(index=True)
    # How exactly the file gave the date: 'month' and 'year' dates are stored on their first day.
    awarded_precision: Mapped[str] = mapped_column(String(5), default=DatePrecision.DAY.value)
    source: Mapped[str] = mapped_column(String(20), default=AwardSource.APPLICATION.value)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime | None] = mapped_column(index=True)  # its max is part of the dashboard's data version

    shares: Mapped[list[AwardShare]] = relationship(
        order_by="AwardShare.cluster_id", cascade="all, delete-orphan", lazy="raise"
    )


class AwardShare(Base):
    """The part of an award credited to a cluster; an award's shares add up to 100%."""

    __tablename__ = "award_shares"
    __table_args__ = (UniqueConstraint("award_id", "cluster_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("awards.id", ondelete="CASCADE"))
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
