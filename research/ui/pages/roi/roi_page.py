"""Return on investment: money won back against the unit's cluster grants.

Managers and admins see every figure and chart; everyone else a read-only summary.
"""

from functools import partial

import streamlit as st

from research.charts.roi import won_against_granted
from research.domain.locale import workspace_locale
from research.domain.roles import Action, can
from research.services.roi.details import drill_keys
from research.ui.components.roi import roi_data
from research.ui.components.roi.roi_basis import area_banner, counted_lists, not_counted
from research.ui.components.roi.roi_chart_panel import chart_panel
from research.ui.components.roi.roi_filters import filter_bar
from research.ui.components.roi.roi_headline import headline_cards
from research.ui.components.roi.roi_report import report_button
from research.ui.components.roi.roi_tables import SHOWN_ROWS, shown_rows
from research.ui.feedback import attempt
from research.ui.guard import page_actor

ROI_SUMMARY_CHART_KEY = "roi_summary_chart"

actor = page_actor("roi_page.py")
st.title("Return on investment")
full = can(actor.role, Action.VIEW_ROI_DASHBOARD)
version = roi_data.version()
options = attempt(lambda: roi_data.options(actor, version))
if options is None:
    st.stop()
roi_filter = filter_bar(options, with_cluster_and_funder=full)
st.caption(
    f"Showing {roi_filter.describe()}. Money is in {workspace_locale().currency}; "
    "an award shared by clusters counts in its shares."
)

if not full:
    summary = attempt(lambda: roi_data.summary(actor, roi_filter, version))
    if summary:
        area_banner(summary.headline)
        headline_cards(summary.headline, False, partial(not_counted, summary.headline, roi_filter))
        st.plotly_chart(won_against_granted(summary.over_time, roi_filter.year_basis.label), key=ROI_SUMMARY_CHART_KEY)
        st.caption("The full dashboard, with every chart and the awards behind them, is for managers and admins.")
    st.stop()

result = attempt(lambda: roi_data.dashboard(actor, roi_filter, version))
if result is None:
    st.stop()
headline = result.headline
area_banner(headline)


def _what_counts() -> None:
    not_counted(headline, roi_filter)
    counted_lists(actor, roi_filter, headline, version)


headline_cards(headline, after_first_row=_what_counts)
report_button(result, actor)
# Charts with long funder names get the full width; the others sit in pairs.
for row in (("over_time", "by_cluster"), ("by_funder",), ("success_by_funder",), ("reviewed", "pipeline")):
    for column, chart in zip(st.columns(len(row)), row, strict=True):
        with column:
            table = getattr(result, chart)
            chart_panel(actor, roi_filter, chart, table, drill_keys(chart, table.head(SHOWN_ROWS)), version)
for label, note in (("By funder", result.funder_comparison), ("Cluster review", result.reviewed_comparison)):
    if note:
        st.caption(f"{label}: {note}")
with st.expander("Pipeline by funding round: which success rate weighs each application"):
    if result.headline.pipeline is not None:
        shown_rows(result.headline.pipeline.by_round, all_rows_in="the council report's pages")
