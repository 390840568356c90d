"""Helpers for the Word export and import tests: an application built from the models, and
forms built with python-docx."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import docx
from docx.document import Document

from research.db.models import (
    Application,
    ApplicationMember,
    Funder,
    FundingRound,
    ReviewRound,
    Section,
    SectionRevision,
    SnapshotSection,
)
from research.db.uow import UnitOfWork
from research.domain.template_spec import parse_template, template_to_dict

TEMPLATE = {
    "key": "hrc-projects-test",
    "name": "HRC Projects (test)",
    "funder": "Health Research Council of New Zealand",
    "scheme": "Projects",
    "version": "2025",
    "page": {"paper": "A4", "margins_cm": 2.0, "font": "Times New Roman", "font_size_pt": 12.0},
    "sections": [
        {"key": "summary", "title": "Lay summary", "limit": {"unit": "words", "max": 20}},
        {"key": "aims", "title": "Aims", "limit": {"unit": "pages", "max": 1}},
        {"key": "methods", "title": "Methods"},
        {"key": "team", "title": "Team and roles", "required": False},
    ],
}

# Revision times: first saves, the review round freezing them, second saves, a refused save.
T1 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
FROZEN = datetime(2026, 2, 3, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
T3 = datetime(2026, 2, 12, 9, 0, tzinfo=UTC)

FIRST = {"summary": "First summary draft.", "aims": "1. First aim", "methods": "We will *measure*."}
SECOND = {
    "summary": "A **better** summary of the project.",
    "aims": "1. Aim one\n2. Aim two",
    "methods": "We will *measure* and [report](https://example.org/report).",
}
REFUSED = {"summary": "A text that lost a conflict."}


@dataclass(frozen=True)
class BuiltApplication:
    id: int
    section_ids: dict[str, int]
    review_round_id: int


def build_application(
    uow: UnitOfWork,
    lead_id: int,
    coauthor_ids: tuple[int, ...] = (),
    title: str = "Hearing screening in primary schools",
) -> BuiltApplication:
    spec = parse_template(TEMPLATE)
    with uow as session:
        funder = Funder(name=f"Health Research Council of New Zealand ({title[:20]})")
        session.add(funder)
        session.flush()
        funding_round = FundingRound(
            funder_id=funder.id,
            scheme="Projects",
            name="HRC Projects 2026",
            closes_at=datetime(2026, 3, 1, tzinfo=UTC),
            pool=Decimal("1200000"),
        )
        session.add(funding_round)
        session.flush()
        application = Application(
            title=title,
            lead_id=lead_id,
            round_id=funding_round.id,
            template_key=spec.key,
            template_spec=template_to_dict(spec),
        )
        session.add(application)
        session.flush()
        session.add(ApplicationMember(application_id=application.id, user_id=lead_id))
        for user_id in coauthor_ids:
            session.add(ApplicationMember(application_id=application.id, user_id=user_id))
        review_round = ReviewRound(
            application_id=application.id, number=1, requested_by_id=lead_id, requested_at=FROZEN
        )
        session.add(review_round)
        session.flush()
        ids = {}
        for position, s in enumerate(spec.sections):
            section = Section(
                application_id=application.id,
                key=s.key,
                title=s.title,
                position=position,
                required=s.required,
                limit_unit=s.limit.unit if s.limit else None,
                limit_max=s.limit.max if s.limit else None,
            )
            session.add(section)
            session.flush()
            ids[s.key] = section.id
            first = _revision(session, section, FIRST, T1, lead_id, 1)
            _revision(session, section, SECOND, T2, lead_id, 2)
            _revision(session, section, REFUSED, T3, lead_id, 3, kind="conflict")
            section.body = SECOND.get(s.key, "")
            session.add(
                SnapshotSection(
                    review_round_id=review_round.id, section_id=section.id, revision_id=first.id if first else None
                )
            )
        session.flush()
        return BuiltApplication(application.id, ids, review_round.id)


def _revision(session, section, bodies, at, author_id, number, kind="save"):
    if section.key not in bodies:
        return None
    revision = SectionRevision(
        section_id=section.id, number=number, body=bodies[section.key], author_id=author_id, created_at=at, kind=kind
    )
    session.add(revision)
    session.flush()
    if kind == "save":
        section.version = number
    return revision


def docx_bytes(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))
