"""The sign-in and sign-out HTTP routes: HttpOnly cookie, coded refusals, same-origin posts."""

from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from research.adapters.sign_in_throttle import PER_USERNAME
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.auth import LoginRefused
from research.services.accounts.users import _new_user
from research.ui import deps
from research.ui.routes import COOKIE, DEVICE_COOKIE, ROUTES

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)
WRONG = "nope"  # pragma: allowlist secret (a made-up password for tests)


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'routes.db'}")
    uow = UnitOfWork(deps.engine())
    with uow as session:
        _new_user(session, "hana", "Hana", Role.RESEARCHER, PASSWORD)
    with TestClient(Starlette(routes=ROUTES), base_url="http://testserver") as client:
        client.uow = uow
        yield client


def post(client, path, data=None, **headers):
    return client.post(path, data=data or {}, headers=headers, follow_redirects=False)


def test_good_sign_in_sets_an_http_only_cookie_and_goes_home(client):
    response = post(client, "/auth/login", {"username": "hana", "password": PASSWORD})
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    token = response.cookies[COOKIE]
    assert auth.resolve(client.uow, token, 120).username == "hana"


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"username": "hana", "password": WRONG}, "wrong"),
        ({"username": "ghost", "password": PASSWORD}, "wrong"),
        ({}, "empty"),
    ],
)
def test_refused_sign_in_redirects_with_a_code_and_no_cookie(client, form, code):
    response = post(client, "/auth/login", form)
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/?login_error={code}")
    assert COOKIE not in response.cookies


CROSS_SITE = [
    {"origin": "https://evil.example"},
    {"origin": "null"},  # a sandboxed frame or a data: page
    {"origin": "http://testserver.evil.example"},
    {"referer": "https://evil.example/page"},
    {"sec-fetch-site": "cross-site", "origin": "http://testserver"},
    {"sec-fetch-site": "same-site"},  # a sibling subdomain is another site's page too
]
SAME_SITE = [
    {},  # not a browser (no Origin, Referer or Sec-Fetch-Site): it cannot hold a victim's cookie
    {"origin": "http://testserver"},
    {"referer": "http://testserver/?signed_out=1"},
    {"sec-fetch-site": "same-origin", "origin": "http://testserver"},
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_sign_ins_are_refused(client, headers):
    response = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}, **headers)
    assert response.status_code == 403 and COOKIE not in response.cookies
    assert response.text == "Sign-in must come from this site."


@pytest.mark.parametrize("headers", SAME_SITE)
def test_same_site_sign_ins_work(client, headers):
    response = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}, **headers)
    assert response.status_code == 303 and auth.resolve(client.uow, response.cookies[COOKIE], 120)


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_cross_site_sign_out_leaves_the_session_alone(client, headers):
    token = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}).cookies[COOKIE]
    client.cookies.set(COOKIE, token)
    response = post(client, "/auth/logout", **headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers
    assert auth.resolve(client.uow, token, 120).username == "hana"


def test_repeated_failures_are_throttled_with_the_same_answer_unless_the_browser_is_trusted(client):
    trusted = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}).cookies[DEVICE_COOKIE]
    client.cookies.clear()
    for _ in range(PER_USERNAME[0].amount):
        post(client, "/auth/login", {"username": "hana", "password": WRONG})
    response = post(client, "/auth/login", {"username": "hana", "password": PASSWORD})
    assert response.status_code == 303 and COOKIE not in response.cookies
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query == {"login_error": ["wrong"]}
    assert str(LoginRefused.from_query(query["login_error"][0])) == str(LoginRefused("wrong"))
    client.cookies.set(DEVICE_COOKIE, trusted)
    assert COOKIE in post(client, "/auth/login", {"username": "hana", "password": PASSWORD}).cookies


def test_sign_out_revokes_the_session_and_clears_the_cookie(client):
    token = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}).cookies[COOKIE]
    client.cookies.set(COOKIE, token)
    response = post(client, "/auth/logout")
    assert response.headers["location"] == "/?signed_out=1"
    assert f'{COOKIE}=""' in response.headers["set-cookie"] and "Max-Age=0" in response.headers["set-cookie"]
    assert auth.resolve(client.uow, token, 120) is None
