"""Accounts: the first admin, users, roles, deactivation, password resets, audit — per role."""

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent
from research.domain.errors import DomainError, InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts import users as accounts

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)


def audit_actions(uow):
    with uow as session:
        return [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_first_admin_only_once(uow):
    assert not accounts.has_admin(uow)
    accounts.create_first_admin(uow, "aroha", "Aroha Ngata", "a-long-password")
    assert accounts.has_admin(uow)
    with pytest.raises(DomainError, match="already exists"):
        accounts.create_first_admin(uow, "other", "Other", "a-long-password")
    assert audit_actions(uow) == ["created first admin"]


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_admins_manage_users(uow, make_actor, role):
    actor = make_actor(role)
    target = make_actor(Role.RESEARCHER)
    calls = [
        lambda: accounts.create_user(uow, actor, "newbie", "New Bie", "researcher", PASSWORD),
        lambda: accounts.list_users(uow, actor),
        lambda: accounts.change_role(uow, actor, target.id, "admin"),
        lambda: accounts.set_active(uow, actor, target.id, False),
        lambda: accounts.reset_password(uow, actor, target.id, "temporary-pass"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert audit_actions(uow) == []


def test_admin_creates_a_user_who_must_change_password(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    row = accounts.create_user(uow, admin, "Mere", "Mere Parata", "reviewer", "temporary-pass")
    assert (row.username, row.role, row.must_change_password) == ("mere", Role.REVIEWER, True)
    assert audit_actions(uow) == ["created user"]


def test_duplicate_username_and_bad_fields_are_refused_together(uow, make_actor):
    admin = make_actor(Role.ADMIN, "aroha")
    with pytest.raises(InvalidInput, match="already taken"):
        accounts.create_user(uow, admin, "aroha", "Another", "researcher", PASSWORD)
    with pytest.raises(InvalidInput) as caught:
        accounts.create_user(uow, admin, "x", "", "researcher", "short")
    assert {p.where for p in caught.value.problems} == {"username", "display name", "password"}
    with pytest.raises(InvalidInput, match="not a role"):
        accounts.create_user(uow, admin, "ok-name", "Ok", "emperor", PASSWORD)


def test_role_changes_are_audited_and_the_last_admin_is_kept(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    user = make_actor(Role.RESEARCHER)
    assert accounts.change_role(uow, admin, user.id, "manager").role == Role.MANAGER
    with pytest.raises(DomainError, match="last active admin"):
        accounts.change_role(uow, admin, admin.id, "researcher")
    with pytest.raises(DomainError, match="last active admin"):
        accounts.set_active(uow, admin, admin.id, False)
    assert audit_actions(uow) == ["changed role"]


def test_deactivation_ends_sessions_and_keeps_the_user(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    user = make_actor(Role.RESEARCHER, "hana")
    token = auth.login(uow, "hana", PASSWORD).token
    accounts.set_active(uow, admin, user.id, False)
    assert auth.resolve(uow, token, 120) is None
    with pytest.raises(auth.LoginRefused, match="Wrong username or password"):
        auth.login(uow, "hana", PASSWORD)  # the same answer as for a wrong password
    assert "hana" in {u.username for u in accounts.list_users(uow, admin)}
    accounts.set_active(uow, admin, user.id, True)
    assert auth.login(uow, "hana", PASSWORD).actor.username == "hana"


def test_reset_password_forces_a_change_at_next_sign_in(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    user = make_actor(Role.RESEARCHER, "hana")
    old_token = auth.login(uow, "hana", PASSWORD).token
    accounts.reset_password(uow, admin, user.id, "temporary-pass")
    assert auth.resolve(uow, old_token, 120) is None
    actor = auth.login(uow, "hana", "temporary-pass").actor
    assert actor.must_change_password
    with pytest.raises(InvalidInput, match="current password"):
        accounts.change_own_password(uow, actor, "wrong-one", "my-own-password")
    accounts.change_own_password(uow, actor, "temporary-pass", "my-own-password")
    assert not auth.login(uow, "hana", "my-own-password").actor.must_change_password


def test_time_zone_must_be_real(uow, make_actor):
    user = make_actor(Role.RESEARCHER)
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        accounts.set_timezone(uow, user, "Mars/Olympus")
    accounts.set_timezone(uow, user, "Europe/London")
