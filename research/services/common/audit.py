"""Recording the audit trail inside the caller's transaction, and reading it back by who, what and when.

Reading names people and things by name (not "user 2"), says which page shows each, and keeps
sign-ins apart: they are most of the trail and would bury the changes people look for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Executable, Select, func, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationTemplate,
    AuditEvent,
    Award,
    Cluster,
    ClusterGrant,
    Comment,
    Funder,
    FundingRound,
    Review,
    ReviewRound,
    Section,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.roles import Action, require
from research.services.common.actor import Actor

SIGN_INS = ("signed in", "signed out")
SYSTEM = "system"


def record(
    session: Session, actor_id: int | None, action: str, entity: str, entity_id: int | None, **detail: Any
) -> None:
    session.add(AuditEvent(actor_id=actor_id, action=action, entity=entity, entity_id=entity_id, detail=detail))


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str  # the person's name, or "system"
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]
    actor_id: int | None = None
    target: str = ""  # the thing acted on, by name: "Marsden 2027 (funding round)"


@dataclass(frozen=True)
class AuditQuery:
    """Who (a user id), what (actions; none: all but sign-ins, which are grouped), when (days in `zone`)."""

    who: int | None = None
    what: tuple[str, ...] = ()
    day_from: date | None = None
    day_to: date | None = None
    zone: str = "UTC"
    limit: int = 200


@dataclass(frozen=True)
class SignIns:
    count: int
    people: int
    recent: tuple[AuditRow, ...]


@dataclass(frozen=True)
class AuditTrail:
    events: tuple[AuditRow, ...]
    total: int  # matching events, of which `events` are the newest `limit`
    sign_ins: SignIns
    actions: tuple[str, ...]  # every action recorded, for the filter
    people: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # everyone who acted


def recent_events(uow: UnitOfWork, actor: Actor, limit: int = 200) -> list[AuditRow]:
    """The newest events of every kind, sign-ins included."""
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        return _rows(session, select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))


def audit_trail(uow: UnitOfWork, actor: Actor, query: AuditQuery) -> AuditTrail:
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        base = _filtered(select(AuditEvent), query)
        changes = base.where(AuditEvent.action.not_in(SIGN_INS)) if not query.what else base
        total = session.scalar(select(func.count()).select_from(changes.subquery())) or 0
        events = _rows(session, changes.order_by(AuditEvent.id.desc()).limit(query.limit))
        return AuditTrail(tuple(events), total, _sign_ins(session, query), *_choices(session))


def _filtered(stmt: Select[Any], query: AuditQuery) -> Select[Any]:
    if query.who is not None:
        stmt = stmt.where(AuditEvent.actor_id == query.who)
    if query.what:
        stmt = stmt.where(AuditEvent.action.in_(query.what))
    zone = ZoneInfo(query.zone)
    if query.day_from is not None:
        stmt = stmt.where(AuditEvent.at >= datetime.combine(query.day_from, time(0), zone).astimezone(UTC))
    if query.day_to is not None:
        stmt = stmt.where(
            AuditEvent.at < datetime.combine(query.day_to + timedelta(days=1), time(0), zone).astimezone(UTC)
        )
    return stmt


def _sign_ins(session: Session, query: AuditQuery) -> SignIns:
    if query.what:
        return SignIns(0, 0, ())
    stmt = _filtered(select(AuditEvent), query).where(AuditEvent.action.in_(SIGN_INS))
    sub = stmt.subquery()
    count, people = session.execute(select(func.count(), func.count(func.distinct(sub.c.actor_id)))).one()
    recent = _rows(session, stmt.order_by(AuditEvent.id.desc()).limit(50))
    return SignIns(count or 0, people or 0, tuple(recent))


def _choices(session: Session) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]]:
    actions = tuple(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
    people = tuple(
        (row.id, row.display_name)
        for row in session.execute(
            select(User.id, User.display_name)
            .where(User.id.in_(select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None)).distinct()))
            .order_by(User.display_name)
        )
    )
    return actions, people


def _rows(session: Session, stmt: Select[Any]) -> list[AuditRow]:
    events = list(session.scalars(stmt))
    people = _person(session, {e.actor_id for e in events if e.actor_id is not None})
    targets = _targets(session, events)
    return [
        AuditRow(
            e.at,
            people.get(e.actor_id, f"user {e.actor_id}") if e.actor_id is not None else SYSTEM,
            e.action,
            e.entity,
            e.entity_id,
            e.detail or {},
            e.actor_id,
            targets.get((e.entity, e.entity_id), _fallback(e.entity, e.entity_id)),
        )
        for e in events
    ]


def _fallback(entity: str, entity_id: int | None) -> str:
    kind = entity.replace("_", " ")
    return kind if entity_id is None else f"{kind} {entity_id} (no longer there)"


Namer = Callable[[Session, set[int]], dict[int, str]]


def _labels(session: Session, stmt: Executable, label: Callable[..., str]) -> dict[int, str]:
    """{id: label(the other columns)} for the rows of `stmt`, whose first column is the id."""
    return {row[0]: label(*row[1:]) for row in session.execute(stmt)}


def _quote(name: object) -> str:
    return f"“{name}”"


def _named(name: Any, key: Any, label: Callable[..., str] = str) -> Namer:
    return lambda session, ids: _labels(session, select(key, name).where(key.in_(ids)), label)


def _of_application(link: Any, key: Any, *through: tuple[Any, Any]) -> Namer:
    """Names of things that belong to an application: 'round 2 of “Tides”' (`through`: joins on the way)."""

    def namer(session: Session, ids: set[int]) -> dict[int, str]:
        stmt = select(key, Application.title)
        for table, on in through:
            stmt = stmt.join(table, on)
        return _labels(session, stmt.join(Application, Application.id == link).where(key.in_(ids)), _quote)

    return namer


def _grants(session: Session, ids: set[int]) -> dict[int, str]:
    stmt = (
        select(ClusterGrant.id, Cluster.name, ClusterGrant.granted_on)
        .join(Cluster, Cluster.id == ClusterGrant.cluster_id)
        .where(ClusterGrant.id.in_(ids))
    )
    return _labels(session, stmt, lambda cluster, on: f"{cluster} ({on:%d %b %Y})")


def _sections(session: Session, ids: set[int]) -> dict[int, str]:
    stmt = (
        select(Section.id, Section.title, Application.title)
        .join(Application, Application.id == Section.application_id)
        .where(Section.id.in_(ids))
    )
    return _labels(session, stmt, lambda section, application: f"“{section}” of “{application}”")


_person = _named(User.display_name, User.id)

NAMERS: dict[str, tuple[str, Namer]] = {
    "user": ("", _person),
    "application": ("", _named(Application.title, Application.id, _quote)),
    "funding_round": ("funding round", _named(FundingRound.name, FundingRound.id)),
    "funder": ("funder", _named(Funder.name, Funder.id)),
    "cluster": ("cluster", _named(Cluster.name, Cluster.id)),
    "award": ("award", _named(Award.title, Award.id)),
    "template": ("template", _named(ApplicationTemplate.key, ApplicationTemplate.id)),
    "cluster_grant": ("grant to", _grants),
    "review_round": ("review round of", _of_application(ReviewRound.application_id, ReviewRound.id)),
    "review": (
        "review of",
        _of_application(ReviewRound.application_id, Review.id, (ReviewRound, ReviewRound.id == Review.review_round_id)),
    ),
    "comment": ("comment on", _of_application(Comment.application_id, Comment.id)),
    "section": ("section", _sections),
}


def _targets(session: Session, events: list[AuditEvent]) -> dict[tuple[str, int | None], str]:
    wanted: dict[str, set[int]] = {}
    for e in events:
        if e.entity_id is not None and e.entity in NAMERS:
            wanted.setdefault(e.entity, set()).add(e.entity_id)
    found: dict[tuple[str, int | None], str] = {}
    for entity, ids in wanted.items():
        prefix, namer = NAMERS[entity]
        for entity_id, name in namer(session, ids).items():
            found[(entity, entity_id)] = f"{prefix} {name}".strip()
    return found
