"""The awards ledger: the table, an import with its validation report, shares among clusters,
and the 360Giving export."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

import pandas as pd
import streamlit as st

from research.domain.award_rows import AWARD_FIELDS
from research.domain.date_precision import format_precise
from research.domain.import_kinds import ImportKind
from research.domain.ledger_values import format_shares
from research.domain.locale import workspace_locale
from research.domain.money import format_money, reporting_label
from research.domain.round_values import today_in
from research.domain.upload_limits import upload_limits_note
from research.export import giving360
from research.services.common.actor import Actor
from research.services.roi import awards
from research.services.roi.awards import AwardView
from research.ui import deps, state
from research.ui.components.common.import_choices import (
    choices_form,
    fields_caption,
    forget_mapping,
    mapping_editor,
    notes_and_problems,
)
from research.ui.components.common.import_report import reset_upload, show_report, upload_key
from research.ui.components.common.search_box import search_box
from research.ui.components.common.text import md
from research.ui.components.roi.roi_tables import money_column_format
from research.ui.feedback import attempt, succeeded

AWARD_SHARES_KEY = "award_shares"
EXPORT_360_CSV_KEY = "export_360_csv"
EXPORT_360_JSON_KEY = "export_360_json"
IMPORT_AWARDS_KEY = "import_awards"
IMPORT_GOOD_ONLY_KEY = "import_awards_good_only"
IMPORT_CURRENCY_KEY = "import_awards_currency"
SAVE_SHARES_PREFIX = "save_shares_"

PUBLISHER = "Research Cluster Workspace"
NO_CLUSTER = "No cluster (credit them later)"


def awards_tab(actor: Actor, clusters: list[str]) -> None:
    search = search_box(
        "Find awards", placeholder="part of an identifier, title or funder", key=state.LEDGER_AWARD_SEARCH
    )
    listing = attempt(lambda: awards.find_awards(deps.uow(), actor, search))
    found = list(listing.items) if listing else []
    if listing:
        shown = f" The newest {len(found):,} are listed: search to find others." if listing.partial else ""
        st.caption(
            md(
                f"{listing.total:,} award(s), {format_money(listing.total_nzd)} "
                f"in {workspace_locale().currency}.{shown} "
                "Select a row to share it among clusters."
            )
        )
    picked = st.dataframe(
        _table(found),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=state.LEDGER_AWARD,
        column_config={
            "title": st.column_config.TextColumn(width="medium"),
            reporting_label("amount"): st.column_config.NumberColumn(format=money_column_format()),
            "amount": st.column_config.NumberColumn(format="localized"),
        },
    )
    rows = picked.selection.rows if picked else []
    if rows and rows[0] < len(found):
        _shares_editor(actor, found[rows[0]], clusters)
    _export(actor)
    _import(actor, clusters)


def _table(found: list[AwardView]) -> pd.DataFrame:
    converted = reporting_label("amount")
    columns = [
        "identifier",
        "title",
        "award date",
        converted,
        "clusters",
        "funder",
        "scheme",
        "amount",
        "currency",
        "source",
    ]
    return pd.DataFrame(
        [
            {
                "identifier": a.identifier,
                "title": a.title,
                "award date": format_precise(a.awarded_on, a.awarded_precision),  # 'Mar 2019' when only a month
                converted: a.amount_nzd,
                "clusters": format_shares(a.shares) or "—",
                "funder": a.funder_name,
                "scheme": a.scheme,
                "amount": a.amount,
                "currency": a.currency,
                "source": a.source,
            }
            for a in found
        ],
        columns=columns,
    )


def _shares_editor(actor: Actor, award: AwardView, clusters: list[str]) -> None:
    with st.container(border=True, key=AWARD_SHARES_KEY):
        st.markdown(f"**Shares of {award.identifier}** · {award.title}")
        st.caption(
            "Credit the award to one or more clusters; the shares must add up to 100%. "
            "Remove every row to leave it uncredited."
        )
        current = pd.DataFrame(
            [{"cluster": n, "percent": float(p)} for n, p in award.shares], columns=["cluster", "percent"]
        )
        edited = st.data_editor(
            current,
            num_rows="dynamic",
            hide_index=True,
            key=f"{state.LEDGER_SHARES_EDITOR}_{award.id}",
            column_config={
                "cluster": st.column_config.SelectboxColumn(options=clusters, required=True),
                "percent": st.column_config.NumberColumn(min_value=0.01, max_value=100.0, step=0.01, format="%.2f%%"),
            },
        )
        shares = [
            (row["cluster"], _percent(row["percent"]))
            for _, row in edited.iterrows()
            if isinstance(row["cluster"], str)
        ]
        if st.button("Save shares", type="primary", key=f"{SAVE_SHARES_PREFIX}{award.id}") and succeeded(
            lambda: awards.set_award_shares(deps.uow(), actor, award.id, shares),
            f"Saved the shares of {award.identifier}.",
        ):
            st.rerun()


def _percent(value) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def _export(actor: Actor) -> None:
    """Every award, read when a button is clicked rather than on every rerun of the page."""

    def every_award() -> list[AwardView]:
        return awards.list_awards(deps.uow(), actor)

    with st.container(horizontal=True):
        st.download_button(
            "360Giving CSV",
            lambda: giving360.to_csv(every_award(), PUBLISHER, today_in(actor.timezone)),
            "awards-360giving.csv",
            "text/csv",
            icon=":material/download:",
            key=EXPORT_360_CSV_KEY,
            on_click="ignore",
        )
        st.download_button(
            "360Giving JSON",
            lambda: giving360.to_json(every_award(), PUBLISHER, today_in(actor.timezone)),
            "awards-360giving.json",
            "application/json",
            icon=":material/download:",
            key=EXPORT_360_JSON_KEY,
            on_click="ignore",
        )


def _import(actor: Actor, clusters: list[str]) -> None:
    st.subheader("Import awards")
    st.caption(
        "CSV, XLSX or 360Giving JSON: 360Giving titles, NIH RePORTER export columns and plain names are "
        "recognised (below); only an identifier, an amount and a date are required. Negative amounts are "
        "de-commitments and are netted. An identifier already recorded is updated."
    )
    fields_caption(AWARD_FIELDS)
    choices = choices_form(actor, ImportKind.AWARDS)
    left, right = st.columns(2)
    rates = left.text_input(
        f"Exchange rates ({workspace_locale().currency} for one unit)",
        key=state.LEDGER_AWARD_RATES,
        placeholder="USD=1.68, AUD=1.09",
        help="Optional flat rates for this file. Without one, each award converts at the exchange rate of its "
        "award date stored in Workspace settings (the latest on or before it).",
    )
    default = right.selectbox(
        "Awards whose row names no cluster go to", [NO_CLUSTER, *clusters], key=state.LEDGER_AWARD_CLUSTER
    )
    currency = left.text_input(
        "Currency of amounts whose row names none",
        key=IMPORT_CURRENCY_KEY,
        placeholder=f"{workspace_locale().currency} (e.g. USD for an NIH RePORTER export)",
    )
    choices = replace(choices, currency=currency.strip() or None)
    file = st.file_uploader(
        "Awards file",
        type=["csv", "xlsx", "json"],
        key=upload_key(state.LEDGER_AWARD_FILE),
        help=upload_limits_note(rows=True),
    )
    if file is None:
        forget_mapping(ImportKind.AWARDS)
        return
    content, rate_list = file.getvalue(), [r for r in rates.replace(";", ",").split(",") if r.strip()]
    cluster = None if default == NO_CLUSTER else default

    def run(dry_run: bool, good_rows_only: bool = False):
        chosen = replace(choices, good_rows_only=good_rows_only)
        return awards.import_awards(
            deps.uow(), actor, file.name, content, rate_list, cluster, dry_run=dry_run, choices=chosen
        )

    report = attempt(lambda: run(True))
    if report is None:
        return
    mapping_editor(actor, ImportKind.AWARDS, AWARD_FIELDS, report, file.file_id)
    notes_and_problems(report, "award")
    worth = f"worth {format_money(report.total_nzd)} in {workspace_locale().currency}"
    if not report.problems:
        show_report(report, "award", worth)
    elif not (report.rows and report.bad_rows) or not st.checkbox(
        f"Import the {len(report.rows):,} good award(s) only, leaving out the {report.bad_rows:,} bad row(s) "
        "(download them above to fix); this is recorded in the audit trail",
        key=IMPORT_GOOD_ONLY_KEY,
    ):
        return
    partial = bool(report.problems)
    if st.button(f"Import {len(report.rows):,} award(s)", type="primary", key=IMPORT_AWARDS_KEY) and succeeded(
        lambda: run(False, good_rows_only=partial),
        f"Imported {len(report.rows):,} award(s) from {file.name}"
        + (f", leaving out {report.bad_rows:,} bad row(s)." if partial else "."),
    ):
        reset_upload(state.LEDGER_AWARD_FILE)
        forget_mapping(ImportKind.AWARDS)
        st.rerun()
