"""Where the audit trail links each kind of thing: the page that shows it, if the viewer may open it."""

from __future__ import annotations

from research.services.common.actor import Actor
from research.ui.navigation import page_for

# entity -> (page file, query parameter naming the thing on that page, or "" for the page alone)
PAGES = {
    "user": ("users_page.py", ""),
    "application": ("application_outcomes_page.py", "application"),
    "funding_round": ("rounds_page.py", "round"),
    "funder": ("manage_rounds_page.py", ""),
    "award": ("ledgers_page.py", ""),
    "cluster_grant": ("ledgers_page.py", ""),
    "cluster": ("ledgers_page.py", ""),
    "template": ("templates_page.py", ""),
}


def link_for(actor: Actor, entity: str, entity_id: int | None) -> str | None:
    """A link relative to the app ('/rounds_page?round=4'), or None."""
    if entity not in PAGES:
        return None
    file, param = PAGES[entity]
    spec = page_for(file)
    if not spec.allows(actor):
        return None
    url = "/" + file.removesuffix(".py")
    return f"{url}?{param}={entity_id}" if param and entity_id is not None else url
