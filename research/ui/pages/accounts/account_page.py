"""My account: change password (forced after a reset) and the display time zone."""

from zoneinfo import available_timezones

import streamlit as st

from research.services.accounts.users import change_own_password, set_timezone
from research.ui import deps
from research.ui.components.accounts.signin_forms import sign_out_button
from research.ui.feedback import succeeded
from research.ui.guard import page_actor
from research.ui.session import session_token

actor = page_actor("account_page.py")
st.title("My account")
if actor.must_change_password:
    st.warning("An admin set a temporary password for you. Choose your own to continue.", icon=":material/password:")

with st.form("change_password", clear_on_submit=True):
    st.subheader("Change password")
    current = st.text_input("Current password", type="password")
    new = st.text_input("New password", type="password", help="At least 10 characters.")
    again = st.text_input("Repeat the new password", type="password")
    if st.form_submit_button("Change password", type="primary"):
        if new != again:
            st.error("The two new passwords differ.", icon=":material/error:")
        elif succeeded(
            lambda: change_own_password(deps.uow(), actor, current, new, session_token()), "Password changed."
        ):
            st.rerun()

if actor.must_change_password:
    sign_out_button()
    st.stop()

with st.form("time_zone"):
    st.subheader("Time zone")
    zones = sorted(available_timezones())
    browser = st.context.timezone
    zone = st.selectbox(
        "Show dates and times in",
        zones,
        index=zones.index(actor.timezone),
        help="Every date and time is shown in this zone, labelled; a round's deadline in the round's own zone.",
    )
    if browser in zones and browser != actor.timezone:
        st.caption(f"Your browser says it is in {browser}. Choose it above to see times as your clock shows them.")
    if st.form_submit_button("Save time zone") and succeeded(
        lambda: set_timezone(deps.uow(), actor, zone), "Time zone saved."
    ):
        st.rerun()
