"""Funding rounds: who funds what, when it closes, and what the cluster must do before then."""

import streamlit as st

from research.services.rounds import calendar as service
from research.ui import deps
from research.ui.components.rounds.round_detail import round_detail
from research.ui.components.rounds.round_filters import round_filters
from research.ui.components.rounds.rounds_data import rounds_for
from research.ui.components.rounds.rounds_exports import list_downloads, rounds_timeline
from research.ui.components.rounds.rounds_table import rounds_table
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("rounds_page.py")
st.title("Funding rounds")
st.caption(f"Times are shown in {actor.timezone}, your time zone (change it under My account).")

options = attempt(lambda: service.filter_options(deps.uow(), actor))
if options is None:
    st.stop()
chosen = round_filters(actor, options)
loaded = attempt(lambda: rounds_for(actor, chosen))
if loaded is None:
    st.stop()
rounds, now = loaded

selected = None
table, timeline = st.tabs([f"Table ({len(rounds):,})", "Timeline"])
with table:
    if rounds.empty:
        st.info("No round matches these filters.", icon=":material/filter_alt_off:")
    else:
        selected = rounds_table(rounds, actor.timezone)
with timeline:
    rounds_timeline(actor, chosen, len(rounds), now)
list_downloads(actor, chosen, rounds, now)

linked = st.query_params.get("round", "")
round_id = selected or (int(linked) if linked.isdigit() else None)
if round_id is None:
    st.caption("Select a round in the table to see its internal deadlines and applications.")
else:
    shown_id: int = round_id
    detail = attempt(lambda: service.get_round(deps.uow(), actor, shown_id, now))
    if detail is not None:
        round_detail(actor, detail, now)
