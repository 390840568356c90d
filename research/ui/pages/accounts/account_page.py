"""My account: change password (forced after a reset) and the display time zone."""

from zoneinfo import available_timezones

import streamlit as st

from research.domain.accounts import MIN_PASSWORD_LENGTH
from research.domain.errors import InvalidInput, Problem
from research.services.accounts.users import change_own_password, set_timezone
from research.ui import deps
from research.ui.components.accounts.signin_forms import sign_out_button
from research.ui.components.common.form_fields import FieldErrors, forget
from research.ui.feedback import succeeded
from research.ui.guard import page_actor
from research.ui.session import session_token

CHANGE_KEY = "change_password"

actor = page_actor("account_page.py")


def _change(current: str, new: str, again: str) -> None:
    if new != again:
        raise InvalidInput(Problem("repeated password", "differs from the new password"))
    change_own_password(deps.uow(), actor, current, new, session_token())


st.title("My account")
if actor.must_change_password:
    st.warning("An admin set a temporary password for you. Choose your own to continue.", icon=":material/password:")

with st.form(CHANGE_KEY):
    st.subheader("Change password")
    password_errors = FieldErrors()
    current = st.text_input("Current password", type="password", key=f"{CHANGE_KEY}_current")
    password_errors.under("current password")
    new = st.text_input(
        "New password", type="password", key=f"{CHANGE_KEY}_new", help=f"At least {MIN_PASSWORD_LENGTH} characters."
    )
    password_errors.under("new password", "password")
    again = st.text_input("Repeat the new password", type="password", key=f"{CHANGE_KEY}_again")
    password_errors.under("repeated password")
    if st.form_submit_button("Change password", type="primary") and succeeded(
        lambda: _change(current, new, again), "Password changed.", fields=password_errors
    ):
        forget(f"{CHANGE_KEY}_current", f"{CHANGE_KEY}_new", f"{CHANGE_KEY}_again")
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
