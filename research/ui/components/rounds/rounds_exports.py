"""The timeline tab and the downloads (CSV, Excel, calendar) of the filtered list of rounds."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from research.charts.rounds_timeline import timeline_figure
from research.export.rounds_ics import ICS_MIME, rounds_calendar
from research.export.rounds_table import CSV_MIME, XLSX_MIME, to_csv, to_xlsx
from research.services.common.actor import Actor
from research.services.rounds.calendar import round_calendar
from research.services.rounds.queries import RoundFilter
from research.ui import deps
from research.ui.feedback import attempt

ROUNDS_CSV_KEY = "rounds_csv"
ROUNDS_DOWNLOADS_KEY = "rounds_downloads"
ROUNDS_ICS_KEY = "rounds_ics"
ROUNDS_TIMELINE_KEY = "rounds_timeline"
ROUNDS_XLSX_KEY = "rounds_xlsx"

TIMELINE_LIMIT = 40


def rounds_timeline(actor: Actor, chosen: RoundFilter, total: int, now: datetime) -> None:
    dates = attempt(lambda: round_calendar(deps.uow(), actor, chosen, now=now, limit=TIMELINE_LIMIT))
    if not dates:
        st.info("No round matches these filters.", icon=":material/filter_alt_off:")
        return
    st.plotly_chart(timeline_figure(dates, actor.timezone, now), key=ROUNDS_TIMELINE_KEY, config={"displaylogo": False})
    st.caption(
        "Bars run from the opening date (or the first internal deadline) to the close; "
        "markers show the internal deadlines."
        + (
            f" Showing the first {TIMELINE_LIMIT} of {total:,} rounds in the chosen order: "
            "narrow the filters to see the others."
            if total > TIMELINE_LIMIT
            else ""
        )
    )


def list_downloads(actor: Actor, chosen: RoundFilter, rounds: pd.DataFrame, now: datetime) -> None:
    """Files are made when the button is pressed, so a long list does not slow every rerun."""
    row = st.container(horizontal=True, key=ROUNDS_DOWNLOADS_KEY)
    csv = xlsx = ics = row
    disabled = rounds.empty
    csv.download_button(
        "CSV",
        lambda: to_csv(rounds),
        file_name="funding-rounds.csv",
        mime=CSV_MIME,
        icon=":material/download:",
        on_click="ignore",
        disabled=disabled,
        key=ROUNDS_CSV_KEY,
    )
    xlsx.download_button(
        "Excel",
        lambda: to_xlsx(rounds),
        file_name="funding-rounds.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        disabled=disabled,
        key=ROUNDS_XLSX_KEY,
    )
    ics.download_button(
        "Calendar (.ics)",
        lambda: rounds_calendar(round_calendar(deps.uow(), actor, chosen, now=now), now),
        file_name="funding-rounds.ics",
        mime=ICS_MIME,
        icon=":material/event:",
        on_click="ignore",
        disabled=disabled,
        key=ROUNDS_ICS_KEY,
        help="Each close and each internal deadline of the rounds listed, as calendar events.",
    )
