"""Reading funding rounds: the filtered list, one round in full, its calendar and home panels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from research.adapters.public_holidays import NZ_HOLIDAYS
from research.db.models import (
    Application,
    ApplicationMember,
    AuditEvent,
    Cluster,
    Funder,
    FundingRound,
    RoundMilestone,
    User,
    round_clusters,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import IN_FLIGHT
from research.domain.clock import as_utc, utcnow
from research.domain.errors import NotFound, PermissionDenied
from research.domain.roles import Action, can, require
from research.domain.round_rules import (
    MILESTONE_KINDS,
    Milestone,
    RoundStatus,
    default_name,
    derive_status,
    effective_offsets,
    milestones,
)
from research.domain.working_days import calendar_days_covering
from research.services.common.actor import Actor
from research.services.rounds.queries import RoundFilter, cluster_names, filtered, stored_offsets

TABLE_COLUMNS = (
    "id",
    "funder",
    "scheme",
    "round",
    "status",
    "opens_at",
    "closes_at",
    "timezone",
    "decision_expected",
    "currency",
    "pool",
    "min_award",
    "max_award",
    "expected_awards",
    "success_rate",
    "eligibility",
    "url",
    "template_key",
    "clusters",
    "limited_submission",
    "submission_quota",
    "notes",
    "archived",
    *(f"{k.kind}_days" for k in MILESTONE_KINDS),
)


@dataclass(frozen=True)
class RoundApplication:
    id: int
    title: str
    status: str
    lead: str | None
    requested: Decimal | None
    currency: str
    mine: bool


@dataclass(frozen=True)
class RoundDetail:
    id: int
    funder_id: int
    funder: str
    funder_website: str
    scheme: str
    name: str
    status: RoundStatus
    is_forecast: bool
    opens_at: datetime | None
    closes_at: datetime
    timezone: str
    decision_expected: date | None
    currency: str
    pool: Decimal | None
    min_award: Decimal | None
    max_award: Decimal | None
    expected_awards: int | None
    success_rate: Decimal | None
    eligibility: str
    url: str
    template_key: str | None
    cluster_ids: tuple[int, ...]
    clusters: tuple[str, ...]
    limited_submission: bool
    submission_quota: int | None
    notes: str
    archived: bool
    offsets: dict[str, int]
    milestones: tuple[Milestone, ...]
    applications: tuple[RoundApplication, ...]


@dataclass(frozen=True)
class RoundDates:
    """What a calendar or timeline needs of one round."""

    id: int
    funder: str
    scheme: str
    name: str
    status: RoundStatus
    opens_at: datetime | None
    closes_at: datetime
    timezone: str
    url: str
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True)
class DueItem:
    """A deadline on the home page: a close or a milestone, still ahead."""

    round_id: int
    round: str
    funder: str
    what: str
    due_at: datetime
    status: RoundStatus
    yours: bool


@dataclass(frozen=True)
class FilterOptions:
    funders: dict[int, str]
    schemes: tuple[str, ...]
    clusters: dict[int, str]


def _check_archived_access(actor: Actor, include_archived: bool) -> None:
    require(actor.role, Action.READ_ROUNDS)
    if include_archived and not can(actor.role, Action.MANAGE_ROUNDS):
        raise PermissionDenied("Only managers and admins see archived rounds.")


def list_rounds(
    uow: UnitOfWork, actor: Actor, f: RoundFilter | None = None, now: datetime | None = None
) -> pd.DataFrame:
    """The rounds the filter selects, one row each, in its order. Moments are UTC."""
    f, now = f or RoundFilter(), now or utcnow()
    _check_archived_access(actor, f.include_archived)
    r = FundingRound
    columns = [
        r.id,
        Funder.name,
        r.scheme,
        r.name,
        r.is_forecast,
        r.opens_at,
        r.closes_at,
        r.timezone,
        r.decision_expected,
        r.currency,
        r.pool,
        r.min_award,
        r.max_award,
        r.expected_awards,
        r.success_rate,
        r.eligibility,
        r.url,
        r.template_key,
        r.limited_submission,
        r.submission_quota,
        r.notes,
        r.archived_at,
    ]
    with uow as session:
        # Core rows, column by column: the list can be tens of thousands of rounds long.
        rows = session.connection().execute(filtered(columns, f, now)).all()
        ids = filtered([r.id], f, now).order_by(None)
        offsets = stored_offsets(session, ids) if rows else {}
        names = cluster_names(session, ids) if rows else {}
    return _frame(rows, offsets, names, now)


FRAME_COLUMNS = (
    "id",
    "funder",
    "scheme",
    "round",
    "is_forecast",
    "opens_at",
    "closes_at",
    "timezone",
    "decision_expected",
    "currency",
    "pool",
    "min_award",
    "max_award",
    "expected_awards",
    "success_rate",
    "eligibility",
    "url",
    "template_key",
    "limited_submission",
    "submission_quota",
    "notes",
    "archived_at",
)


def _statuses(frame: pd.DataFrame, now: datetime) -> pd.Series:
    """derive_status() for a whole column at once; later rules win, as they come first there."""
    moment = pd.Timestamp(now)
    status = pd.Series(RoundStatus.OPEN.value, index=frame.index, dtype=object)
    status[frame["opens_at"].notna() & (frame["opens_at"] > moment)] = RoundStatus.UPCOMING.value
    status[frame["closes_at"] <= moment] = RoundStatus.CLOSED.value
    status[frame["is_forecast"].astype(bool)] = RoundStatus.FORECAST.value
    return status


def _frame(
    rows: Sequence[Row[Any]], offsets: dict[int, dict[str, int]], names: dict[int, list[str]], now: datetime
) -> pd.DataFrame:
    values = list(zip(*rows, strict=True)) if rows else [()] * len(FRAME_COLUMNS)
    frame = pd.DataFrame(
        {name: pd.Series(column, dtype=object) for name, column in zip(FRAME_COLUMNS, values, strict=True)}
    )
    for column in ("opens_at", "closes_at", "archived_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["status"] = _statuses(frame, now)
    frame["archived"] = frame["archived_at"].notna()
    frame["clusters"] = [names.get(i, []) for i in frame["id"]]
    for kind in MILESTONE_KINDS:
        frame[f"{kind.kind}_days"] = [offsets.get(i, {}).get(kind.kind, kind.default_days) for i in frame["id"]]
    frame["expected_awards"] = frame["expected_awards"].astype("Int64")
    frame["submission_quota"] = frame["submission_quota"].astype("Int64")
    return frame[list(TABLE_COLUMNS)]


def data_version(uow: UnitOfWork) -> int:
    """Changes whenever anything is written (each write records an audit event): a cheap cache key."""
    with uow as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0


def filter_options(uow: UnitOfWork, actor: Actor) -> FilterOptions:
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        funders = dict(session.execute(select(Funder.id, Funder.name).order_by(Funder.name)).all())
        schemes = tuple(session.scalars(select(FundingRound.scheme).distinct().order_by(FundingRound.scheme)))
        clusters = dict(session.execute(select(Cluster.id, Cluster.name).order_by(Cluster.name)).all())
    return FilterOptions(funders, schemes, clusters)


# -- one round --------------------------------------------------------------------------


def _load(session: Session, round_id: int, actor: Actor) -> FundingRound:
    found = session.get(FundingRound, round_id)
    if found is None or (found.archived_at is not None and not can(actor.role, Action.MANAGE_ROUNDS)):
        raise NotFound(f"There is no funding round with id {round_id}.")
    return found


def get_round(uow: UnitOfWork, actor: Actor, round_id: int, now: datetime | None = None) -> RoundDetail:
    require(actor.role, Action.READ_ROUNDS)
    now = now or utcnow()
    with uow as session:
        found = _load(session, round_id, actor)
        funder = session.get_one(Funder, found.funder_id)
        offsets = stored_offsets(session, [round_id]).get(round_id, {})
        clusters = _clusters_of(session, round_id)
        applications = _applications(session, actor, round_id)
    closes = as_utc(found.closes_at)
    opens = as_utc(found.opens_at) if found.opens_at else None
    return RoundDetail(
        id=found.id,
        funder_id=funder.id,
        funder=funder.name,
        funder_website=funder.website,
        scheme=found.scheme,
        name=found.name or default_name(found.scheme, found.closes_on),
        status=derive_status(found.is_forecast, opens, closes, now),
        is_forecast=found.is_forecast,
        opens_at=opens,
        closes_at=closes,
        timezone=found.timezone,
        decision_expected=found.decision_expected,
        currency=found.currency,
        pool=found.pool,
        min_award=found.min_award,
        max_award=found.max_award,
        expected_awards=found.expected_awards,
        success_rate=found.success_rate,
        eligibility=found.eligibility,
        url=found.url,
        template_key=found.template_key,
        cluster_ids=tuple(c[0] for c in clusters),
        clusters=tuple(c[1] for c in clusters),
        limited_submission=found.limited_submission,
        submission_quota=found.submission_quota,
        notes=found.notes,
        archived=found.archived_at is not None,
        offsets=effective_offsets(offsets),
        milestones=tuple(milestones(closes, found.timezone, offsets, NZ_HOLIDAYS)),
        applications=applications,
    )


def _clusters_of(session: Session, round_id: int) -> list[tuple[int, str]]:
    return [
        (row[0], row[1])
        for row in session.execute(
            select(Cluster.id, Cluster.name)
            .join(round_clusters, round_clusters.c.cluster_id == Cluster.id)
            .where(round_clusters.c.round_id == round_id)
            .order_by(Cluster.name)
        )
    ]


def _applications(session: Session, actor: Actor, round_id: int) -> tuple[RoundApplication, ...]:
    """Titles and statuses for everyone; lead and amount only for the team and overseers."""
    rows = session.execute(
        select(Application, User.display_name)
        .join(User, User.id == Application.lead_id)
        .where(Application.round_id == round_id)
        .order_by(Application.title)
    ).all()
    mine = set(
        session.scalars(
            select(ApplicationMember.application_id).where(
                ApplicationMember.user_id == actor.id, ApplicationMember.application_id.in_([a.id for a, _ in rows])
            )
        )
    )
    oversee = can(actor.role, Action.OVERSEE_APPLICATIONS)
    out = []
    for application, lead in rows:
        visible = oversee or application.id in mine or application.lead_id == actor.id
        out.append(
            RoundApplication(
                application.id,
                application.title,
                application.status,
                lead if visible else None,
                application.requested_amount if visible else None,
                application.currency,
                application.id in mine or application.lead_id == actor.id,
            )
        )
    return tuple(out)


# -- calendars and deadlines ------------------------------------------------------------


def round_calendar(
    uow: UnitOfWork,
    actor: Actor,
    f: RoundFilter | None = None,
    round_ids: tuple[int, ...] = (),
    now: datetime | None = None,
    limit: int | None = None,
) -> list[RoundDates]:
    """The close and milestones of the rounds the filter selects (or of the given rounds)."""
    f, now = f or RoundFilter(), now or utcnow()
    _check_archived_access(actor, f.include_archived)
    r = FundingRound
    columns = [
        r.id,
        Funder.name.label("funder"),
        r.scheme,
        r.name.label("round"),
        r.is_forecast,
        r.opens_at,
        r.closes_at,
        r.timezone,
        r.url,
        r.closes_on,
    ]
    with uow as session:
        query = filtered(columns, f, now)
        if round_ids:
            query = query.where(r.id.in_(round_ids))
        rows = session.execute(query.limit(limit)).all()
        offsets = stored_offsets(session, [row.id for row in rows])
    return [_dates(row, offsets.get(row.id), now) for row in rows]


def _dates(row: Row[Any], offsets: dict[str, int] | None, now: datetime) -> RoundDates:
    closes = as_utc(row.closes_at)
    opens = as_utc(row.opens_at) if row.opens_at else None
    return RoundDates(
        row.id,
        row.funder,
        row.scheme,
        row.round or default_name(row.scheme, row.closes_on),
        derive_status(row.is_forecast, opens, closes, now),
        opens,
        closes,
        row.timezone,
        row.url,
        tuple(milestones(closes, row.timezone, offsets, NZ_HOLIDAYS)),
    )


def closing_soon(
    uow: UnitOfWork, actor: Actor, days: int = 21, now: datetime | None = None, limit: int = 8
) -> tuple[list[DueItem], int]:
    """Rounds that close within `days`, soonest first, and how many there are in all."""
    now = now or utcnow()
    f = RoundFilter(closing_within_days=days)
    items = [
        DueItem(d.id, d.name, d.funder, "Closes", d.closes_at, d.status, False)
        for d in round_calendar(uow, actor, f, now=now)
    ]
    return _mark_yours(uow, actor, items)[:limit], len(items)


def milestones_due(
    uow: UnitOfWork, actor: Actor, days: int = 14, now: datetime | None = None, limit: int = 8
) -> tuple[list[DueItem], int]:
    """Internal milestones due within `days` and not yet passed, soonest first."""
    now = now or utcnow()
    with uow as session:
        longest = max(
            [k.default_days for k in MILESTONE_KINDS]
            + [session.scalar(select(func.max(RoundMilestone.working_days_before))) or 0]
        )
    horizon = days + calendar_days_covering(longest)
    items = [
        DueItem(d.id, d.name, d.funder, m.label, m.due_at, d.status, False)
        for d in round_calendar(uow, actor, RoundFilter(closing_within_days=horizon), now=now)
        for m in d.milestones
        if now < m.due_at <= now + timedelta(days=days)
    ]
    items.sort(key=lambda i: (i.due_at, i.round))
    return _mark_yours(uow, actor, items)[:limit], len(items)


def _mark_yours(uow: UnitOfWork, actor: Actor, items: list[DueItem]) -> list[DueItem]:
    if not items:
        return items
    with uow as session:
        yours = set(
            session.scalars(
                select(Application.round_id)
                .join(ApplicationMember, ApplicationMember.application_id == Application.id)
                .where(
                    ApplicationMember.user_id == actor.id,
                    Application.round_id.in_({i.round_id for i in items}),
                    Application.status.in_([s.value for s in IN_FLIGHT]),
                )
            )
        )
    return [DueItem(i.round_id, i.round, i.funder, i.what, i.due_at, i.status, i.round_id in yours) for i in items]
