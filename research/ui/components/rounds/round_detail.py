"""One funding round in full: dates in the viewer's zone, money, milestones and applications."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from research.domain.money import format_money
from research.domain.roles import Action, can
from research.domain.round_values import format_day, format_moment, format_rate, local, until
from research.export.rounds_ics import ICS_MIME, rounds_calendar
from research.services.common.actor import Actor
from research.services.rounds.calendar import RoundDates, RoundDetail
from research.ui.components.common.plain_text import md_escape
from research.ui.components.drafting.new_application_form import new_application_form
from research.ui.navigation import page_for

ROUND_APPLICATIONS_KEY = "round_applications"
ROUND_DETAIL_KEY = "round_detail"
ROUND_ICS_KEY = "round_ics"
ROUND_MILESTONES_KEY = "round_milestones"

STATUS_ICONS = {
    "open": ":material/lock_open:",
    "upcoming": ":material/schedule:",
    "forecast": ":material/query_stats:",
    "closed": ":material/lock:",
}


def round_detail(actor: Actor, r: RoundDetail, now: datetime) -> None:
    zone = actor.timezone
    with st.container(border=True, key=ROUND_DETAIL_KEY):
        st.subheader(md_escape(r.name), anchor=False)
        status = f"{STATUS_ICONS[r.status.value]} **{r.status.value}** — {r.status.help}"
        st.markdown(
            f"{md_escape(r.funder)} · {md_escape(r.scheme)} · {status}" + (" · **archived**" if r.archived else "")
        )
        closes, pool, largest, odds = st.columns(4, border=True)
        closes.markdown(f"**Closes** {until(now, r.closes_at)}  \n{format_moment(r.closes_at, zone, False)}")
        pool.markdown(f"**Pool**  \n{format_money(r.pool, r.currency, code=True)}")
        largest.markdown(f"**Maximum award**  \n{format_money(r.max_award, r.currency, code=True)}")
        odds.markdown(
            "**Success rate**  \n"
            + (
                format_rate(r.success_rate)
                if r.success_rate is not None
                else f"about {r.expected_awards} awards expected"
                if r.expected_awards
                else "—"
            )
        )
        _facts(r, zone)
        _milestones(r, zone, now)
        _applications(r)
        if can(actor.role, Action.DRAFT_APPLICATIONS) and not r.archived and r.closes_at >= now:
            with st.expander("Start an application for this round", icon=":material/add:"):
                new_application_form(actor, for_round=r.id)
        _actions(actor, r, now)


def _facts(r: RoundDetail, zone: str) -> None:
    lines = [f"**Times** are in your time zone, {zone}."]
    if r.timezone != zone:
        lines.append(f"**The funder's deadline** is {format_moment(r.closes_at, r.timezone)}.")
    lines += [
        f"**Opens:** {format_moment(r.opens_at, zone, with_zone=False)}",
        f"**Decision expected:** {format_day(r.decision_expected)}",
        f"**Awards:** {_award_range(r)}" + (f"; about {r.expected_awards} expected" if r.expected_awards else ""),
        "**Limited submission:** "
        + (f"yes, the institution may send {r.submission_quota}" if r.limited_submission else "no"),
        f"**Template:** {md_escape(r.template_key or 'none chosen')}",
        f"**Clusters:** {md_escape(', '.join(r.clusters) or 'none')}",
    ]
    st.markdown("  \n".join(lines))
    if r.eligibility:
        st.markdown(f"**Eligibility:** {md_escape(r.eligibility)}")
    if r.notes:
        st.markdown(f"**Notes:** {md_escape(r.notes)}")
    if r.url:
        st.link_button("Funder's page", r.url, icon=":material/open_in_new:")


def _award_range(r: RoundDetail) -> str:
    low, high = r.min_award, r.max_award
    if low is not None and high is not None:
        return f"{format_money(low, r.currency, code=True)} to {format_money(high, r.currency, code=True)}"
    if high is not None:
        return f"up to {format_money(high, r.currency, code=True)}"
    return f"from {format_money(low, r.currency, code=True)}" if low is not None else "not stated"


def _milestones(r: RoundDetail, zone: str, now: datetime) -> None:
    st.markdown(
        "**Internal deadlines** (working days before the close; weekends and New Zealand public holidays skipped)"
    )
    rows = [
        {
            "Deadline": m.label,
            "Working days before": m.working_days_before,
            "Due": local(m.due_at, zone).replace(tzinfo=None),
            "When": until(now, m.due_at),
        }
        for m in r.milestones
    ]
    rows.append(
        {
            "Deadline": "Funder closes",
            "Working days before": 0,
            "Due": local(r.closes_at, zone).replace(tzinfo=None),
            "When": until(now, r.closes_at),
        }
    )
    st.container(key=ROUND_MILESTONES_KEY).dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={"Due": st.column_config.DatetimeColumn(f"Due ({zone})", format="ddd D MMM YYYY, HH:mm")},
    )


def _applications(r: RoundDetail) -> None:
    st.markdown(f"**Applications in this round** ({len(r.applications)})")
    if not r.applications:
        st.caption("No application is linked to this round yet.")
        return
    st.container(key=ROUND_APPLICATIONS_KEY).dataframe(
        pd.DataFrame(
            [
                {
                    "Title": a.title,
                    "Status": a.status.replace("_", " "),
                    "Lead": a.lead or "—",
                    "Requested": format_money(a.requested, a.currency, code=True) if a.requested is not None else "—",
                    "Yours": a.mine,
                }
                for a in r.applications
            ]
        ),
        hide_index=True,
    )
    if any(a.lead is None for a in r.applications):
        st.caption("Leads and amounts show only to each application's team and to managers.")


def _actions(actor: Actor, r: RoundDetail, now: datetime) -> None:
    left, right = st.columns(2)
    dates = RoundDates(
        r.id, r.funder, r.scheme, r.name, r.status, r.opens_at, r.closes_at, r.timezone, r.url, r.milestones
    )
    left.download_button(
        "Add this round to my calendar (.ics)",
        rounds_calendar([dates], now, r.name),
        file_name=f"funding-round-{r.id}.ics",
        mime=ICS_MIME,
        icon=":material/event:",
        key=ROUND_ICS_KEY,
        on_click="ignore",
    )
    if can(actor.role, Action.MANAGE_ROUNDS):
        right.page_link(
            page_for("manage_rounds_page.py").path,
            label="Edit this round",
            icon=":material/edit:",
            query_params={"round": str(r.id)},
        )
