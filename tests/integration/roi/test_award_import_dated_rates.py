"""An imported award converts at the stored rate of its award date; a flat --rate still overrides."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from research.db.models import Award
from research.domain.roles import Role
from research.services.common import exchange_rates
from research.services.roi import awards, clusters

FILE = (Path(__file__).resolve().parents[2] / "fixtures" / "giving360_grants.csv").read_bytes()
D = Decimal


@pytest.fixture
def people(uow, make_actor):
    manager = make_actor(Role.MANAGER)
    for name in ("Research", "Food"):
        clusters.add_cluster(uow, manager, name)
    return manager, make_actor(Role.ADMIN)


def usd_award(uow) -> Decimal:
    with uow as session:
        return session.scalar(select(Award.amount_nzd).where(Award.currency == "USD"))


def test_the_rate_of_the_award_date_is_used(uow, people):
    manager, admin = people
    # USD per NZD as the RBNZ publishes it; the USD award is dated 2024-03-01.
    series = b"Date,USD\n2024-01-02,0.5000\n2024-02-29,0.6250\n2024-03-04,0.8000\n"
    exchange_rates.import_rates(uow, admin, "hb1.csv", series)
    report = awards.import_awards(uow, manager, "giving360_grants.csv", FILE)
    assert report.written and not report.problems
    assert usd_award(uow) == D("400000.00")  # 250,000 / 0.625
    assert report.rates_used == ("USD: 1 award at the rate of 2024-02-29 (0.625)",)


def test_a_flat_rate_overrides_the_table(uow, people):
    manager, admin = people
    exchange_rates.import_rates(uow, admin, "hb1.csv", b"Date,USD\n2024-01-02,0.5\n")
    report = awards.import_awards(uow, manager, "giving360_grants.csv", FILE, ["USD=1.68"])
    assert usd_award(uow) == D("420000.00")
    assert report.rates_used == ("USD: 1 award at a flat 1.68 NZD for one USD",)


def test_an_award_before_the_first_rate_says_so(uow, people):
    manager, admin = people
    exchange_rates.import_rates(uow, admin, "hb1.csv", b"Date,USD\n2025-01-02,0.5\n")
    report = awards.import_awards(uow, manager, "giving360_grants.csv", FILE)
    assert not report.written
    assert [p.reason for p in report.problems] == [
        "no exchange rate for USD before 2025-01-02; give one, e.g. USD=1.68 (NZD for one unit)"
    ]
