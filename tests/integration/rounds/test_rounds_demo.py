"""The demo's funding rounds: real schemes and facts, past rounds, and something closing soon."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import Application, User
from research.domain.application_status import ApplicationStatus as S
from research.domain.round_rules import RoundStatus
from research.services.common.actor import Actor
from research.services.rounds import calendar as rounds
from research.services.rounds.calendar import RoundFilter
from tests.integration.demo_support import seeded_once
from tests.integration.rounds_helpers import nz

SEEDED = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded_uow(engine):
    yield from seeded_once(engine, SEEDED)


@pytest.fixture
def uow(seeded_uow):
    """These tests only read the demo, so they share one seeded per module."""
    return seeded_uow


@pytest.fixture
def seeded(uow):
    with uow as session:
        return Actor.from_user(session.scalar(select(User).where(User.username == "hana")))


def everything(uow, actor):
    return rounds.list_rounds(uow, actor, RoundFilter(), now=SEEDED).set_index("round")


def test_marsden_2023_eois_closed_at_noon_on_monday_20_february(uow, seeded):
    listed = everything(uow, seeded)
    for name in ("Marsden Fast-Start EOI 2023", "Marsden Standard EOI 2023"):
        assert listed.loc[name, "closes_at"] == nz(2023, 2, 20, 12, 0)
        assert listed.loc[name, "success_rate"] == Decimal("0.1330")
    assert listed.loc["Marsden Fast-Start EOI 2022", "pool"] == Decimal("14760000.00")
    assert listed.loc["Marsden Standard EOI 2022", "expected_awards"] == 72


def test_mbie_rounds_carry_their_published_pools(uow, seeded):
    listed = everything(uow, seeded)
    assert listed.loc["Endeavour Smart Ideas 2024", "pool"] == Decimal("18000000.00")
    assert listed.loc["Endeavour Smart Ideas 2024", "expected_awards"] == 49
    assert listed.loc["Endeavour Smart Ideas 2025", "pool"] == Decimal("17000000.00")
    assert listed.loc["Endeavour Research Programmes 2024", "pool"] == Decimal("39000000.00")
    assert listed.loc["Endeavour Smart Ideas 2024", "template_key"] == "mbie-smart-ideas"
    assert listed.loc["Endeavour Smart Ideas 2024", "url"].endswith(
        "smart-ideas-call-for-proposals-2024-investment-round-endeavour-fund"
    )


def test_past_rounds_from_2023_to_2025_and_upcoming_ones_marked_as_forecasts(uow, seeded):
    listed = everything(uow, seeded)
    years = {name[-4:] for name in listed.index}
    assert {"2023", "2024", "2025"} <= years
    upcoming = listed[listed["closes_at"] > SEEDED]
    assert set(upcoming["status"]) == {"open", "forecast"}
    assert all("forecast" in note for note in upcoming["notes"])


def test_something_closes_soon_with_a_milestone_due_on_the_seed_day(uow, seeded):
    closing, _ = rounds.closing_soon(uow, seeded, days=21, now=SEEDED)
    assert [i.round for i in closing] == ["HRC Projects 2027"]
    assert closing[0].due_at - SEEDED < timedelta(days=21) and closing[0].yours  # Hana drafts for it
    due, _ = rounds.milestones_due(uow, seeded, days=14, now=SEEDED)
    assert due and all(SEEDED < i.due_at <= SEEDED + timedelta(days=14) for i in due)


def test_applications_are_linked_to_fitting_rounds(uow, seeded):
    with uow as session:
        linked = {a.title: (a.status, a.round_id) for a in session.scalars(select(Application))}
    listed = everything(uow, seeded).reset_index().set_index("id")
    for title, (status, round_id) in linked.items():
        assert round_id is not None, title
        closes = listed.loc[round_id, "closes_at"]
        if status in (S.DRAFTING, S.IN_REVIEW, S.REVISING, S.READY):
            assert closes > SEEDED, title
        else:
            assert closes < SEEDED, title
    quantum = listed.loc[linked["Quantum dots for low-light imaging"][1]]
    assert quantum["round"] == "Marsden Standard EOI 2023" and quantum["status"] == RoundStatus.CLOSED
