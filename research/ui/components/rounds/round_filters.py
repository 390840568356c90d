"""The filter bar of the funding-rounds list; each widget keeps its value in session state."""

from __future__ import annotations

import streamlit as st

from research.domain.roles import Action, can
from research.domain.round_rules import RoundStatus
from research.services.common.actor import Actor
from research.services.rounds.calendar import FilterOptions
from research.services.rounds.queries import RoundFilter
from research.ui.components.common.search_box import search_box
from research.ui.state import ROUNDS_FILTER_PREFIX as KEY

DEFAULT_STATUSES = [RoundStatus.OPEN.value, RoundStatus.UPCOMING.value, RoundStatus.FORECAST.value]
SORTS = {
    "Closing date, soonest first": ("closes", False),
    "Closing date, latest first": ("closes", True),
    "Opening date": ("opens", False),
    "Funder": ("funder", False),
    "Pool, largest first": ("pool", True),
    "Round name": ("name", False),
}


def round_filters(actor: Actor, options: FilterOptions) -> RoundFilter:
    with st.container(border=True):
        # Status gets the room its three default chips need, so none is clipped at a desktop width.
        funder, scheme, status, cluster = st.columns([1.1, 0.9, 2.1, 0.9])
        funder_ids = funder.multiselect(
            "Funder",
            list(options.funders),
            format_func=options.funders.__getitem__,
            key=f"{KEY}funder",
            placeholder="Any funder",
        )
        schemes = scheme.multiselect("Scheme", list(options.schemes), key=f"{KEY}scheme", placeholder="Any scheme")
        statuses = status.multiselect(
            "Status",
            [s.value for s in RoundStatus],
            default=DEFAULT_STATUSES,
            key=f"{KEY}status",
            placeholder="Any status",
            help="; ".join(f"{s.value}: {s.help}" for s in RoundStatus),
        )
        cluster_ids = cluster.multiselect(
            "Cluster",
            list(options.clusters),
            format_func=options.clusters.__getitem__,
            key=f"{KEY}cluster",
            placeholder="Any cluster",
        )
        search, within, sort, archived = st.columns([3, 1.3, 1.7, 1])
        text = search_box(
            "Search",
            where=search,
            key=f"{KEY}text",
            placeholder="Words in the round, scheme, funder, eligibility or notes",
        )
        days = within.number_input(
            "Closing within (days)",
            min_value=1,
            max_value=3650,
            value=None,
            step=1,
            key=f"{KEY}within",
            placeholder="Any time",
        )
        order = sort.selectbox("Sort by", list(SORTS), key=f"{KEY}sort")
        include_archived = False
        if can(actor.role, Action.MANAGE_ROUNDS):
            archived.write("")
            include_archived = archived.toggle("Archived too", key=f"{KEY}archived")
    sort_key, descending = SORTS[order]
    return RoundFilter(
        funder_ids=tuple(funder_ids),
        schemes=tuple(schemes),
        statuses=tuple(RoundStatus(s) for s in statuses),
        cluster_ids=tuple(cluster_ids),
        text=text,
        closing_within_days=int(days) if days else None,
        include_archived=include_archived,
        sort=sort_key,
        descending=descending,
    )
