"""Each person's choice per kind: immediately, daily digest, weekly digest, or off."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import NotifyPreference
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, Problem
from research.domain.notify import DEFAULTS, KIND_KEYS, KINDS, LABELS, Cadence
from research.domain.roles import Role
from research.services.common.actor import Actor, require_account
from research.services.notify.signing import ALL_KINDS, read_token

MANAGER_SUMMARY = "manager_summary"  # only managers are sent it, so only they are asked about it


@dataclass(frozen=True)
class PreferenceRow:
    kind: str
    label: str
    cadence: Cadence
    is_default: bool


def cadences(session: Session, user_ids: Iterable[int], kind: str) -> dict[int, Cadence]:
    """Every given user's cadence for this kind (their choice, or the default)."""
    ids = list(set(user_ids))
    chosen: dict[int, Cadence] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(NotifyPreference.user_id, NotifyPreference.cadence).where(
                NotifyPreference.kind == kind, NotifyPreference.user_id.in_(ids[start : start + 500])
            )
        )
        chosen.update({user_id: Cadence(cadence) for user_id, cadence in rows})
    return {user_id: chosen.get(user_id, DEFAULTS[kind]) for user_id in ids}


def my_preferences(uow: UnitOfWork, actor: Actor) -> list[PreferenceRow]:
    require_account(actor)
    with uow as session:
        stored = dict(
            session.execute(
                select(NotifyPreference.kind, NotifyPreference.cadence).where(NotifyPreference.user_id == actor.id)
            ).all()
        )
    return [
        PreferenceRow(k.key, k.label, Cadence(stored.get(k.key, k.default)), k.key not in stored)
        for k in KINDS
        if k.key != MANAGER_SUMMARY or actor.role == Role.MANAGER
    ]


def set_preference(uow: UnitOfWork, actor: Actor, kind: str, cadence: str) -> None:
    """The actor's own choice; nobody sets another person's."""
    require_account(actor)
    with uow as session:
        store_preference(session, actor.id, kind, cadence)


def set_preferences(uow: UnitOfWork, actor: Actor, choices: dict[str, str | None]) -> int:
    """Several of the actor's choices at once, all or nothing; returns how many changed."""
    require_account(actor)
    with uow as session:
        current = {kind: cadences(session, [actor.id], kind)[actor.id] for kind in choices if kind in KIND_KEYS}
        changed = {kind: cadence for kind, cadence in choices.items() if cadence and cadence != current.get(kind)}
        for kind, cadence in changed.items():
            store_preference(session, actor.id, kind, cadence)
        return len(changed)


def store_preference(session: Session, user_id: int, kind: str, cadence: str) -> None:
    if kind not in KIND_KEYS:
        raise InvalidInput(Problem("kind", f"{kind!r} is not a kind of notice"))
    if cadence not in {c.value for c in Cadence}:
        raise InvalidInput(Problem("cadence", f"{cadence!r} is not one of {', '.join(c.value for c in Cadence)}"))
    row = session.scalar(
        select(NotifyPreference).where(NotifyPreference.user_id == user_id, NotifyPreference.kind == kind)
    )
    if row is None:
        session.add(NotifyPreference(user_id=user_id, kind=kind, cadence=cadence))
    else:
        row.cadence = cadence


def unsubscribe(uow: UnitOfWork, token: str) -> str | None:
    """Turn off what the signed token names (one kind, or every kind for a digest's token).

    Returns what was turned off, or None for a token that is not genuine (nothing changes).
    """
    with uow as session:
        found = read_token(session, token)
        if found is None or (found[1] != ALL_KINDS and found[1] not in KIND_KEYS):
            return None
        user_id, kind = found
        for key in KIND_KEYS if kind == ALL_KINDS else (kind,):
            store_preference(session, user_id, key, Cadence.OFF.value)
        return "all workspace emails" if kind == ALL_KINDS else LABELS[kind]
