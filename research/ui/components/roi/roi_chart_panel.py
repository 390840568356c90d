"""One dashboard chart in a card: click a bar or point (or pick it) to list what lies behind it;
download the chart's table as CSV or XLSX."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.roi import RoiFilter
from research.domain.roles import Action, can
from research.export.tables import to_csv, to_xlsx
from research.services.common.actor import Actor
from research.services.roi.details import APPLICATION_CHARTS, Drill
from research.ui import state
from research.ui.components.roi import roi_data
from research.ui.components.roi.roi_tables import column_config, shown_rows
from research.ui.feedback import attempt

ROI_CARD_PREFIX = "roi_card_"
ROI_CSV_PREFIX = "roi_csv_"
ROI_DETAILS_CSV_PREFIX = "roi_details_csv_"
ROI_DETAILS_PREFIX = "roi_details_"
ROI_DETAILS_XLSX_PREFIX = "roi_details_xlsx_"
ROI_XLSX_PREFIX = "roi_xlsx_"

NOTHING = "—"


def chart_panel(
    actor: Actor, roi_filter: RoiFilter, chart: str, table: pd.DataFrame, keys: list[tuple], version: tuple
) -> None:
    figure = roi_data.figure(chart, roi_filter, version, table)
    with st.container(border=True, key=f"{ROI_CARD_PREFIX}{chart}"):
        event = st.plotly_chart(
            figure,
            on_select="rerun",
            selection_mode="points",
            key=f"{state.ROI_CHART_PREFIX}{chart}",
            config={"displaylogo": False},
        )
        clicked = _clicked(event)
        _downloads(chart, table)
        if not keys:
            return
        if chart in APPLICATION_CHARTS and not can(actor.role, Action.OVERSEE_APPLICATIONS):
            st.caption("The applications behind this chart are listed for managers, who oversee applications.")
            return
        labels = {" · ".join(k): k for k in keys}
        picked = st.selectbox(
            "List what lies behind",
            [NOTHING, *labels],
            key=f"{state.ROI_PICK_PREFIX}{chart}",
            help="Or click a bar or point in the chart.",
        )
        key = clicked or labels.get(picked)
        if key:
            _details(actor, roi_filter, Drill(chart, tuple(key)), version)


def _clicked(event) -> tuple | None:
    points = event.selection.points if event and event.selection else []
    data = points[0].get("customdata") if points else None
    return tuple(data) if data else None


def _downloads(chart: str, table: pd.DataFrame) -> None:
    with st.container(horizontal=True):
        # Callables: the files are made when clicked, not on every rerun (an XLSX of thousands of rows takes seconds).
        st.download_button(
            "Table as CSV",
            lambda: to_csv(table),
            f"{chart}.csv",
            "text/csv",
            icon=":material/download:",
            key=f"{ROI_CSV_PREFIX}{chart}",
            on_click="ignore",
        )
        st.download_button(
            "Table as XLSX",
            lambda: to_xlsx(table, chart),
            f"{chart}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key=f"{ROI_XLSX_PREFIX}{chart}",
            on_click="ignore",
        )
        with st.popover("Table", icon=":material/table:"):
            shown_rows(table)


def listed(actor: Actor, roi_filter: RoiFilter, drill: Drill, version: tuple) -> None:
    """The awards or applications behind a drill, with their downloads."""
    _details(actor, roi_filter, drill, version)


def _details(actor: Actor, roi_filter: RoiFilter, drill: Drill, version: tuple) -> None:
    found = attempt(lambda: roi_data.details(actor, roi_filter, drill, version))
    if found is None:
        return
    what = "application" if drill.chart in APPLICATION_CHARTS else "award"
    what += "" if found.total_rows == 1 else "s"
    shown = f"first {len(found.rows)} of {found.total_rows}" if found.truncated else str(found.total_rows)
    st.markdown(f"**{shown} {what} behind {drill.describe()}**")
    st.dataframe(
        found.rows, hide_index=True, column_config=column_config(found.rows), key=f"{ROI_DETAILS_PREFIX}{drill.chart}"
    )
    with st.container(horizontal=True):
        st.download_button(
            "These rows as CSV",
            to_csv(found.rows),
            f"{drill.chart}-details.csv",
            "text/csv",
            key=f"{ROI_DETAILS_CSV_PREFIX}{drill.chart}",
            on_click="ignore",
        )
        st.download_button(
            "These rows as XLSX",
            to_xlsx(found.rows, "Details"),
            f"{drill.chart}-details.xlsx",
            key=f"{ROI_DETAILS_XLSX_PREFIX}{drill.chart}",
            on_click="ignore",
        )
