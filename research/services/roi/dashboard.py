"""The return on the unit's cluster grants: headline figures and each chart's table, for one filter.

The full dashboard is for managers and admins; everyone else gets the summary (headline
and the money over time). `compute_dashboard` is the same work unchecked, for benchmarks and tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    Award,
    AwardShare,
    Cluster,
    ClusterGrant,
    Funder,
    FundingRound,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus
from research.domain.attribution import Counted
from research.domain.errors import InvalidInput, Problem
from research.domain.locale import workspace_locale
from research.domain.roi import (
    MIN_COMPARABLE,
    Ratio,
    RoiFilter,
    compare_rates,
    return_multiple,
    small_groups,
    wilson_interval,
    year_label,
)
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.roi import attribution
from research.services.roi.frames import object_column
from research.services.roi.pipeline import Pipeline, pipeline
from research.services.roi.queries import (
    NO_ROUND,
    Scope,
    awards_query,
    cents,
    counted_column,
    credited_points,
    decided_query,
    dollars,
    grants_query,
    reviewed_flag,
    year_of,
)

NOT_CREDITED = "Not credited to a cluster"
REVIEW_GROUPS = ("Through cluster review", "Without cluster review")
# The dashboard's tables that have a chart, by attribute name.
CHART_TABLES = ("over_time", "by_cluster", "by_funder", "success_by_funder", "pipeline", "reviewed")


@dataclass(frozen=True)
class CountedTotal:
    """The awards of one kind of counting (see Counted) in the selection: how many, and the money."""

    counted: Counted
    awards: int
    amount: Decimal


@dataclass(frozen=True)
class Basis:
    """What the headline rests on: the area, and every award in the selection by how it is counted."""

    area: str  # the area's text; empty when not set
    totals: tuple[CountedTotal, ...]
    zero_awards: int  # awards of zero (declined, withdrawn): never money won nor successes

    @property
    def area_set(self) -> bool:
        return bool(self.area)

    def amount(self, counted: Counted) -> Decimal:
        return next((t.amount for t in self.totals if t.counted is counted), Decimal(0))

    def awards(self, counted: Counted) -> int:
        return next((t.awards for t in self.totals if t.counted is counted), 0)


@dataclass(frozen=True)
class Headline:
    won: Decimal  # won in the area (every award while no area is set), attributed to a cluster, in the period
    granted: Decimal
    multiple: Ratio
    awards: int
    decided: int
    awarded: int
    success_count: Ratio
    requested_decided: Decimal
    won_decided: Decimal
    success_value: Ratio
    value_left_out: int
    pipeline: Pipeline | None  # None in a Summary: the home panel and the read-only page never show it
    basis: Basis | None = None


@dataclass(frozen=True)
class Dashboard:
    filter: RoiFilter
    headline: Headline
    over_time: pd.DataFrame
    by_cluster: pd.DataFrame
    by_funder: pd.DataFrame
    success_by_funder: pd.DataFrame
    pipeline: pd.DataFrame
    reviewed: pd.DataFrame
    reviewed_comparison: str = ""
    funder_comparison: str = ""


@dataclass(frozen=True)
class Summary:
    filter: RoiFilter
    headline: Headline
    over_time: pd.DataFrame


def dashboard(uow: UnitOfWork, actor: Actor, roi_filter: RoiFilter) -> Dashboard:
    require(actor.role, Action.VIEW_ROI_DASHBOARD)
    return compute_dashboard(uow, roi_filter)


def summary(uow: UnitOfWork, actor: Actor, roi_filter: RoiFilter) -> Summary:
    require(actor.role, Action.VIEW_ROI_SUMMARY)
    with uow as session:
        scope = resolve(session, roi_filter)
        over_time, won_points, granted_cents = _over_time(session, scope)
        awards = session.scalar(awards_query(scope, func.count(func.distinct(Award.id))))
        headline = _headline(
            won_points, granted_cents, int(awards or 0), _decided(session, scope), None, _basis(session, scope)
        )
        return Summary(roi_filter, headline, over_time)


def compute_dashboard(uow: UnitOfWork, roi_filter: RoiFilter) -> Dashboard:
    """Every figure and table of the dashboard (no permission check: callers check).

    The headline sums come from the tables' own queries, so each table is read once.
    """
    with uow as session:
        scope = resolve(session, roi_filter)
        decided = _decided(session, scope)
        by_stage = pipeline(session, scope)
        over_time, won_points, granted_cents = _over_time(session, scope)
        by_funder = _by_funder(session, scope)
        # Every award has one funder and scheme, so their award counts add up to the distinct total.
        headline = _headline(
            won_points, granted_cents, int(by_funder["awards"].sum()), decided, by_stage, _basis(session, scope)
        )
        reviewed = _reviewed(session, scope)
        return Dashboard(
            roi_filter,
            headline,
            over_time,
            _by_cluster(session, scope),
            by_funder,
            _success_table(decided, ["funder", "scheme"]),
            by_stage.table,
            reviewed,
            _comparison(reviewed),
            small_groups([int(n) for n in decided["decided"]]) if len(decided) else "",
        )


def resolve(session: Session, roi_filter: RoiFilter) -> Scope:
    """The filter checked, with its cluster's id; every award is attributed and placed first."""
    attribution.refresh(session)
    problems = [Problem("Dates", p) for p in roi_filter.problems()]
    cluster_id = None
    if roi_filter.cluster:
        cluster_id = session.scalar(select(Cluster.id).where(Cluster.name == roi_filter.cluster))
        if cluster_id is None:
            problems.append(Problem("Cluster", f"there is no cluster called {roi_filter.cluster!r}"))
    if problems:
        raise InvalidInput(problems)
    return Scope(roi_filter, cluster_id)


def _basis(session: Session, scope: Scope) -> Basis:
    kind = counted_column().label("counted")
    rows = session.execute(
        awards_query(
            scope, kind, func.count(func.distinct(Award.id)), func.sum(credited_points()), counted=None
        ).group_by(kind)
    ).all()
    found = {Counted(k): (int(n or 0), dollars(p)) for k, n, p in rows}
    zero = session.scalar(awards_query(scope, func.count(func.distinct(Award.id)), counted=None, zero=True))
    return Basis(
        workspace_locale().area.text,
        tuple(CountedTotal(c, *found.get(c, (0, Decimal(0)))) for c in Counted),
        int(zero or 0),
    )


def _headline(
    won_points: int,
    granted_cents: int,
    awards: int,
    decided: pd.DataFrame,
    by_stage: Pipeline | None,
    basis: Basis | None = None,
) -> Headline:
    won, granted = dollars(won_points), dollars(granted_cents, Decimal(100))
    totals = decided[["decided", "awarded", "requested", "won", "left_out"]].sum() if len(decided) else None
    count = int(totals["decided"]) if totals is not None else 0
    awarded = int(totals["awarded"]) if totals is not None else 0
    requested = Decimal(totals["requested"]) if totals is not None else Decimal(0)
    won_decided = Decimal(totals["won"]) if totals is not None else Decimal(0)
    return Headline(
        won,
        granted,
        return_multiple(won, granted),
        awards,
        count,
        awarded,
        _rate(awarded, count, "no applications were decided in this selection"),
        requested,
        won_decided,
        _rate(won_decided, requested, f"no decided applications with an amount in {workspace_locale().currency}"),
        int(totals["left_out"]) if totals is not None else 0,
        by_stage,
        basis,
    )


def _rate(part: int | Decimal, whole: int | Decimal | None, reason: str) -> Ratio:
    return Ratio(Decimal(part) / Decimal(whole)) if whole else Ratio(None, reason)


def _rounded(ratio: Ratio, places: str = "0.0001") -> Decimal | None:
    """Rates in tables: four decimal places is 0.01 of a percentage point."""
    return None if ratio.value is None else ratio.value.quantize(Decimal(places))


def _over_time(session: Session, scope: Scope) -> tuple[pd.DataFrame, int, int]:
    """Won and granted by year, and the exact totals (cent-basis-points won, cents granted)."""
    basis = scope.filter.year_basis
    won_year = year_of(Award.awarded_on, basis).label("year")
    won: dict[int, int | None] = dict(
        session.execute(awards_query(scope, won_year, func.sum(credited_points())).group_by(won_year)).all()
    )
    grant_year = year_of(ClusterGrant.granted_on, basis).label("year")
    granted: dict[int, int | None] = dict(
        session.execute(
            grants_query(scope, grant_year, func.sum(cents(ClusterGrant.amount))).group_by(grant_year)
        ).all()
    )
    years = sorted(set(won) | set(granted))
    frame = pd.DataFrame(
        {
            "year": [year_label(y, basis) for y in years],
            "won": [dollars(won.get(y)) for y in years],
            "granted": [dollars(granted.get(y), Decimal(100)) for y in years],
        }
    )
    frame["cumulative won"] = _cumulative(frame["won"])
    frame["cumulative granted"] = _cumulative(frame["granted"])
    return frame, sum(int(v or 0) for v in won.values()), sum(int(v or 0) for v in granted.values())


def _cumulative(column: pd.Series) -> pd.Series:
    total, out = Decimal(0), []
    for value in column:
        total += value
        out.append(total)
    return pd.Series(out, index=column.index, dtype=object)


def _by_cluster(session: Session, scope: Scope) -> pd.DataFrame:
    won: dict[int | None, int | None] = dict(
        session.execute(
            awards_query(scope, AwardShare.cluster_id, func.sum(credited_points())).group_by(AwardShare.cluster_id)
        ).all()
    )
    granted: dict[int | None, int | None] = dict(
        session.execute(
            grants_query(scope, ClusterGrant.cluster_id, func.sum(cents(ClusterGrant.amount))).group_by(
                ClusterGrant.cluster_id
            )
        ).all()
    )
    names: dict[int | None, str] = dict(session.execute(select(Cluster.id, Cluster.name)).all())
    rows = []
    for cluster_id in sorted(set(won) | set(granted), key=lambda c: (c is None, names.get(c, ""))):
        won_here, granted_here = dollars(won.get(cluster_id)), dollars(granted.get(cluster_id), Decimal(100))
        rows.append(
            {
                "cluster": names.get(cluster_id, NOT_CREDITED),
                "won": won_here,
                "granted": granted_here,
                "multiple": _rounded(return_multiple(won_here, granted_here), "0.1"),
            }
        )
    return pd.DataFrame(rows, columns=["cluster", "won", "granted", "multiple"])


def _by_funder(session: Session, scope: Scope) -> pd.DataFrame:
    query = (
        awards_query(
            scope, Award.funder_name, Award.scheme, func.count(func.distinct(Award.id)), func.sum(credited_points())
        )
        .group_by(Award.funder_name, Award.scheme)
        .order_by(Award.funder_name, Award.scheme)
    )
    rows = [{"funder": f, "scheme": s or "—", "awards": n, "won": dollars(p)} for f, s, n, p in session.execute(query)]
    return pd.DataFrame(rows, columns=["funder", "scheme", "awards", "won"])


def _decided(session: Session, scope: Scope) -> pd.DataFrame:
    """Decided applications by funder and scheme: counts and NZD amounts."""
    funder = func.coalesce(Funder.name, NO_ROUND).label("funder")
    scheme = func.coalesce(FundingRound.scheme, "—").label("scheme")
    return _decided_frame(session.execute(decided_query(scope, funder, scheme)).all(), ["funder", "scheme"])


def _decided_frame(rows: Sequence[Row[Any]], keys: list[str]) -> pd.DataFrame:
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key, (status, count, requested, won, left_out) = tuple(row[: len(keys)]), row[len(keys) :]
        entry = grouped.setdefault(
            key,
            {
                **dict(zip(keys, key, strict=True)),
                "decided": 0,
                "awarded": 0,
                "requested": Decimal(0),
                "won": Decimal(0),
                "left_out": 0,
            },
        )
        entry["decided"] += count
        entry["awarded"] += count if status == ApplicationStatus.AWARDED else 0
        entry["requested"] += dollars(requested, Decimal(100))
        entry["won"] += dollars(won, Decimal(100))
        entry["left_out"] += int(left_out or 0)
    return pd.DataFrame(list(grouped.values()), columns=[*keys, "decided", "awarded", "requested", "won", "left_out"])


def _success_table(decided: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = decided.copy()
    table["declined"] = table["decided"] - table["awarded"]
    table["success rate"] = object_column(
        table, [_rounded(_rate(a, d, "")) for a, d in zip(table["awarded"], table["decided"], strict=True)]
    )
    intervals = [wilson_interval(int(a), int(d)) for a, d in zip(table["awarded"], table["decided"], strict=True)]
    table["rate low (95%)"] = object_column(table, [i.low if i else None for i in intervals])
    table["rate high (95%)"] = object_column(table, [i.high if i else None for i in intervals])
    table["note"] = [
        f"too few to compare (under {MIN_COMPARABLE} decided)" if d < MIN_COMPARABLE else "" for d in table["decided"]
    ]
    table["success rate by value"] = object_column(
        table, [_rounded(_rate(w, r, "")) for w, r in zip(table["won"], table["requested"], strict=True)]
    )
    return (
        table[
            [
                *keys,
                "decided",
                "awarded",
                "declined",
                "success rate",
                "rate low (95%)",
                "rate high (95%)",
                "note",
                "requested",
                "won",
                "success rate by value",
            ]
        ]
        .sort_values(keys)
        .reset_index(drop=True)
    )


def _reviewed(session: Session, scope: Scope) -> pd.DataFrame:
    reviewed, flag = reviewed_flag()
    rows = session.execute(
        decided_query(scope, flag).outerjoin(reviewed, reviewed.c.application_id == Application.id)
    ).all()
    frame = _decided_frame(rows, ["reviewed"])
    labels = {1: REVIEW_GROUPS[0], 0: REVIEW_GROUPS[1]}
    frame["group"] = [labels[int(v)] for v in frame["reviewed"]]
    table = _success_table(frame, ["group"])
    return table.sort_values("group", key=lambda s: s != labels[1]).reset_index(drop=True)


def _comparison(reviewed: pd.DataFrame) -> str:
    """What the with/without cluster review success rates can honestly be said to show."""
    groups = {
        g: (int(a), int(d)) for g, a, d in zip(reviewed["group"], reviewed["awarded"], reviewed["decided"], strict=True)
    }
    first, second = REVIEW_GROUPS
    return compare_rates((first, *groups.get(first, (0, 0))), (second, *groups.get(second, (0, 0))))
