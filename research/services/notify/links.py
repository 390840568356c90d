"""Links back to the app: pages (as st.navigation names them, by file) and the token routes."""

from __future__ import annotations

from urllib.parse import urlencode

PAGES = {
    "inbox": "review_inbox_page",
    "editor": "application_editor_page",
    "readiness": "review_readiness_page",
    "rounds": "rounds_page",
    "outcomes": "application_outcomes_page",
    "notices": "notices_page",
    "preferences": "notify_preferences_page",
}


def page_link(app_url: str, page: str, **params: int | str) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"{app_url}/{PAGES[page]}{query}"


def unsubscribe_link(app_url: str, token: str) -> str:
    return f"{app_url}/unsubscribe/{token}"


def calendar_link(app_url: str, token: str) -> str:
    return f"{app_url}/calendar/{token}.ics"
