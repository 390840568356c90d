"""Creating, changing and archiving funding rounds, and their milestone offsets (managers, admins)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from research.db.models import (
    ApplicationTemplate,
    Cluster,
    Funder,
    FundingRound,
    RoundMilestone,
    round_clusters,
)
from research.db.uow import UnitOfWork
from research.domain.clock import as_utc, utcnow
from research.domain.errors import Conflict, InvalidInput, NotFound, Problem
from research.domain.roles import Action, require
from research.domain.round_import import FIELDS_BY_KEY, name_key
from research.domain.round_rules import (
    DEFAULT_OFFSETS,
    LABELS,
    RoundInput,
    check_offsets,
    check_round,
    effective_offsets,
    normalise_text,
)
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.rounds.queries import RoundFilter, filtered, stored_offsets

EDITABLE = (
    "funder_id",
    "scheme",
    "name",
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
)
FIELD_LABELS = {
    "offsets": "Milestones",
    "decision": "Decision expected",
    "quota": "Applications allowed",
    "funder_id": "Funder",
    "clusters": "Clusters",
}


def label(key: str) -> str:
    return FIELD_LABELS.get(key) or (FIELDS_BY_KEY[key].header if key in FIELDS_BY_KEY else key)


def column_values(r: RoundInput) -> dict[str, Any]:
    """The columns of funding_rounds that a RoundInput sets."""
    values = {key: getattr(r, key) for key in EDITABLE}
    values["scheme"] = normalise_text(r.scheme)
    values["name"] = normalise_text(r.name) or r.display_name
    values["closes_on"] = r.closes_on
    return values


def _validate(session: Session, r: RoundInput, round_id: int | None) -> None:
    problems = [Problem(label(p.where), p.reason) for p in check_round(r)]
    if session.get(Funder, r.funder_id) is None:
        problems.append(Problem("Funder", "choose a funder from the list"))
    known = set(session.scalars(select(Cluster.id).where(Cluster.id.in_(r.cluster_ids)))) if r.cluster_ids else set()
    if set(r.cluster_ids) - known:
        problems.append(Problem("Clusters", "one of the clusters no longer exists"))
    if problems:
        raise InvalidInput(problems)
    same_day = session.execute(
        select(FundingRound.id, FundingRound.scheme, FundingRound.name).where(
            FundingRound.funder_id == r.funder_id, FundingRound.closes_on == r.closes_on
        )
    ).all()
    for other_id, scheme, name in same_day:
        if other_id != round_id and name_key(scheme) == name_key(r.scheme):
            raise Conflict(
                f"This funder's {scheme} round closing {r.closes_on:%d %b %Y} is already listed "
                f"(“{name or scheme}”). Edit that round instead."
            )


def _write_clusters(session: Session, round_id: int, cluster_ids: tuple[int, ...]) -> None:
    session.execute(delete(round_clusters).where(round_clusters.c.round_id == round_id))
    if cluster_ids:
        session.execute(insert(round_clusters), [{"round_id": round_id, "cluster_id": c} for c in cluster_ids])


def _write_offsets(session: Session, round_id: int, offsets: dict[str, int] | None) -> None:
    if offsets is None:
        return
    session.execute(delete(RoundMilestone).where(RoundMilestone.round_id == round_id))
    full = effective_offsets(offsets)
    if full != DEFAULT_OFFSETS:
        session.add_all(
            RoundMilestone(round_id=round_id, kind=kind, label=LABELS[kind], working_days_before=days)
            for kind, days in full.items()
        )


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(
            "Someone saved the same round (funder, scheme and closing date) just now. "
            "Reload the page and edit that round instead."
        ) from None


def create_round(uow: UnitOfWork, actor: Actor, r: RoundInput) -> int:
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        _validate(session, r, None)
        found = FundingRound(**column_values(r))
        session.add(found)
        _flush(session)
        _write_clusters(session, found.id, r.cluster_ids)
        _write_offsets(session, found.id, dict(r.offsets) if r.offsets else None)
        record(
            session,
            actor.audit_id,
            "created funding round",
            "funding_round",
            found.id,
            name=found.name,
            closes_on=str(found.closes_on),
        )
        return found.id


def _found(session: Session, round_id: int) -> FundingRound:
    found = session.get(FundingRound, round_id)
    if found is None:
        raise NotFound(f"There is no funding round with id {round_id}.")
    return found


def _comparable(value: object) -> object:
    return as_utc(value) if isinstance(value, datetime) else value


def update_round(uow: UnitOfWork, actor: Actor, round_id: int, r: RoundInput) -> None:
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        found = _found(session, round_id)
        _validate(session, r, round_id)
        changed = [
            key for key, value in column_values(r).items() if _comparable(getattr(found, key)) != _comparable(value)
        ]
        for key, value in column_values(r).items():
            setattr(found, key, value)
        found.updated_at = utcnow()
        _flush(session)
        _write_clusters(session, round_id, r.cluster_ids)
        _write_offsets(session, round_id, dict(r.offsets) if r.offsets is not None else None)
        record(session, actor.audit_id, "changed funding round", "funding_round", round_id, fields=changed)


def set_archived(uow: UnitOfWork, actor: Actor, round_id: int, archived: bool) -> None:
    """Archived rounds leave every list but the managers'; nothing is deleted."""
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        found = _found(session, round_id)
        if (found.archived_at is not None) == archived:
            return
        found.archived_at = utcnow() if archived else None
        record(
            session,
            actor.audit_id,
            "archived funding round" if archived else "restored funding round",
            "funding_round",
            round_id,
            name=found.name,
        )


def set_offsets(uow: UnitOfWork, actor: Actor, round_id: int, offsets: dict[str, int]) -> dict[str, int]:
    require(actor.role, Action.MANAGE_ROUNDS)
    problems = check_offsets(offsets)
    if problems:
        raise InvalidInput(problems)
    with uow as session:
        _found(session, round_id)
        _write_offsets(session, round_id, offsets)
        record(
            session, actor.audit_id, "set milestone offsets", "funding_round", round_id, **effective_offsets(offsets)
        )
    return effective_offsets(offsets)


def round_input(uow: UnitOfWork, actor: Actor, round_id: int) -> tuple[RoundInput, bool]:
    """A round as the edit form shows it, and whether it is archived."""
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        found = _found(session, round_id)
        clusters = tuple(
            session.scalars(select(round_clusters.c.cluster_id).where(round_clusters.c.round_id == round_id))
        )
        offsets = effective_offsets(stored_offsets(session, [round_id]).get(round_id))
        values: dict[str, Any] = {key: _comparable(getattr(found, key)) for key in EDITABLE}
        return RoundInput(**values, cluster_ids=clusters, offsets=offsets), found.archived_at is not None


def template_keys(uow: UnitOfWork, templates_dir: Path) -> tuple[str, ...]:
    """Keys of the templates on disk (templates/*.toml) and of those added in the app."""
    on_disk = {p.stem for p in templates_dir.glob("*.toml")} if templates_dir.is_dir() else set()
    with uow as session:
        in_app = set(session.scalars(select(ApplicationTemplate.key)))
    return tuple(sorted(on_disk | in_app))


@dataclass(frozen=True)
class RoundChoice:
    id: int
    label: str


def find_rounds(
    uow: UnitOfWork, actor: Actor, text: str = "", include_id: int | None = None, limit: int = 100
) -> list[RoundChoice]:
    """Rounds to pick for editing, latest closing first, archived ones too."""
    require(actor.role, Action.MANAGE_ROUNDS)
    f = RoundFilter(text=text, include_archived=True, sort="closes", descending=True)
    columns = [
        FundingRound.id,
        FundingRound.name,
        Funder.name.label("funder"),
        FundingRound.closes_on,
        FundingRound.archived_at,
    ]
    with uow as session:
        rows = list(session.execute(filtered(columns, f, utcnow()).limit(limit)).all())
        if include_id is not None and include_id not in {row.id for row in rows}:
            rows += session.execute(
                filtered(columns, RoundFilter(include_archived=True), utcnow()).where(FundingRound.id == include_id)
            ).all()
    return [
        RoundChoice(
            row.id,
            f"{row.name} — {row.funder} (closes {row.closes_on:%d %b %Y})" + (" · archived" if row.archived_at else ""),
        )
        for row in rows
    ]
