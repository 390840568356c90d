"""The unit's side of the demo: its clusters, the funders, its area, the $80,000 grant and earlier awards.

The story's headline ($18M won back on $80k) is the money won in the area (Dunedin) and attributed
to the cluster; awards it helped win elsewhere, one with no recorded place, one with no cluster and
one withdrawn (zero) are in the demo too, shown apart from it.
"""

from __future__ import annotations

from research.db.uow import UnitOfWork
from research.demo.data_files import data_bytes, data_toml
from research.demo.story import Story
from research.services.common import workspace_settings
from research.services.drafting import templates
from research.services.roi import attribution, awards, clusters, ledgers
from research.services.rounds import funders

REVIEW_TEMPLATE = "marsden-standard-review.toml"
EARLIER_AWARDS = "earlier_awards.csv"
APPLICATION_AWARDS = "RCW-APP-"  # the identifiers of awards recorded from applications


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
    workspace_settings.update_settings(uow, story["aroha"], area=data["area"])
    return cluster_ids, funder_ids


def place_application_awards(uow: UnitOfWork, story: Story) -> None:
    """The awards the demo's applications won go to the university its researchers work at, in the city."""
    recipient = data_toml("workspace.toml")["recipient"]
    place = attribution.PlaceInput(
        recipient["name"], "", recipient["locality"], recipient["postcode"], "", recipient["country"]
    )
    for award in awards.find_awards(uow, story["tama"], APPLICATION_AWARDS, limit=None).items:
        attribution.set_award_place(uow, story["tama"], award.id, place)


def import_earlier_awards(uow: UnitOfWork, story: Story) -> None:
    """Earlier wins the cluster helped with, from the funders' published lists, imported as a file."""
    report = awards.import_awards(uow, story["tama"], EARLIER_AWARDS, data_bytes(EARLIER_AWARDS))
    if not report.written:
        raise RuntimeError(f"The demo's {EARLIER_AWARDS} was refused: {report.problems}")
