"""Demo text for one application, so exporting to Word shows lists, tables, links and history.

"Whakapapa and data sovereignty in genomic research" (Marsden Fund, Standard) gets the
full-proposal template (limits from the published Marsden checklist), two saved
revisions of each section, and review round 1 frozen at the first.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, ApplicationMember, ReviewRound, Section, SectionRevision, SnapshotSection
from research.domain.clock import utcnow
from research.domain.section_rules import status_after_save
from research.domain.template_spec import parse_template, template_to_dict

DEMO_TITLE = "Whakapapa and data sovereignty in genomic research"
MARSDEN_KEY = "marsden-full-proposal"

MARSDEN_FULL_PROPOSAL = {
    "key": MARSDEN_KEY,
    "name": "Marsden Fund full proposal",
    "version": "2025",
    "funder": "Royal Society Te Apārangi — Marsden Fund",
    "scheme": "Standard",
    "page": {"paper": "A4", "margins_cm": 2.0, "font": "Times New Roman", "font_size_pt": 12.0, "line_spacing": 1.0},
    "sources": ["royalsociety.org.nz: Marsden checklist for full proposals"],
    "sections": [
        {
            "key": "summary",
            "title": "Summary",
            "limit": {"unit": "words", "max": 200},
            "guidance": "A summary of the research for a general reader.",
        },
        {"key": "background", "title": "Background", "guidance": "What is known, and the gap this fills."},
        {"key": "aims", "title": "Overall aims", "guidance": "The aims, each in a sentence or two."},
        {"key": "research", "title": "Proposed research", "guidance": "Methods, work plan and risks."},
        {
            "key": "benefit",
            "title": "Benefit and rationale for the research in New Zealand",
            "limit": {"unit": "words", "max": 400},
            "guidance": "Why this research matters here.",
        },
        {
            "key": "vision_matauranga",
            "title": "Vision Mātauranga",
            "required": False,
            "guidance": "How the research engages with Māori knowledge, resources and people.",
        },
        {"key": "references", "title": "References", "limit": {"unit": "pages", "max": 4}},
    ],
    "shared_limits": [
        {
            "key": "proposal_body",
            "title": "Background, aims and proposed research",
            "sections": ["background", "aims", "research"],
            "limit": {"unit": "pages", "max": 5},
        }
    ],
}

FIRST = {
    "summary": "Genomic data from Māori participants is held overseas under terms iwi never agreed to. "
    "We will ask how *whakapapa* can guide who decides.",
    "background": "Genomic research increasingly depends on **shared data**. Little is known about how "
    "communities govern it.",
    "aims": "1. Map where data is held.\n2. Work with iwi on governance.",
}
SECOND = {
    "summary": "Genomic data from Māori participants is often held overseas, under terms that iwi never agreed "
    "to. Drawing on *whakapapa* as a framework for relationships and obligations, this project asks "
    "who should decide how such data is used, and builds with three iwi a governance model that "
    "researchers and biobanks can adopt.",
    "background": "Genomic research increasingly depends on **shared data** held in international repositories. "
    "The [CARE Principles for Indigenous Data Governance](https://www.gida-global.org/care) set "
    "out collective benefit, authority to control, responsibility and ethics, but few repositories "
    "apply them.\n\n## What is missing\n\n- Consent models that recognise collective rights\n"
    "- Ways for iwi to audit use\n  - who accessed the data\n  - for what purpose",
    "aims": "1. **Map** where genomic data from Māori participants is held, and under which terms.\n"
    "2. **Co-design** a governance model with three iwi.\n"
    "3. **Test** the model with two biobanks.",
    "research": "We work in three phases.\n\n| Phase | Months | Lead |\n|:--|--:|:--|\n"
    "| Mapping | 1–9 | Dr Hana Kim |\n| Co-design wānanga | 6–24 | Dr Wiremu Tane |\n"
    "| Biobank trials | 20–36 | Dr Hana Kim |\n\n> Risks: iwi priorities may change; the "
    "timetable leaves six months of slack.",
    "benefit": "New Zealand biobanks hold samples from thousands of Māori participants. A tested governance "
    "model lets them keep faith with those participants and with Te Tiriti o Waitangi.",
}


def seed_docx_demo(session: Session, coauthor_id: int) -> None:
    application = session.scalar(select(Application).where(Application.title == DEMO_TITLE))
    if application is None or session.scalar(select(Section.id).where(Section.application_id == application.id)):
        return  # another part of the demo has already given it sections
    spec = parse_template(MARSDEN_FULL_PROPOSAL)
    application.template_key, application.template_spec = spec.key, template_to_dict(spec)
    now = utcnow()
    first_at, frozen_at, second_at = now - timedelta(days=20), now - timedelta(days=18), now - timedelta(days=5)
    review_round = ReviewRound(
        application_id=application.id,
        number=1,
        requested_by_id=application.lead_id,
        requested_at=frozen_at,
        closed_at=now - timedelta(days=8),
    )
    session.add(review_round)
    _add_coauthor(session, application, coauthor_id)
    for position, section_spec in enumerate(spec.sections):
        section = Section(
            application_id=application.id,
            key=section_spec.key,
            title=section_spec.title,
            guidance=section_spec.guidance,
            required=section_spec.required,
            position=position,
            limit_unit=section_spec.limit.unit if section_spec.limit else None,
            limit_max=section_spec.limit.max if section_spec.limit else None,
        )
        session.add(section)
        session.flush()
        first = _revise(session, section, FIRST.get(section.key), application.lead_id, first_at)
        _revise(session, section, SECOND.get(section.key), application.lead_id, second_at)
        session.add(
            SnapshotSection(
                review_round_id=review_round.id, section_id=section.id, revision_id=first.id if first else None
            )
        )


def _add_coauthor(session: Session, application: Application, user_id: int) -> None:
    if user_id != application.lead_id:
        session.add(ApplicationMember(application_id=application.id, user_id=user_id))


def _revise(session: Session, section: Section, body: str | None, author_id: int, at) -> SectionRevision | None:
    if body is None:
        return None
    section.version = section.revision_count = section.version + 1
    section.body, section.updated_at, section.updated_by_id = body, at, author_id
    section.status = status_after_save(body).value
    revision = SectionRevision(
        section_id=section.id, number=section.version, body=body, author_id=author_id, created_at=at, kind="save"
    )
    session.add(revision)
    session.flush()
    return revision
