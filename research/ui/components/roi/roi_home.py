"""Home page panel: the return in one sentence, for everyone."""

from __future__ import annotations

import streamlit as st

from research.domain.errors import DomainError
from research.domain.money import format_money_short
from research.domain.roi import RoiFilter, format_multiple, format_percent
from research.services.common.actor import Actor
from research.ui.components.common.text import md
from research.ui.components.roi import roi_data
from research.ui.navigation import page_for

HOME_ROI_PANEL_KEY = "home_roi_panel"


def roi_panel(actor: Actor) -> None:
    try:
        headline = roi_data.summary(actor, RoiFilter(), roi_data.version()).headline
    except DomainError:
        return
    with st.container(border=True, key=HOME_ROI_PANEL_KEY):
        st.markdown("**Return on the cluster programme**")
        multiple = format_multiple(headline.multiple)
        st.markdown(
            md(
                f"{format_money_short(headline.won)} won back on {format_money_short(headline.granted)} "
                f"of cluster grants: **{multiple}**"
                + (
                    f" · {format_percent(headline.success_count)} of decided applications awarded"
                    if headline.success_count.defined
                    else ""
                )
            )
        )
        spec = page_for("roi_page.py")
        st.page_link(spec.path, label="See the return dashboard", icon=spec.icon)
