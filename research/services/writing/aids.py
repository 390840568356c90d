"""The writing aids of an application for those who may read it, and dismissing a finding.

Reading the aids is reading the draft: the team and managers overseeing applications.
Dismissing a finding is the team's: it changes no text, only what the aids show.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, FindingDismissal, FundingRound, Section
from research.db.uow import UnitOfWork
from research.domain.assessment_criteria import AssessmentCriterion, from_rubric
from research.domain.errors import NotFound
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.access import require_read, require_team_member
from research.services.drafting.application_view import template_of
from research.services.writing.analysis import ApplicationAnalysis, SectionText, analyse_texts
from research.services.writing.round_criteria import stored_criteria


def application_criteria(session: Session, application: Application) -> tuple[AssessmentCriterion, ...]:
    """The round's own criteria where it has them, otherwise the template's rubric criteria."""
    funding_round = session.get(FundingRound, application.round_id) if application.round_id else None
    if funding_round is not None and funding_round.assessment_criteria:
        return stored_criteria(funding_round.assessment_criteria)
    spec = template_of(application)
    return from_rubric(spec.rubric.criteria) if spec else ()


def _texts(session: Session, application_id: int) -> tuple[SectionText, ...]:
    sections = session.scalars(
        select(Section).where(Section.application_id == application_id).order_by(Section.position, Section.id)
    )
    return tuple(SectionText(s.id, s.key, s.title, s.version, s.body or "") for s in sections)


def _dismissed(session: Session, section_ids: list[int]) -> dict[int, frozenset[str]]:
    rows = session.execute(
        select(FindingDismissal.section_id, FindingDismissal.finding_key).where(
            FindingDismissal.section_id.in_(section_ids)
        )
    )
    found: dict[int, set[str]] = {}
    for section_id, key in rows:
        found.setdefault(section_id, set()).add(key)
    return {k: frozenset(v) for k, v in found.items()}


def analyse_application(uow: UnitOfWork, actor: Actor, application_id: int) -> ApplicationAnalysis:
    with uow as session:
        application = require_read(session, actor, application_id)
        texts = _texts(session, application.id)
        criteria = application_criteria(session, application)
        dismissed = _dismissed(session, [t.section_id for t in texts])
    return analyse_texts(application_id, texts, criteria).with_dismissed(dismissed)


def dismiss_finding(uow: UnitOfWork, actor: Actor, section_id: int, finding_key: str, kind: str) -> None:
    """Hide a finding for this section from now on, while the same sentence raises it."""
    with uow as session:
        section = _team_section(session, actor, section_id)
        exists = session.scalar(
            select(FindingDismissal.id).where(
                FindingDismissal.section_id == section.id, FindingDismissal.finding_key == finding_key
            )
        )
        if exists is None:
            session.add(
                FindingDismissal(
                    section_id=section.id,
                    section_version=section.version,
                    finding_key=finding_key[:40],
                    kind=kind[:40],
                    dismissed_by_id=actor.id,
                )
            )
            record(session, actor.audit_id, "dismissed a writing finding", "section", section.id, kind=kind)


def restore_findings(uow: UnitOfWork, actor: Actor, section_id: int) -> int:
    """Show every dismissed finding of a section again; returns how many were restored."""
    with uow as session:
        section = _team_section(session, actor, section_id)
        rows = list(session.scalars(select(FindingDismissal).where(FindingDismissal.section_id == section.id)))
        for row in rows:
            session.delete(row)
        if rows:
            record(session, actor.audit_id, "restored writing findings", "section", section.id, count=len(rows))
        return len(rows)


def _team_section(session: Session, actor: Actor, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None:
        raise NotFound(f"There is no section with id {section_id}.")
    require_team_member(session, actor, section.application_id)
    return section
