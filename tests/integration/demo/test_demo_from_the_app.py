"""An admin loads the demo into a workspace with accounts but no data, and removes exactly it again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from research.db.models import AuditEvent, Base, Funder, FundingRound, User
from research.demo.seed import DEMO_USERNAMES, demo_status, remove_demo, seed_demo
from research.domain.errors import DomainError
from research.domain.roles import Role
from research.services.accounts import users
from research.services.common.actor import Actor
from research.services.drafting.applications import start_application
from research.services.rounds import funders

SEEDED = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def rows(uow) -> dict[str, int]:
    with uow as session:
        return {
            t.name: n for t in Base.metadata.sorted_tables if (n := session.scalar(select(func.count()).select_from(t)))
        }


@pytest.fixture
def boss(uow) -> Actor:
    row = users.create_first_admin(uow, "boss", "The Boss", "a long passphrase")
    return Actor(row.id, row.username, row.display_name, row.role)


def test_an_admin_loads_the_demo_and_removes_exactly_it(uow, boss):
    assert demo_status(uow, boss).load_refusal == ""
    seed_demo(uow, now=SEEDED, by=boss)
    status = demo_status(uow, boss)
    assert status.loaded and status.added_on_top == () and status.staying_accounts == ("boss",)
    with uow as session:
        assert set(session.scalars(select(User.username))) == {"boss", *DEMO_USERNAMES}
        assert session.scalar(select(func.count()).select_from(FundingRound)) > 0

    removed = remove_demo(uow, boss)
    assert removed["users"] == len(DEMO_USERNAMES) and removed["funding_rounds"] > 0
    left = rows(uow)
    assert set(left) <= {"users", "audit_events", "login_sessions"}, left
    with uow as session:
        assert list(session.scalars(select(User.username))) == ["boss"]
        assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == "removed demo data"
    assert not demo_status(uow, boss).loaded and demo_status(uow, boss).load_refusal == ""


def test_the_demo_goes_only_into_a_workspace_without_data(uow, boss):
    funders.save_funder(uow, boss, "Marsden Fund", "New Zealand")
    refusal = demo_status(uow, boss).load_refusal
    assert "1 funders" in refusal or "1 funder" in refusal
    with pytest.raises(DomainError, match="no data yet"):
        seed_demo(uow, now=SEEDED, by=boss)
    with uow as session:
        assert set(session.scalars(select(User.username))) == {"boss"}
        assert session.scalar(select(func.count()).select_from(Funder)) == 1


def test_removal_is_refused_while_others_have_added_work_and_says_what(uow, boss):
    seed_demo(uow, now=SEEDED, by=boss)
    mere_row = users.create_user(uow, boss, "mere", "Mere Tane", "researcher", "a long passphrase")
    mere = Actor(mere_row.id, mere_row.username, mere_row.display_name, mere_row.role)
    start_application(
        uow, mere, title="Mere's own bid", template_key="nih-r01", round_id=None, cluster_id=None, requested=None
    )
    before = rows(uow)
    with pytest.raises(DomainError, match="1 application"):
        remove_demo(uow, boss)
    assert rows(uow) == before
    assert demo_status(uow, boss).added_on_top[0].startswith("1 application")


def test_the_demo_admin_cannot_remove_themself(uow, boss):
    seed_demo(uow, now=SEEDED, by=boss)
    with uow as session:
        aroha = Actor.from_user(session.scalar(select(User).where(User.username == "aroha")))
    with pytest.raises(DomainError, match="your own admin account"):
        remove_demo(uow, aroha)


def test_only_admins_may(uow, boss, make_actor):
    from research.domain.errors import PermissionDenied  # noqa: PLC0415

    with pytest.raises(PermissionDenied):
        remove_demo(uow, make_actor(Role.MANAGER))
