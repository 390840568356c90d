"""Award links (managers): which application and cluster each award is credited to, by which rule, and where."""

import streamlit as st

from research.services.roi import ledgers
from research.ui import deps
from research.ui.components.roi.award_links import link_form, links_table, place_form
from research.ui.feedback import attempt, show_flash
from research.ui.guard import page_actor

actor = page_actor("attribution_page.py")
st.title("Award links")
st.caption(
    "Each award is linked to an application and a cluster by a recorded rule: the same application, "
    "the cluster named in the imported file, a title-and-lead match with its score (linked at 90 or above; "
    "below, the best candidate is shown as a suggestion), or a person's decision, which no rule overrides. "
    "Awards with no cluster are unattributed: shown apart on the return dashboard, never counted."
)
show_flash()
clusters = attempt(lambda: ledgers.list_clusters(deps.uow(), actor))
if clusters is None:
    st.stop()
award = links_table(actor)
if award is None:
    st.stop()
link, place = st.columns(2)
with link:
    link_form(actor, award, clusters)
with place:
    place_form(actor, award)
