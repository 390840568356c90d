"""Award links: each award's application, cluster and place, the rule that set them, and a person's changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.common.actor import Actor
from research.services.roi import attribution
from research.services.roi.attribution import AttributionView, PlaceInput
from research.ui import deps
from research.ui.components.common.search_box import search_box
from research.ui.feedback import attempt, flash, succeeded

LINKS_SEARCH_KEY = "award_links_search"
LINKS_UNLINKED_KEY = "award_links_unlinked"
LINKS_TABLE_KEY = "award_links_table"
LINK_FORM_KEY = "award_link_form"
LINK_APPLICATION_KEY = "award_link_application"
LINK_CLUSTER_KEY = "award_link_cluster"
PLACE_FORM_KEY = "award_place_form"
PLACE_FIELDS_PREFIX = "award_place_"

NO_APPLICATION = "No application"
NO_CLUSTER = "No cluster (unattributed: not counted)"


def links_table(actor: Actor) -> AttributionView | None:
    """The awards with their links; returns the one selected, if any."""
    search = search_box("Find awards", placeholder="identifier, title, funder or recipient", key=LINKS_SEARCH_KEY)
    unlinked = st.toggle("Only awards not linked to a cluster", key=LINKS_UNLINKED_KEY)
    listing = attempt(lambda: attribution.list_attributions(deps.uow(), actor, search, unlinked))
    found = list(listing.items) if listing else []
    if listing:
        more = f" The first {len(found):,} are listed: search to find others." if listing.partial else ""
        st.caption(f"{listing.total:,} award(s), those not linked first.{more} Select a row to change its link.")
    picked = st.dataframe(
        _frame(found),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=LINKS_TABLE_KEY,
        column_config={
            "title": st.column_config.TextColumn(width="medium"),
            "amount": st.column_config.NumberColumn(format="dollar"),
        },
    )
    rows = picked.selection.rows if picked and picked.selection else []
    return found[rows[0]] if rows and rows[0] < len(found) else None


COLUMNS = (
    "identifier",
    "title",
    "amount",
    "place",
    "linked by",
    "score",
    "cluster",
    "application",
    "recipient",
    "where",
    "award date",
    "decided by",
)


def _frame(items: list[AttributionView]) -> pd.DataFrame:
    """What counts first (place, rule, cluster), then where it comes from."""
    return pd.DataFrame(
        [
            {
                "identifier": v.identifier,
                "title": v.title,
                "amount": v.amount,
                "place": v.place.label,
                "linked by": v.source.label,
                "score": "—" if v.score is None else f"{v.score:.1f}",
                "cluster": v.clusters or "—",
                "application": v.application,
                "recipient": v.recipient,
                "where": v.where,
                "award date": v.awarded_on,
                "decided by": v.decided_by,
            }
            for v in items
        ],
        columns=list(COLUMNS),
    )


def link_form(actor: Actor, award: AttributionView, clusters: list[str]) -> None:
    choices = attempt(lambda: attribution.application_choices(deps.uow(), actor)) or []
    labels = {label: app_id for app_id, label in choices}
    current_app = next((label for label, _ in labels.items() if label.startswith(award.application + " (")), None)
    with st.form(LINK_FORM_KEY):
        st.markdown(f"**Link for {award.identifier}** — now: {award.source.label}")
        options = [NO_APPLICATION, *labels]
        application = st.selectbox(
            "Application",
            options,
            index=options.index(current_app) if current_app and award.application else 0,
            key=LINK_APPLICATION_KEY,
        )
        cluster_options = [NO_CLUSTER, *clusters]
        current = award.clusters if award.clusters in clusters else NO_CLUSTER
        cluster = st.selectbox("Cluster", cluster_options, index=cluster_options.index(current), key=LINK_CLUSTER_KEY)
        if st.form_submit_button("Save link (a person's decision)"):
            app_id = labels.get(application)
            chosen = None if cluster == NO_CLUSTER else cluster
            if succeeded(lambda: attribution.link_award(deps.uow(), actor, award.award_id, app_id, chosen)):
                flash(f"Linked {award.identifier}.")
                st.rerun()


def place_form(actor: Actor, award: AttributionView) -> None:
    with st.form(PLACE_FORM_KEY):
        st.markdown(f"**Where the recipient of {award.identifier} is**")
        st.caption("Correct it when the recipient's registered address is not where the money is spent.")
        recipient = st.text_input("Recipient", award.recipient, key=f"{PLACE_FIELDS_PREFIX}recipient")
        now = award.place_fields
        locality = st.text_input("Locality (town or city)", now[0], key=f"{PLACE_FIELDS_PREFIX}locality")
        postcode = st.text_input("Postcode", now[1], key=f"{PLACE_FIELDS_PREFIX}postcode")
        region = st.text_input("Region", now[2], key=f"{PLACE_FIELDS_PREFIX}region")
        country = st.text_input("Country", now[3], key=f"{PLACE_FIELDS_PREFIX}country")
        if st.form_submit_button("Save place"):
            place = PlaceInput(recipient, "", locality, postcode, region, country)
            if succeeded(lambda: attribution.set_award_place(deps.uow(), actor, award.award_id, place)):
                flash(f"Saved where the recipient of {award.identifier} is.")
                st.rerun()
