"""SQL for funding rounds that several services share: filters, status, offsets, clusters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from research.db.models import Cluster, Funder, FundingRound, RoundMilestone, round_clusters
from research.domain.round_rules import RoundStatus
from research.services.common.listing import contains_text

SORTS = {
    "closes": (FundingRound.closes_at,),
    "opens": (FundingRound.opens_at, FundingRound.closes_at),
    "funder": (Funder.name, FundingRound.scheme, FundingRound.closes_at),
    "pool": (FundingRound.pool, FundingRound.closes_at),
    "name": (FundingRound.name, FundingRound.closes_at),
}

Query = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class RoundFilter:
    """Which rounds to show. Empty tuples mean 'any'."""

    funder_ids: tuple[int, ...] = ()
    schemes: tuple[str, ...] = ()
    statuses: tuple[RoundStatus, ...] = ()
    cluster_ids: tuple[int, ...] = ()
    text: str = ""
    closing_within_days: int | None = None
    include_archived: bool = False
    sort: str = "closes"
    descending: bool = False


def status_condition(status: RoundStatus, now: datetime) -> ColumnElement[bool]:
    r = FundingRound
    if status is RoundStatus.FORECAST:
        return r.is_forecast.is_(true())
    dated = r.is_forecast.is_(false())
    if status is RoundStatus.CLOSED:
        return and_(dated, r.closes_at <= now)
    if status is RoundStatus.UPCOMING:
        return and_(dated, r.closes_at > now, r.opens_at > now)
    return and_(dated, r.closes_at > now, or_(r.opens_at.is_(None), r.opens_at <= now))


def conditions(f: RoundFilter, now: datetime) -> list[ColumnElement[bool]]:
    r = FundingRound
    where: list[ColumnElement[bool]] = []
    if not f.include_archived:
        where.append(r.archived_at.is_(None))
    if f.funder_ids:
        where.append(r.funder_id.in_(f.funder_ids))
    if f.schemes:
        where.append(r.scheme.in_(f.schemes))
    if f.statuses:
        where.append(or_(*(status_condition(s, now) for s in f.statuses)))
    if f.cluster_ids:
        where.append(r.id.in_(select(round_clusters.c.round_id).where(round_clusters.c.cluster_id.in_(f.cluster_ids))))
    if f.closing_within_days is not None:
        where.append(and_(r.closes_at > now, r.closes_at <= now + timedelta(days=f.closing_within_days)))
    # The one search helper: wildcards match themselves, and text LIKE cannot take (a NUL, a pattern
    # too long for SQLite) is refused with a message naming the search box.
    matches = contains_text([r.name, r.scheme, Funder.name, r.eligibility, r.notes], " ".join(f.text.split()))
    if matches is not None:
        where.append(matches)
    return where


def filtered(columns: list[Any], f: RoundFilter, now: datetime) -> Query:
    """SELECT columns FROM rounds JOIN funders WHERE the filter, in the filter's order."""
    order = [(c.desc() if f.descending else c.asc()).nulls_last() for c in SORTS.get(f.sort, SORTS["closes"])]
    return (
        select(*columns)
        .join(Funder, Funder.id == FundingRound.funder_id)
        .where(*conditions(f, now))
        .order_by(*order, FundingRound.id)
    )


CHUNK = 5000


def _in_chunks(round_ids: Query | list[int]) -> Iterator[Query | list[int]]:
    """IN-lists short enough for every database; a subquery is passed through whole."""
    if isinstance(round_ids, Select):
        yield round_ids
        return
    for start in range(0, len(round_ids), CHUNK):
        yield round_ids[start : start + CHUNK]


def stored_offsets(session: Session, round_ids: Query | list[int]) -> dict[int, dict[str, int]]:
    """Offsets managers set, by round; rounds missing here use the defaults."""
    offsets: dict[int, dict[str, int]] = defaultdict(dict)
    for ids in _in_chunks(round_ids):
        rows = session.execute(
            select(RoundMilestone.round_id, RoundMilestone.kind, RoundMilestone.working_days_before).where(
                RoundMilestone.round_id.in_(ids)
            )
        )
        for round_id, kind, days in rows:
            offsets[round_id][kind] = days
    return dict(offsets)


def cluster_names(session: Session, round_ids: Query | list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for ids in _in_chunks(round_ids):
        rows = session.execute(
            select(round_clusters.c.round_id, Cluster.name)
            .join(Cluster, Cluster.id == round_clusters.c.cluster_id)
            .where(round_clusters.c.round_id.in_(ids))
            .order_by(Cluster.name)
        )
        for round_id, name in rows:
            names[round_id].append(name)
    return dict(names)
