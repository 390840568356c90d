"""Managers and admins: create, edit and archive funding rounds; set their internal deadlines; funders."""

from contextlib import suppress

import streamlit as st

from research.domain.errors import DomainError
from research.domain.round_form import RoundForm, from_round_input, to_round_input
from research.domain.round_rules import RoundInput
from research.services.rounds import editing as editing
from research.services.rounds.calendar import filter_options
from research.services.rounds.funders import list_funders
from research.ui import deps, state
from research.ui.components.common.search_box import search_box
from research.ui.components.rounds.funder_editor import funder_editor
from research.ui.components.rounds.round_form import round_form
from research.ui.components.writing.criteria_editor import criteria_editor
from research.ui.feedback import action_button, attempt, succeeded
from research.ui.guard import page_actor
from research.ui.navigation import page_for

ARCHIVE_ROUND_KEY = "archive_round"
ROUND_FORM_PREFIX = "round_form_"

actor = page_actor("manage_rounds_page.py")
st.title("Manage rounds")
NEW = 0
linked = st.query_params.pop("round", "") if "round" in st.query_params else ""


def _pick_first_match() -> None:
    """Typing in "Find a round" opens the best match at once, instead of only narrowing the list."""
    typed = st.session_state.get(state.MANAGE_ROUND_SEARCH, "")
    found = []
    with suppress(DomainError):  # search text the list below refuses: it says why, once
        found = editing.find_rounds(deps.uow(), actor, typed, limit=1) if typed.strip() else []
    if found:
        st.session_state[state.MANAGE_ROUND] = found[0].id


search, pick = st.columns([1, 2])
text = search_box(
    "Find a round",
    where=search,
    key=state.MANAGE_ROUND_SEARCH,
    placeholder="Name, scheme or funder",
    on_change=_pick_first_match,
    help="Opens the latest-closing round that matches; the list beside it keeps the other matches.",
)
current = int(linked) if linked.isdigit() else st.session_state.get(state.MANAGE_ROUND) or None
matching = attempt(lambda: editing.find_rounds(deps.uow(), actor, text, include_id=current))
choices = {c.id: c.label for c in matching or []}
if current in choices:
    st.session_state[state.MANAGE_ROUND] = current
elif linked:
    st.warning(f"There is no funding round with id {linked}.", icon=":material/search_off:")
    st.session_state[state.MANAGE_ROUND] = NEW
round_id = pick.selectbox(
    "Round", [NEW, *choices], key=state.MANAGE_ROUND, format_func=lambda i: "A new round…" if i == NEW else choices[i]
)
if text.strip() and set(choices) <= {current}:
    search.caption(f"No round matches “{text.strip()}”.")

options = filter_options(deps.uow(), actor)
templates = editing.template_keys(deps.uow(), deps.settings().templates_dir)
archived = False
if round_id == NEW:
    form = RoundForm()
else:
    loaded = attempt(lambda: editing.round_input(deps.uow(), actor, round_id))
    if loaded is None:
        st.stop()
    form, archived = from_round_input(loaded[0]), loaded[1]
    st.page_link(
        page_for("rounds_page.py").path,
        label="See this round as everyone sees it",
        icon=":material/visibility:",
        query_params={"round": str(round_id)},
    )
if not options.funders:
    st.warning("Add a funder below before you add its rounds.", icon=":material/info:")

submitted = round_form(form, options.funders, options.clusters, templates, key=f"{ROUND_FORM_PREFIX}{round_id}")
if submitted is not None:
    form_values: RoundForm = submitted
    checked = attempt(lambda: to_round_input(form_values))
    if checked is not None:
        round_input: RoundInput = checked
        if round_id == NEW:
            with st.spinner("Adding the round…"):
                new_id = attempt(lambda: editing.create_round(deps.uow(), actor, round_input), "Round added.")
            if new_id:
                for key in [k for k in st.session_state if str(k).startswith(f"{ROUND_FORM_PREFIX}0_")]:
                    del st.session_state[key]  # the next new round starts from an empty form
                st.query_params["round"] = str(new_id)
                st.rerun()
        else:
            if succeeded(lambda: editing.update_round(deps.uow(), actor, round_id, round_input), "Round saved."):
                st.rerun()  # the toast now, and the picker above showing the round as saved

if round_id != NEW:
    label = "Restore this round" if archived else "Archive this round"
    st.caption(
        "Archived rounds leave every list and calendar but this page; nothing is deleted."
        if not archived
        else "This round is archived: only managers and admins see it."
    )
    action_button(
        label,
        ARCHIVE_ROUND_KEY,
        lambda: editing.set_archived(deps.uow(), actor, round_id, not archived),
        "Round restored: it is back in every list and calendar." if archived else "Round archived.",
        busy="Restoring the round…" if archived else "Archiving the round…",
        icon=":material/unarchive:" if archived else ":material/archive:",
    )

if round_id != NEW:
    criteria_editor(actor, round_id)

with st.expander("Funders", icon=":material/account_balance:", expanded=not options.funders):
    funder_editor(actor, list_funders(deps.uow(), actor))
