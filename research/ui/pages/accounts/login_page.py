"""Sign in. The form posts to /auth/login, which sets the session cookie."""

import streamlit as st

from research.demo.seed import demo_credentials
from research.services.accounts.auth import LoginRefused
from research.ui import deps
from research.ui.components.accounts.signin_forms import sign_in_form

st.title("Research Cluster Workspace")
st.caption("Co-draft funding applications, review them with peers, and see what the city gets back.")

left, right = st.columns([3, 2], gap="large")
with left:
    refusal = LoginRefused.from_query(st.query_params.get("login_error"))
    if refusal:
        st.error(str(refusal), icon=":material/error:")
    elif st.query_params.get("signed_out") == "1":
        st.info("You have signed out.", icon=":material/logout:")
    sign_in_form()

with right:
    accounts = demo_credentials(deps.uow(), deps.settings().demo_mode)
    if accounts:
        with st.container(border=True):
            st.markdown("**Demo accounts** (shown in demo mode only)")
            st.dataframe(
                [{"role": a.role, "username": a.username, "password": a.password} for a in accounts],
                hide_index=True,
            )
