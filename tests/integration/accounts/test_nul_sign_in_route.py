"""Input with NUL bytes: the sign-in route answers with a coded refusal on SQLite and PostgreSQL, never a 500."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts.users import _new_user
from research.ui import deps
from research.ui.routes import COOKIE, ROUTES

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)


@pytest.fixture
def client(own_database, monkeypatch):
    url, engine = own_database
    monkeypatch.setenv("DATABASE_URL", url)
    with UnitOfWork(engine) as session:
        _new_user(session, "hana", "Hana", Role.RESEARCHER, PASSWORD)
    with TestClient(Starlette(routes=ROUTES), base_url="http://testserver") as client:
        yield client
    deps.engine().dispose()


@pytest.mark.parametrize(
    "form", [{"username": "ha\x00na", "password": PASSWORD}, {"username": "hana", "password": "\x00"}]
)
def test_sign_in_with_nul_bytes_redirects_with_a_message_code(client, form):
    response = client.post("/auth/login", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/?login_error=nul")
    assert COOKIE not in response.cookies
