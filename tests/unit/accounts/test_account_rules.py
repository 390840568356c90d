"""Pure rules: usernames, passwords, sign-in throttling, idle expiry, hashing and the permissions table."""

from datetime import UTC, datetime, timedelta

import pytest

from research.adapters.passwords import hash_password, verify_password
from research.adapters.sign_in_throttle import PER_ADDRESS, PER_USERNAME, SignInThrottle
from research.domain.accounts import check_new_password, check_username, is_idle_expired
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import PERMISSIONS, Action, Role, can, require

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_usernames_are_normalised_and_checked():
    assert check_username("  Aroha.Ngata ") == "aroha.ngata"
    for bad in ["", "a", "-dash-first", "has space", "x" * 41, "semi;colon"]:
        with pytest.raises(InvalidInput, match="username"):
            check_username(bad)


def test_passwords_need_ten_characters_and_no_edge_spaces():
    check_new_password("ten-chars!")
    with pytest.raises(InvalidInput, match="at least 10"):
        check_new_password("short")
    with pytest.raises(InvalidInput, match="space"):
        check_new_password(" padded-password ")


def test_sign_in_delays_grow_with_more_failures_instead_of_a_lock():
    windows = [item.get_expiry() for item in PER_USERNAME]
    amounts = [item.amount for item in PER_USERNAME]
    assert windows == sorted(windows) and amounts == sorted(amounts) and windows[-1] >= 86400
    assert PER_ADDRESS[0].amount > PER_USERNAME[0].amount


def test_the_throttle_counts_failures_per_username_and_per_address():
    throttle = SignInThrottle()
    for _ in range(PER_USERNAME[0].amount):
        throttle.count_failure("hana", "198.51.100.7")
    assert not throttle.allows("hana", "192.0.2.1")
    assert throttle.allows("hana", "192.0.2.1", check_username=False)
    assert throttle.allows("aroha", "198.51.100.7")
    for number in range(PER_ADDRESS[0].amount):
        throttle.count_failure(f"guess{number}", "203.0.113.9")
    assert not throttle.allows("aroha", "203.0.113.9", check_username=False)
    throttle.reset()
    assert throttle.allows("hana", "203.0.113.9")


def test_idle_sessions_expire_after_the_configured_minutes():
    assert not is_idle_expired(NOW, NOW + timedelta(minutes=30), 30)
    assert is_idle_expired(NOW, NOW + timedelta(minutes=30, seconds=1), 30)


def test_argon2_hashes_verify_only_the_right_password():
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("$argon2")
    assert verify_password(hashed, "correct horse battery")
    assert not verify_password(hashed, "wrong horse battery")
    assert not verify_password(None, "anything")
    assert not verify_password("not-a-hash", "anything")


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        (Role.RESEARCHER, Action.DRAFT_APPLICATIONS, Action.MANAGE_USERS),
        (Role.REVIEWER, Action.REVIEW_APPLICATIONS, Action.DRAFT_APPLICATIONS),
        (Role.MANAGER, Action.MANAGE_LEDGERS, Action.MANAGE_USERS),
        (Role.ADMIN, Action.MANAGE_USERS, Action.MANAGE_LEDGERS),
    ],
)
def test_each_role_has_its_actions_and_not_others(role, allowed, refused):
    assert can(role, allowed)
    require(role, allowed)
    assert not can(role, refused)
    with pytest.raises(PermissionDenied, match=role.value):
        require(role, refused)


def test_only_managers_keep_the_grant_ledger_and_everyone_reads_rounds():
    assert [r for r in Role if can(r, Action.MANAGE_LEDGERS)] == [Role.MANAGER]
    assert all(Action.READ_ROUNDS in PERMISSIONS[r] for r in Role)


def test_a_refusal_reads_as_a_sentence():
    with pytest.raises(PermissionDenied, match="^An admin may not record cluster grants and awards.$"):
        require(Role.ADMIN, Action.MANAGE_LEDGERS)
