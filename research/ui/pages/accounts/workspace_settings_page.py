"""Admin: the workspace's reporting currency, time zone, financial year and area, and its exchange rates."""

import calendar
from zoneinfo import available_timezones

import streamlit as st

from research.domain.currencies import CURRENCIES
from research.services.common.workspace_settings import update_settings, workspace_settings
from research.ui import deps
from research.ui.components.accounts.rates_editor import rates_editor
from research.ui.feedback import succeeded
from research.ui.guard import page_actor

SETTINGS_FORM_KEY = "workspace_settings_form"
MONTHS = {number: calendar.month_name[number] for number in range(1, 13)}

actor = page_actor("workspace_settings_page.py")
st.title("Workspace settings")
current = workspace_settings(deps.uow())
st.caption(
    f"Figures are reported in **{current.currency}**, dates shown in **{current.timezone}**, years run "
    f"**{current.financial_year_months}**. Area served: **{current.area.text or 'not set'}**."
)

with st.form(SETTINGS_FORM_KEY):
    currencies = sorted(CURRENCIES)
    zones = sorted(available_timezones())
    currency = st.selectbox("Reporting currency", currencies, index=currencies.index(current.currency))
    timezone = st.selectbox(
        "Time zone",
        zones,
        index=zones.index(current.timezone) if current.timezone in zones else 0,
        help="Accounts still on the current time zone move to the new one; others keep the zone they chose.",
    )
    start = st.selectbox(
        "Financial year starts in",
        list(MONTHS),
        index=current.financial_year_start - 1,
        format_func=MONTHS.__getitem__,
    )
    area = st.text_input(
        "Area the unit serves",
        value=current.area.text,
        placeholder="Dunedin;Mosgiel;9010;9011",
        help="Place names and postcode prefixes, separated by ';'. Awards count as won back to the area only "
        "when their recipient's locality, region or postcode is in it. Leave empty while not decided.",
    )
    convert = st.checkbox(
        "Convert money already recorded with the exchange rates below",
        help="Needed to change the currency once awards or cluster grants are recorded: each is converted from "
        "its original amount at the rate of its date. Refused if any has no rate.",
    )
    if st.form_submit_button("Save settings", type="primary") and succeeded(
        lambda: update_settings(
            deps.uow(),
            actor,
            convert_with_rates=convert,
            currency=currency,
            timezone=timezone,
            financial_year_start=str(start),
            area=area,
        ),
        "Settings saved.",
    ):
        st.cache_data.clear()
        st.rerun()

rates_editor(actor, current.currency)
