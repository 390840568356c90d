"""The one-click council report: built only when the button is pressed (charts take a few seconds)."""

from __future__ import annotations

import streamlit as st

from research.charts.roi import figure_for
from research.domain.clock import utcnow
from research.export.roi_report import dashboard_report
from research.services.common.actor import Actor
from research.services.roi.dashboard import CHART_TABLES, Dashboard

ROI_REPORT_KEY = "roi_report"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_button(dashboard: Dashboard, actor: Actor) -> None:
    def build() -> bytes:
        label = dashboard.filter.year_basis.label
        figures = {key: figure_for(key, getattr(dashboard, key), label) for key in CHART_TABLES}
        return dashboard_report(dashboard, figures, utcnow(), actor.timezone)

    st.download_button(
        "Council report (.docx)",
        data=build,
        file_name="return-on-investment.docx",
        mime=DOCX,
        icon=":material/description:",
        type="primary",
        on_click="ignore",
        key=ROI_REPORT_KEY,
        help="Headline figures, the charts and their tables, for a council meeting.",
    )
