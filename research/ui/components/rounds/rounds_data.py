"""The list of rounds, cached per viewer and filter until anything is written or a minute passes."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from research.domain.clock import utcnow
from research.services.common.actor import Actor
from research.services.rounds.calendar import data_version, list_rounds
from research.services.rounds.queries import RoundFilter
from research.ui import deps


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _rounds(actor: Actor, chosen: RoundFilter, minute: datetime, version: int, database: str) -> pd.DataFrame:
    return list_rounds(deps.uow(), actor, chosen, minute)


def rounds_for(actor: Actor, chosen: RoundFilter) -> tuple[pd.DataFrame, datetime]:
    """The rounds and the minute their statuses were worked out at (a status changes at most by the minute)."""
    minute = utcnow().replace(second=0, microsecond=0)
    database = deps.settings().database_url.render_as_string(hide_password=True)
    with st.spinner("Loading rounds…", show_time=True):
        return _rounds(actor, chosen, minute, data_version(deps.uow()), database), minute
