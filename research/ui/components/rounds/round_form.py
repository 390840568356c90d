"""The form to create or edit a funding round; it returns what was typed when submitted."""

from __future__ import annotations

from zoneinfo import available_timezones

import streamlit as st

from research.domain.currencies import CURRENCIES
from research.domain.money import MONEY_HELP
from research.domain.round_form import RoundForm
from research.domain.round_rules import MILESTONE_KINDS


def _zones() -> list[str]:
    return sorted(available_timezones())


def round_form(
    form: RoundForm, funders: dict[int, str], clusters: dict[int, str], templates: tuple[str, ...], key: str
) -> RoundForm | None:
    """Fields start from `form`; widget keys start with `key`, so each round keeps its own."""
    with st.form(key, border=True):
        who, scheme, name = st.columns([2, 1.4, 1.6])
        funder_ids = list(funders)
        funder_id = who.selectbox(
            "Funder",
            funder_ids,
            format_func=funders.__getitem__,
            key=f"{key}_funder",
            index=funder_ids.index(form.funder_id) if form.funder_id in funders else None,
            placeholder="Choose a funder",
        )
        scheme_text = scheme.text_input("Scheme", form.scheme, key=f"{key}_scheme", placeholder="e.g. Smart Ideas")
        name_text = name.text_input(
            "Round name", form.name, key=f"{key}_name", placeholder="Blank: the scheme and closing year"
        )
        opens, opens_at, closes, closes_at, zone = st.columns([1.2, 0.8, 1.2, 0.8, 1.6])
        zones = _zones()
        opens_day = opens.date_input("Opens (optional)", form.opens_day, key=f"{key}_opens", format="DD/MM/YYYY")
        opens_time = opens_at.time_input("at", form.opens_time, key=f"{key}_opens_time", step=900)
        closes_day = closes.date_input("Closes", form.closes_day, key=f"{key}_closes", format="DD/MM/YYYY")
        closes_time = closes_at.time_input("at", form.closes_time, key=f"{key}_closes_time", step=900)
        zone_name = zone.selectbox(
            "Time zone of these dates",
            zones,
            key=f"{key}_zone",
            index=zones.index(form.timezone) if form.timezone in zones else None,
        )
        forecast = st.checkbox(
            "These dates are a forecast: the funder has not announced them yet", form.is_forecast, key=f"{key}_forecast"
        )
        money = _money_fields(form, key)
        eligibility = st.text_area("Eligibility", form.eligibility, key=f"{key}_eligibility", height=90)
        link, template = st.columns([2, 1])
        url = link.text_input("Link to the funder's page", form.url, key=f"{key}_url", placeholder="https://…")
        template_key = _template(template, form, templates, key)
        cluster_ids = st.multiselect(
            "Relevant clusters",
            list(clusters),
            default=list(form.cluster_ids),
            format_func=clusters.__getitem__,
            key=f"{key}_clusters",
        )
        limited, quota, _ = st.columns([1.3, 1, 2])
        is_limited = limited.checkbox(
            "Limited submission",
            form.limited_submission,
            key=f"{key}_limited",
            help="The funder caps how many applications the institution may send.",
        )
        allowed = quota.number_input(
            "Applications the institution may send",
            min_value=1,
            step=1,
            value=form.submission_quota,
            key=f"{key}_quota",
            placeholder="—",
        )
        notes = st.text_area("Notes", form.notes, key=f"{key}_notes", height=80)
        offsets = _offsets(form, key)
        if not st.form_submit_button("Save round", type="primary", icon=":material/save:"):
            return None
    return RoundForm(
        funder_id=funder_id,
        scheme=scheme_text,
        name=name_text,
        is_forecast=forecast,
        opens_day=opens_day,
        opens_time=opens_time,
        closes_day=closes_day,
        closes_time=closes_time,
        timezone=zone_name or "",
        eligibility=eligibility,
        url=url,
        template_key=template_key,
        cluster_ids=tuple(cluster_ids),
        limited_submission=is_limited,
        submission_quota=int(allowed) if allowed else None,
        notes=notes,
        offsets=offsets,
        **money,
    )


def _money_fields(form: RoundForm, key: str) -> dict:
    currency, pool, low, high, count, rate, decision = st.columns([0.8, 1.2, 1.2, 1.2, 1, 1, 1.3])
    codes = sorted(CURRENCIES)
    return {
        "currency": currency.selectbox("Currency", codes, index=codes.index(form.currency), key=f"{key}_currency"),
        "pool": pool.text_input("Total pool", form.pool, key=f"{key}_pool", help=MONEY_HELP),
        "min_award": low.text_input("Minimum award", form.min_award, key=f"{key}_min", help=MONEY_HELP),
        "max_award": high.text_input("Maximum award", form.max_award, key=f"{key}_max", help=MONEY_HELP),
        "expected_awards": count.number_input(
            "Awards expected", min_value=1, step=1, value=form.expected_awards, key=f"{key}_awards", placeholder="—"
        ),
        "success_rate": rate.text_input("Success rate", form.success_rate, key=f"{key}_rate", placeholder="e.g. 13.3%"),
        "decision_expected": decision.date_input(
            "Decision expected", form.decision_expected, key=f"{key}_decision", format="DD/MM/YYYY"
        ),
    }


def _template(column, form: RoundForm, templates: tuple[str, ...], key: str) -> str:
    if not templates:
        return column.text_input(
            "Application template (key)",
            form.template_key,
            key=f"{key}_template",
            help="No templates are installed yet; type the key of the one this round will use.",
        )
    options = ["", *templates] + ([form.template_key] if form.template_key not in ("", *templates) else [])
    return column.selectbox(
        "Application template",
        options,
        index=options.index(form.template_key),
        format_func=lambda k: k or "None",
        key=f"{key}_template",
    )


def _offsets(form: RoundForm, key: str) -> dict[str, int]:
    st.markdown(
        "**Internal deadlines**, in working days before the close (weekends and New Zealand public "
        "holidays are skipped)"
    )
    columns = st.columns(len(MILESTONE_KINDS) + 1)
    return {
        k.kind: int(
            column.number_input(
                k.label,
                min_value=0,
                max_value=120,
                step=1,
                value=form.offsets.get(k.kind, k.default_days),
                key=f"{key}_{k.kind}_days",
            )
        )
        for k, column in zip(MILESTONE_KINDS, columns, strict=False)
    }
