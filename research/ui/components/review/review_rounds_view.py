"""The team's side of review: request a round and invite reviewers, see rounds, results and
how scores moved, and what changed in the text since a round's snapshot."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from research.charts.score_movement import score_movement_figure, score_table
from research.collab import versions
from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.review import overview as review_overview
from research.services.review import rounds as review_rounds
from research.services.review.overview import ReviewOverview, RoundView
from research.services.review.support import today_for
from research.ui import deps
from research.ui.components.common.form_fields import FieldErrors, forget
from research.ui.components.common.kept_text import kept_text, send_kept
from research.ui.components.review.review_common import day
from research.ui.feedback import attempt, succeeded

KEY = "review_team"
DEFAULT_DAYS = 14


def blind_toggle(actor: Actor, overview: ReviewOverview) -> None:
    if not overview.may_set_blind:
        if overview.names_hidden:
            st.caption("Reviews are blind: reviewer names are hidden from the team.")
        return
    blind = st.toggle(
        "Blind reviews: hide reviewer names from the team",
        value=overview.blind,
        key=f"{KEY}_blind_{overview.application_id}",
    )
    if blind != overview.blind and succeeded(
        lambda: review_rounds.set_blind_reviews(deps.uow(), actor, overview.application_id, blind),
        "Reviewer names are now hidden from the team." if blind else "Reviewer names are now shown.",
    ):
        st.rerun()


def request_panel(actor: Actor, overview: ReviewOverview) -> None:
    """For the lead: request a round (freezing the draft), or invite more reviewers to the open one."""
    if not overview.is_lead:
        return
    open_round = overview.open_round
    if not (overview.may_request_round or open_round):
        return
    if not overview.has_sections:
        return
    choices = attempt(lambda: review_rounds.reviewer_choices(deps.uow(), actor, overview.application_id)) or []
    free = {c.id: f"{c.name} ({c.role})" for c in choices if c.refusal is None}
    title = f"Invite more reviewers to round {open_round.number}" if open_round else "Request a review round"
    with (
        st.expander(title, expanded=not overview.rounds, icon=":material/send:"),
        st.form(f"{KEY}_request_{overview.application_id}", border=False),
    ):
        reviewers_key, due_key = f"{KEY}_reviewers_{overview.application_id}", f"{KEY}_due_{overview.application_id}"
        brief_key = f"{KEY}_brief_{overview.application_id}"
        if not open_round:
            st.caption("The draft is frozen as it is now: reviewers read that snapshot while you keep writing.")
        picked = st.multiselect(
            "Reviewers",
            list(free),
            format_func=free.__getitem__,
            placeholder="Choose reviewers",
            help="Reviewers, or researchers outside this team.",
            key=reviewers_key,
        )
        errors = FieldErrors()
        errors.under("reviewers")
        due = st.date_input(
            "Due date", value=_default_due(actor, overview, open_round), format="DD/MM/YYYY", key=due_key
        )
        errors.under("due date", "due")
        message = (
            ""
            if open_round
            else kept_text(actor, brief_key, "What should the reviewers look at? (optional)", height=80)
        )
        if st.form_submit_button("Invite" if open_round else "Request review", type="primary") and send_kept(
            actor,
            [] if open_round else [brief_key],
            lambda: _send(actor, overview.application_id, picked, due, message, bool(open_round)),
            "Reviewers invited." if open_round else "Review requested: the draft is frozen and reviewers invited.",
            fields=errors,
        ):
            forget(reviewers_key, due_key)
            st.rerun()
    refused = [c for c in choices if c.refusal]
    if refused:
        with st.expander(f"Not available to review ({len(refused)})"):
            st.markdown("\n".join(f"- {c.refusal}" for c in refused))


def _default_due(actor: Actor, overview: ReviewOverview, open_round: RoundView | None):
    if open_round and open_round.due_on:
        return open_round.due_on
    milestone = attempt(lambda: review_rounds.default_due_date(deps.uow(), actor, overview.application_id))
    return milestone or (today_for(actor) + timedelta(days=DEFAULT_DAYS))


def _send(actor: Actor, application_id: int, reviewer_ids: list[int], due, message: str, more: bool):
    if more:
        return review_rounds.invite_reviewers(deps.uow(), actor, application_id, reviewer_ids, due)
    versions.record_unrecorded(deps.uow, actor, application_id)  # the round freezes the text the team last saw
    return review_rounds.request_review_round(deps.uow(), actor, application_id, reviewer_ids, due, message)


def rounds_panel(actor: Actor, overview: ReviewOverview) -> None:
    if not overview.rounds:
        st.info(
            "No review has been requested yet."
            if overview.has_sections
            else "This application has no sections yet, so there is nothing to review.",
            icon=":material/rate_review:",
        )
        return
    score_panel(overview)
    for view in overview.rounds:
        closed = f"closed {format_moment(view.closed_at, actor.timezone, False)}" if view.closed_at else "open"
        requested = format_moment(view.requested_at, actor.timezone, False)
        with st.expander(
            f"Round {view.number} — requested {requested}, due {day(view.due_on)}, {closed}",
            expanded=view is overview.rounds[0],
        ):
            if view.message:
                st.caption(f"Asked of reviewers: {view.message}")
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "reviewer": i.reviewer,
                            "status": i.status.label,
                            "due": day(i.due_on),
                            "reason given": i.reason,
                        }
                        for i in view.invitations
                    ]
                ),
                hide_index=True,
            )
            if not view.results:
                st.caption("No review submitted in this round yet.")
            for result in view.results:
                _result(actor, result)


def _result(actor: Actor, result) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{result.reviewer}** · {result.recommendation} · "
            f"submitted {format_moment(result.submitted_at, actor.timezone, False)}"
        )
        st.text(result.summary)
        if result.scores:
            st.dataframe(
                pd.DataFrame([{"criterion": t, "score": s, "meets the bar": _mark(ok)} for t, s, ok in result.scores]),
                hide_index=True,
            )
        if result.overall is not None:
            st.caption(
                f"Overall (weighted): {result.overall:g}"
                + (
                    f" — {'meets' if result.overall_passes else 'below'} the pass mark"
                    if result.overall_passes is not None
                    else ""
                )
            )
        if result.checklist:
            st.dataframe(
                pd.DataFrame([{"checklist item": t, "answer": a, "note": n} for t, a, n in result.checklist]),
                hide_index=True,
            )


def _mark(value: bool | None) -> str:
    return "—" if value is None else "yes" if value else "no"


def score_panel(overview: ReviewOverview) -> None:
    if overview.scores.empty:
        return
    st.subheader("How the scores moved")
    table, chart = st.columns([2, 3])
    table.dataframe(score_table(overview.scores), hide_index=True)
    figure = score_movement_figure(overview.scores)
    if figure is not None:
        chart.plotly_chart(figure, key=f"{KEY}_scores_{overview.application_id}")


def changes_panel(actor: Actor, overview: ReviewOverview) -> None:
    """What changed since a round's snapshot, section by section, as plain diff text."""
    if not overview.rounds:
        st.info("Once a review round is requested, changes since its snapshot show here.")
        return
    by_id = {r.id: r for r in overview.rounds}
    round_id = st.selectbox(
        "Compare today's text with the snapshot of",
        list(by_id),
        format_func=lambda i: f"round {by_id[i].number}",
        key=f"{KEY}_diff_round",
    )
    changes = (
        attempt(lambda: review_overview.changes_since_review(deps.uow(), actor, overview.application_id, round_id))
        or []
    )
    for change in changes:
        with st.expander(f"{change.title} — {change.summary}", expanded=False):
            if change.diff:
                st.code(change.diff, language="diff", wrap_lines=True)
            else:
                st.caption("No change since this round.")
