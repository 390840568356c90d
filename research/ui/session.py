"""Who is signed in: the session cookie, resolved against the database on every run."""

from __future__ import annotations

import streamlit as st

from research.services.accounts import auth
from research.services.common.actor import Actor
from research.ui import deps, state
from research.ui.routes import COOKIE


def session_token() -> str | None:
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) else None


def current_actor() -> Actor | None:
    return auth.resolve(deps.uow(), session_token(), deps.settings().session_idle_minutes)


def session_ended() -> bool:
    """Re-read the session behind this page: has it ended (signed out elsewhere, deactivated, idle,
    or the account changed role) since the full run that set state.ACTOR?

    A fragment rerun skips streamlit_app.py, so its writes must ask again. False when nobody was
    signed in to begin with (the set-up page).
    """
    expected = st.session_state.get(state.ACTOR)
    if expected is None:
        return False
    current = current_actor()
    return current is None or (current.id, current.role) != (expected.id, expected.role)
