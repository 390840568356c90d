"""Shared set-up for the funding-round tests: funders, clusters and rounds in a few lines."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from research.db.models import Application, ApplicationMember
from research.domain.round_rules import RoundInput
from research.services.common.actor import Actor
from research.services.roi import clusters
from research.services.rounds import editing as round_editing
from research.services.rounds import funders

NZ = ZoneInfo("Pacific/Auckland")


def nz(*args) -> datetime:
    return datetime(*args, tzinfo=NZ).astimezone(UTC)


def add_funders_and_clusters(uow, manager: Actor) -> dict[str, int]:
    """Two funders and two clusters, listed by a manager through the services: ids by name."""
    ids = {
        "Marsden Fund": funders.save_funder(uow, manager, "Marsden Fund", "New Zealand").id,
        "Health Research Council": funders.save_funder(uow, manager, "Health Research Council").id,
    }
    return ids | {name: clusters.add_cluster(uow, manager, name) for name in ("Research", "Food")}


def add_round(uow, manager, ids, scheme="Fast-Start", closes=None, **fields) -> int:
    r = RoundInput(
        funder_id=fields.pop("funder_id", ids["Marsden Fund"]),
        scheme=scheme,
        closes_at=closes or nz(2026, 3, 2, 12, 0),
        **fields,
    )
    return round_editing.create_round(uow, manager, r)


def add_application(uow, lead, round_id, title="Kelp forests", status="drafting", requested="800000") -> int:
    with uow as session:
        application = Application(
            title=title,
            lead_id=lead.id,
            round_id=round_id,
            status=status,
            requested_amount=Decimal(requested),
            template_key="",
            template_spec={},
        )
        session.add(application)
        session.flush()
        session.add(ApplicationMember(application_id=application.id, user_id=lead.id))
        return application.id
