"""Clusters, funders and awards for the test builders, through the services, by the builders' staff."""

from __future__ import annotations

from research.db.uow import UnitOfWork
from research.services.roi import awards, clusters
from research.services.rounds import funders
from tests.service_people import staff


def add_clusters(uow: UnitOfWork, *names: str) -> dict[str, int]:
    """Clusters by name, added by a manager: ids by name."""
    manager = staff(uow)
    return {name: clusters.add_cluster(uow, manager, name) for name in names}


def add_funders(uow: UnitOfWork, *names: str) -> dict[str, int]:
    """Funders by name, added by a manager: ids by name."""
    manager = staff(uow)
    return {name: funders.save_funder(uow, manager, name).id for name in names}


AWARD_HEADERS = "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Name,Clusters"


def import_awards(uow: UnitOfWork, *rows: str, rates: tuple[str, ...] = ()) -> awards.AwardImportReport:
    """Awards as a manager imports them: each row is a CSV line under AWARD_HEADERS."""
    content = "\n".join((AWARD_HEADERS, *rows)).encode()
    report = awards.import_awards(uow, staff(uow), "awards.csv", content, rates)
    assert report.written, report
    return report
