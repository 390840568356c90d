"""The exchange-rate table of the settings page: see it, add or replace a day's rate, delete one, import a file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.currencies import CURRENCIES
from research.domain.rates import Quote
from research.services.common import exchange_rates
from research.services.common.actor import Actor
from research.ui import deps
from research.ui.feedback import attempt, succeeded

KEY = "rates_editor"
QUOTE_LABELS = {
    Quote.PER_REPORTING: "units of the currency for one {reporting} (as central banks publish)",
    Quote.IN_REPORTING: "{reporting} for one unit of the currency",
}


def rates_editor(actor: Actor, reporting: str) -> None:
    st.subheader(f"Exchange rates to {reporting}")
    st.caption(
        "An amount in another currency converts at the latest rate on or before its date. "
        "A rate given with an import (`--rate USD=1.68`) overrides these for that import."
    )
    everything = attempt(lambda: exchange_rates.list_rates(deps.uow(), actor, limit=0))
    codes = everything.currencies if everything else ()
    currency = (
        st.selectbox("Show the rates of", codes, index=None, key=f"{KEY}_currency", placeholder="every currency")
        if codes
        else None
    )
    listing = attempt(lambda: exchange_rates.list_rates(deps.uow(), actor, currency))
    rates = list(listing.items) if listing else []
    if listing and listing.partial:
        st.caption(
            f"The first {len(rates):,} of {listing.total:,} rates (by currency, newest first): "
            "pick a currency to see all of its rates."
        )
    if rates:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "currency": r.currency,
                        "date": r.on_date,
                        "as published": f"{r.rate}",
                        "quoted as": "per " + reporting if r.quote is Quote.PER_REPORTING else "in " + reporting,
                        f"{reporting} for one unit": f"{r.in_reporting:.6f}",
                        "source": r.source,
                    }
                    for r in rates
                ]
            ),
            hide_index=True,
        )
    else:
        st.info(f"No exchange rates to {reporting} yet: add one or import a central bank's series.")
    add, load = st.columns(2, gap="large")
    with add:
        _add_form(actor, reporting, rates)
    with load:
        _import_form(actor, reporting)


def _quote(reporting: str, key: str) -> Quote:
    return st.radio(
        "The rate is",
        list(QUOTE_LABELS),
        format_func=lambda q: QUOTE_LABELS[q].format(reporting=reporting),
        key=f"{KEY}_{key}_quote",
    )


def _add_form(actor: Actor, reporting: str, rates: list[exchange_rates.RateView]) -> None:
    with st.form(f"{KEY}_add", clear_on_submit=True):
        st.markdown("**Add or replace a day's rate**")
        codes = [c for c in sorted(CURRENCIES) if c != reporting]
        currency = st.selectbox("Currency", codes, index=codes.index("USD") if "USD" in codes else 0)
        day = st.date_input("Date", value=None, format="YYYY-MM-DD")
        rate = st.text_input("Rate", placeholder="0.6123")
        quote = _quote(reporting, "add")
        if st.form_submit_button("Save rate") and succeeded(
            lambda: exchange_rates.set_rate(deps.uow(), actor, currency, day or "", rate, quote),
            "Rate saved.",
        ):
            st.rerun()
    if rates:
        labels = {f"{r.currency} {r.on_date.isoformat()} ({r.rate})": r.id for r in rates}
        chosen = st.selectbox("Delete a rate", list(labels), index=None, key=f"{KEY}_delete_choice")
        if (
            chosen
            and st.button("Delete this rate", key=f"{KEY}_delete")
            and succeeded(lambda: exchange_rates.delete_rate(deps.uow(), actor, labels[chosen]), "Rate deleted.")
        ):
            st.rerun()


def _import_form(actor: Actor, reporting: str) -> None:
    with st.form(f"{KEY}_import", clear_on_submit=True):
        st.markdown("**Import rates from a file**")
        st.caption(
            "CSV or XLSX: a date column and one column per currency titled with its code (e.g. Date, USD, EUR: "
            "the shape of the RBNZ's, the Bank of England's or the ECB's series), or rows of currency, date, rate. "
            "The file is imported whole or not at all; a day's rate already stored is replaced."
        )
        upload = st.file_uploader("Rates file", type=["csv", "xlsx"], key=f"{KEY}_file")
        quote = _quote(reporting, "import")
        if st.form_submit_button("Import rates") and upload is not None:
            result = attempt(
                lambda: exchange_rates.import_rates(deps.uow(), actor, upload.name, upload.getvalue(), quote)
            )
            if result is not None:
                st.success(
                    f"Imported rates for {', '.join(result.currencies)} from {result.first} to {result.last}: "
                    f"{result.added} new, {result.updated} replaced."
                )
