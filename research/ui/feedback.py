"""Showing the outcome of a service call: success, or a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from research.domain.errors import DomainError, InvalidInput
from research.ui import state
from research.ui.session import session_ended

if TYPE_CHECKING:
    from research.ui.components.common.form_fields import FieldErrors

T = TypeVar("T")


SESSION_ENDED = (
    "Your session has ended (signed out, deactivated or idle too long), so nothing was saved. "
    "Copy anything you typed, then reload the page and sign in again."
)


def attempt(
    action: Callable[[], T],
    success: str | None = None,
    unsaved: str | None = None,
    fields: FieldErrors | None = None,
) -> T | None:
    """Run a service call; show its error in place and return None when it refuses.

    The session is read again first: a write from a fragment would otherwise act for a session
    that ended after the last full run. `unsaved` (text the call would have saved) is then shown
    to copy. With `fields`, each problem is shown under the field it is about.
    """
    if session_ended():
        st.error(SESSION_ENDED, icon=":material/lock:")
        if unsaved:
            st.code(unsaved, language=None, wrap_lines=True)
        return None
    try:
        result = action()
    except InvalidInput as exc:
        problems = fields.place(exc.problems) if fields else exc.problems
        if not problems:
            st.error("Nothing was saved: please fix what is marked above.", icon=":material/error:")
        elif len(problems) == 1:
            st.error(str(problems[0]), icon=":material/error:")
        else:
            st.error(
                "Nothing was changed. Please fix:\n\n" + "\n".join(f"- {p}" for p in problems),
                icon=":material/error:",
            )
        return None
    except DomainError as exc:
        st.error(str(exc), icon=":material/error:")
        return None
    if success:
        flash(success)
    return result


def succeeded(
    action: Callable[[], object],
    success: str | None = None,
    unsaved: str | None = None,
    fields: FieldErrors | None = None,
) -> bool:
    """Run a write through `attempt`, with a spinner while it runs; True when it went through."""
    with st.spinner("Saving…"):
        return attempt(lambda: action() or True, success, unsaved, fields) is not None


def flash(message: str) -> None:
    """A success message that survives the rerun a write triggers."""
    st.session_state[state.FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(state.FLASH, None)
    if message:
        st.toast(message, icon=":material/check_circle:")


def _refusal(exc: DomainError) -> str:
    if isinstance(exc, InvalidInput) and len(exc.problems) > 1:
        return "Nothing was changed. Please fix:\n\n" + "\n".join(f"- {p}" for p in exc.problems)
    return str(exc.problems[0]) if isinstance(exc, InvalidInput) else str(exc)


def _run_action(key: str, action: Callable[[], object], success: str, busy: str) -> None:
    """on_click: the write runs before the page is drawn, so the page shows its result on this same run."""
    with st.spinner(busy):
        if session_ended():
            st.session_state[state.OUTCOME_PREFIX + key] = (False, SESSION_ENDED)
            return
        try:
            action()
        except DomainError as exc:
            st.session_state[state.OUTCOME_PREFIX + key] = (False, _refusal(exc))
            return
    st.session_state[state.OUTCOME_PREFIX + key] = (True, success)


def action_button(
    label: str, key: str, action: Callable[[], object], success: str, busy: str = "Saving…", **button: object
) -> None:
    """A button that writes: a spinner while it runs, then its outcome under it and the page as it now is,
    on the same run (no rerun, so no late message and no stale label)."""
    st.button(label, key=key, on_click=_run_action, args=(key, action, success, busy), **button)  # type: ignore[arg-type]
    show_outcome(key)


def show_outcome(key: str) -> None:
    """The outcome of the last write done under `key`, once."""
    outcome = st.session_state.pop(state.OUTCOME_PREFIX + key, None)
    if outcome is None:
        return
    went_through, message = outcome
    if went_through:
        st.success(message, icon=":material/check_circle:")
    else:
        st.error(message, icon=":material/error:")
