"""Issue 12, sign-in under load and abuse: reads never wait for a hash, no one can lock anyone out,
every refusal looks the same."""

import threading
import time
from types import SimpleNamespace

import pytest
from limits.storage import memory

from research.adapters import passwords
from research.adapters.sign_in_throttle import PER_ADDRESS, PER_USERNAME
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import set_active

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)
WRONG = "bad guess!"  # pragma: allowlist secret (a made-up password for tests)
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture(autouse=True)
def throttle_clock_stands_still(monkeypatch):
    """The throttle's windows are counted on a clock that stands still for the test: on a loaded machine
    30 hash verifications can take over a minute, and the first would drop out of a one-minute window."""
    now = time.time()
    monkeypatch.setattr(memory, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def hana(make_actor):
    return make_actor(Role.RESEARCHER, "hana")


@pytest.fixture
def admin(make_actor):
    return make_actor(Role.ADMIN, "aroha")


def test_reads_are_not_blocked_by_a_sign_in_in_progress(uow, hana, monkeypatch):
    open_token = auth.login(uow, "hana", PASSWORD).token
    verifying, release = threading.Event(), threading.Event()
    real_verify = auth.verify_password

    def held_verify(password_hash, password):
        verifying.set()
        release.wait(20)
        return real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", held_verify)
    signing_in = threading.Thread(target=auth.login, args=(UnitOfWork(uow.engine), "hana", PASSWORD))
    signing_in.start()
    assert verifying.wait(10)
    seen = []
    reader = threading.Thread(target=lambda: seen.append(auth.resolve(UnitOfWork(uow.engine), open_token, 120)))
    reader.start()
    reader.join(5)
    read_while_verifying = not reader.is_alive()
    release.set()
    signing_in.join(20)
    reader.join(20)
    assert read_while_verifying, "a page read waited for a password hash to be verified"
    assert seen[0].username == "hana"


def test_wrong_passwords_cannot_lock_the_admin_out_of_a_trusted_browser(uow, admin):
    trusted = auth.login(uow, "aroha", PASSWORD, client=OWNER).device
    for _ in range(2 * PER_USERNAME[0].amount):
        with pytest.raises(auth.LoginRefused):
            auth.login(uow, "aroha", WRONG, client=ATTACKER)
    assert auth.login(uow, "aroha", PASSWORD, client=OWNER, device=trusted).actor.id == admin.id


def test_wrong_passwords_throttle_the_username_for_browsers_it_never_signed_in_from(uow, hana):
    for _ in range(PER_USERNAME[0].amount):
        with pytest.raises(auth.LoginRefused):
            auth.login(uow, "hana", WRONG, client=ATTACKER)
    with pytest.raises(auth.LoginRefused):
        auth.login(uow, "hana", PASSWORD, client=OWNER)
    with pytest.raises(auth.LoginRefused):
        auth.login(uow, "hana", PASSWORD, client=OWNER, device="hana:forged")


def test_a_flood_from_one_address_is_throttled_even_with_the_right_password(uow, hana):
    for number in range(PER_ADDRESS[0].amount):
        with pytest.raises(auth.LoginRefused):
            auth.login(uow, f"nobody{number}", WRONG, client=ATTACKER)
    with pytest.raises(auth.LoginRefused):
        auth.login(uow, "hana", PASSWORD, client=ATTACKER)
    assert auth.login(uow, "hana", PASSWORD, client=OWNER).actor.username == "hana"


class _CountingHasher:
    def __init__(self, hasher, calls):
        self.hasher, self.calls = hasher, calls

    def verify(self, password_hash, password):
        self.calls.append(password_hash)
        return self.hasher.verify(password_hash, password)


def _refuse(uow, username, password, client):
    with pytest.raises(auth.LoginRefused) as caught:
        auth.login(uow, username, password, client=client)
    return caught.value


def test_every_refusal_says_the_same_and_costs_one_hash_verification(uow, hana, admin, monkeypatch):
    verifications = []
    monkeypatch.setattr(passwords, "_hasher", _CountingHasher(passwords._hasher, verifications))
    refusals = {
        "unknown user": _refuse(uow, "ghost", PASSWORD, OWNER),
        "wrong password": _refuse(uow, "hana", WRONG, OWNER),
    }
    set_active(uow, admin, _user_id(uow, "hana"), False)
    refusals["deactivated"] = _refuse(uow, "hana", PASSWORD, OWNER)
    set_active(uow, admin, _user_id(uow, "hana"), True)
    for _ in range(PER_USERNAME[0].amount):
        _refuse(uow, "hana", WRONG, ATTACKER)
    assert len(verifications) == 3 + PER_USERNAME[0].amount
    verifications.clear()
    refusals["throttled"] = _refuse(uow, "hana", PASSWORD, OWNER)
    assert len(verifications) == 1
    assert {str(r) for r in refusals.values()} == {str(auth.LoginRefused("wrong"))}
    assert {r.code for r in refusals.values()} == {"wrong"}


def _user_id(uow, username):
    from sqlalchemy import select

    from research.db.models import User

    with uow as session:
        return session.scalar(select(User.id).where(User.username == username))
