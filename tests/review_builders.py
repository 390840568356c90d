"""Applications with sections and revisions, built straight from the models for review tests.

An application is placed here with empty sections, as starting one from a template makes them;
every text is then saved through the drafting service (access_world, which builds its whole world
in one transaction, still writes a first revision the way that service would).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from research.db.models import (
    Application,
    ApplicationMember,
    Cluster,
    Funder,
    FundingRound,
    RoundMilestone,
    Section,
    SectionRevision,
)
from research.db.uow import UnitOfWork
from research.domain.template_spec import parse_template, template_to_dict
from research.services.common.actor import Actor
from research.services.drafting import sections

MINI_SPEC = template_to_dict(
    parse_template(
        {
            "key": "marsden-mini",
            "name": "Marsden Fund full proposal (short)",
            "funder": "Royal Society Te Apārangi",
            "scheme": "Marsden Standard",
            "version": "2025",
            "sections": [
                {"key": "summary", "title": "Summary", "limit": {"unit": "words", "max": 200}},
                {"key": "aims", "title": "Overall aims", "limit": {"unit": "words", "max": 300}},
                {"key": "vm", "title": "Vision Mātauranga", "required": False},
            ],
            "shared_limits": [
                {
                    "key": "core",
                    "title": "Summary and aims",
                    "sections": ["summary", "aims"],
                    "limit": {"unit": "words", "max": 400},
                }
            ],
            "checklist": [
                {"key": "plain", "text": "The summary is written for a general reader"},
                {"key": "aims", "text": "The aims are clear and achievable in three years"},
                {"key": "vm", "text": "Vision Mātauranga is addressed", "required": False},
            ],
            "rubric": {
                "criteria": [
                    {
                        "key": "excellence",
                        "title": "Excellence",
                        "scale": {"min": 0, "max": 5, "step": 0.5},
                        "threshold": 3,
                    },
                    {"key": "impact", "title": "Impact", "scale": {"min": 0, "max": 5, "step": 0.5}, "threshold": 3},
                    {
                        "key": "resources",
                        "title": "Expertise and resources",
                        "scale": {"ratings": ["sufficient", "not sufficient"]},
                        "pass_rating": "sufficient",
                    },
                ],
                "overall_threshold": 6,
            },
        }
    )
)

GOOD_TEXTS = {
    "summary": "We will trace how **river memory** shapes the estuary, for every reader.",
    "aims": "Aim 1: map the estuary.\n\nAim 2: record oral histories.",
    "vm": "",
}


def build_application(
    uow: UnitOfWork,
    lead: Actor,
    *,
    members: tuple[Actor, ...] = (),
    texts: dict[str, str] | None = None,
    status: str = "drafting",
    with_cluster: bool = True,
    spec: dict | None = None,
    currency: str = "NZD",
    milestone_days: int | None = None,
    title: str | None = None,
    marked_ready: bool = False,
) -> int:
    """marked_ready: the written sections are marked ready by their writers, as a team does before 'ready'."""
    spec = MINI_SPEC if spec is None else spec
    texts = GOOD_TEXTS if texts is None else texts
    with uow as session:
        cluster = Cluster(name=f"Research {uuid.uuid4().hex[:6]}") if with_cluster else None
        if cluster:
            session.add(cluster)
            session.flush()
        round_id = _funding_round(session, milestone_days) if milestone_days is not None else None
        application = Application(
            title=title or f"River memory {uuid.uuid4().hex[:4]}",
            lead_id=lead.id,
            status="drafting",
            cluster_id=cluster.id if cluster else None,
            round_id=round_id,
            currency=currency,
            requested_amount=Decimal("900000"),
            template_key=spec.get("key", ""),
            template_spec=spec,
        )
        session.add(application)
        session.flush()
        session.add(ApplicationMember(application_id=application.id, user_id=lead.id))
        for member in members:
            session.add(ApplicationMember(application_id=application.id, user_id=member.id))
        for position, section_spec in enumerate(spec.get("sections", [])):
            add_section(session, application.id, position, section_spec, "", lead.id)
        application_id = application.id
    for section_spec in spec.get("sections", []):
        if texts.get(section_spec["key"]):
            save_text(uow, application_id, section_spec["key"], texts[section_spec["key"]], lead)
    if marked_ready:
        mark_ready(uow, application_id)
    if status != "drafting":
        _place(uow, application_id, status)
    return application_id


def mark_ready(uow: UnitOfWork, application_id: int, keys: tuple[str, ...] | None = None) -> None:
    """Mark the written sections (or those named) ready, as their writers do in the editor."""
    with uow as session:
        for section in session.scalars(select(Section).where(Section.application_id == application_id)):
            if section.status == "drafting" and (keys is None or section.key in keys):
                section.status = "ready"


def _place(uow: UnitOfWork, application_id: int, status: str) -> None:
    """Put the written application straight into `status`: the moves there are the lifecycle tests' job."""
    with uow as session:
        session.get(Application, application_id).status = status


def add_section(session, application_id: int, position: int, spec: dict, body: str, author_id: int) -> None:
    limit = spec.get("limit") or {}
    section = Section(
        application_id=application_id,
        key=spec["key"],
        title=spec["title"],
        position=position,
        required=spec.get("required", True),
        limit_unit=limit.get("unit"),
        limit_max=limit.get("max"),
        body=body,
        version=1 if body else 0,
        revision_count=1 if body else 0,
        status="drafting" if body else "empty",
    )
    session.add(section)
    session.flush()
    if body:
        session.add(SectionRevision(section_id=section.id, number=1, body=body, author_id=author_id))


def _funding_round(session, working_days_before: int) -> int:
    funder = Funder(name=f"Marsden {uuid.uuid4().hex[:6]}")
    session.add(funder)
    session.flush()
    funding_round = FundingRound(
        funder_id=funder.id, scheme="Standard", name="Marsden 2027", closes_at=datetime(2027, 2, 21, 23, 0, tzinfo=UTC)
    )  # noon Mon 22 Feb in NZ
    funding_round.milestones.append(
        RoundMilestone(kind="draft", label="Draft ready for review", working_days_before=working_days_before)
    )
    session.add(funding_round)
    session.flush()
    return funding_round.id


def save_text(uow: UnitOfWork, application_id: int, key: str, body: str, author: Actor) -> None:
    """A save as the editor makes it, through the drafting service, on top of the latest version."""
    with uow as session:
        section_id, version = session.execute(
            select(Section.id, Section.version).where(Section.application_id == application_id, Section.key == key)
        ).one()
    outcome = sections.save_section(uow, author, section_id, body, version)
    assert outcome.saved, f"saving {key!r} conflicted"


def section_ids(uow: UnitOfWork, application_id: int) -> dict[str, int]:
    with uow as session:
        rows = session.execute(select(Section.key, Section.id).where(Section.application_id == application_id))
        return dict(rows.all())


FAR_DUE = date(2099, 1, 1)
