"""How the dashboard's tables show money, rates and multiples."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

_NOT_MONEY = ("rate", "share", "multiple", "applications", "awards", "decided", "awarded", "declined")


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
            config[name] = st.column_config.NumberColumn(name, format="dollar")
    return config
