"""The command-line operator is one Actor that passes the same permission checks as anyone else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent, ClusterGrant, User
from research.domain.errors import PermissionDenied
from research.domain.roles import Role
from research.services.accounts import users as accounts
from research.services.common.actor import Actor
from research.services.drafting import presence
from research.services.roi import ledgers
from research.services.roi.awards import list_awards
from tests.integration.access_calls import FIXTURES, NEW_PASSWORD
from tests.service_catalogue import add_clusters

ROOT = Path(__file__).resolve().parents[3]
GRANTS = (FIXTURES / "grants.csv").read_bytes()


def test_the_operator_imports_in_the_role_the_command_needs_and_is_credited_to_no_user(uow):
    add_clusters(uow, "Research", "Food", "Engineering")
    report = ledgers.import_grants(uow, Actor.operator(Role.MANAGER), "grants.csv", GRANTS)
    assert report.written and report.to_create > 0
    with uow as session:
        assert set(session.scalars(select(ClusterGrant.created_by_id))) == {None}
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "imported cluster grants"))
        assert event.actor_id is None and event.detail["via"] == "command line"


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.ADMIN])
def test_the_operator_is_refused_what_its_role_may_not_do(uow, role):
    add_clusters(uow, "Research", "Food", "Engineering")
    operator = Actor.operator(role)
    with pytest.raises(PermissionDenied):
        ledgers.import_grants(uow, operator, "grants.csv", GRANTS)
    with pytest.raises(PermissionDenied):
        list_awards(uow, operator)
    with uow as session:
        assert session.scalar(select(ClusterGrant.id)) is None


def test_the_operator_creates_users_as_an_admin_and_has_no_account_of_its_own(uow):
    created = accounts.create_user(uow, Actor.operator(Role.ADMIN), "tane", "Tāne", "researcher", NEW_PASSWORD)
    with uow as session:
        assert session.get(User, created.id).username == "tane"
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "created user"))
        assert event.actor_id is None
    with pytest.raises(PermissionDenied):
        accounts.create_user(uow, Actor.operator(Role.MANAGER), "rua", "Rua", "researcher", NEW_PASSWORD)
    operator = Actor.operator(Role.ADMIN)
    for attempt in (
        lambda: accounts.change_own_password(uow, operator, NEW_PASSWORD, "another long passphrase"),
        lambda: accounts.set_timezone(uow, operator, "Europe/London"),
        lambda: presence.leave_section(uow, operator, 1),
    ):
        with pytest.raises(PermissionDenied, match="no account"):
            attempt()


def test_no_service_or_command_skips_its_check_for_a_missing_actor():
    pattern = re.compile(
        r"actor is None|actor is not None|actor: Optional\[Actor\]|actor: Actor \| None|actor\.id if actor"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("research/services", "research/cli")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_operators_changes_to_clusters_and_accounts_are_credited_to_no_user(uow):
    """Each used to credit the operator's id 0, which no user row has: the foreign key refused the write."""
    from research.services.roi.clusters import add_cluster

    admin = Actor.operator(Role.ADMIN)
    created = accounts.create_user(uow, admin, "tane", "Tāne", "researcher", NEW_PASSWORD)
    add_cluster(uow, Actor.operator(Role.MANAGER), "Marine science")
    accounts.change_role(uow, admin, created.id, "reviewer")
    accounts.set_active(uow, admin, created.id, False)
    accounts.reset_password(uow, admin, created.id, "another long passphrase")
    with uow as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.actor_id)).all()
    assert {action for action, _ in events} >= {"added cluster", "changed role", "deactivated user", "reset password"}
    assert {actor_id for _, actor_id in events} == {None}


def test_services_credit_the_audit_log_through_audit_id():
    """`actor.id` is 0 for the operator; only `actor.audit_id` is a user row or None."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "research/services").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "record(session, actor.id," in line
    ]
    offenders += [
        f"{path.relative_to(ROOT)}: record() over several lines"
        for path in sorted((ROOT / "research/services").rglob("*.py"))
        if re.search(r"record\(\s*session,\s*actor\.id,", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
