"""The readiness gate's list of what is missing and what clears each, the team's answers to a
reviewer's "No", the lead's override, and the status control (with recording an award)."""

from __future__ import annotations

import streamlit as st

from research.collab import versions
from research.domain.application_status import ApplicationStatus as S
from research.domain.locale import workspace_locale
from research.domain.money import MONEY_HELP
from research.domain.readiness import Gap, Readiness
from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.review import lifecycle, readiness
from research.services.review.lifecycle import AwardInput
from research.services.review.support import today_for
from research.ui import deps
from research.ui.components.common.plain_text import md_escape
from research.ui.components.drafting.page_measure import page_lines_panel
from research.ui.feedback import attempt, succeeded

KEY = "readiness_status"
VERBS = {
    S.REVISING: "Back to revising",
    S.READY: "Mark ready to submit",
    S.SUBMITTED: "Record as submitted",
    S.AWARDED: "Record the award",
    S.DECLINED: "Record as declined",
    S.WITHDRAWN: "Withdraw",
}


READINESS_PAGE = "research/ui/pages/review/review_readiness_page.py"


def readiness_summary(actor: Actor, application_id: int) -> None:
    """On the application's own page: what stands between it and 'ready', what clears each, where to act."""
    result = attempt(lambda: readiness.check_readiness(deps.uow(), actor, application_id))
    if result is None:
        return
    if result.ready:
        st.caption(":green[:material/task_alt: Ready to submit: nothing stands in the way.]")
        return
    count = len(result.gaps)
    title = f"Not ready to submit yet: {count} thing{'s' if count != 1 else ''} to do"
    with st.expander(title, icon=":material/checklist:"):
        for area in dict.fromkeys(g.area for g in result.gaps):
            gaps = [g for g in result.gaps if g.area == area]
            st.markdown("\n".join(f"- {md_escape(g.message)}" for g in gaps))
            for clears in dict.fromkeys(g.clears for g in gaps if g.clears):
                st.caption(f"What clears it: {clears}")
        st.page_link(
            READINESS_PAGE,
            label="Review & readiness: answer a reviewer's “No”, mark ready, move the status",
            icon=":material/arrow_forward:",
            query_params={"application": str(application_id)},
        )


def readiness_panel(actor: Actor, application_id: int) -> None:
    result = attempt(lambda: readiness.check_readiness(deps.uow(), actor, application_id))
    if result is None:
        return
    page_lines_panel(actor, application_id, result.pages)
    if result.ready:
        st.success(
            "Ready to submit: every required section has text within its limits and is marked ready, "
            "the checklist is answered and no comment is open.",
            icon=":material/task_alt:",
        )
    else:
        st.warning(
            f"Not ready to submit yet: {len(result.gaps)} thing{'s' if len(result.gaps) != 1 else ''} to do.",
            icon=":material/checklist:",
        )
        with st.container(key=f"{KEY}_gaps"):
            for area in dict.fromkeys(g.area for g in result.gaps):
                st.markdown(f"**{area}**")
                gaps = [g for g in result.gaps if g.area == area]
                st.markdown("\n".join(f"- {g.message}" for g in gaps))
                for clears in dict.fromkeys(g.clears for g in gaps if g.clears):
                    st.caption(f"What clears it: {clears}")
                for gap in gaps:
                    if gap.item_key:
                        _answer_no(actor, application_id, gap)
    _recorded(actor, application_id)


def _answer_no(actor: Actor, application_id: int, gap: Gap) -> None:
    with st.form(f"{KEY}_answer_{application_id}_{gap.item_key}"):
        note = st.text_area(
            f"Answer the reviewer's “No”: {gap.message.split('”:')[0].lstrip('“')}",
            help="How the team dealt with it. Kept with the application and in the audit trail.",
            placeholder="How the team dealt with it",
        )
        if st.form_submit_button("Record the answer", icon=":material/reply:") and succeeded(
            lambda: readiness.answer_checklist_no(deps.uow(), actor, application_id, gap.item_key, note),
            "Answer recorded; that “No” no longer holds the application back.",
        ):
            st.rerun()


def _recorded(actor: Actor, application_id: int) -> None:
    notes = attempt(lambda: readiness.readiness_notes(deps.uow(), actor, application_id)) or []
    if not notes:
        return
    with st.expander(f"Recorded on the way to ready ({len(notes)})", icon=":material/history_edu:"):
        for n in notes:
            when = format_moment(n.at, actor.timezone, False)
            if n.kind == readiness.OVERRIDE:
                st.markdown(f"**{md_escape(n.author)}** marked the application ready anyway · {when}")
                st.caption(f"Why: {md_escape(n.note)}")
                st.caption("Not marked ready then: " + md_escape("; ".join(n.detail.splitlines())))
            else:
                st.markdown(f"**{md_escape(n.author)}** answered the “No” on {md_escape(n.item_key)} · {when}")
                st.caption(md_escape(n.note))


def status_panel(actor: Actor, application_id: int) -> None:
    options = attempt(lambda: lifecycle.status_options(deps.uow(), actor, application_id))
    if options is None:
        return
    if not options.targets:
        st.caption(f"The application is {options.current.label}; there is no status you can move it to from here.")
        return
    target = st.segmented_control(
        "Move the application to",
        options.targets,
        format_func=lambda s: VERBS.get(s, s.label),
        key=f"{KEY}_target_{application_id}",
    )
    if target is not None:
        _move_form(actor, application_id, S(target), options.currency)


def _override_field(actor: Actor, application_id: int) -> str:
    """When only sections not marked ready stand in the way, the lead may go ahead, saying why."""
    result: Readiness | None = attempt(lambda: readiness.check_readiness(deps.uow(), actor, application_id))
    if result is not None and result.blocking:
        count = len(result.blocking)
        st.caption(
            f"{count} thing{'s' if count != 1 else ''} listed above must be cleared first; "
            "no override clears a missing text, a limit, a reviewer's unanswered “No” or an open comment."
        )
    if result is None or result.blocking or not result.overridable:
        return ""
    count = len(result.overridable)
    st.caption(
        f"{count} required section{'s are' if count != 1 else ' is'} not marked ready. Mark "
        f"{'them' if count != 1 else 'it'} ready in the editor, or give the reason for going ahead: "
        "it is recorded with your name and the time."
    )
    return st.text_area("Why the application is ready anyway")


def _move_form(actor: Actor, application_id: int, target: S, currency: str) -> None:
    with st.form(f"{KEY}_move_{application_id}_{target.value}"):
        award = _award_fields(actor, currency) if target == S.AWARDED else None
        override = _override_field(actor, application_id) if target == S.READY else ""
        note = st.text_input("Note for the audit trail (optional)")
        if st.form_submit_button(VERBS.get(target, target.label), type="primary") and succeeded(
            lambda: _move(actor, application_id, target, award, note, override),
            f"The application is now {target.label}.",
        ):
            st.session_state.pop(f"{KEY}_target_{application_id}", None)
            st.rerun()


def _move(actor: Actor, application_id: int, target: S, award: AwardInput | None, note: str, override: str) -> S:
    if target in LEAVES_DRAFTING:  # live typing still waiting for its pause goes in first
        versions.record_unrecorded(deps.uow, actor, application_id)
    return lifecycle.move_application(deps.uow(), actor, application_id, target.value, award, note, override=override)


LEAVES_DRAFTING = (S.READY, S.SUBMITTED, S.WITHDRAWN)


def _award_fields(actor: Actor, currency: str) -> AwardInput:
    amount = st.text_input(f"Amount awarded ({currency})", placeholder="e.g. 960000", help=MONEY_HELP)
    awarded_on = st.date_input("Date of the award", value=today_for(actor), format="DD/MM/YYYY")
    reporting = workspace_locale().currency
    amount_nzd = (
        st.text_input(f"Worth in {reporting}", help="At the rate on the award date.") if currency != reporting else None
    )
    st.caption("Recording the award credits 100% of it to the application's cluster on the return dashboard.")
    return AwardInput(amount, awarded_on, amount_nzd)
