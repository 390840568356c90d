"""Forms that keep what was typed: a refusal's messages go under the fields they are about.

    errors = FieldErrors()
    name = st.text_input("Username", key=f"{KEY}_username")
    errors.under("username")
    ...
    if st.form_submit_button("Add") and succeeded(lambda: ..., "Added.", fields=errors):
        forget(f"{KEY}_username", ...)   # only once it went through: a refused form keeps every value
        st.rerun()

Problems are matched by their `where` (as the services name fields: "username", "display name",
"password", ...); those no field claims are shown where the submit button is.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from research.domain.errors import Problem


class FieldErrors:
    """Places, each under one field, for the messages about that field."""

    def __init__(self) -> None:
        self._slots: dict[str, Any] = {}

    def under(self, *wheres: str) -> None:
        """A place for messages about `wheres` (a field may be named more than one way)."""
        slot = st.empty()
        for where in wheres:
            self._slots[where.casefold()] = slot

    def place(self, problems: list[Problem]) -> list[Problem]:
        """Show each problem under its field; the ones no field claims are returned to show elsewhere."""
        placed: dict[int, tuple[Any, list[str]]] = {}
        unplaced = []
        for problem in problems:
            slot = self._slots.get(problem.where.casefold())
            if slot is None:
                unplaced.append(problem)
            else:
                placed.setdefault(id(slot), (slot, []))[1].append(
                    f"{problem.where[:1].upper()}{problem.where[1:]}: {problem.reason}"
                )
        for slot, lines in placed.values():
            slot.error("  \n".join(dict.fromkeys(lines)), icon=":material/error:")
        return unplaced

    def __bool__(self) -> bool:
        return bool(self._slots)


def forget(*keys: str) -> None:
    """Empty these widgets on the next run (after a form went through); a refusal never calls it."""
    for key in keys:
        st.session_state.pop(key, None)
