"""The served app: Streamlit's ASGI app plus the sign-in routes and the security headers.

Run with `streamlit run research/ui/asgi.py` (the Makefile does).
"""

from __future__ import annotations

import logging
import uuid

import streamlit as st
from starlette.middleware import Middleware

from research.config import ROOT
from research.ui.notify_schedule import notify_lifespan
from research.ui.routes import ROUTES
from research.ui.security_headers import SecurityHeaders

log = logging.getLogger("research")


def _on_script_error(exc: BaseException) -> bool:
    reference = uuid.uuid4().hex[:8]
    log.error("Unexpected error on a page (reference %s)", reference, exc_info=exc)
    st.error(
        f"Something went wrong on this page and nothing was changed by it. "
        f"If it happens again, tell an admin the reference **{reference}**.",
        icon=":material/error:",
    )
    return True


app = st.App(
    ROOT / "streamlit_app.py",
    routes=ROUTES,
    middleware=[Middleware(SecurityHeaders)],
    on_script_error=_on_script_error,
    lifespan=notify_lifespan,
)
