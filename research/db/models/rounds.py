"""Clusters, funders, funding rounds and their internal milestones."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from research.db.checks import allowed_values
from research.db.models.base import Base, Rate, created_at, currency
from research.domain.clock import as_utc
from research.domain.locale import workspace_locale
from research.domain.round_rules import MILESTONE_KINDS


class Cluster(Base):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


round_clusters = Table(
    "round_clusters",
    Base.metadata,
    Column("round_id", ForeignKey("funding_rounds.id", ondelete="CASCADE"), primary_key=True),
    # Its own index: the rounds list filters by cluster, and the primary key leads with round_id.
    Column("cluster_id", ForeignKey("clusters.id"), primary_key=True, index=True),
)


class Funder(Base):
    __tablename__ = "funders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(80), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


def _local_close_date(context) -> date:
    """The closing date in the round's own zone, when the writer does not give one."""
    values = context.get_current_parameters()
    zone = ZoneInfo(values.get("timezone") or workspace_locale().timezone)
    return as_utc(values["closes_at"]).astimezone(zone).date()


class FundingRound(Base):
    """A call for applications. Status is derived from the dates unless forecast.

    Moments are stored in UTC; `timezone` is the zone the funder states them in, and
    `closes_on` is the closing date in that zone: one funder, scheme and closing date
    is one round, which is how a re-imported file finds the rounds it updates.
    """

    __tablename__ = "funding_rounds"
    __table_args__ = (UniqueConstraint("funder_id", "scheme", "closes_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    is_forecast: Mapped[bool] = mapped_column(default=False)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime] = mapped_column(index=True)
    closes_on: Mapped[date] = mapped_column(default=_local_close_date)
    timezone: Mapped[str] = mapped_column(String(64), default=lambda: workspace_locale().timezone)
    decision_expected: Mapped[date | None]
    currency: Mapped[str] = currency()
    pool: Mapped[Decimal | None]
    min_award: Mapped[Decimal | None]
    max_award: Mapped[Decimal | None]
    expected_awards: Mapped[int | None]
    success_rate: Mapped[Decimal | None] = mapped_column(Rate)
    eligibility: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    template_key: Mapped[str | None] = mapped_column(String(80))
    limited_submission: Mapped[bool] = mapped_column(default=False)
    submission_quota: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    # The call's own assessment criteria, when they differ from the template's rubric:
    # a list of {key, title, weight, describes, description}.
    assessment_criteria: Mapped[list | None]
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime | None]

    funder: Mapped[Funder] = relationship(lazy="raise")
    clusters: Mapped[list[Cluster]] = relationship(secondary=round_clusters, order_by=Cluster.name, lazy="raise")
    milestones: Mapped[list[RoundMilestone]] = relationship(
        order_by="RoundMilestone.working_days_before.desc()",
        cascade="all, delete-orphan",
        lazy="raise",
    )


class RoundMilestone(Base):
    """An internal deadline a manager set for this round, in working days before it closes.

    Rounds without rows use the default offsets (research.domain.round_rules), so an
    import of thousands of rounds writes no milestone rows it does not need.
    """

    __tablename__ = "round_milestones"
    __table_args__ = (UniqueConstraint("round_id", "kind"), allowed_values("kind", [k.kind for k in MILESTONE_KINDS]))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("funding_rounds.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120))
    working_days_before: Mapped[int]
