"""The dashboard's filters: year basis, period (a year, all time or chosen dates), cluster, funder."""

from __future__ import annotations

from datetime import date

import streamlit as st

from research.domain.locale import workspace_locale
from research.domain.roi import RoiFilter, YearBasis, year_bounds, year_label, year_number
from research.domain.round_values import today_in
from research.services.roi.options import FilterOptions
from research.ui import state

ROI_FILTERS_KEY = "roi_filters"

ALL_TIME, CUSTOM = "All time", "Chosen dates"
ALL_CLUSTERS, ALL_FUNDERS = "All clusters", "All funders"


def _basis_label(basis: YearBasis | str) -> str:
    if basis == YearBasis.CALENDAR:
        return "Calendar"
    return f"Financial ({workspace_locale().financial_year_months})"


def filter_bar(options: FilterOptions, with_cluster_and_funder: bool = True) -> RoiFilter:
    with st.container(border=True, key=ROI_FILTERS_KEY):
        columns = st.columns([1.2, 1.2, 1.3, 1.6] if with_cluster_and_funder else [1, 1])
        basis = columns[0].selectbox(
            "Years", [YearBasis.FINANCIAL, YearBasis.CALENDAR], format_func=_basis_label, key=state.ROI_BASIS
        )
        periods = _periods(options, basis)
        period = columns[1].selectbox("Period", list(periods), key=state.ROI_PERIOD)
        start, end = periods[period]
        if period == CUSTOM:
            start, end = _dates(options)
        cluster = funder = None
        if with_cluster_and_funder:
            cluster = columns[2].selectbox("Cluster", [ALL_CLUSTERS, *options.clusters], key=state.ROI_CLUSTER)
            funder = columns[3].selectbox("Funder", [ALL_FUNDERS, *options.funders], key=state.ROI_FUNDER)
    return RoiFilter(
        start,
        end,
        None if cluster in (None, ALL_CLUSTERS) else cluster,
        None if funder in (None, ALL_FUNDERS) else funder,
        basis,
    )


def _periods(options: FilterOptions, basis: YearBasis) -> dict[str, tuple[date | None, date | None]]:
    periods: dict[str, tuple[date | None, date | None]] = {ALL_TIME: (None, None)}
    if options.first_day and options.last_day:
        first, last = year_number(options.first_day, basis), year_number(options.last_day, basis)
        prefix = "FY " if basis is YearBasis.FINANCIAL else ""
        for number in range(last, first - 1, -1):
            periods[f"{prefix}{year_label(number, basis)}"] = year_bounds(number, basis)
    periods[CUSTOM] = (None, None)
    return periods


def _dates(options: FilterOptions) -> tuple[date | None, date | None]:
    today = today_in(workspace_locale().timezone)
    default = (options.first_day or today, options.last_day or today)
    picked = st.date_input("From and to", value=default, key=state.ROI_DATES, format="DD/MM/YYYY")
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked
    st.caption("Pick the last day too.")
    if isinstance(picked, tuple):
        return (picked[0] if picked else None), None
    return picked, None
