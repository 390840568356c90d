"""AppTest: the admin's Workspace settings page, and the rest of the app following what it saves."""

from __future__ import annotations

from datetime import date

import pytest

from research.domain.roles import Role
from research.services.common import exchange_rates
from research.services.common.workspace_settings import workspace_settings
from tests.integration import roi_dataset

PAGE = "research/ui/pages/accounts/workspace_settings_page.py"
ROI = "research/ui/pages/roi/roi_page.py"


def labelled(widgets, label):
    return next(w for w in widgets if w.label == label)


@pytest.fixture
def settings_page(signed_in):
    at, actor = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _save(at, **values):
    if "currency" in values:
        labelled(at.selectbox, "Reporting currency").select(values["currency"])
    if "timezone" in values:
        labelled(at.selectbox, "Time zone").select(values["timezone"])
    if "start" in values:
        labelled(at.selectbox, "Financial year starts in").select(values["start"])
    if "area" in values:
        labelled(at.text_input, "Area the unit serves").input(values["area"])
    if values.get("convert"):
        labelled(at.checkbox, "Convert money already recorded with the exchange rates below").check()
    labelled(at.button, "Save settings").click().run()
    assert not at.exception


def test_the_admin_saves_the_four_settings(settings_page, ui_uow):
    at = settings_page
    assert "Figures are reported in **NZD**" in at.caption[0].value
    _save(at, currency="GBP", timezone="Europe/London", start=4, area="London;Oxford;OX1")
    saved = workspace_settings(ui_uow)
    assert (saved.currency, saved.timezone, saved.financial_year_start, saved.area.text) == (
        "GBP",
        "Europe/London",
        4,
        "London;Oxford;OX1",
    )
    assert "Figures are reported in **GBP**" in at.caption[0].value
    assert "**April to March**" in at.caption[0].value


def test_a_bad_area_is_refused_and_nothing_changes(settings_page, ui_uow):
    at = settings_page
    _save(at, currency="AUD", area="Dunedin;--")
    assert any("'--' is neither a place name nor a postcode prefix" in e.value for e in at.error)
    assert workspace_settings(ui_uow).currency == "NZD"


def test_a_currency_change_with_money_recorded_says_how(settings_page, ui_uow):
    roi_dataset.build(ui_uow)
    at = settings_page
    _save(at, currency="GBP")
    assert any("money is already recorded in NZD" in e.value for e in at.error)
    assert workspace_settings(ui_uow).currency == "NZD"


def test_a_rate_is_added_and_listed(settings_page, ui_uow):
    at = settings_page
    assert any("No exchange rates to NZD yet" in i.value for i in at.info)
    labelled(at.text_input, "Rate").input("0.6")
    labelled(at.date_input, "Date").set_value(date(2024, 1, 2))
    labelled(at.button, "Save rate").click().run()
    assert not at.exception and not at.error
    table = next(d.value for d in at.dataframe if "currency" in d.value.columns)
    assert table.iloc[0]["currency"] == "USD" and table.iloc[0]["NZD for one unit"] == "1.666667"


def test_the_dashboard_follows_the_settings(signed_in, ui_uow):
    roi_dataset.build(ui_uow)
    admin_rates = b"Date,NZD,USD\n2000-01-01,2,1.25\n"
    at, admin = signed_in(Role.ADMIN)
    exchange_rates.import_rates(ui_uow, admin, "gbp.csv", admin_rates, reporting="GBP")
    from research.services.common.workspace_settings import update_settings

    update_settings(ui_uow, admin, convert_with_rates=True, currency="GBP", financial_year_start="4")
    at.run()
    at.switch_page(ROI).run()
    assert not at.exception
    figures = {m.label: m.value for m in at.metric}
    # Every NZD amount halved by the one rate ($1.61M won with a cluster; the $10k award with none is
    # shown apart); the cluster grants were $110k.
    assert (figures["Money won"], figures["Cluster grants"], figures["Return multiple"]) == ("£805k", "£55k", "15x")
    assert any("Money is in GBP" in c.value for c in at.caption)
    # Applications keep the currency their amounts were written in, and the dashboard says which it leaves out.
    assert any("5 decided application(s) have no amount in GBP" in c.value for c in at.caption)
