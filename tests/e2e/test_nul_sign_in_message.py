"""In Chromium: a sign-in refused for a NUL character shows its message on the sign-in page, not an error page."""

import pytest

from research.services.accounts.auth import REFUSALS
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_nul_sign_in_refusal_is_shown_on_the_sign_in_page(live_app, new_page):
    page = new_page()
    response = page.request.post(
        f"{live_app}/auth/login",
        form={"username": "ha\x00na", "password": "x"},
        headers={"Origin": live_app},
        max_redirects=0,
    )
    assert response.status == 303 and "login_error=nul" in response.headers["location"]
    page.goto(live_app.rstrip("/") + response.headers["location"])
    wait_for_app(page)
    page.get_by_text(REFUSALS["nul"].split(" (")[0]).wait_for()
