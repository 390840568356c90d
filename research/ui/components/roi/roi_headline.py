"""The headline figures as metric cards: what the council asks first."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from research.domain.locale import workspace_locale
from research.domain.money import format_money, format_money_short, unit_name
from research.domain.roi import format_multiple, format_percent
from research.services.roi.dashboard import Headline
from research.ui.components.common.text import md

ROI_HEADLINE_KEY = "roi_headline"
ROI_PIPELINE_HEADLINE_KEY = "roi_pipeline_headline"


def headline_cards(
    headline: Headline, with_pipeline: bool = True, after_first_row: Callable[[], None] | None = None
) -> None:
    """The headline figures; `after_first_row` draws what the first row rests on, before the pipeline."""
    h = headline
    with st.container(horizontal=True, key=ROI_HEADLINE_KEY):
        st.metric(
            "Won in the area" if h.basis is not None and h.basis.area_set else "Money won",
            format_money_short(h.won),
            border=True,
            help=md(
                f"{format_money(h.won)} from {h.awards} award(s), in {workspace_locale().currency}, "
                "counting each cluster's share; only awards attributed to a cluster"
                + (", whose recipient is in the area." if h.basis is not None and h.basis.area_set else ".")
            ),
        )
        st.metric("Cluster grants", format_money_short(h.granted), border=True, help=md(format_money(h.granted)))
        st.metric(
            "Return multiple",
            format_multiple(h.multiple),
            border=True,
            help=(
                f"Money won (as counted in the first figure) per {unit_name()} granted to clusters."
                if h.multiple.defined
                else f"Not defined: {h.multiple.reason}."
            ),
        )
        st.metric(
            "Success rate",
            format_percent(h.success_count),
            border=True,
            help=(
                f"{h.awarded} of {h.decided} decided applications were awarded."
                if h.success_count.defined
                else f"Not defined: {h.success_count.reason}."
            ),
        )
        st.metric(
            "Success by value",
            format_percent(h.success_value),
            border=True,
            help=md(
                f"{format_money(h.won_decided)} won of {format_money(h.requested_decided)} requested "
                "by decided applications."
                if h.success_value.defined
                else f"Not defined: {h.success_value.reason}."
            ),
        )
    if after_first_row is not None:
        after_first_row()
    pipeline = h.pipeline
    if with_pipeline and pipeline is not None:
        with st.container(horizontal=True, key=ROI_PIPELINE_HEADLINE_KEY):
            st.metric("Applications in flight", str(pipeline.applications), border=True)
            st.metric(
                "Pipeline requested",
                format_money_short(pipeline.requested),
                border=True,
                help=md(
                    f"{pipeline.applications} application(s) in flight ask for {format_money(pipeline.requested)}."
                ),
            )
            st.metric(
                "Pipeline expected",
                format_money_short(pipeline.expected),
                border=True,
                help="Requested amounts weighted by each round's success rate.",
            )
            st.metric(
                "Rate unknown for",
                format_money_short(pipeline.unknown_requested),
                border=True,
                help="Requested in rounds that give neither a success rate nor expected awards.",
            )
    _notes(h, with_pipeline)


def _notes(h: Headline, with_pipeline: bool) -> None:
    notes = []
    if not h.multiple.defined:
        notes.append(f"The return multiple is not defined: {h.multiple.reason}.")
    if h.value_left_out:
        notes.append(
            f"{h.value_left_out} decided application(s) have no amount in {workspace_locale().currency} "
            "and are left out of the "
            "success rate by value."
        )
    if with_pipeline and h.pipeline is not None and h.pipeline.unknown:
        notes.append(
            f"The expected value leaves out {format_money(h.pipeline.unknown_requested)} requested in "
            f"rounds with no known success rate: {listed_briefly(h.pipeline.unknown)}."
        )
    for note in notes:
        st.caption(md(note))


def listed_briefly(rounds: tuple[str, ...], shown: int = 10) -> str:
    more = f"; and {len(rounds) - shown} more (see the pipeline by funding round below)" if len(rounds) > shown else ""
    return "; ".join(rounds[:shown]) + more
