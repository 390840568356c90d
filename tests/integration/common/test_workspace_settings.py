"""Workspace settings in the database: defaults, all-or-nothing changes, the locale following them,
and a change of currency refused or converted with the dated rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent, Award, ClusterGrant, User, WorkspaceSettingsRow
from research.domain.area import Area
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.locale import Locale, workspace_locale
from research.domain.money import format_money, format_money_short
from research.domain.rates import Quote
from research.domain.roi import financial_year_of
from research.domain.roles import Role
from research.services.accounts import users
from research.services.common import exchange_rates
from research.services.common.workspace_settings import update_settings, workspace_settings
from research.services.roi import ledgers
from tests.service_catalogue import add_clusters, import_awards
from tests.service_people import staff

D = Decimal
BRITISH = {"currency": "GBP", "timezone": "Europe/London", "financial_year_start": "4", "area": "London;Oxford;OX1"}


def _award(identifier: str, amount: str, currency: str, awarded_on: date) -> str:
    """One line of an awards file (see tests/service_catalogue.import_awards)."""
    return f"{identifier},{identifier},{currency},{amount},{awarded_on.isoformat()},Funder,"


def _grant(uow, cluster: str, amount: str, granted_on: date, financial_year: str = "") -> None:
    ledgers.add_grant(uow, staff(uow), ledgers.GrantInput(cluster, amount, granted_on, financial_year=financial_year))


def test_the_defaults_until_anything_is_set(uow):
    assert workspace_settings(uow) == Locale("NZD", "Pacific/Auckland", 7, Area())


def test_an_admin_sets_all_four_and_the_locale_follows_at_once(workspace_settings_source, make_actor):
    uow = workspace_settings_source
    admin = make_actor(Role.ADMIN)
    assert workspace_locale().currency == "NZD"
    after = update_settings(uow, admin, **BRITISH)
    assert after == workspace_settings(uow) == workspace_locale()
    assert (after.currency, after.timezone, after.financial_year_start) == ("GBP", "Europe/London", 4)
    assert after.area.text == "London;Oxford;OX1" and after.area.contains(postcode="OX1 2JD")
    assert format_money(D("1234.5")) == "£1,234.50" and format_money_short(D("2500000")) == "£2.5M"
    assert financial_year_of(date(2024, 4, 1)) != financial_year_of(date(2024, 3, 31))
    assert workspace_locale().financial_year_months == "April to March"
    with uow as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "changed workspace settings")).one()
        assert event.detail["currency"] == "GBP" and event.actor_id == admin.id


def test_a_partial_change_keeps_the_rest(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    update_settings(uow, admin, area="Dunedin;Mosgiel;9010;9011")
    update_settings(uow, admin, financial_year_start="1")
    settings = workspace_settings(uow)
    assert (settings.currency, settings.financial_year_start, settings.area.text) == (
        "NZD",
        1,
        "Dunedin;Mosgiel;9010;9011",
    )
    update_settings(uow, admin, area="")
    assert not workspace_settings(uow).area.is_set


def test_bad_keys_and_values_are_all_named_and_nothing_changes(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    with pytest.raises(InvalidInput) as refused:
        update_settings(
            uow,
            admin,
            currency="dollars",
            timezone="Mars/Olympus",
            financial_year_start="13",
            area="X;--",
            colour="red",
        )
    assert [p.where for p in refused.value.problems] == [
        "currency",
        "timezone",
        "financial_year_start",
        "area",
        "colour",
    ]
    assert "'DOLLARS' is not a currency code" in str(refused.value)
    assert "'--' is neither a place name nor a postcode prefix" in str(refused.value)
    with pytest.raises(InvalidInput, match="timezone: 'Nowhere' is not a time zone"):
        update_settings(uow, admin, currency="GBP", timezone="Nowhere")
    assert workspace_settings(uow) == Locale()
    with uow as session:
        assert session.get(WorkspaceSettingsRow, 1) is None


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_an_admin_changes_settings(uow, make_actor, role):
    with pytest.raises(PermissionDenied):
        update_settings(uow, make_actor(role), currency="GBP")
    assert workspace_settings(uow) == Locale()


def test_changing_the_currency_with_money_recorded_is_refused_without_rates(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    import_awards(uow, _award("A-1", "1000", "NZD", date(2020, 5, 1)))
    with pytest.raises(InvalidInput, match=r"money is already recorded in NZD \(1 award\(s\), 0 cluster grant\(s\)\)"):
        update_settings(uow, admin, currency="GBP")
    assert workspace_settings(uow).currency == "NZD"


def test_converting_with_rates_recomputes_every_award_and_grant_from_its_original(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    add_clusters(uow, "Research")
    _grant(uow, "Research", "80000", date(2022, 7, 1))
    import_awards(
        uow,
        _award("A-NZD", "1000", "NZD", date(2020, 5, 1)),
        _award("A-USD", "1000", "USD", date(2021, 6, 1)),
        _award("A-GBP", "1234.56", "GBP", date(2019, 1, 1)),
        rates=("USD=1.5", "GBP=1.944"),
    )
    rates = b"currency,date,rate\nNZD,2019-01-01,2.0\nNZD,2021-01-01,2.5\nUSD,2020-01-01,1.25\n"
    exchange_rates.import_rates(uow, admin, "to-gbp.csv", rates, Quote.PER_REPORTING, reporting="GBP")

    after = update_settings(uow, admin, convert_with_rates=True, currency="GBP")

    assert after.currency == "GBP"
    with uow as session:
        converted = dict(session.execute(select(Award.identifier, Award.amount_nzd)).all())
        originals = dict(session.execute(select(Award.identifier, Award.amount)).all())
        grant = session.scalars(select(ClusterGrant)).one()
    assert converted == {"A-NZD": D("500.00"), "A-USD": D("800.00"), "A-GBP": D("1234.56")}
    assert originals == {"A-NZD": D("1000.00"), "A-USD": D("1000.00"), "A-GBP": D("1234.56")}
    assert (grant.amount, grant.currency) == (D("32000.00"), "GBP")
    assert (grant.original_amount, grant.original_currency) == (D("80000.00"), "NZD")


def test_one_award_without_a_rate_refuses_the_conversion_in_one_line_per_currency(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    old = [_award(f"OLD-{n}", "100", "NZD", date(2000, 1, 1 + n)) for n in range(3)]
    import_awards(uow, *old, _award("NEW", "100", "NZD", date(2010, 1, 1)))
    exchange_rates.import_rates(uow, admin, "r.csv", b"Date,NZD\n2001-03-26,0.33\n", reporting="GBP")
    with pytest.raises(InvalidInput) as refused:
        update_settings(uow, admin, convert_with_rates=True, currency="GBP")
    assert [str(p) for p in refused.value.problems] == [
        "currency: 3 awards: no exchange rate for NZD before 2001-03-26"
    ]
    assert workspace_settings(uow).currency == "NZD"
    with uow as session:
        assert set(session.scalars(select(Award.amount_nzd))) == {D("100.00")}


def test_a_new_financial_year_start_relabels_the_grants_years_it_decided(uow, make_actor):
    add_clusters(uow, "Research")
    _grant(uow, "Research", "1", date(2023, 5, 1))  # the year decided from the date: 2022/23
    _grant(uow, "Research", "1", date(2023, 8, 1))
    _grant(uow, "Research", "1", date(2023, 5, 2), financial_year="2021/22")  # typed by hand
    update_settings(uow, make_actor(Role.ADMIN), financial_year_start="4")
    with uow as session:
        years = dict(session.execute(select(ClusterGrant.granted_on, ClusterGrant.financial_year)).all())
    # May 2023 is in 2023/24 from April; August stays 2023/24; a year typed by hand is kept.
    assert years == {date(2023, 5, 1): "2023/24", date(2023, 8, 1): "2023/24", date(2023, 5, 2): "2021/22"}


def test_a_long_rate_table_is_listed_a_page_at_a_time(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    days = "".join(f"2024-{m:02d}-{d:02d},0.6,0.55\n" for m in range(1, 13) for d in range(1, 21))
    exchange_rates.import_rates(uow, admin, "daily.csv", ("Date,USD,EUR\n" + days).encode())
    first = exchange_rates.list_rates(uow, admin)
    assert (len(first.items), first.total, first.currencies, first.partial) == (200, 480, ("EUR", "USD"), True)
    usd = exchange_rates.list_rates(uow, admin, "USD", limit=None)
    assert usd.total == 240 and usd.items[0].on_date == date(2024, 12, 20) and not usd.partial
    assert exchange_rates.to_reporting(uow, D("600"), "USD", date(2024, 12, 31)) == D("1000.00")


def test_accounts_on_the_old_time_zone_move_with_the_workspace(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    chose = make_actor(Role.RESEARCHER)
    users.set_timezone(uow, chose, "Asia/Tokyo")
    update_settings(uow, admin, timezone="Europe/London")
    with uow as session:
        zones = dict(session.execute(select(User.id, User.timezone)).all())
    assert zones == {admin.id: "Europe/London", chose.id: "Asia/Tokyo"}


def test_a_rates_workbook_with_real_dates_and_numbers(uow, make_actor):
    import io
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "USD", "AUD"])
    sheet.append([datetime(2024, 1, 2), 0.6123, 0.9187])
    sheet.append([datetime(2024, 1, 3), 0.6101, None])
    buffer = io.BytesIO()
    book.save(buffer)
    admin = make_actor(Role.ADMIN)
    result = exchange_rates.import_rates(uow, admin, "b1.xlsx", buffer.getvalue())
    assert (result.added, result.currencies, result.first, result.last) == (
        3,
        ("AUD", "USD"),
        date(2024, 1, 2),
        date(2024, 1, 3),
    )
    assert exchange_rates.to_reporting(uow, D("6123"), "USD", date(2024, 1, 2)) == D("10000.00")
    again = exchange_rates.import_rates(uow, admin, "b1.xlsx", buffer.getvalue())
    assert (again.added, again.updated) == (0, 3)
