"""`PUT /drafts/{key}`: what the page sends as a person types is kept as that person's own draft."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import _new_user
from research.services.common import drafts
from research.services.common.actor import Actor
from research.ui import deps
from research.ui.draft_routes import MAX_BODY_BYTES
from research.ui.routes import COOKIE, ROUTES

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)
KEY = "section_comments_new_body_7"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'drafts.db'}")
    uow = UnitOfWork(deps.engine())
    with uow as session:
        _new_user(session, "hana", "Hana", Role.RESEARCHER, PASSWORD)
        _new_user(session, "priya", "Priya", Role.REVIEWER, PASSWORD)
    with TestClient(Starlette(routes=ROUTES), base_url="http://testserver") as client:
        client.uow = uow
        yield client


def signed_in(client, username: str) -> tuple[str, Actor]:
    result = auth.login(client.uow, username, PASSWORD, "127.0.0.1", None)
    return result.token, result.actor


def put(client, token: str | None, text: str | bytes, key: str = KEY, **headers):
    client.cookies.clear()
    if token:
        client.cookies.set(COOKIE, token)
    return client.put(f"/drafts/{key}", content=text, headers=headers)


def test_typed_text_is_kept_as_the_senders_own_draft_and_nobody_elses(client):
    token, hana = signed_in(client, "hana")
    _, priya = signed_in(client, "priya")
    response = put(client, token, "Half a thought about the benefit…", origin="http://testserver")
    assert response.status_code == 204
    assert drafts.load_draft(client.uow, hana, KEY) == "Half a thought about the benefit…"
    assert drafts.load_draft(client.uow, priya, KEY) is None


def test_a_later_save_replaces_the_draft_and_blank_text_clears_it(client):
    token, hana = signed_in(client, "hana")
    put(client, token, "first")
    put(client, token, "first, then more")
    assert drafts.load_draft(client.uow, hana, KEY) == "first, then more"
    assert put(client, token, "   ").status_code == 204
    assert drafts.load_draft(client.uow, hana, KEY) is None


def test_one_persons_save_never_touches_anothers_draft_under_the_same_key(client):
    hana_token, hana = signed_in(client, "hana")
    priya_token, priya = signed_in(client, "priya")
    put(client, hana_token, "Hana's words")
    put(client, priya_token, "Priya's words")
    assert drafts.load_draft(client.uow, hana, KEY) == "Hana's words"
    assert drafts.load_draft(client.uow, priya, KEY) == "Priya's words"


@pytest.mark.parametrize("token", [None, "not-a-session"])
def test_without_a_live_sign_in_nothing_is_kept(client, token):
    response = put(client, token, "anonymous text")
    assert response.status_code == 401
    _, hana = signed_in(client, "hana")
    assert drafts.load_draft(client.uow, hana, KEY) is None


def test_a_signed_out_session_keeps_nothing(client):
    token, hana = signed_in(client, "hana")
    auth.logout(client.uow, token)
    assert put(client, token, "after sign-out").status_code == 401
    assert drafts.load_draft(client.uow, hana, KEY) is None


@pytest.mark.parametrize(
    "headers",
    [{"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site", "origin": "http://testserver"}],
)
def test_a_cross_site_page_cannot_write_a_draft_with_the_persons_cookie(client, headers):
    token, hana = signed_in(client, "hana")
    assert put(client, token, "planted", **headers).status_code == 403
    assert drafts.load_draft(client.uow, hana, KEY) is None


def test_too_long_a_text_or_key_is_refused_and_the_old_draft_stays(client):
    token, hana = signed_in(client, "hana")
    put(client, token, "kept")
    too_long = put(client, token, "x" * (drafts.MAX_DRAFT_CHARS + 1))
    assert too_long.status_code == 400 and "at most 200,000" in too_long.text
    assert put(client, token, b"x" * (MAX_BODY_BYTES + 1)).status_code == 413
    assert put(client, token, "text", key="k" * (drafts.MAX_KEY + 1)).status_code == 400
    assert put(client, token, b"\xff\xfe not utf-8").status_code == 400
    assert drafts.load_draft(client.uow, hana, KEY) == "kept"


def test_only_put_is_accepted(client):
    token, _ = signed_in(client, "hana")
    client.cookies.set(COOKIE, token)
    assert client.get(f"/drafts/{KEY}").status_code == 405
