"""Column mappings that ship with the workspace, for the files people most often bring.

A profile maps an importer's fields to a file's column titles; a saved profile of the same
name replaces the built-in one. Titles are matched ignoring case and punctuation.
"""

from __future__ import annotations

from research.domain.import_kinds import ImportKind
from research.domain.roles import Action

NIH_REPORTER = "NIH RePORTER"
GIVING_360 = "360Giving"

BUILTIN_PROFILES: dict[ImportKind, dict[str, dict[str, str | None]]] = {
    ImportKind.AWARDS: {
        NIH_REPORTER: {
            "identifier": "project_number",
            "title": "project_title",
            "amount": "award_amount",
            "awarded_on": "award_date",
            "funder": "agency_ic_admin",
            "scheme": "activity_code",
            "recipient_name": "org_name",
            "recipient_id": "org_duns",
            "locality": "org_city",
            "postcode": "org_zipcode",
            "region": "org_state",
            "country": "org_country",
        },
        GIVING_360: {
            "identifier": "Identifier",
            "title": "Title",
            "description": "Description",
            "amount": "Amount Awarded",
            "currency": "Currency",
            "amount_applied_for": "Amount Applied For",
            "awarded_on": "Award Date",
            "funder": "Funding Org:Name",
            "scheme": "Grant Programme:Title",
            "recipient_name": "Recipient Org:Name",
            "recipient_id": "Recipient Org:Identifier",
            "locality": "Recipient Org:Location:0:Name",
            "postcode": "Recipient Org:Postal Code",
            "region": "Recipient Org:County",
            "country": "Recipient Org:Country",
        },
    },
}
PROFILE_ACTIONS = {
    ImportKind.AWARDS: Action.MANAGE_LEDGERS,
    ImportKind.GRANTS: Action.MANAGE_LEDGERS,
    ImportKind.ROUNDS: Action.MANAGE_ROUNDS,
}
MAX_NAME = 100


def check_profile_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("give the profile a name, e.g. NIH RePORTER")
    if len(cleaned) > MAX_NAME:
        raise ValueError(f"is {len(cleaned)} characters long; at most {MAX_NAME} fit")
    return cleaned
