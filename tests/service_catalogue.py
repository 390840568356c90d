"""Clusters, funders, rounds and awards for the test builders, through the services, by the builders' staff."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from research.db.uow import UnitOfWork
from research.domain.round_rules import RoundInput
from research.services.roi import awards, clusters
from research.services.rounds import editing, funders
from tests.service_people import staff


def add_clusters(uow: UnitOfWork, *names: str) -> dict[str, int]:
    """Clusters by name, added by a manager: ids by name."""
    manager = staff(uow)
    return {name: clusters.add_cluster(uow, manager, name) for name in names}


def add_funders(uow: UnitOfWork, *names: str) -> dict[str, int]:
    """Funders by name, added by a manager: ids by name."""
    manager = staff(uow)
    return {name: funders.save_funder(uow, manager, name).id for name in names}


def add_round(uow: UnitOfWork, funder: str, scheme: str, closes_at: datetime, **fields) -> int:
    """A round of `funder` (listed first if it is new), created by a manager: its id."""
    manager = staff(uow)
    known = {row.name: row.id for row in funders.list_funders(uow, manager)}
    funder_id = known.get(funder) or funders.save_funder(uow, manager, funder).id
    return editing.create_round(uow, manager, RoundInput(funder_id, scheme, closes_at, **fields))


AWARD_HEADERS = "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Name,Clusters"


def import_awards(
    uow: UnitOfWork, *rows: str | Sequence[str], rates: tuple[str, ...] = (), headers: str = AWARD_HEADERS
) -> awards.AwardImportReport:
    """Awards as a manager imports them, under the CSV header line `headers`: each row a CSV line, or its
    cells (quoted as a spreadsheet saves them, for cells holding commas or quotes)."""
    content = io.StringIO()
    content.write(headers + "\n")
    cells = csv.writer(content, lineterminator="\n")
    for row in rows:
        if isinstance(row, str):
            content.write(row + "\n")
        else:
            cells.writerow(row)
    report = awards.import_awards(uow, staff(uow), "awards.csv", content.getvalue().encode(), rates)
    assert report.written, report
    return report


def award_ids(uow: UnitOfWork) -> dict[str, int]:
    """Every recorded award's id, by its identifier."""
    return {a.identifier: a.id for a in awards.list_awards(uow, staff(uow))}
