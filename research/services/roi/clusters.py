"""The unit's clusters: the groups its grants go to and its awards are credited to."""

from __future__ import annotations

from sqlalchemy import func, select

from research.db.models import Cluster
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, Problem
from research.domain.roles import Action, require
from research.domain.round_rules import normalise_text
from research.services.common.actor import Actor
from research.services.common.audit import record


def add_cluster(uow: UnitOfWork, actor: Actor, name: str, description: str = "") -> int:
    """Add a cluster by a name no other cluster has (case aside); returns its id."""
    require(actor.role, Action.MANAGE_LEDGERS)
    name = normalise_text(name)
    if not name:
        raise InvalidInput(Problem("Cluster name", "must not be empty"))
    if len(name) > 120:
        raise InvalidInput(Problem("Cluster name", f"must be at most 120 characters, not {len(name)}"))
    with uow as session:
        if session.scalar(select(Cluster.id).where(func.lower(Cluster.name) == name.lower())) is not None:
            raise InvalidInput(Problem("Cluster name", f"there is already a cluster called {name!r}"))
        cluster = Cluster(name=name, description=description.strip())
        session.add(cluster)
        session.flush()
        record(session, actor.audit_id, "added cluster", "cluster", cluster.id, name=name)
        return cluster.id
