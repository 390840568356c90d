"""The 360Giving grants standard (schema 1.4): column titles, JSON keys, and how ours map to them.

Publishers share grants as CSV/XLSX with these column titles, or as JSON
`{"grants": [...]}` with camelCase keys; organisations and programmes are lists of objects.
"""

from __future__ import annotations

import re
from typing import Any

# Our field -> the titles and keys a file may use for it (360Giving first, then plain aliases).
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "identifier": ("Identifier", "id"),
    "title": ("Title",),
    "description": ("Description",),
    "currency": ("Currency",),
    "amount_applied_for": ("Amount Applied For", "amountAppliedFor"),
    "amount": ("Amount Awarded", "amountAwarded", "Amount"),
    "awarded_on": ("Award Date", "awardDate", "Date"),
    "recipient_org": ("Recipient Org:Name", "recipientOrganization.name", "Recipient"),
    "funder_name": ("Funding Org:Name", "fundingOrganization.name", "Funder"),
    "scheme": ("Grant Programme:Title", "grantProgramme.title", "Scheme"),
    "clusters": ("Clusters", "Cluster"),
}
REQUIRED_FIELDS = ("identifier", "title", "amount", "awarded_on", "funder_name")

# Export: the standard's column titles, in the order publishers use, then our extension.
EXPORT_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Last Modified",
    "Data Source",
    "Clusters",
)
_NESTED = ("recipientOrganization", "fundingOrganization", "grantProgramme")


def normalise(title: str) -> str:
    return re.sub(r"[\s_:.\-]+", "", str(title)).lower()


_LOOKUP = {normalise(title): field for field, titles in FIELD_COLUMNS.items() for title in titles}


def map_columns(titles: list[str]) -> dict[str, str]:
    """Our field -> the file's own column title, for the columns we recognise (first one wins)."""
    found: dict[str, str] = {}
    for title in titles:
        field = _LOOKUP.get(normalise(title))
        if field and field not in found:
            found[field] = title
    return found


def missing_required(found: dict[str, str]) -> list[str]:
    return [FIELD_COLUMNS[field][0] for field in REQUIRED_FIELDS if field not in found]


def flatten_grant(grant: dict[str, Any]) -> dict[str, Any]:
    """A 360Giving JSON grant as flat keys: fundingOrganization[0].name -> 'fundingOrganization.name'."""
    flat = {key: value for key, value in grant.items() if key not in _NESTED}
    for key in _NESTED:
        value = grant.get(key)
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, dict):
            for sub, subvalue in first.items():
                flat[f"{key}.{sub}"] = subvalue
    return flat


def org_identifier(name: str) -> str:
    """360Giving asks for an org identifier; ours have none registered, so a 360G- one is made."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"
    return f"360G-rcw-{slug}"
