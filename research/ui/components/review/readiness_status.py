"""The readiness gate's list of what is missing, and the status control (with recording an award)."""

from __future__ import annotations

import streamlit as st

from research.domain.application_status import ApplicationStatus as S
from research.domain.locale import workspace_locale
from research.domain.money import MONEY_HELP
from research.services.common.actor import Actor
from research.services.review import lifecycle, readiness
from research.services.review.lifecycle import AwardInput
from research.services.review.support import today_for
from research.ui import deps
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


def readiness_panel(actor: Actor, application_id: int) -> None:
    result = attempt(lambda: readiness.check_readiness(deps.uow(), actor, application_id))
    if result is None:
        return
    if result.ready:
        st.success(
            "Ready to submit: every required section has text within its limits, the checklist is "
            "answered and no comment is open.",
            icon=":material/task_alt:",
        )
        return
    st.warning(
        f"Not ready to submit yet: {len(result.gaps)} thing{'s' if len(result.gaps) != 1 else ''} to do.",
        icon=":material/checklist:",
    )
    with st.container(key=f"{KEY}_gaps"):
        for area in dict.fromkeys(g.area for g in result.gaps):
            st.markdown(f"**{area}**")
            st.markdown("\n".join(f"- {g.message}" for g in result.gaps if g.area == area))


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


def _move_form(actor: Actor, application_id: int, target: S, currency: str) -> None:
    with st.form(f"{KEY}_move_{application_id}_{target.value}"):
        award = _award_fields(actor, currency) if target == S.AWARDED else None
        note = st.text_input("Note for the audit trail (optional)")
        if st.form_submit_button(VERBS.get(target, target.label), type="primary") and succeeded(
            lambda: lifecycle.move_application(deps.uow(), actor, application_id, target.value, award, note),
            f"The application is now {target.label}.",
        ):
            st.session_state.pop(f"{KEY}_target_{application_id}", None)
            st.rerun()


def _award_fields(actor: Actor, currency: str) -> AwardInput:
    amount = st.text_input(f"Amount awarded ({currency})", placeholder="e.g. 960000", help=MONEY_HELP)
    awarded_on = st.date_input("Date of the award", value=today_for(actor), format="DD/MM/YYYY")
    reporting = workspace_locale().currency
    amount_nzd = (
        st.text_input(f"Worth in {reporting}", help="At the rate on the award date.") if currency != reporting else None
    )
    st.caption("Recording the award credits 100% of it to the application's cluster on the return dashboard.")
    return AwardInput(amount, awarded_on, amount_nzd)
