"""The first line of every page: who is here, and may they see this page?"""

from __future__ import annotations

import streamlit as st

from research.services.common.actor import Actor
from research.ui import state
from research.ui.navigation import page_for


def page_actor(file: str) -> Actor:
    """The signed-in actor, or stop the page with a message saying why not."""
    actor = st.session_state.get(state.ACTOR)
    if actor is None:
        st.warning("Your session has ended. Please sign in again.", icon=":material/lock:")
        st.stop()
    spec = page_for(file)
    if not spec.allows(actor):
        st.error(
            f"**{spec.title}** is not available to your role ({actor.role.value}): "
            f"it needs permission to {spec.needs.value if spec.needs else 'a role it does not have'}.",
            icon=":material/block:",
        )
        st.stop()
    return actor
