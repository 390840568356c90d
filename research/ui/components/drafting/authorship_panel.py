"""Who wrote what: each paragraph's writers, and a replay of how the section grew in live writing."""

from __future__ import annotations

import streamlit as st

from research.domain.counting import format_count
from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.drafting.authorship import Authorship, section_authorship
from research.ui import deps
from research.ui.feedback import attempt

KEY = "authorship"


def _shares(shares: tuple[tuple[str, float], ...]) -> str:
    return ", ".join(f"{who} {share:.0%}" for who, share in shares)


def authorship_panel(actor: Actor, section_id: int) -> None:
    with st.expander("Who wrote what", icon=":material/diversity_3:"):
        if not st.toggle("Show each co-author's contribution", key=f"{KEY}_{section_id}"):
            return  # the replay reads the whole log: only on request
        view = attempt(lambda: section_authorship(deps.uow(), actor, section_id))
        if view is None:
            return
        if not view.steps:
            st.caption("Nothing has been written live in this section yet.")
            return
        _paragraphs(view)
        _replay(actor, view, section_id)


def _paragraphs(view: Authorship) -> None:
    st.dataframe(
        [{"Paragraph": p.text[:120], "Written by": _shares(p.shares)} for p in view.paragraphs],
        hide_index=True,
        width="stretch",
    )


def _replay(actor: Actor, view: Authorship, section_id: int) -> None:
    if len(view.steps) > 1:
        step = st.slider("Replay", 1, len(view.steps), len(view.steps), key=f"{KEY}_replay_{section_id}")
    else:
        step = 1
    shown = view.steps[step - 1]
    when = format_moment(shown.at, actor.timezone, False)
    st.caption(f"Step {step} of {len(view.steps)}: {shown.author} · {when} · {format_count(shown.words)} words")
    st.text(shown.text or "(empty)")
