"""Home: a role-aware start page. Each capability adds its panel in home_panels."""

import streamlit as st

from research.domain.roles import PERMISSIONS
from research.ui.components.home_panels import panels_for
from research.ui.guard import page_actor
from research.ui.navigation import PAGES

actor = page_actor("home_page.py")
st.title(f"Kia ora, {actor.display_name}")
st.caption(f"You are signed in as {actor.role.article} {actor.role.value}.")

for panel in panels_for(actor):
    panel(actor)

with st.container(border=True):
    st.markdown("**Where to go**")
    for spec in PAGES:
        if spec.file != "home_page.py" and spec.allows(actor):
            st.page_link(spec.path, label=spec.title, icon=spec.icon, help=spec.help)
    with st.expander("What your role allows"):
        st.markdown("\n".join(f"- {a.value.capitalize()}" for a in sorted(PERMISSIONS[actor.role])))
