"""Admin: accounts and roles. Users are deactivated, never deleted, so history stays."""

import pandas as pd
import streamlit as st

from research.domain.accounts import MIN_PASSWORD_LENGTH
from research.domain.roles import Role
from research.services.accounts import users as accounts
from research.ui import deps, state
from research.ui.components.accounts.demo_panel import demo_panel
from research.ui.components.common.form_fields import FieldErrors, forget
from research.ui.components.common.search_box import search_box
from research.ui.feedback import attempt, succeeded
from research.ui.guard import page_actor

TOGGLE_ACTIVE_KEY = "toggle_active"
NEW_USER_KEY = "new_user"
RESET_KEY = "reset_password"

actor = page_actor("users_page.py")
st.title("Users")
ROLES = [r.value for r in Role]

search = search_box("Find a user", placeholder="part of a username, name or email", key=state.USER_SEARCH)
found = attempt(lambda: accounts.find_users(deps.uow(), actor, search))
if found is None:
    st.stop()
if found.partial:
    st.caption(f"Showing the first {len(found.items):,} of {found.total:,} users by username: type to find others.")
elif search:
    st.caption(f"{found.total:,} user{'s' if found.total != 1 else ''} found.")
users = list(found.items)
st.dataframe(
    pd.DataFrame(
        [
            {
                "username": u.username,
                "name": u.display_name,
                "role": u.role.value,
                "active": u.is_active,
                "must change password": u.must_change_password,
            }
            for u in users
        ]
    ),
    hide_index=True,
)

add, change = st.columns(2, gap="large")
with add, st.form(NEW_USER_KEY):
    st.subheader("Add a user")
    new_user_errors = FieldErrors()
    username = st.text_input("Username", key=f"{NEW_USER_KEY}_username")
    new_user_errors.under("username")
    name = st.text_input("Full name", key=f"{NEW_USER_KEY}_name")
    new_user_errors.under("display name")
    email = st.text_input("Email (optional)", key=f"{NEW_USER_KEY}_email")
    role = st.selectbox("Role", ROLES, key=f"{NEW_USER_KEY}_role")
    new_user_errors.under("role")
    password = st.text_input(
        "Temporary password",
        type="password",
        key=f"{NEW_USER_KEY}_password",
        help=f"At least {MIN_PASSWORD_LENGTH} characters. They must choose their own at first sign-in.",
    )
    new_user_errors.under("password")
    if st.form_submit_button("Add user", type="primary") and succeeded(
        lambda: accounts.create_user(deps.uow(), actor, username, name, role, password, email),
        f"Added {username.strip()} as {Role(role).article} {role}.",
        fields=new_user_errors,
    ):
        forget(*(f"{NEW_USER_KEY}_{field}" for field in ("username", "name", "email", "role", "password")))
        st.rerun()

with change:
    st.subheader("Change a user")
    if not users:
        st.info("No user matches the search.", icon=":material/search_off:")
    else:
        by_label = {f"{u.display_name} ({u.username})": u for u in users}
        chosen = by_label[st.selectbox("User", list(by_label), key=state.SELECTED_USER)]
        with st.form("change_role"):
            new_role = st.selectbox("Role", ROLES, index=ROLES.index(chosen.role.value))
            if st.form_submit_button("Save role") and succeeded(
                lambda: accounts.change_role(deps.uow(), actor, chosen.id, new_role),
                f"{chosen.username} is now a {new_role}.",
            ):
                st.rerun()
        with st.form(RESET_KEY):
            reset_errors = FieldErrors()
            temp = st.text_input(
                "New temporary password",
                type="password",
                key=f"{RESET_KEY}_password",
                help=f"At least {MIN_PASSWORD_LENGTH} characters.",
            )
            reset_errors.under("password")
            if st.form_submit_button("Reset password") and succeeded(
                lambda: accounts.reset_password(deps.uow(), actor, chosen.id, temp),
                f"Password reset; {chosen.username} must change it at next sign-in.",
                fields=reset_errors,
            ):
                forget(f"{RESET_KEY}_password")
                st.rerun()
        label = "Reactivate" if not chosen.is_active else "Deactivate"
        if st.button(f"{label} {chosen.username}", key=TOGGLE_ACTIVE_KEY) and succeeded(
            lambda: accounts.set_active(deps.uow(), actor, chosen.id, not chosen.is_active),
            f"{label}d {chosen.username}.",
        ):
            st.rerun()

demo_panel(actor)
