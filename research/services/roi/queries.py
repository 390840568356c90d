"""The dashboard's aggregates as SQL GROUP BY queries, one per figure, on SQLite and PostgreSQL.

Money is summed as whole cents times whole basis points of a cluster share, so the sums are
exact integers on both databases (SQLite would otherwise add floats).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, Select, Subquery, and_, case, cast, extract, func, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    Award,
    AwardAttribution,
    AwardShare,
    ClusterGrant,
    Funder,
    FundingRound,
    ReviewRound,
)
from research.domain.application_status import DECIDED, IN_FLIGHT, ApplicationStatus
from research.domain.attribution import Counted
from research.domain.locale import workspace_locale
from research.domain.money import to_cents
from research.domain.roi import RoiFilter, YearBasis

WHOLE_SHARE = 10_000  # basis points in 100%
CENT_POINTS = Decimal(100 * WHOLE_SHARE)
NO_ROUND = "No funding round recorded"
ZERO_AWARD = "awarded_zero"  # an application marked awarded whose award is zero

Query = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Scope:
    """A RoiFilter with the cluster resolved to its id (None: every cluster)."""

    filter: RoiFilter
    cluster_id: int | None


def cents(column: Any) -> ColumnElement[int]:
    return cast(func.round(column * 100), BigInteger)


def credited_points() -> ColumnElement[int]:
    """An award's cents (reporting currency) times the basis points credited to its cluster (all if none)."""
    return cents(Award.amount_nzd) * func.coalesce(cast(func.round(AwardShare.percent * 100), BigInteger), WHOLE_SHARE)


def dollars(points: int | Decimal | None, scale: Decimal = CENT_POINTS) -> Decimal:
    """A summed integer of cents (scale 100) or cent-basis-points, as dollars to the cent."""
    return to_cents(Decimal(int(points or 0)) / scale)


def year_of(column: Any, basis: YearBasis) -> ColumnElement[int]:
    year: ColumnElement[int] = cast(extract("year", column), Integer)
    start = workspace_locale().financial_year_start
    if basis is YearBasis.FINANCIAL and start > 1:
        year = year + case((cast(extract("month", column), Integer) >= start, 1), else_=0)
    return year


def counted_column() -> ColumnElement[str]:
    """How an award enters the return (a Counted value), from its place and its cluster shares.

    Needs the joins of `awards_query`; place is read from the attribution row `attribution.refresh` keeps.
    """
    unattributed = AwardShare.id.is_(None)
    if not workspace_locale().area.is_set:
        return case((unattributed, Counted.UNATTRIBUTED.value), else_=Counted.COUNTED.value)
    return case(
        (AwardAttribution.in_area.is_(None), Counted.NO_LOCATION.value),
        (AwardAttribution.in_area.is_(False), Counted.OUTSIDE.value),
        (unattributed, Counted.UNATTRIBUTED.value),
        else_=Counted.COUNTED.value,
    )


def awards_query(scope: Scope, *columns: Any, counted: Counted | None = Counted.COUNTED, zero: bool = False) -> Query:
    """Awards joined to their cluster shares, restricted by the scope.

    Only awards that count in the return by default (`counted`; None: every award that is not zero).
    An award of zero (declined, withdrawn) is never money won nor a success (`zero`: only those).
    """
    f = scope.filter
    query = (
        select(*columns)
        .select_from(Award)
        .outerjoin(AwardShare, AwardShare.award_id == Award.id)
        .outerjoin(AwardAttribution, AwardAttribution.award_id == Award.id)
        .where(Award.amount_nzd == 0 if zero else Award.amount_nzd != 0)
    )
    if counted is not None:
        query = query.where(counted_column() == counted.value)
    if f.date_from:
        query = query.where(Award.awarded_on >= f.date_from)
    if f.date_to:
        query = query.where(Award.awarded_on <= f.date_to)
    if f.funder:
        query = query.where(Award.funder_name == f.funder)
    if scope.cluster_id is not None:
        query = query.where(AwardShare.cluster_id == scope.cluster_id)
    return query


def grants_query(scope: Scope, *columns: Any) -> Query:
    f = scope.filter
    query = select(*columns).select_from(ClusterGrant)
    if f.date_from:
        query = query.where(ClusterGrant.granted_on >= f.date_from)
    if f.date_to:
        query = query.where(ClusterGrant.granted_on <= f.date_to)
    if scope.cluster_id is not None:
        query = query.where(ClusterGrant.cluster_id == scope.cluster_id)
    return query


def application_date() -> ColumnElement[datetime]:
    """An application is dated by its decision, else its submission, else its start."""
    return func.coalesce(Application.decided_at, Application.submitted_at, Application.created_at)


def _unit_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), workspace_locale().zone).astimezone(UTC)


def applications_query(scope: Scope, *columns: Any) -> Query:
    """Applications with their round and funder (if any), restricted by the scope."""
    f = scope.filter
    query = (
        select(*columns)
        .select_from(Application)
        .outerjoin(FundingRound, FundingRound.id == Application.round_id)
        .outerjoin(Funder, Funder.id == FundingRound.funder_id)
    )
    if f.date_from:
        query = query.where(application_date() >= _unit_midnight(f.date_from))
    if f.date_to:
        query = query.where(application_date() < _unit_midnight(f.date_to + timedelta(days=1)))
    if f.funder:
        query = query.where(Funder.name == f.funder)
    if scope.cluster_id is not None:
        query = query.where(Application.cluster_id == scope.cluster_id)
    return query


def in_reporting_currency() -> ColumnElement[bool]:
    """An application whose requested amount is in the reporting currency (others have no exchange rate)."""
    return and_(Application.currency == workspace_locale().currency, Application.requested_amount.is_not(None))


def reporting_only(expression: Any) -> ColumnElement[int]:
    """Sum only amounts in the reporting currency: an application's requested amount has no exchange rate."""
    return func.sum(case((in_reporting_currency(), expression)))


def decided_query(scope: Scope, *group_columns: Any) -> Query:
    """Decided applications grouped by the given columns and status: count, requested and won (NZD)."""
    awarded = Award.__table__.alias("app_award")
    won = case((Application.status == "awarded", cents(awarded.c.amount_nzd)))
    # An application awarded nothing (the award declined or withdrawn) is decided, but not a success.
    status = case(
        (and_(Application.status == ApplicationStatus.AWARDED.value, awarded.c.amount_nzd == 0), ZERO_AWARD),
        else_=Application.status,
    ).label("status")
    query = applications_query(
        scope,
        *group_columns,
        status,
        func.count(Application.id),
        reporting_only(cents(Application.requested_amount)),
        reporting_only(won),
        func.sum(case((in_reporting_currency(), 0), else_=1)),
    ).outerjoin(awarded, awarded.c.application_id == Application.id)
    query = query.where(Application.status.in_([s.value for s in DECIDED]))
    return query.group_by(*group_columns, status)


def reviewed_flag() -> tuple[Subquery, ColumnElement[int]]:
    reviewed = select(ReviewRound.application_id).distinct().subquery("reviewed")
    return reviewed, case((reviewed.c.application_id.is_not(None), 1), else_=0).label("reviewed")


def pipeline_query(scope: Scope) -> Query:
    return (
        applications_query(
            scope,
            Application.status,
            Application.round_id,
            func.count(Application.id),
            reporting_only(cents(Application.requested_amount)),
        )
        .where(Application.status.in_([s.value for s in IN_FLIGHT]))
        .group_by(Application.status, Application.round_id)
    )


def round_facts(session: Session, round_ids: set[int]) -> dict[int, tuple[Any, ...]]:
    """Each round's name, success rate, expected awards and number of applications (not withdrawn)."""
    if not round_ids:
        return {}
    counts = (
        select(Application.round_id, func.count(Application.id).label("n"))
        .where(Application.round_id.in_(round_ids), Application.status != "withdrawn")
        .group_by(Application.round_id)
        .subquery()
    )
    rows = session.execute(
        select(
            FundingRound.id,
            Funder.name,
            FundingRound.name,
            FundingRound.success_rate,
            FundingRound.expected_awards,
            func.coalesce(counts.c.n, 0),
        )
        .join(Funder, Funder.id == FundingRound.funder_id)
        .outerjoin(counts, counts.c.round_id == FundingRound.id)
        .where(FundingRound.id.in_(round_ids))
    ).all()
    return {r[0]: r[1:] for r in rows}
