"""How the dashboard's tables show money, rates and multiples."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from research.domain.money import money_symbol

SHOWN_ROWS = 200  # a table on the page shows its first rows; its download holds them all
_NOT_MONEY = ("rate", "share", "multiple", "applications", "awards", "decided", "awarded", "declined")


def money_column_format() -> str:
    """A table column of amounts in the reporting currency: '$1,234.57', '£1,234.57', 'CHF 1,234.57'."""
    return {"$": "dollar", "€": "euro"}.get(money_symbol()) or f"{money_symbol()}%,.2f"


def column_config(table: pd.DataFrame) -> dict:
    config = {}
    for name in table.columns:
        # A column holds one kind of value, so its first one tells (scanning all of a 5,000-row table did not).
        if not isinstance(next(iter(table[name].dropna()), None), Decimal):
            continue
        if "rate" in name:
            config[name] = st.column_config.NumberColumn(name, format="percent")
        elif "multiple" in name:
            config[name] = st.column_config.NumberColumn(name, format="%.1fx")
        elif "share" in name:
            config[name] = st.column_config.NumberColumn(name, format="%.2f%%")
        elif not any(word in name for word in _NOT_MONEY):
            config[name] = st.column_config.NumberColumn(name, format=money_column_format())
    return config


def shown_rows(table: pd.DataFrame, all_rows_in: str = "the CSV and XLSX downloads") -> None:
    """The table's first SHOWN_ROWS rows, saying where all of them are."""
    shown = table.head(SHOWN_ROWS)
    st.dataframe(shown, hide_index=True, column_config=column_config(shown))
    if len(table) > SHOWN_ROWS:
        st.caption(f"The first {SHOWN_ROWS} of {len(table):,} rows; {all_rows_in} hold them all.")
