"""Search boxes show their 200-character limit on the page (a counter and their help), before it is hit."""

from __future__ import annotations

import pytest

from research.domain.roles import Role
from research.services.common.listing import SEARCH_MAX_CHARS
from research.ui.navigation import page_for


@pytest.mark.parametrize(
    ("role", "page", "label"),
    [
        (Role.ADMIN, "users_page.py", "Find a user"),
        (Role.MANAGER, "manage_rounds_page.py", "Find a round"),
        (Role.RESEARCHER, "rounds_page.py", "Search"),
    ],
)
def test_the_search_box_shows_its_limit(signed_in, role, page, label):
    app, _ = signed_in(role)
    app.run()
    app.switch_page(str(page_for(page).path))
    app.run()
    assert not app.exception
    box = next(box for box in app.text_input if box.label == label)
    assert box.max_chars == SEARCH_MAX_CHARS
    assert f"Up to {SEARCH_MAX_CHARS} characters." in box.help
