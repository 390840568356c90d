"""Managers' list of funders, with a form to add one or change one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.common.actor import Actor
from research.services.rounds.funders import (
    AliasRow,
    FunderRow,
    add_alias,
    list_aliases,
    remove_alias,
    save_funder,
)
from research.ui import deps
from research.ui.feedback import attempt, succeeded

FUNDERS_TABLE_KEY = "funders_table"
FUNDER_CHOICE_KEY = "funder_choice"
ALIAS_FORM_PREFIX = "funder_alias_form_"
ALIAS_NEW_PREFIX = "funder_alias_new_"
ALIAS_PICK_PREFIX = "funder_alias_pick_"
ALIAS_REMOVE_PREFIX = "funder_alias_remove_"

NEW = 0


def funder_editor(actor: Actor, funders: list[FunderRow]) -> None:
    aliases: dict[int, list[AliasRow]] = {}
    for alias in attempt(lambda: list_aliases(deps.uow(), actor)) or []:
        aliases.setdefault(alias.funder_id, []).append(alias)
    if funders:
        rows = [
            {
                "Funder": f.name,
                "Also written": "; ".join(a.alias for a in aliases.get(f.id, [])),
                "Country": f.country,
                "Website": f.website,
                "Rounds": f.rounds,
            }
            for f in funders
        ]
        st.container(key=FUNDERS_TABLE_KEY).dataframe(
            pd.DataFrame(rows), hide_index=True, column_config={"Website": st.column_config.LinkColumn("Website")}
        )
    by_id = {f.id: f for f in funders}
    chosen = st.selectbox(
        "Add or change",
        [NEW, *by_id],
        key=FUNDER_CHOICE_KEY,
        format_func=lambda i: "A new funder" if i == NEW else by_id[i].name,
    )
    current = by_id.get(chosen)
    with st.form(f"funder_form_{chosen}"):
        name = st.text_input("Name", current.name if current else "", placeholder="e.g. Health Research Council")
        country, website = st.columns(2)
        where = country.text_input("Country", current.country if current else "New Zealand")
        site = website.text_input("Website", current.website if current else "", placeholder="https://…")
        notes = st.text_area("Notes", current.notes if current else "", height=70)
        if st.form_submit_button("Save funder", icon=":material/save:") and succeeded(
            lambda: save_funder(deps.uow(), actor, name, where, site, notes, current.id if current else None),
            f"Saved funder {name.strip()}.",
        ):
            st.rerun()
    if current is not None:
        _aliases(actor, current, aliases.get(current.id, []))


def _aliases(actor: Actor, funder: FunderRow, aliases: list[AliasRow]) -> None:
    """Other names files use for the funder ('MBIE'): an import finds the funder by any of them."""
    st.markdown(f"**Other names for {funder.name}** — files naming the funder so are read as this funder.")
    left, right = st.columns(2)
    with left.form(f"{ALIAS_FORM_PREFIX}{funder.id}", border=False):
        alias = st.text_input("Add a name", placeholder="e.g. MBIE", key=f"{ALIAS_NEW_PREFIX}{funder.id}")
        if st.form_submit_button("Add name", icon=":material/add:") and succeeded(
            lambda: add_alias(deps.uow(), actor, funder.id, alias),
            f"Files may now name {funder.name} {alias.strip()!r}.",
        ):
            st.rerun()
    if aliases:
        by_id = {a.id: a.alias for a in aliases}
        gone = right.selectbox(
            "Names", list(by_id), format_func=by_id.__getitem__, key=f"{ALIAS_PICK_PREFIX}{funder.id}"
        )
        if right.button("Remove name", icon=":material/delete:", key=f"{ALIAS_REMOVE_PREFIX}{funder.id}") and succeeded(
            lambda: remove_alias(deps.uow(), actor, gone), f"Removed the name {by_id[gone]!r}."
        ):
            st.rerun()
