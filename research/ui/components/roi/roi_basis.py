"""What the headline rests on: the "area not set" banner, the awards shown apart, and the list behind each."""

from __future__ import annotations

import streamlit as st

from research.domain.attribution import Counted
from research.domain.money import format_money, format_money_short
from research.domain.roi import RoiFilter
from research.export.roi_figures import AREA_NOT_SET, NOT_COUNTED, counted_basis
from research.services.common.actor import Actor
from research.services.roi.dashboard import Headline
from research.services.roi.details import COUNTED_LIST, Drill
from research.ui.components.common.text import md
from research.ui.components.roi.roi_chart_panel import NOTHING, listed

ROI_AREA_BANNER_KEY = "roi_area_banner"
ROI_NOT_COUNTED_KEY = "roi_not_counted"
ROI_COUNTED_PICK_KEY = "roi_counted_pick"


def area_banner(headline: Headline) -> None:
    if headline.basis is not None and not headline.basis.area_set:
        with st.container(key=ROI_AREA_BANNER_KEY):
            st.warning(AREA_NOT_SET, icon=":material/location_off:")


def not_counted(headline: Headline, roi_filter: RoiFilter) -> None:
    """The awards never added into the money won, each as its own figure, and the sentence the multiple rests on."""
    basis = headline.basis
    if basis is None:
        return
    st.caption(md(counted_basis(headline, roi_filter.describe())))
    shown = [c for c in NOT_COUNTED if basis.area_set or c is Counted.UNATTRIBUTED]
    with st.container(horizontal=True, key=ROI_NOT_COUNTED_KEY):
        for counted in shown:
            amount = basis.amount(counted)
            st.metric(
                counted.label,
                format_money_short(amount),
                border=True,
                help=md(f"{format_money(amount)} from {basis.awards(counted):,} award(s); not counted in the return."),
            )
        if basis.zero_awards:
            st.metric(
                "Awards of zero",
                f"{basis.zero_awards:,}",
                border=True,
                help="Declined or withdrawn: neither money won nor successes.",
            )


def counted_lists(actor: Actor, roi_filter: RoiFilter, headline: Headline, version: tuple) -> None:
    """The list behind the headline, and behind each figure shown apart from it."""
    basis = headline.basis
    if basis is None:
        return
    kinds = [Counted.COUNTED, *(c for c in NOT_COUNTED if basis.area_set or c is Counted.UNATTRIBUTED)]
    labels = {f"{c.label} ({basis.awards(c):,})": c for c in kinds}
    with st.expander("The awards behind these figures"):
        picked = st.selectbox("List the awards", [NOTHING, *labels], key=ROI_COUNTED_PICK_KEY)
        if picked in labels:
            listed(actor, roi_filter, Drill(COUNTED_LIST, (labels[picked].value,)), version)
