"""Helpers for the Word export and import tests: an application lived through the public services,
and forms built with python-docx."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import docx
from docx.document import Document

from research.db.uow import UnitOfWork
from research.domain.clock import frozen_at
from research.domain.roles import Role
from research.services.common.actor import Actor
from research.services.drafting import application_view, applications, sections, team, templates
from research.services.review import rounds as review_rounds
from research.services.rounds import editing as round_editing
from tests.service_catalogue import add_round
from tests.service_people import ADMIN, add_person, staff

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

ROUND_NAME = "HRC Projects 2026"
ROUND_CLOSES = datetime(2026, 3, 1, tzinfo=UTC)


@dataclass(frozen=True)
class BuiltApplication:
    id: int
    section_ids: dict[str, int]
    review_round_id: int


def build_application(
    uow: UnitOfWork,
    lead: Actor,
    coauthors: tuple[Actor, ...] = (),
    title: str = "Hearing screening in primary schools",
    cluster_id: int | None = None,
) -> BuiltApplication:
    """An application from TEMPLATE as its team lives it: the lead starts it and saves FIRST at T1,
    asks for a review at FROZEN, saves SECOND at T2, and at T3 saves the summary again on top of the
    first text, which the service refuses as a conflict."""
    hrc_template(uow)
    round_id = hrc_round(uow)
    with frozen_at(T1):
        application_id = applications.start_application(
            uow,
            lead,
            title=title,
            round_id=round_id,
            cluster_id=cluster_id,
            requested=None,
            template_key=TEMPLATE["key"],
        )
        for coauthor in coauthors:
            team.invite_coauthor(uow, lead, application_id, coauthor.id)
        ids = {s.key: s.id for s in application_view.application_detail(uow, lead, application_id).sections}
        first = _save_all(uow, lead, ids, FIRST, {})
    reviewer = add_person(uow, Role.REVIEWER)
    with frozen_at(FROZEN):
        requested = review_rounds.request_review_round(
            uow, lead, application_id, [reviewer.id], due_on=FROZEN.date() + timedelta(days=14)
        )
    with frozen_at(T2):
        _save_all(uow, lead, ids, SECOND, first)
    with frozen_at(T3):
        (key,) = REFUSED
        refused = sections.save_section(uow, lead, ids[key], REFUSED[key], first[key])
        assert refused.conflict, "the stale save at T3 was applied"
    return BuiltApplication(application_id, ids, requested.round_id)


def _save_all(
    uow: UnitOfWork, author: Actor, ids: dict[str, int], bodies: dict[str, str], seen: dict[str, int]
) -> dict[str, int]:
    """Save each text on top of the version in `seen` (0 for a first save): the new versions by key."""
    saved = {}
    for key, body in bodies.items():
        outcome = sections.save_section(uow, author, ids[key], body, seen.get(key, 0))
        assert outcome.saved, f"saving {key!r} conflicted"
        saved[key] = outcome.revision
    return saved


def hrc_template(uow: UnitOfWork) -> None:
    """TEMPLATE, added once per database by an admin (the command line), as an uploaded template."""
    if TEMPLATE["key"] not in templates.template_keys(uow):
        templates.add_template(uow, ADMIN, copy.deepcopy(TEMPLATE), "tests/docx_support.py")


def hrc_round(uow: UnitOfWork) -> int:
    """The HRC round every built application is in, listed once per database by the builders' manager."""
    listed = f"{ROUND_NAME} — {TEMPLATE['funder']} ("
    for choice in round_editing.find_rounds(uow, staff(uow), ROUND_NAME):
        if choice.label.startswith(listed):
            return choice.id
    return add_round(
        uow, TEMPLATE["funder"], TEMPLATE["scheme"], ROUND_CLOSES, name=ROUND_NAME, pool=Decimal("1200000")
    )


def docx_bytes(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))
