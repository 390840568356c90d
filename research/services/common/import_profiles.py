"""Saved column mappings ('profiles') for every importer, and how an import's mapping is decided.

The mapping of a file is: the columns guessed from its titles, then a profile (saved, or one that
ships with the workspace), then the choices made for this file (`--map FIELD=COLUMN` or the page).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import ImportProfile
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.column_mapping import ImportField, apply_pairs, apply_profile, check_columns, guess_columns
from research.domain.errors import InvalidInput, Problem
from research.domain.import_kinds import ImportKind
from research.domain.import_profiles import BUILTIN_PROFILES, PROFILE_ACTIONS, check_profile_name
from research.domain.roles import require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.import_choices import ImportChoices

Columns = dict[str, str | None]


def profile_names(uow: UnitOfWork, actor: Actor, kind: ImportKind) -> list[str]:
    """The profiles an import of this kind can use: saved ones and those that ship with the workspace."""
    require(actor.role, PROFILE_ACTIONS[kind])
    with uow as session:
        saved = list(session.scalars(select(ImportProfile.name).where(ImportProfile.kind == kind.value)))
    return sorted({*saved, *BUILTIN_PROFILES.get(kind, {})}, key=str.casefold)


def save_profile(uow: UnitOfWork, actor: Actor, kind: ImportKind, name: str, mapping: Mapping[str, str | None]) -> str:
    """Save (or replace) a named mapping for the next file of this kind."""
    require(actor.role, PROFILE_ACTIONS[kind])
    try:
        name = check_profile_name(name)
    except ValueError as exc:
        raise InvalidInput(Problem("Profile name", str(exc))) from None
    kept = {key: column for key, column in mapping.items() if column}
    with uow as session:
        profile = _saved(session, kind, name)
        if profile is None:
            profile = ImportProfile(kind=kind.value, name=name, mapping=kept)
            session.add(profile)
        else:
            profile.mapping, profile.updated_at = kept, utcnow()
        session.flush()
        record(
            session, actor.audit_id, "saved import profile", "import_profile", profile.id, kind=kind.value, name=name
        )
    return name


def _saved(session: Session, kind: ImportKind, name: str) -> ImportProfile | None:
    for profile in session.scalars(select(ImportProfile).where(ImportProfile.kind == kind.value)):
        if profile.name.casefold() == name.casefold():
            return profile
    return None


def profile_mapping(session: Session, kind: ImportKind, name: str) -> dict[str, str | None]:
    """A saved profile's mapping, else the built-in one; InvalidInput naming the profiles there are."""
    saved = _saved(session, kind, name.strip())
    if saved is not None:
        return dict(saved.mapping)
    builtin = {n.casefold(): m for n, m in BUILTIN_PROFILES.get(kind, {}).items()}
    if name.strip().casefold() in builtin:
        return dict(builtin[name.strip().casefold()])
    names = sorted(
        {
            *session.scalars(select(ImportProfile.name).where(ImportProfile.kind == kind.value)),
            *BUILTIN_PROFILES.get(kind, {}),
        }
    )
    raise InvalidInput(
        Problem(
            "Profile", f"there is no profile {name!r} for {kind.value} (profiles: {', '.join(names) or 'none yet'})"
        )
    )


def decide_mapping(
    session: Session,
    kind: ImportKind,
    fields: Sequence[ImportField],
    headers: Sequence[str],
    profile: str | None = None,
    pairs: Sequence[str] = (),
    chosen: Mapping[str, str | None] | None = None,
) -> tuple[Columns, list[Problem]]:
    """The mapping for this file and what is wrong with it (a required field no column holds, ...)."""
    mapping = guess_columns(headers, fields)
    if profile:
        mapping = apply_profile(mapping, profile_mapping(session, kind, profile), headers)
    if chosen is not None:
        keys = {f.key for f in fields}
        mapping.update({k: (c or None) for k, c in chosen.items() if k in keys})
    try:
        mapping = apply_pairs(mapping, pairs, headers, fields)
    except ValueError as exc:
        return mapping, [Problem("", str(exc))]
    return mapping, check_columns(mapping, headers, fields)


def file_mapping(
    session: Session,
    kind: ImportKind,
    fields: Sequence[ImportField],
    filename: str,
    headers: Sequence[str],
    choices: ImportChoices,
) -> tuple[Columns, list[Problem]]:
    """decide_mapping with the user's choices for one file, each problem named by that file."""
    mapping, problems = decide_mapping(session, kind, fields, headers, choices.profile, choices.pairs, choices.mapping)
    return mapping, [Problem(filename, f"{p.where} {p.reason}".strip()) for p in problems]


def mapping_for(
    uow: UnitOfWork,
    actor: Actor,
    kind: ImportKind,
    fields: Sequence[ImportField],
    headers: Sequence[str],
    profile: str | None = None,
    pairs: Sequence[str] = (),
) -> tuple[Columns, list[Problem]]:
    """The mapping a file would be read with (guess, profile, --map), before checking any row."""
    require(actor.role, PROFILE_ACTIONS[kind])
    with uow as session:
        return decide_mapping(session, kind, fields, headers, profile, pairs)
