"""Demo data for peer review: two Marsden-style applications with a real template, sections,
revisions, review rounds, scores and comments, dated relative to the day the demo is loaded.

The template follows the published Marsden full-proposal form (Summary 200 words; Background,
aims and proposed research together 5 pages; Benefit and rationale 400 words; A4, 2 cm
margins, 12 pt) and scores criteria the way Horizon Europe does (0-5 in half marks, pass
mark 3, 10 overall), with NIH's sufficient / not sufficient rating for expertise and resources.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    ChecklistAnswer,
    Cluster,
    Comment,
    Review,
    ReviewRound,
    RubricScore,
    Section,
    SectionRevision,
    SnapshotSection,
    User,
)
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import utcnow
from research.domain.section_rules import status_after_save
from research.domain.template_spec import parse_template, template_to_dict

MARSDEN_REVIEW_SPEC = template_to_dict(
    parse_template(
        {
            "key": "marsden-standard-review",
            "name": "Marsden Fund — Standard full proposal",
            "funder": "Royal Society Te Apārangi — Marsden Fund",
            "scheme": "Standard",
            "version": "2025",
            "page": {"paper": "A4", "margins_cm": 2.0, "font_size_pt": 12.0, "line_spacing": 1.0},
            "sections": [
                {
                    "key": "summary",
                    "title": "Summary",
                    "limit": {"unit": "words", "max": 200},
                    "guidance": "For a general reader: what you will do and why it matters.",
                },
                {
                    "key": "benefit",
                    "title": "Benefit and rationale for the research in New Zealand",
                    "limit": {"unit": "words", "max": 400},
                },
                {"key": "background", "title": "Background"},
                {"key": "aims", "title": "Overall aims"},
                {"key": "research", "title": "Proposed research"},
                {"key": "roles", "title": "Roles and resources"},
                {"key": "vm", "title": "Vision Mātauranga", "required": False},
            ],
            "shared_limits": [
                {
                    "key": "core",
                    "title": "Background, overall aims and proposed research",
                    "sections": ["background", "aims", "research"],
                    "limit": {"unit": "pages", "max": 5},
                },
            ],
            "checklist": [
                {"key": "summary", "text": "The summary is within 200 words and readable by a non-specialist"},
                {"key": "core-pages", "text": "Background, aims and proposed research fit in 5 pages together"},
                {"key": "benefit", "text": "The benefit and rationale for New Zealand is argued, not asserted"},
                {"key": "aims", "text": "The aims are clear and achievable within three years"},
                {"key": "resources", "text": "Roles and resources match the budget requested"},
                {"key": "vm", "text": "Vision Mātauranga has been considered", "required": False},
            ],
            "rubric": {
                "overall_threshold": 10,
                "criteria": [
                    {
                        "key": "excellence",
                        "title": "Excellence",
                        "scale": {"min": 0, "max": 5, "step": 0.5},
                        "threshold": 3,
                        "guidance": "Ambition, originality and soundness of the research.",
                    },
                    {"key": "impact", "title": "Impact", "scale": {"min": 0, "max": 5, "step": 0.5}, "threshold": 3},
                    {
                        "key": "implementation",
                        "title": "Quality of implementation",
                        "scale": {"min": 0, "max": 5, "step": 0.5},
                        "threshold": 3,
                    },
                    {
                        "key": "resources",
                        "title": "Expertise and resources",
                        "scale": {"ratings": ["sufficient", "not sufficient"]},
                        "pass_rating": "sufficient",
                    },
                ],
            },
            "sources": [
                "royalsociety.org.nz: Marsden checklist for full proposals",
                "Horizon Europe RIA/IA evaluation scores",
                "NIH simplified review framework (2025)",
            ],
        },
        "demo review template",
    )
)

TIDES = "Tides of memory: oral histories of the estuary"
SHELLFISH = "Shellfish recovery after estuary restoration"

FIRST_TEXT = {
    "summary": "The estuary is a palimpsest of tides, reclamation and memory. We will record oral histories "
    "from families who have fished, farmed and lived beside it for four generations, and set them "
    "against a century of survey maps to show how people noticed change before instruments did.",
    "benefit": "Councils are planning managed retreat around the estuary now. Local knowledge of past floods "
    "and shorelines is held by people in their seventies and eighties and is not written down.",
    "background": "Oral history has shaped coastal planning in Aotearoa before, but rarely with the rigour of "
    "linking each account to a dated map.",
    "aims": "1. Record 60 oral histories.\n\n2. Link each account to dated survey maps.\n\n3. Publish an open archive.",
    "research": "Interviews follow the National Oral History Association guidelines. Each account is "
    "transcribed, coded for places and dates, and matched against georeferenced maps.",
    "roles": "Dr Hana Kim leads the interviews; Dr Wiremu Tane leads the map work. A research assistant "
    "transcribes (0.5 FTE, three years).",
    "vm": "",
}
REVISED_TEXT = {
    **FIRST_TEXT,
    "summary": "The estuary has changed shape many times in living memory. We will record oral histories from "
    "families who have fished, farmed and lived beside it for four generations, and set them "
    "against a century of survey maps to show how people noticed change before instruments did.",
    "aims": "1. Record 60 oral histories with families chosen with the marae and the historical society.\n\n"
    "2. Link each account to dated survey maps.\n\n3. Publish an open archive with the families' consent.",
    "roles": "Dr Hana Kim leads the interviews; Dr Wiremu Tane leads the map work. A research assistant "
    "transcribes (0.5 FTE, three years). A kaumātua advisory group meets each quarter (budgeted).",
}
SHELLFISH_TEXT = {
    "summary": "Cockle and pipi beds collapsed after the estuary was drained in the 1960s. Restoration began in "
    "2019. We will measure how fast the beds return and what limits them.",
    "benefit": "Shellfish gathering matters to whānau and to the city's identity; restoration money needs evidence.",
    "background": "Restored estuaries elsewhere recovered shellfish in five to fifteen years.",
    "aims": "1. Survey 40 plots each season.\n\n2. Model recruitment against sediment and salinity.",
    "research": "Quadrat surveys, sediment cores and larval traps, three years.",
    "roles": "Dr Wiremu Tane leads; two summer students each year.",
    "vm": "Surveys are planned with the hapū who hold mana moana over the estuary.",
}


def seed_review_demo(session: Session, users: dict[str, User], research: Cluster) -> None:
    today = utcnow().date()
    tides = _application(
        session, TIDES, users["hana"], [users["wiremu"]], research, S.REVISING, FIRST_TEXT, REVISED_TEXT
    )
    _tides_round(session, tides, users, today)
    shellfish = _application(
        session, SHELLFISH, users["wiremu"], [], research, S.IN_REVIEW, SHELLFISH_TEXT, SHELLFISH_TEXT
    )
    _open_round(session, shellfish, users, today)


def _application(
    session: Session,
    title: str,
    lead: User,
    members: list[User],
    cluster: Cluster,
    status: S,
    first: dict[str, str],
    now: dict[str, str],
) -> Application:
    application = Application(
        title=title,
        lead_id=lead.id,
        cluster_id=cluster.id,
        status=status.value,
        requested_amount=Decimal("945000"),
        template_key=MARSDEN_REVIEW_SPEC["key"],
        template_spec=MARSDEN_REVIEW_SPEC,
        created_at=utcnow() - timedelta(days=40),
    )
    session.add(application)
    session.flush()
    session.add(ApplicationMember(application_id=application.id, user_id=lead.id))
    session.add_all(ApplicationMember(application_id=application.id, user_id=m.id) for m in members)
    for position, spec in enumerate(MARSDEN_REVIEW_SPEC["sections"]):
        _section(session, application.id, position, spec, first[spec["key"]], now[spec["key"]], lead.id)
    session.flush()
    return application


def _section(
    session: Session, application_id: int, position: int, spec: dict, first: str, now: str, author_id: int
) -> None:
    limit = spec.get("limit") or {}
    bodies = [b for b in (first, now if now != first else None) if b]
    section = Section(
        application_id=application_id,
        key=spec["key"],
        title=spec["title"],
        position=position,
        guidance=spec.get("guidance", ""),
        required=spec.get("required", True),
        limit_unit=limit.get("unit"),
        limit_max=limit.get("max"),
        body=now,
        version=len(bodies),
        revision_count=len(bodies),
        status=status_after_save(now).value,
        owner_id=author_id,
        updated_by_id=author_id,
        updated_at=utcnow() - timedelta(days=2) if bodies else None,
    )
    session.add(section)
    session.flush()
    session.add_all(
        SectionRevision(section_id=section.id, number=n, body=b, author_id=author_id)
        for n, b in enumerate(bodies, start=1)
    )


def _freeze(session: Session, application: Application, review_round: ReviewRound) -> dict[str, int]:
    """Snapshot each section at revision 1 (the text the round was asked about)."""
    sections = dict(
        session.execute(select(Section.key, Section.id).where(Section.application_id == application.id)).all()
    )
    first = dict(
        session.execute(
            select(SectionRevision.section_id, SectionRevision.id).where(
                SectionRevision.section_id.in_(sections.values()), SectionRevision.number == 1
            )
        ).all()
    )
    session.add_all(
        SnapshotSection(review_round_id=review_round.id, section_id=section_id, revision_id=first.get(section_id))
        for section_id in sections.values()
    )
    return sections


def _at(day: date, hour: int = 10) -> datetime:
    """A time of day in Auckland, where the demo's people work."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Pacific/Auckland")).astimezone(UTC)


def _tides_round(session: Session, application: Application, users, today: date) -> None:
    review_round = ReviewRound(
        application_id=application.id,
        number=1,
        requested_by_id=users["hana"].id,
        requested_at=_at(today - timedelta(days=24)),
        due_on=today - timedelta(days=10),
        closed_at=_at(today - timedelta(days=8)),
        message="Is the summary clear to a non-specialist? Are the aims achievable?",
    )
    session.add(review_round)
    session.flush()
    sections = _freeze(session, application, review_round)
    priya = _submitted(
        session,
        review_round,
        users["priya"],
        today - timedelta(days=12),
        {"excellence": "3.5", "impact": "3", "implementation": "3", "resources": "sufficient"},
        {"summary": ("no", "Opens with jargon: “palimpsest” will lose a general reader.")},
        "Submit after minor revisions",
        "An original project with a clear method. The summary needs plainer words.",
    )
    james = _submitted(
        session,
        review_round,
        users["james"],
        today - timedelta(days=11),
        {"excellence": "4", "impact": "2.5", "implementation": "3.5", "resources": "not sufficient"},
        {"resources": ("no", "No time or money for the kaumātua advisory group.")},
        "Major revisions needed",
        "Strong scholarship; the impact case and the advisory costs need work.",
    )
    _comment(
        session,
        application,
        sections["summary"],
        priya,
        users["priya"],
        "Say this in plain words.",
        "palimpsest of tides",
        today - timedelta(days=12),
    )
    _comment(
        session,
        application,
        sections["roles"],
        james,
        users["james"],
        "Budget the advisory group: who, how often, what it costs.",
        "",
        today - timedelta(days=11),
    )
    aims = _comment(
        session,
        application,
        sections["aims"],
        priya,
        users["priya"],
        "How will you choose the 60 families?",
        "Record 60 oral histories",
        today - timedelta(days=12),
    )
    aims.resolved_at, aims.resolved_by_id = _at(today - timedelta(days=3)), users["hana"].id
    session.add(
        Comment(
            application_id=application.id,
            section_id=sections["aims"],
            parent_id=aims.id,
            author_id=users["hana"].id,
            body="With the marae and the historical society; now in aim 1.",
            created_at=_at(today - timedelta(days=3)),
        )
    )


def _submitted(
    session: Session,
    review_round: ReviewRound,
    reviewer: User,
    on: date,
    scores: dict[str, str],
    exceptions: dict[str, tuple[str, str]],
    recommendation: str,
    summary: str,
) -> Review:
    review = Review(
        review_round_id=review_round.id,
        reviewer_id=reviewer.id,
        status="submitted",
        due_on=review_round.due_on,
        invited_at=review_round.requested_at,
        responded_at=_at(on - timedelta(days=5)),
        submitted_at=_at(on),
        recommendation=recommendation,
        summary=summary,
    )
    session.add(review)
    session.flush()
    for item in MARSDEN_REVIEW_SPEC["checklist"]:
        answer, note = exceptions.get(
            item["key"], ("na", "No mātauranga Māori is used.") if item["key"] == "vm" else ("yes", "")
        )
        session.add(ChecklistAnswer(review_id=review.id, item_key=item["key"], answer=answer, note=note))
    for key, value in scores.items():
        numeric = value[0].isdigit()
        session.add(
            RubricScore(
                review_id=review.id,
                criterion_key=key,
                score=Decimal(value) if numeric else None,
                rating=None if numeric else value,
            )
        )
    return review


def _comment(
    session: Session,
    application: Application,
    section_id: int,
    review: Review,
    author: User,
    body: str,
    quote: str,
    on: date,
) -> Comment:
    comment = Comment(
        application_id=application.id,
        section_id=section_id,
        review_id=review.id,
        author_id=author.id,
        body=body,
        quote=quote,
        created_at=_at(on),
    )
    session.add(comment)
    session.flush()
    return comment


def _open_round(session: Session, application: Application, users, today: date) -> None:
    review_round = ReviewRound(
        application_id=application.id,
        number=1,
        requested_by_id=users["wiremu"].id,
        requested_at=_at(today - timedelta(days=5)),
        due_on=today + timedelta(days=2),
    )
    session.add(review_round)
    session.flush()
    _freeze(session, application, review_round)
    session.add(
        Review(
            review_round_id=review_round.id,
            reviewer_id=users["james"].id,
            status="accepted",
            due_on=review_round.due_on,
            invited_at=review_round.requested_at,
            responded_at=_at(today - timedelta(days=4)),
        )
    )
    session.add(
        Review(
            review_round_id=review_round.id,
            reviewer_id=users["priya"].id,
            status="invited",
            due_on=review_round.due_on,
            invited_at=review_round.requested_at,
        )
    )
