"""The grants ledger: the table, a form to add or correct a grant, and an import with its check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from research.domain.grant_rows import GRANT_FIELDS
from research.domain.import_kinds import ImportKind
from research.domain.locale import workspace_locale
from research.domain.money import format_money
from research.services.common.actor import Actor
from research.services.roi import ledgers
from research.services.roi.ledgers import GrantInput, GrantView
from research.ui import deps, state
from research.ui.components.common.import_choices import (
    choices_form,
    fields_caption,
    forget_mapping,
    mapping_editor,
    notes_and_problems,
)
from research.ui.components.common.import_report import reset_upload, show_report, upload_key
from research.ui.components.common.text import md
from research.ui.components.roi.roi_tables import money_column_format
from research.ui.feedback import attempt, succeeded

IMPORT_GRANTS_KEY = "import_grants"
IMPORT_GRANTS_GOOD_ONLY_KEY = "import_grants_good_only"
REMOVE_GRANT_PREFIX = "remove_grant_"


def grants_tab(actor: Actor, clusters: list[str]) -> None:
    grants = attempt(lambda: ledgers.list_grants(deps.uow(), actor)) or []
    st.caption(
        md(
            f"{len(grants)} grant(s), {format_money(sum((g.amount for g in grants), Decimal(0)))} in all. "
            "Select a row to correct or remove it."
        )
    )
    table = pd.DataFrame(
        [
            {
                "cluster": g.cluster,
                "amount": g.amount,
                "date": g.granted_on,
                "financial year": g.financial_year,
                "purpose": g.purpose,
                "reference": g.reference or "",
            }
            for g in grants
        ],
        columns=["cluster", "amount", "date", "financial year", "purpose", "reference"],
    )
    picked = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=state.LEDGER_GRANT,
        column_config={"amount": st.column_config.NumberColumn(format=money_column_format())},
    )
    rows = picked.selection.rows if picked else []
    chosen = grants[rows[0]] if rows and rows[0] < len(grants) else None
    add, edit = st.columns(2, gap="large")
    with add:
        _grant_form(actor, clusters, None)
    with edit:
        if chosen:
            _grant_form(actor, clusters, chosen)
        else:
            st.info("Select a grant in the table to correct or remove it.", icon=":material/touch_app:")
    _import(actor)


def _grant_form(actor: Actor, clusters: list[str], grant: GrantView | None) -> None:
    name = f"grant_form_{grant.id}" if grant else "grant_form_new"
    with st.form(name, clear_on_submit=grant is None):
        st.markdown(
            f"**Correct the {grant.cluster} grant of {grant.granted_on:%d %b %Y}**" if grant else "**Add a grant**"
        )
        cluster = st.selectbox("Cluster", clusters, index=clusters.index(grant.cluster) if grant else 0)
        amount = st.text_input(
            f"Amount ({workspace_locale().currency})", value=f"{grant.amount:f}" if grant else "", placeholder="80000"
        )
        granted_on = st.date_input(
            "Date granted", value=grant.granted_on if grant else date.today(), format="DD/MM/YYYY"
        )
        year = st.text_input(
            "Financial year", value=grant.financial_year if grant else "", placeholder="from the date, e.g. 2022/23"
        )
        purpose = st.text_area("Purpose", value=grant.purpose if grant else "", height=80)
        entry = GrantInput(cluster, amount, granted_on, purpose, year)
        if st.form_submit_button("Save changes" if grant else "Add grant", type="primary") and succeeded(
            (lambda: ledgers.update_grant(deps.uow(), actor, grant.id, entry))
            if grant
            else (lambda: ledgers.add_grant(deps.uow(), actor, entry)),
            f"Saved the {cluster} grant of {amount}." if grant else f"Added a grant of {amount} to {cluster}.",
        ):
            st.rerun()
    if grant:
        _remove(actor, grant)


def _remove(actor: Actor, grant: GrantView) -> None:
    with st.popover("Remove this grant", icon=":material/delete:"):
        st.markdown(
            md(
                f"Remove the {format_money(grant.amount)} grant to {grant.cluster} of "
                f"{grant.granted_on:%d %b %Y} from the ledger? The audit trail keeps a record of it."
            )
        )
        if st.button("Remove", type="primary", key=f"{REMOVE_GRANT_PREFIX}{grant.id}") and succeeded(
            lambda: ledgers.delete_grant(deps.uow(), actor, grant.id), "Removed the grant."
        ):
            st.rerun()


def _import(actor: Actor) -> None:
    st.subheader("Import grants")
    st.caption(
        f"CSV or XLSX, one grant per row, in {workspace_locale().currency}. Every row is checked first; the file is "
        "imported whole or not at all (or, when you choose, its good rows only). A row with the Reference of a "
        "grant already recorded updates it."
    )
    fields_caption(GRANT_FIELDS)
    choices = choices_form(actor, ImportKind.GRANTS)
    file = st.file_uploader("Grants file", type=["csv", "xlsx"], key=upload_key(state.LEDGER_GRANT_FILE))
    if file is None:
        forget_mapping(ImportKind.GRANTS)
        return
    content = file.getvalue()

    def run(dry_run: bool, good_rows_only: bool = False):
        chosen = replace(choices, good_rows_only=good_rows_only)
        return ledgers.import_grants(deps.uow(), actor, file.name, content, dry_run=dry_run, choices=chosen)

    report = attempt(lambda: run(True))
    if report is None:
        return
    mapping_editor(actor, ImportKind.GRANTS, GRANT_FIELDS, report, file.file_id)
    notes_and_problems(report, "grant")
    if not report.problems:
        show_report(report, "grant", f"worth {format_money(report.total)}")
    elif not (report.rows and report.bad_rows) or not st.checkbox(
        f"Import the {len(report.rows):,} good grant(s) only, leaving out the {report.bad_rows:,} bad row(s); "
        "this is recorded in the audit trail",
        key=IMPORT_GRANTS_GOOD_ONLY_KEY,
    ):
        return
    partial = bool(report.problems)
    if st.button(f"Import {len(report.rows)} grant(s)", type="primary", key=IMPORT_GRANTS_KEY) and succeeded(
        lambda: run(False, good_rows_only=partial),
        f"Imported {len(report.rows)} grant(s) from {file.name}.",
    ):
        reset_upload(state.LEDGER_GRANT_FILE)
        forget_mapping(ImportKind.GRANTS)
        st.rerun()
