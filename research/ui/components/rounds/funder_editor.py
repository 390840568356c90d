"""Managers' list of funders, with a form to add one or change one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.services.common.actor import Actor
from research.services.rounds.funders import FunderRow, save_funder
from research.ui import deps
from research.ui.feedback import succeeded

FUNDERS_TABLE_KEY = "funders_table"
FUNDER_CHOICE_KEY = "funder_choice"

NEW = 0


def funder_editor(actor: Actor, funders: list[FunderRow]) -> None:
    if funders:
        rows = [{"Funder": f.name, "Country": f.country, "Website": f.website, "Rounds": f.rounds} for f in funders]
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
