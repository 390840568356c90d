"""Cached reads for the return dashboard, keyed by every input and by the data's version.

Several app processes each keep their own cache, so entries are keyed by a cheap
"data version" rather than cleared after writes; the TTL is only a safety net.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from research.charts.roi import figure_for
from research.domain.roi import RoiFilter
from research.services.common.actor import Actor
from research.services.roi import dashboard as roi
from research.services.roi import details as roi_details
from research.services.roi import options as roi_options
from research.ui import deps


def version() -> tuple:
    return roi_options.data_version(deps.uow())


# A resource, not data: the page only reads it, and unpickling a copy of every table on each rerun
# cost a fifth of the dashboard's rerun at national scale.
@st.cache_resource(ttl=600, max_entries=64, show_spinner="Adding up the figures…")
def dashboard(actor: Actor, roi_filter: RoiFilter, data_version: tuple) -> roi.Dashboard:
    return roi.dashboard(deps.uow(), actor, roi_filter)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def summary(actor: Actor, roi_filter: RoiFilter, data_version: tuple) -> roi.Summary:
    return roi.summary(deps.uow(), actor, roi_filter)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def options(actor: Actor, data_version: tuple) -> roi_options.FilterOptions:
    return roi_options.filter_options(deps.uow(), actor)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def details(actor: Actor, roi_filter: RoiFilter, drill: roi_details.Drill, data_version: tuple) -> roi_details.Details:
    return roi_details.details(deps.uow(), actor, roi_filter, drill)


# A resource, not data: one figure object per process, not unpickled again on every rerun (building
# and copying Plotly figures was half of the dashboard's rerun). Keyed like the data it is drawn
# from; the table itself (`_table`) is not hashed, it is fixed by the other arguments.
@st.cache_resource(ttl=600, max_entries=128, show_spinner=False)
def figure(chart: str, roi_filter: RoiFilter, data_version: tuple, _table: pd.DataFrame) -> go.Figure:
    return figure_for(chart, _table, roi_filter.year_basis.label)
