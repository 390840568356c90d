"""Who is signed in: the session cookie, resolved against the database on every run."""

from __future__ import annotations

import streamlit as st

from research.services.accounts import auth
from research.services.common.actor import Actor
from research.ui import deps
from research.ui.routes import COOKIE


def session_token() -> str | None:
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) else None


def current_actor() -> Actor | None:
    return auth.resolve(deps.uow(), session_token(), deps.settings().session_idle_minutes)
