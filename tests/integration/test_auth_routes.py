"""The sign-in and sign-out HTTP routes: HttpOnly cookie, coded refusals, same-origin posts."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services import auth
from research.services.accounts import _new_user
from research.ui import deps
from research.ui.routes import COOKIE, ROUTES

PASSWORD = "correct horse battery"


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
    [({"username": "hana", "password": "nope"}, "wrong"), ({"username": "ghost", "password": PASSWORD}, "wrong"),
     ({}, "empty")],
)
def test_refused_sign_in_redirects_with_a_code_and_no_cookie(client, form, code):
    response = post(client, "/auth/login", form)
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/?login_error={code}")
    assert COOKIE not in response.cookies


def test_cross_site_posts_are_refused(client):
    response = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}, origin="https://evil.example")
    assert response.status_code == 403 and COOKIE not in response.cookies


def test_sign_out_revokes_the_session_and_clears_the_cookie(client):
    token = post(client, "/auth/login", {"username": "hana", "password": PASSWORD}).cookies[COOKIE]
    client.cookies.set(COOKIE, token)
    response = post(client, "/auth/logout")
    assert response.headers["location"] == "/?signed_out=1"
    assert f'{COOKIE}=""' in response.headers["set-cookie"] and "Max-Age=0" in response.headers["set-cookie"]
    assert auth.resolve(client.uow, token, 120) is None
