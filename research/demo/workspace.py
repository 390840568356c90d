"""The unit's side of the demo: its clusters, the funders, the $80,000 grant and earlier awards."""

from __future__ import annotations

from research.db.uow import UnitOfWork
from research.demo.data_files import data_bytes, data_toml
from research.demo.story import Story
from research.services.drafting import templates
from research.services.roi import awards, clusters, ledgers
from research.services.rounds import funders

REVIEW_TEMPLATE = "marsden-standard-review.toml"
EARLIER_AWARDS = "earlier_awards.csv"


def set_up_workspace(uow: UnitOfWork, story: Story) -> tuple[dict[str, int], dict[str, int]]:
    """Clusters and funders, by name -> id; the grant, the review template and earlier awards."""
    data = data_toml("workspace.toml")
    manager = story["tama"]
    cluster_ids = {c["name"]: clusters.add_cluster(uow, manager, c["name"], c["description"]) for c in data["cluster"]}
    funder_ids = {
        f["name"]: funders.save_funder(uow, manager, f["name"], f["country"], f["website"]).id for f in data["funder"]
    }
    grant = data["grant"]
    ledgers.add_grant(
        uow,
        manager,
        ledgers.GrantInput(
            grant["cluster"], grant["amount"], grant["granted_on"], grant["purpose"], grant["financial_year"]
        ),
    )
    templates.add_template_toml(uow, story["aroha"], data_bytes(REVIEW_TEMPLATE), REVIEW_TEMPLATE)
    return cluster_ids, funder_ids


def import_earlier_awards(uow: UnitOfWork, story: Story) -> None:
    """Earlier wins the cluster helped with, from the funders' published lists, imported as a file."""
    report = awards.import_awards(uow, story["tama"], EARLIER_AWARDS, data_bytes(EARLIER_AWARDS))
    if not report.written:
        raise RuntimeError(f"The demo's {EARLIER_AWARDS} was refused: {report.problems}")
