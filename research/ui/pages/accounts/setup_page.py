"""First run: create the first admin, or load the demo workspace."""

import streamlit as st

from research.demo.seed import seed_demo
from research.services.accounts.users import create_first_admin
from research.ui import deps
from research.ui.feedback import succeeded

st.title("Welcome to the Research Cluster Workspace")
st.write(
    "This workspace has no admin yet. Create the first admin account, or load the demo workspace to look around first."
)

create, demo = st.columns(2, gap="large")
with create, st.form("first_admin"):
    st.subheader("Create the first admin")
    username = st.text_input("Username", placeholder="e.g. aroha.admin")
    display_name = st.text_input("Full name")
    password = st.text_input("Password", type="password", help="At least 10 characters.")
    confirm = st.text_input("Repeat the password", type="password")
    if st.form_submit_button("Create admin", type="primary"):
        if password != confirm:
            st.error("The two passwords differ.", icon=":material/error:")
        elif succeeded(
            lambda: create_first_admin(deps.uow(), username, display_name, password),
            "Admin created. Sign in with your new account.",
        ):
            st.rerun()

with demo, st.container(border=True):
    st.subheader("Or load the demo")
    st.write(
        "A city's economic development unit and its clusters: the research cluster's "
        "$80,000 grant, real New Zealand funding rounds, applications in every state and "
        "about $18 million won back. One account per role; their passwords show on the "
        "sign-in page."
    )
    if st.button("Load the demo workspace", icon=":material/auto_awesome:"):
        with st.spinner("Loading the demo workspace…"):
            if succeeded(lambda: seed_demo(deps.uow()), "Demo loaded. Sign in with a demo account."):
                st.rerun()
