"""Issue 12: every response of the real server carries the security headers, and the app still
works under its Content-Security-Policy in Chromium (no violation reported)."""

import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest

from research.demo.seed import DEMO_ACCOUNTS
from tests.e2e.conftest import sign_in, wait_for_app
from tests.e2e.editor_steps import editor, open_section

pytestmark = pytest.mark.e2e

PAGES_TO_VISIT = ["", "application_editor_page", "roi_page", "review_readiness_page", "rounds_page", "ledgers_page"]


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src"):
            self.sources.append(dict(attrs)["src"].removeprefix("./"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _headers(url: str, data: bytes | None = None):
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=10) as response:  # noqa: S310
            return response.headers, response.read()
    except urllib.error.HTTPError as answer:  # the sign-in route answers 303
        return answer.headers, b""


def _assert_secured(headers, where: str) -> None:
    policy = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, where
    assert "img-src 'self' data: blob:" in policy, where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where


def test_the_page_static_files_and_auth_routes_carry_the_security_headers(live_app):
    headers, body = _headers(f"{live_app}/")
    _assert_secured(headers, "page")
    scripts = _Scripts()
    scripts.feed(body.decode())
    assert scripts.sources
    _assert_secured(_headers(f"{live_app}/{scripts.sources[0]}")[0], "static file")
    _assert_secured(_headers(f"{live_app}/_stcore/health")[0], "health")
    login_headers, _ = _headers(f"{live_app}/auth/login", b"username=nobody&password=wrong-one")
    assert login_headers.get("Location", "").endswith("login_error=wrong")
    _assert_secured(login_headers, "/auth/login")
    _assert_secured(_headers(f"{live_app}/auth/logout", b"")[0], "/auth/logout")


def test_the_app_works_under_its_policy_without_violations(live_app, new_page):
    page = new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    console = []
    page.on("console", lambda message: console.append(message.text))
    manager = next(a for a in DEMO_ACCOUNTS if a.role == "manager")
    sign_in(page, live_app, manager.username, manager.password)
    for path in PAGES_TO_VISIT:
        page.goto(f"{live_app}/{path}")
        wait_for_app(page)
        page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()
        assert page.evaluate("window.__csp") == [], (path, page.evaluate("window.__csp"))
    page.goto(f"{live_app}/roi_page")
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.evaluate("window.__csp") == []
    assert not [text for text in console if "Content Security Policy" in text]


def test_the_section_editor_and_its_live_counts_work_under_the_policy(live_app, new_page):
    page = new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    open_section(page, live_app, "hana", "Whakapapa and data sovereignty in genomic research", "Background")
    editor(page).press_sequentially(" more words")
    page.get_by_text("This section:").wait_for()
    wait_for_app(page)
    assert page.evaluate("window.__csp") == []
