"""The 360Giving grants standard (schema 1.4): column titles, JSON keys, and how ours map to them.

Publishers share grants as CSV/XLSX with these column titles, or as JSON
`{"grants": [...]}` with camelCase keys; organisations and programmes are lists of objects.
"""

from __future__ import annotations

import re
from typing import Any

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


def flatten_grant(grant: dict[str, Any]) -> dict[str, Any]:
    """A 360Giving JSON grant as flat keys: fundingOrganization[0].name -> 'fundingOrganization.name',
    recipientOrganization[0].location[0].name -> 'recipientOrganization.location.name' (the first of each list)."""
    flat = {key: value for key, value in grant.items() if key not in _NESTED}
    for key in _NESTED:
        _flatten_into(flat, key, grant.get(key), depth=2)
    return flat


def _flatten_into(flat: dict[str, Any], prefix: str, value: Any, depth: int) -> None:
    first = value[0] if isinstance(value, list) and value else value
    if not isinstance(first, dict):
        return
    for sub, subvalue in first.items():
        nested = subvalue[0] if isinstance(subvalue, list) and subvalue else subvalue
        if isinstance(nested, dict) and depth > 1:
            _flatten_into(flat, f"{prefix}.{sub}", nested, depth - 1)
        elif not isinstance(nested, dict | list):
            flat[f"{prefix}.{sub}"] = subvalue


def org_identifier(name: str) -> str:
    """360Giving asks for an org identifier; ours have none registered, so a 360G- one is made."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"
    return f"360G-rcw-{slug}"
