"""Ledgers (managers): the unit's grants to clusters and the money won back."""

import streamlit as st

from research.services.roi import ledgers
from research.ui import deps
from research.ui.components.roi.ledger_awards import awards_tab
from research.ui.components.roi.ledger_grants import grants_tab
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("ledgers_page.py")
st.title("Ledgers")
clusters = attempt(lambda: ledgers.list_clusters(deps.uow(), actor))
if clusters is None:
    st.stop()
if not clusters:
    st.info("There are no clusters yet, so there is nothing to grant to or credit awards to.")
    st.stop()
grants, won = st.tabs(["Cluster grants", "Awards (money won)"])
with grants:
    grants_tab(actor, clusters)
with won:
    awards_tab(actor, clusters)
