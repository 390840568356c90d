"""The demo workspace, loaded by an admin from the app and removed again.

The demo (research/demo, built through the services) is loaded only into a workspace with no data
yet: accounts may exist, but no funders, clusters, rounds, applications, ledgers or added templates.
So what the demo created is exactly its own accounts and every data row; removing it deletes those
and keeps every other account. It is refused while anyone outside the demo has added work on top
(an application, a comment, a review, a grant, a round change...), and says what that is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    ApplicationTemplate,
    AuditEvent,
    Award,
    Base,
    CalendarToken,
    Cluster,
    ClusterGrant,
    Comment,
    FormDraft,
    Funder,
    FundingRound,
    LoginSession,
    NotifyPreference,
    Review,
    User,
    WorkspaceFlag,
)
from research.db.uow import UnitOfWork
from research.domain.errors import DomainError
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.workspace import DEMO_FLAG

LOADED_ACTION = "loaded demo data"
# What a workspace must not hold yet for the demo to go in: then everything of these is the demo's.
DATA: tuple[tuple[type[Base], str], ...] = (
    (Funder, "funders"),
    (Cluster, "clusters"),
    (FundingRound, "funding rounds"),
    (Application, "applications"),
    (Award, "awards"),
    (ClusterGrant, "cluster grants"),
    (ApplicationTemplate, "templates added in the app"),
)
# Rows kept for the accounts that stay; a demo account's own rows go with it.
PER_USER: tuple[tuple[type[Base], str], ...] = (
    (FormDraft, "user_id"),
    (LoginSession, "user_id"),
    (NotifyPreference, "user_id"),
    (CalendarToken, "user_id"),
)
KEPT_TABLES = {"users", "audit_events", "workspace_flags", "notify_locks", *(m.__tablename__ for m, _ in PER_USER)}


@dataclass(frozen=True)
class DemoStatus:
    loaded: bool
    # Why the demo cannot be loaded now ("" when it can).
    load_refusal: str
    # Work added on top of the demo by people outside it: removal waits until it is gone.
    added_on_top: tuple[str, ...]
    # Accounts that are not the demo's and stay when it is removed.
    staying_accounts: tuple[str, ...]


def demo_status(uow: UnitOfWork, actor: Actor, demo_usernames: Iterable[str]) -> DemoStatus:
    require(actor.role, Action.MANAGE_USERS)
    names = set(demo_usernames)
    with uow as session:
        loaded = session.get(WorkspaceFlag, DEMO_FLAG) is not None
        demo_ids = _demo_ids(session, names)
        staying = tuple(session.scalars(select(User.username).where(User.id.not_in(demo_ids)).order_by(User.username)))
        return DemoStatus(
            loaded,
            _load_refusal(session, names, loaded) if loaded or _load_blockers(session, names) else "",
            tuple(_added_on_top(session, demo_ids)) if loaded else (),
            staying,
        )


def remove_demo(uow: UnitOfWork, actor: Actor, demo_usernames: Iterable[str]) -> dict[str, int]:
    """Delete what the demo created (its accounts and every data row); rows deleted, by table."""
    require(actor.role, Action.MANAGE_USERS)
    names = set(demo_usernames)
    with uow as session:
        if session.get(WorkspaceFlag, DEMO_FLAG) is None:
            raise DomainError("This workspace holds no demo data to remove.")
        if actor.username in names:
            raise DomainError(
                f"You are signed in as the demo's {actor.username}, which would be removed with it. "
                "Add your own admin account on this page, sign in with it, then remove the demo."
            )
        demo_ids = _demo_ids(session, names)
        on_top = _added_on_top(session, demo_ids)
        if on_top:
            raise DomainError(
                "Nothing was removed: people outside the demo have added work to it, which would be lost: "
                + "; ".join(on_top)
                + ". Remove that work first, or keep the demo."
            )
        removed = _delete_demo(session, demo_ids)
        record(session, actor.audit_id, "removed demo data", "workspace", None, **removed)
        return removed


def _demo_ids(session: Session, names: set[str]) -> list[int]:
    return list(session.scalars(select(User.id).where(User.username.in_(names)))) if names else []


def _count(session: Session, model: type[Base]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _load_blockers(session: Session, names: set[str]) -> list[str]:
    held = [f"{n:,} {label}" for model, label in DATA if (n := _count(session, model))]
    taken = sorted(session.scalars(select(User.username).where(User.username.in_(names)))) if names else []
    return held + ([f"accounts named {', '.join(taken)}"] if taken else [])


def _load_refusal(session: Session, names: set[str], loaded: bool) -> str:
    if loaded:
        return "The demo is already loaded."
    return (
        "The demo goes only into a workspace with no data yet, so that it can be removed exactly; this one holds "
        + ", ".join(_load_blockers(session, names))
        + "."
    )


def _added_on_top(session: Session, demo_ids: list[int]) -> list[str]:
    """Work by people outside the demo in what the demo created, as a person would name it."""
    outside = User.id.not_in(demo_ids)
    found = []
    checks = (
        (
            "application(s) led",
            select(func.count()).select_from(Application).where(Application.lead_id.not_in(demo_ids)),
        ),
        (
            "application team place(s)",
            select(func.count()).select_from(ApplicationMember).where(ApplicationMember.user_id.not_in(demo_ids)),
        ),
        ("comment(s)", select(func.count()).select_from(Comment).where(Comment.author_id.not_in(demo_ids))),
        ("review(s)", select(func.count()).select_from(Review).where(Review.reviewer_id.not_in(demo_ids))),
        (
            "template(s) added",
            select(func.count())
            .select_from(ApplicationTemplate)
            .where(ApplicationTemplate.created_by_id.not_in(demo_ids)),
        ),
        (
            "cluster grant(s) recorded",
            select(func.count()).select_from(ClusterGrant).where(ClusterGrant.created_by_id.not_in(demo_ids)),
        ),
    )
    for what, query in checks:
        if n := int(session.scalar(query) or 0):
            found.append(f"{n:,} {what}")
    loaded_at = session.scalar(select(func.max(AuditEvent.id)).where(AuditEvent.action == LOADED_ACTION)) or 0
    changes = session.execute(
        select(AuditEvent.action, func.count())
        .join(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.id > loaded_at, outside, AuditEvent.entity.not_in(("user", "workspace")))
        .group_by(AuditEvent.action)
        .order_by(AuditEvent.action)
    ).all()
    found += [f"{action} ({n:,} time{'s' if n != 1 else ''})" for action, n in changes]
    return found


def _delete_demo(session: Session, demo_ids: list[int]) -> dict[str, int]:
    removed: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            removed[table.name] = _delete(session, table)
    for model, column in PER_USER:
        removed[model.__tablename__] = _delete(session, model.__table__, getattr(model, column).in_(demo_ids))  # type: ignore[arg-type]
    removed["audit_events"] = _delete(session, AuditEvent.__table__, AuditEvent.actor_id.in_(demo_ids))  # type: ignore[arg-type]
    removed["users"] = _delete(session, User.__table__, User.id.in_(demo_ids))  # type: ignore[arg-type]
    session.execute(delete(WorkspaceFlag).where(WorkspaceFlag.key == DEMO_FLAG))
    return {name: n for name, n in removed.items() if n}


def _delete(session: Session, table: Table, where: object = None) -> int:
    statement = delete(table) if where is None else delete(table).where(where)  # type: ignore[arg-type]
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]
