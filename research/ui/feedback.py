"""Showing the outcome of a service call: success, or a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from research.domain.errors import DomainError, InvalidInput
from research.ui import state
from research.ui.session import session_ended

T = TypeVar("T")


SESSION_ENDED = (
    "Your session has ended (signed out, deactivated or idle too long), so nothing was saved. "
    "Copy anything you typed, then reload the page and sign in again."
)


def attempt(action: Callable[[], T], success: str | None = None, unsaved: str | None = None) -> T | None:
    """Run a service call; show its error in place and return None when it refuses.

    The session is read again first: a write from a fragment would otherwise act for a session
    that ended after the last full run. `unsaved` (text the call would have saved) is then shown
    to copy.
    """
    if session_ended():
        st.error(SESSION_ENDED, icon=":material/lock:")
        if unsaved:
            st.code(unsaved, language=None, wrap_lines=True)
        return None
    try:
        result = action()
    except InvalidInput as exc:
        if len(exc.problems) == 1:
            st.error(str(exc.problems[0]), icon=":material/error:")
        else:
            st.error(
                "Nothing was changed. Please fix:\n\n" + "\n".join(f"- {p}" for p in exc.problems),
                icon=":material/error:",
            )
        return None
    except DomainError as exc:
        st.error(str(exc), icon=":material/error:")
        return None
    if success:
        flash(success)
    return result


def succeeded(action: Callable[[], object], success: str | None = None, unsaved: str | None = None) -> bool:
    """Run a write through `attempt`; True when it went through (writes may return None)."""
    return attempt(lambda: action() or True, success, unsaved) is not None


def flash(message: str) -> None:
    """A success message that survives the rerun a write triggers."""
    st.session_state[state.FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(state.FLASH, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
