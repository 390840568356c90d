"""Signing in: clear refusals, throttled failures, idle expiry, logout."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from research.db.models import LoginSession
from research.domain.clock import utcnow
from research.domain.roles import Role
from research.services.accounts import auth

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)


@pytest.fixture
def hana(make_actor):
    return make_actor(Role.RESEARCHER, "hana")


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("hana", "wrong password", str(auth.LoginRefused("wrong"))),
        ("nobody", PASSWORD, str(auth.LoginRefused("wrong"))),
        ("", "", "Enter both your username and your password."),
        ("hana", "", "Enter both your username and your password."),
    ],
)
def test_refusals_are_clear_and_do_not_reveal_which_part_was_wrong(uow, hana, username, password, message):
    with pytest.raises(auth.LoginRefused) as caught:
        auth.login(uow, username, password)
    assert str(caught.value) == message


def test_token_is_random_and_only_its_hash_is_stored(uow, hana):
    first = auth.login(uow, "HANA ", PASSWORD)
    second = auth.login(uow, "hana", PASSWORD)
    assert first.token != second.token and len(first.token) >= 40
    with uow as session:
        stored = set(session.scalars(select(LoginSession.token_hash)))
    assert first.token not in stored and auth.token_hash(first.token) in stored
    assert auth.resolve(uow, first.token, 120).username == "hana"


def test_a_few_failures_do_not_stop_the_right_password(uow, hana):
    for _ in range(4):
        with pytest.raises(auth.LoginRefused):
            auth.login(uow, "hana", "bad guess!")
    assert auth.login(uow, "hana", PASSWORD).actor.id == hana.id


def test_sessions_expire_when_idle_and_use_keeps_them_alive(uow, hana):
    start = utcnow()
    token = auth.login(uow, "hana", PASSWORD, now=start).token
    assert auth.resolve(uow, token, 30, now=start + timedelta(minutes=25))
    assert auth.resolve(uow, token, 30, now=start + timedelta(minutes=50))  # touched at 25
    assert auth.resolve(uow, token, 30, now=start + timedelta(minutes=81)) is None
    assert auth.resolve(uow, token, 30, now=start + timedelta(minutes=82)) is None


def test_logout_ends_the_session_on_the_server(uow, hana):
    token = auth.login(uow, "hana", PASSWORD).token
    auth.logout(uow, token)
    assert auth.resolve(uow, token, 120) is None
    auth.logout(uow, token)  # a second logout is harmless
    assert auth.resolve(uow, "made-up-token", 120) is None and auth.resolve(uow, None, 120) is None
