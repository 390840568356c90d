"""What lies behind a bar or point of the dashboard: the awards, or the applications, it adds up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.orm import Session

from research.db.models import Application, Award, AwardAttribution, AwardShare, Funder, FundingRound
from research.db.uow import UnitOfWork
from research.domain.application_status import DECIDED, IN_FLIGHT, ApplicationStatus
from research.domain.attribution import Counted, LinkSource
from research.domain.errors import InvalidInput
from research.domain.money import reporting_label, to_cents
from research.domain.roi import RoiFilter, YearBasis
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.roi.dashboard import NOT_CREDITED, resolve
from research.services.roi.frames import object_column
from research.services.roi.queries import (
    NO_ROUND,
    Query,
    Scope,
    applications_query,
    awards_query,
    reviewed_flag,
    year_of,
)

LIMIT = 1000
COUNTED_LIST = "counted"  # the awards of one kind of counting (a Counted value): what the headline rests on
AWARD_CHARTS = ("over_time", "by_cluster", "by_funder", COUNTED_LIST)
APPLICATION_CHARTS = ("success_by_funder", "pipeline", "reviewed")
REVIEWED = "Through cluster review"


@dataclass(frozen=True)
class Drill:
    """A clicked point: which chart, and the label(s) of the bar or point."""

    chart: str
    key: tuple[str, ...]

    def describe(self) -> str:
        if self.chart == COUNTED_LIST and self.key and self.key[0] in {c.value for c in Counted}:
            return Counted(self.key[0]).label.lower()
        return " · ".join(k for k in self.key if k)


@dataclass(frozen=True)
class Details:
    drill: Drill
    rows: pd.DataFrame
    total_rows: int

    @property
    def truncated(self) -> bool:
        return self.total_rows > len(self.rows)


def details(uow: UnitOfWork, actor: Actor, roi_filter: RoiFilter, drill: Drill) -> Details:
    require(actor.role, Action.VIEW_ROI_DASHBOARD)
    if drill.chart in APPLICATION_CHARTS:
        require(actor.role, Action.OVERSEE_APPLICATIONS)
    elif drill.chart not in AWARD_CHARTS:
        raise InvalidInput(f"There is no chart called {drill.chart!r}.")
    with uow as session:
        scope = resolve(session, roi_filter)
        if drill.chart in AWARD_CHARTS:
            return _awards(session, scope, drill)
        return _applications(session, scope, drill)


def _awards(session: Session, scope: Scope, drill: Drill) -> Details:
    cluster_id, no_cluster = scope.cluster_id, False
    query_scope = scope
    if drill.chart == "by_cluster":
        no_cluster = drill.key[0] == NOT_CREDITED
        cluster_id = None if no_cluster else _cluster_id(session, drill.key[0])
        query_scope = Scope(scope.filter, cluster_id)
    joined = cluster_id is not None or no_cluster
    # The "not credited" bar of old links still lists the unattributed awards, now shown apart.
    counted = Counted.UNATTRIBUTED if no_cluster else _counted(drill)
    columns: list[Any] = [
        Award.identifier,
        Award.title,
        Award.funder_name,
        Award.scheme,
        Award.awarded_on,
        Award.amount,
        Award.currency,
        Award.amount_nzd,
    ]
    converted, credited = reporting_label("amount"), reporting_label("credited")
    names = ["identifier", "title", "funder", "scheme", "award date", "amount", "currency", converted]
    if drill.chart == COUNTED_LIST:
        columns += [Award.recipient_org, _where(), AwardAttribution.source]
        names += ["recipient", "where", "linked by"]
    if cluster_id is not None:
        columns.append(AwardShare.percent)
        names.append("share (%)")
    query = _award_rows(query_scope, columns, joined, counted)
    if no_cluster:
        query = query.where(AwardShare.id.is_(None))
    query = _narrow_awards(query, drill, scope.filter.year_basis)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(Award.awarded_on.desc(), Award.amount_nzd.desc()).limit(LIMIT)).all()
    frame = pd.DataFrame([list(r) for r in rows], columns=names)
    if "linked by" in frame:
        frame["linked by"] = [LinkSource(v).label if v else "" for v in frame["linked by"]]
    if cluster_id is None:
        frame[credited] = frame[converted]
    else:
        frame[credited] = object_column(
            frame, [to_cents(a * p / 100) for a, p in zip(frame[converted], frame["share (%)"], strict=True)]
        )
    return Details(drill, frame, int(total or 0))


def _counted(drill: Drill) -> Counted:
    if drill.chart != COUNTED_LIST:
        return Counted.COUNTED
    try:
        return Counted(drill.key[0])
    except ValueError:
        raise InvalidInput(f"{drill.key[0]!r} is not a way awards are counted.") from None


def _where() -> ColumnElement[str]:
    parts = [Award.locality, Award.postcode, Award.region, Award.country]
    return func.trim(parts[0] + " " + parts[1] + " " + parts[2] + " " + parts[3])


def _award_rows(scope: Scope, columns: list[Any], joined: bool, counted: Counted) -> Query:
    if joined:
        return awards_query(scope, *columns, counted=counted)
    query = awards_query(Scope(scope.filter, None), *columns, counted=counted)
    # Without a cluster, list each award once, however many clusters share it.
    return query.where((AwardShare.id.is_(None)) | (AwardShare.id == _first_share()))


def _first_share() -> ScalarSelect[int]:
    return select(func.min(AwardShare.id)).where(AwardShare.award_id == Award.id).correlate(Award).scalar_subquery()


def _narrow_awards(query: Query, drill: Drill, basis: YearBasis) -> Query:
    if drill.chart == "over_time":
        return query.where(year_of(Award.awarded_on, basis) == _year_number(drill.key[0], basis))
    if drill.chart == "by_funder":
        scheme = "" if drill.key[1] == "—" else drill.key[1]
        return query.where(Award.funder_name == drill.key[0], Award.scheme == scheme)
    return query


def _year_number(label: str, basis: YearBasis) -> int:
    try:
        start = int(label[:4])
    except ValueError:
        raise InvalidInput(f"{label!r} is not a year.") from None
    return start + 1 if basis is YearBasis.FINANCIAL else start


def _cluster_id(session: Session, name: str) -> int:
    cluster_id = resolve(session, RoiFilter(cluster=name)).cluster_id
    assert cluster_id is not None  # resolve refuses a name it does not know
    return cluster_id


def _applications(session: Session, scope: Scope, drill: Drill) -> Details:
    reviewed, flag = reviewed_flag()
    awarded = Award.__table__.alias("app_award")
    query = (
        applications_query(
            scope,
            Application.title,
            func.coalesce(Funder.name, NO_ROUND),
            FundingRound.scheme,
            Application.status,
            Application.requested_amount,
            Application.currency,
            awarded.c.amount_nzd,
            flag,
        )
        .outerjoin(awarded, awarded.c.application_id == Application.id)
        .outerjoin(reviewed, reviewed.c.application_id == Application.id)
    )
    query = _narrow_applications(query, drill, flag)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(Application.title).limit(LIMIT)).all()
    frame = pd.DataFrame(
        [list(r) for r in rows],
        columns=[
            "title",
            "funder",
            "scheme",
            "status",
            "requested",
            "currency",
            reporting_label("won"),
            "cluster review",
        ],
    )
    frame["status"] = [ApplicationStatus(s).label for s in frame["status"]]
    frame["cluster review"] = ["yes" if v else "no" for v in frame["cluster review"]]
    return Details(drill, frame, int(total or 0))


def _narrow_applications(query: Query, drill: Drill, flag: ColumnElement[int]) -> Query:
    if drill.chart == "pipeline":
        status = next((s for s in IN_FLIGHT if s.label == drill.key[0]), None)
        if status is None:
            raise InvalidInput(f"{drill.key[0]!r} is not a status of applications in flight.")
        return query.where(Application.status == status.value)
    query = query.where(Application.status.in_([s.value for s in DECIDED]))
    if drill.chart == "reviewed":
        return query.where(flag == (1 if drill.key[0] == REVIEWED else 0))
    funder, scheme = drill.key[0], drill.key[1]
    query = query.where(Funder.name.is_(None) if funder == NO_ROUND else Funder.name == funder)
    return query.where(FundingRound.scheme.is_(None) if scheme == "—" else FundingRound.scheme == scheme)


def drill_keys(chart: str, table: pd.DataFrame) -> list[tuple[str, ...]]:
    """The points of a chart that can be listed, as the keys its figure carries in customdata."""
    if table.empty:
        return []
    if chart in ("by_funder", "success_by_funder"):
        return [(f, s) for f, s in zip(table["funder"], table["scheme"], strict=True)]
    if chart == "pipeline":
        return [(s,) for s, n in zip(table["status"], table["applications"], strict=True) if n]
    column = {"over_time": "year", "by_cluster": "cluster", "reviewed": "group"}[chart]
    return [(v,) for v in table[column]]
