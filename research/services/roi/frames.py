"""Small helpers for the dashboard's DataFrames."""

from __future__ import annotations

from typing import Any

import pandas as pd


def object_column(frame: pd.DataFrame, values: list[Any]) -> pd.Series:
    """Values (Decimals, None) as a column of `frame`, kept as Python objects: money stays exact."""
    return pd.Series(values, index=frame.index, dtype=object)
