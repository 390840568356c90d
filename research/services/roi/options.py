"""What the return dashboard can be filtered to, and a cheap key that changes with its data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from research.db.models import (
    Application,
    AuditEvent,
    Award,
    Cluster,
    ClusterGrant,
    Funder,
    FundingRound,
    ReviewRound,
)
from research.db.uow import UnitOfWork
from research.domain.locale import workspace_locale
from research.domain.roles import Action, require
from research.services.common.actor import Actor


@dataclass(frozen=True)
class FilterOptions:
    clusters: tuple[str, ...]
    funders: tuple[str, ...]
    first_day: date | None
    last_day: date | None


def filter_options(uow: UnitOfWork, actor: Actor) -> FilterOptions:
    """The clusters, funders and span of dates the dashboard can be filtered to."""
    require(actor.role, Action.VIEW_ROI_SUMMARY)
    with uow as session:
        funders = set(session.scalars(select(Funder.name))) | set(session.scalars(select(Award.funder_name).distinct()))
        award_span = session.execute(select(func.min(Award.awarded_on), func.max(Award.awarded_on))).one()
        grant_span = session.execute(select(func.min(ClusterGrant.granted_on), func.max(ClusterGrant.granted_on))).one()
        days = [d for d in (*award_span, *grant_span) if d is not None]
        return FilterOptions(
            tuple(session.scalars(select(Cluster.name).order_by(Cluster.name))),
            tuple(sorted(funders)),
            min(days) if days else None,
            max(days) if days else None,
        )


def data_version(uow: UnitOfWork) -> tuple[object, ...]:
    """Changes whenever anything the dashboard shows may have changed: a cheap key for caches.

    Each part is read from an index (a count would scan a table of 200,000 awards on every page):
    new rows raise a highest id, changed awards their latest update, and every other change to
    these tables (a status, a removed grant) records an audit event. The area in force is part of it:
    a new area moves awards in and out of the return."""
    with uow as session:
        return (workspace_locale().area.text,) + tuple(
            session.execute(
                select(
                    select(func.max(AuditEvent.id)).scalar_subquery(),
                    select(func.max(Award.id)).scalar_subquery(),
                    select(func.max(Award.updated_at)).scalar_subquery(),
                    select(func.max(ClusterGrant.id)).scalar_subquery(),
                    select(func.max(Application.id)).scalar_subquery(),
                    select(func.max(ReviewRound.id)).scalar_subquery(),
                    select(func.max(FundingRound.id)).scalar_subquery(),
                )
            ).one()
        )
