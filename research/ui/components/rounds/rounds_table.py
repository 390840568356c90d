"""The table of funding rounds, in the viewer's time zone; selecting a row opens that round."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.ui import state


def _wall(column: pd.Series, zone_name: str) -> pd.Series:
    return column.dt.tz_convert(zone_name).dt.tz_localize(None)


def _number(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.map(lambda v: None if v is None or pd.isna(v) else float(v)), errors="coerce")


def display_frame(rounds: pd.DataFrame, zone_name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Round": rounds["round"],
            "Status": rounds["status"],
            "Closes": _wall(rounds["closes_at"], zone_name),
            "Funder": rounds["funder"],
            "Scheme": rounds["scheme"],
            "Opens": _wall(rounds["opens_at"], zone_name),
            "Currency": rounds["currency"],
            "Pool": _number(rounds["pool"]),
            "Max award": _number(rounds["max_award"]),
            "Success rate": _number(rounds["success_rate"]) * 100,
            "Expected awards": rounds["expected_awards"],
            "Clusters": [", ".join(names) for names in rounds["clusters"]],
            "Limited": rounds["limited_submission"],
            "Archived": rounds["archived"],
        }
    )


def rounds_table(rounds: pd.DataFrame, zone_name: str) -> int | None:
    """Show the rounds; the id of the round the viewer selected, if any."""
    view = display_frame(rounds, zone_name)
    if not view["Archived"].any():
        view = view.drop(columns="Archived")
    when = "ddd D MMM YYYY, HH:mm"
    event = st.dataframe(
        view,
        key=state.ROUNDS_TABLE,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        placeholder="—",
        column_config={
            "Round": st.column_config.TextColumn("Round", width="medium"),
            "Funder": st.column_config.TextColumn("Funder", width="medium"),
            "Opens": st.column_config.DatetimeColumn(f"Opens ({zone_name})", format=when),
            "Closes": st.column_config.DatetimeColumn(f"Closes ({zone_name})", format=when),
            "Pool": st.column_config.NumberColumn("Pool", format="localized"),
            "Max award": st.column_config.NumberColumn("Max award", format="localized"),
            "Success rate": st.column_config.NumberColumn("Success rate", format="%.1f%%"),
            "Limited": st.column_config.CheckboxColumn("Limited submission"),
        },
    )
    rows = event.selection.rows if event else []
    return int(rounds["id"].iloc[rows[0]]) if rows and rows[0] < len(rounds) else None
