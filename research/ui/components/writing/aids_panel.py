"""Beside the section being written: its reading grade, the findings, and the funder's criteria."""

from __future__ import annotations

import streamlit as st

from research.services.common.actor import Actor
from research.services.writing.aids import analyse_application, dismiss_finding, restore_findings
from research.services.writing.analysis import ApplicationAnalysis, SectionAnalysis
from research.services.writing.criteria_map import Coverage
from research.services.writing.findings import Finding, Kind
from research.ui import deps
from research.ui.components.common.plain_text import md_escape
from research.ui.feedback import attempt

KEY = "aids"
LABELS = {
    Kind.LONG_SENTENCE: "Long sentence",
    Kind.PASSIVE: "Passive construction",
    Kind.RARE_WORD: "Rare or specialist words",
    Kind.ACRONYM: "Acronym before its definition",
    Kind.ACRONYM_UNDEFINED: "Acronym never spelled out",
    Kind.REPEATED: "Repeated passage",
    Kind.INCONSISTENT_TERM: "Term written two ways",
}
STRENGTH_ICONS = {"strongly": ":material/check_circle:", "partly": ":material/radio_button_partial:"}
GRADE_HELP = (
    "Flesch-Kincaid grade: the school grade a reader needs (0.39 x words per sentence + 11.8 x syllables "
    "per word - 15.59). Panels read grade 12-14 comfortably; above 16 reads as dense."
)


def writing_aids(actor: Actor, application_id: int, section_id: int) -> None:
    with st.expander("Writing aids: clarity and the funder's criteria", icon=":material/spellcheck:"):
        analysis = attempt(lambda: analyse_application(deps.uow(), actor, application_id))
        if analysis is None:
            return
        section = analysis.section(section_id)
        st.caption("Advice only: nothing here changes your text or blocks the application.")
        _criteria(analysis, section)
        _findings(actor, section)


def _criteria(analysis: ApplicationAnalysis, section: SectionAnalysis) -> None:
    if not analysis.criteria:
        st.caption("This application's template and round state no assessment criteria.")
        return
    st.markdown("**The funder's criteria in this section**")
    for coverage in section.coverage:
        _coverage_row(coverage)
    if analysis.uncovered:
        titles = ", ".join(md_escape(c.title) for c in analysis.uncovered)
        st.warning(f"No section addresses yet: {titles}.", icon=":material/assignment_late:")


def _coverage_row(coverage: Coverage) -> None:
    icon = STRENGTH_ICONS.get(coverage.strength, ":material/radio_button_unchecked:")
    evidence = ", ".join(f"“{md_escape(p)}”" for p in coverage.matched) or "no phrase of the criterion"
    terms = ", ".join(md_escape(t) for t in coverage.shared_terms)
    st.markdown(
        f"{icon} **{md_escape(coverage.criterion_title)}**: {coverage.strength} addressed "
        f"(score {coverage.score:.2f}). Found: {evidence}" + (f"; shared words: {terms}." if terms else ".")
    )


def _findings(actor: Actor, section: SectionAnalysis) -> None:
    left, right = st.columns([1, 3])
    grade = section.flesch_kincaid_grade
    left.metric("Reading grade", "-" if grade is None else f"{grade:.1f}", help=GRADE_HELP)
    open_findings = section.open_findings
    hidden = len(section.findings) - len(open_findings)
    with right:
        if not open_findings:
            st.success("No findings in this section.", icon=":material/task_alt:")
        for finding in open_findings:
            _finding_row(actor, section.section_id, finding)
        if hidden:
            st.button(
                f"Show {hidden} dismissed finding{'s' if hidden != 1 else ''} again",
                key=f"{KEY}_restore_{section.section_id}",
                on_click=_restore,
                args=(actor, section.section_id),
            )


def _finding_row(actor: Actor, section_id: int, finding: Finding) -> None:
    with st.container(border=True):
        st.markdown(f"**{LABELS.get(finding.kind, finding.kind)}**: {md_escape(finding.message)}")
        st.caption(md_escape(finding.sentence))
        st.button(
            "Dismiss",
            key=f"{KEY}_dismiss_{section_id}_{finding.key}",
            on_click=_dismiss,
            args=(actor, section_id, finding),
            icon=":material/visibility_off:",
        )


def _dismiss(actor: Actor, section_id: int, finding: Finding) -> None:
    attempt(lambda: dismiss_finding(deps.uow(), actor, section_id, finding.key, finding.kind), "Finding dismissed.")


def _restore(actor: Actor, section_id: int) -> None:
    attempt(lambda: restore_findings(deps.uow(), actor, section_id), "Dismissed findings are shown again.")


def criteria_advisory(actor: Actor, application_id: int) -> None:
    """On the readiness gate: the funder's criteria no section addresses, as advice, never a block."""
    analysis = attempt(lambda: analyse_application(deps.uow(), actor, application_id))
    if analysis is None or not analysis.criteria:
        return
    if not analysis.uncovered:
        st.caption("Every one of the funder's assessment criteria is addressed by at least one section.")
        return
    titles = ", ".join(md_escape(c.title) for c in analysis.uncovered)
    st.info(
        f"Advice, not a requirement: no section addresses yet {titles}. The panel scores these; see "
        "Writing aids in the Application editor for the phrases each criterion is matched on.",
        icon=":material/lightbulb:",
    )
