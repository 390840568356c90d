"""Awards published as open data in the 360Giving format: CSV with the standard's column titles, and JSON.

Awards arrive as plain objects (the awards service's AwardView); `publisher` names the unit.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from research.domain.giving360 import EXPORT_COLUMNS, org_identifier
from research.domain.ledger_values import format_shares
from research.export.safe_cells import safe_row


def to_csv(awards, publisher: str, today: date) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for award in awards:
        writer.writerow(safe_row(_row(award, publisher, today)))
    return buffer.getvalue().encode("utf-8")


def _row(award, publisher: str, today: date) -> list[str]:
    return [
        award.identifier,
        award.title,
        award.description,
        award.currency,
        _plain(award.amount_applied_for),
        _plain(award.amount),
        award.awarded_on.isoformat(),
        org_identifier(award.recipient_org or publisher),
        award.recipient_org or publisher,
        org_identifier(award.funder_name),
        award.funder_name,
        award.scheme,
        (award.updated or today).isoformat(),
        publisher,
        format_shares(award.shares),
    ]


def to_json(awards, publisher: str, today: date) -> bytes:
    grants = [_grant(award, publisher, today) for award in awards]
    return json.dumps({"grants": grants}, ensure_ascii=False, indent=2).encode("utf-8")


def _grant(award, publisher: str, today: date) -> dict:
    recipient = award.recipient_org or publisher
    grant = {
        "id": award.identifier,
        "title": award.title,
        "description": award.description,
        "currency": award.currency,
        "amountAwarded": _number(award.amount),
        "awardDate": award.awarded_on.isoformat(),
        "recipientOrganization": [{"id": org_identifier(recipient), "name": recipient}],
        "fundingOrganization": [{"id": org_identifier(award.funder_name), "name": award.funder_name}],
        "dateModified": (award.updated or today).isoformat(),
        "dataSource": publisher,
    }
    if award.amount_applied_for is not None:
        grant["amountAppliedFor"] = _number(award.amount_applied_for)
    if award.scheme:
        grant["grantProgramme"] = [{"title": award.scheme}]
    if award.shares:
        grant["clusters"] = format_shares(award.shares)
    return grant


def _plain(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:f}"


def _number(amount: Decimal) -> int | float:
    # JSON numbers: whole dollars as integers, cents as the shortest float that reads back exactly.
    return int(amount) if amount == amount.to_integral_value() else float(amount)
