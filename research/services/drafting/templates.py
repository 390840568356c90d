"""Application templates: funder forms shipped as TOML files in templates/, and those admins add.

A file's key must match its name, so two files never claim one key; a template added in the
app may not reuse a key that a file or another added template already has.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.config import load_settings
from research.db.models import ApplicationTemplate, User
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.nesting import check_nesting, too_deep
from research.domain.nul_text import nul_paths, refuse_nul
from research.domain.roles import Action, require
from research.domain.template_spec import TemplateSpec, parse_template, template_to_dict
from research.domain.upload_limits import check_upload
from research.services.common.actor import Actor
from research.services.common.audit import record

TOML_NESTS = "lists or tables"
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,79}")


@dataclass(frozen=True)
class TemplateInfo:
    key: str
    name: str
    funder: str
    scheme: str
    version: str
    origin: str
    sections: int
    sources: tuple[str, ...] = ()
    problem: str = ""

    @property
    def usable(self) -> bool:
        return not self.problem


def templates_dir() -> Path:
    return load_settings().templates_dir


def _check_key(spec: TemplateSpec, source: str) -> None:
    if not KEY_PATTERN.fullmatch(spec.key):
        raise InvalidInput(
            Problem(
                f"{source}: key",
                f"{spec.key!r} must be 2-80 lowercase letters, digits and hyphens, starting with a letter or digit",
            )
        )


def read_template_file(path: Path) -> TemplateSpec:
    """Parse one TOML template; InvalidInput names the file, the key and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(Problem(path.name, f"is not valid TOML: {exc}")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(Problem(path.name, f"cannot be read: {exc}")) from None
    spec = parse_template(data, path.name)
    _check_key(spec, path.name)
    if spec.key != path.stem:
        raise InvalidInput(Problem(f"{path.name}: key", f"must match the file name ({path.stem!r}), not {spec.key!r}"))
    return spec


def _info(spec: TemplateSpec, origin: str, problem: str = "") -> TemplateInfo:
    return TemplateInfo(
        spec.key, spec.name, spec.funder, spec.scheme, spec.version, origin, len(spec.sections), spec.sources, problem
    )


def _file_templates(folder: Path) -> list[TemplateInfo]:
    infos = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        origin = f"file templates/{path.name}"
        try:
            infos.append(_info(read_template_file(path), origin))
        except InvalidInput as exc:
            infos.append(TemplateInfo(path.stem, path.stem, "", "", "", origin, 0, (), str(exc)))
    return infos


def _stored_spec(row: ApplicationTemplate) -> TemplateSpec:
    return parse_template(row.spec, f"stored template {row.key}")


def list_templates(uow: UnitOfWork, folder: Path | None = None) -> list[TemplateInfo]:
    """Every template, files first, each with the reason it cannot be used (if any)."""
    files = _file_templates(folder or templates_dir())
    taken = {t.key for t in files}
    with uow as session:
        rows = session.execute(
            select(ApplicationTemplate, User.display_name)
            .outerjoin(User, User.id == ApplicationTemplate.created_by_id)
            .order_by(ApplicationTemplate.key)
        ).all()
        stored = []
        for row, author in rows:
            origin = f"added in the app from {row.source_name or 'a file'} by {author or 'unknown'}"
            clash = "a file in templates/ now uses this key; the file is used" if row.key in taken else ""
            try:
                stored.append(_info(_stored_spec(row), origin, clash))
            except InvalidInput as exc:
                stored.append(TemplateInfo(row.key, row.name, "", "", "", origin, 0, (), str(exc)))
    return files + stored


def template_keys(uow: UnitOfWork, folder: Path | None = None) -> set[str]:
    """Every key a template already uses (files and templates added in the app): an import picks another."""
    return {t.key for t in list_templates(uow, folder)}


def find_template(session: Session, key: str, folder: Path | None = None) -> TemplateSpec:
    """The template with this key, inside the caller's transaction."""
    path = (folder or templates_dir()) / f"{key}.toml"
    if KEY_PATTERN.fullmatch(key or "") and path.is_file():
        return read_template_file(path)
    row = session.scalar(select(ApplicationTemplate).where(ApplicationTemplate.key == key))
    if row is None:
        raise NotFound(f"There is no application template {key!r}.")
    return _stored_spec(row)


def get_template(uow: UnitOfWork, key: str, folder: Path | None = None) -> TemplateSpec:
    with uow as session:
        return find_template(session, key, folder)


def add_template(
    uow: UnitOfWork, actor: Actor, data: dict[str, Any], source_name: str, folder: Path | None = None
) -> TemplateInfo:
    """Check a template mapping and store it; refuses a key that is already used."""
    require(actor.role, Action.MANAGE_TEMPLATES)
    source = (source_name or "uploaded template").strip()
    spec = parse_template(data, source)
    _check_key(spec, source)
    file_keys = {t.key for t in _file_templates(folder or templates_dir())}
    if spec.key in file_keys:
        raise InvalidInput(
            Problem(f"{source}: key", f"{spec.key!r} is already used by templates/{spec.key}.toml; choose another key")
        )
    with uow as session:
        if session.scalar(select(ApplicationTemplate.id).where(ApplicationTemplate.key == spec.key)):
            raise InvalidInput(
                Problem(
                    f"{source}: key", f"{spec.key!r} is already used by a template added in the app; choose another key"
                )
            )
        row = ApplicationTemplate(
            key=spec.key,
            name=spec.name[:200],
            spec=template_to_dict(spec),
            source_name=source[:200],
            created_by_id=actor.audit_id,
        )
        session.add(row)
        session.flush()
        record(session, actor.audit_id, "added template", "template", row.id, key=spec.key, source=source)
        return _info(spec, f"added in the app from {source} by {actor.display_name}")


def add_template_toml(
    uow: UnitOfWork, actor: Actor, content: bytes, source_name: str, folder: Path | None = None
) -> TemplateInfo:
    """Add a template from an uploaded TOML file."""
    require(actor.role, Action.MANAGE_TEMPLATES)
    check_upload(content, source_name)
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(Problem(source_name, "is not UTF-8 text; save it as UTF-8 TOML")) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(Problem(source_name, f"is not valid TOML: {exc}")) from None
    except RecursionError:
        raise too_deep(source_name, TOML_NESTS) from None
    check_nesting(data, source_name, TOML_NESTS)
    refuse_nul(source_name, nul_paths(data))
    return add_template(uow, actor, data, source_name, folder)
