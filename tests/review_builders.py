"""Applications for review tests, built through the public services as their teams build them.

The builders' manager (tests/service_people.py) adds the cluster, funder and round; the lead starts
the application from MINI_SPEC (added once as a template), invites the co-authors, saves each text and
marks sections ready; `status` is reached by the moves the lifecycle allows, through a review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, date, datetime, timedelta
from unittest import mock

from sqlalchemy import select

from research.db.models import Section
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import frozen_at, utcnow
from research.domain.reviewing import ReviewContent
from research.domain.round_rules import RoundInput
from research.domain.template_spec import parse_template, template_to_dict
from research.services.common.actor import Actor
from research.services.drafting import application_view, applications, sections, team, templates
from research.services.review import lifecycle, reviewing
from research.services.review import rounds as review_rounds
from research.services.roi import clusters
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from tests.service_people import ADMIN, add_person, staff

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

# A review that clears MINI_SPEC's checklist and meets every threshold.
ALL_CLEAR = ReviewContent(
    answers={"plain": ("yes", ""), "aims": ("yes", ""), "vm": ("na", "No Māori data is used")},
    scores={"excellence": 4.5, "impact": 3.5, "resources": "sufficient"},
    recommendation="Submit after minor revisions",
    summary="A strong, clear proposal.",
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
    without_sections: bool = False,
    currency: str | None = None,
    milestone_days: int | None = None,
    title: str | None = None,
    marked_ready: bool = False,
    round_id: int | None = None,
) -> int:
    """An application from MINI_SPEC led by `lead`, its texts saved by the lead.

    round_id: it is started in that (open) round.
    currency / milestone_days: it is in a round of the builders' funder, in that currency / with its
    "full draft for review" milestone that many working days before the close.
    marked_ready: the written sections are marked ready by their writers, as a team does before 'ready'."""
    texts = GOOD_TEXTS if texts is None else texts
    mini_template(uow)
    manager = staff(uow) if with_cluster or currency or milestone_days is not None else None
    cluster_id = (
        clusters.add_cluster(uow, manager, f"Research {uuid.uuid4().hex[:6]}") if manager and with_cluster else None
    )
    round_id = round_id or (
        _funding_round(uow, manager, milestone_days, currency)
        if manager and (currency or milestone_days is not None)
        else None
    )
    # Only an open round takes a new application: once the round's fixed close is near or past, the
    # lead starts it a week before (the clock's `frozen_at`, as the demo tells its past).
    before_close = ROUND_CLOSES - timedelta(days=7)
    with (
        _no_sections() if without_sections else nullcontext(),
        frozen_at(before_close) if round_id and utcnow() > before_close else nullcontext(),
    ):
        application_id = applications.start_application(
            uow,
            lead,
            title=title or f"River memory {uuid.uuid4().hex[:4]}",
            round_id=round_id,
            cluster_id=cluster_id,
            requested="900000",
            template_key=MINI_SPEC["key"],
        )
    for member in members:
        team.invite_coauthor(uow, lead, application_id, member.id)
    for section_spec in MINI_SPEC["sections"] if not without_sections else ():
        if texts.get(section_spec["key"]):
            save_text(uow, application_id, section_spec["key"], texts[section_spec["key"]], lead)
    if marked_ready:
        mark_ready(uow, lead, application_id)
    if status != S.DRAFTING:
        place_application(uow, lead, application_id, S(status))
    return application_id


def mini_template(uow: UnitOfWork) -> None:
    """MINI_SPEC, added once per database by an admin (the command line), as an uploaded template."""
    if MINI_SPEC["key"] not in templates.template_keys(uow):
        templates.add_template(uow, ADMIN, MINI_SPEC, "tests/review_builders.py")


@contextmanager
def _no_sections() -> Iterator[None]:
    """No template has zero sections, so the services never start such an application; the one test of
    refusing to review an empty application starts one with the step that copies the sections skipped."""
    with mock.patch.object(applications, "add_sections", lambda *_args: None):
        yield


@contextmanager
def before_the_edit_rule() -> Iterator[None]:
    """A co-author who also holds an accepted review of the application is data from before the edit
    rule: today inviting someone reviewing the application is refused, so an invitation made inside
    skips that one check (the services' own `reviews_application`); every other check still runs."""
    with mock.patch.object(team, "reviews_application", lambda *_args: False):
        yield


def mark_ready(uow: UnitOfWork, writer: Actor, application_id: int, keys: tuple[str, ...] | None = None) -> None:
    """Mark the written sections (or those named) ready, as their writers do in the editor."""
    for section in application_view.application_detail(uow, writer, application_id).sections:
        if section.status == "drafting" and (keys is None or section.key in keys):
            sections.set_section_ready(uow, writer, section.id, True)


def place_application(uow: UnitOfWork, lead: Actor, application_id: int, status: S) -> None:
    """Bring the written application to `status` the way its lead does: a review round first (a reviewer
    of the builders' own submits a review that clears the checklist), then the moves the lifecycle allows.
    The moves themselves are the lifecycle tests' job."""
    if status == S.WITHDRAWN:
        lifecycle.move_application(uow, lead, application_id, S.WITHDRAWN)
        return
    reviewer = add_person(uow, "reviewer")
    review_rounds.request_review_round(uow, lead, application_id, [reviewer.id], FAR_DUE)
    if status == S.IN_REVIEW:
        return
    (invitation,) = reviewing.review_inbox(uow, reviewer)  # a new reviewer: this is their only one
    review_id = invitation.review_id
    review_rounds.respond_to_invitation(uow, reviewer, review_id, accept=True, conflict=False)
    reviewing.submit_review(uow, reviewer, review_id, ALL_CLEAR)
    if status == S.REVISING:
        lifecycle.move_application(uow, lead, application_id, S.REVISING)
        return
    mark_ready(uow, lead, application_id)
    lifecycle.move_application(uow, lead, application_id, S.READY)
    if status == S.READY:
        return
    lifecycle.move_application(uow, lead, application_id, S.SUBMITTED)
    if status != S.SUBMITTED:
        raise ValueError(f"build_application places applications up to submitted, not {status}")


def _funding_round(uow: UnitOfWork, manager: Actor, working_days_before: int | None, currency: str | None) -> int:
    """A round of a funder of its own, closing noon Mon 22 Feb 2027 in New Zealand."""
    funder = funders.save_funder(uow, manager, f"Marsden {uuid.uuid4().hex[:6]}").id
    r = RoundInput(
        funder_id=funder,
        scheme="Standard",
        name="Marsden 2027",
        closes_at=ROUND_CLOSES,
        **({"currency": currency} if currency else {}),
        **({"offsets": {"draft": working_days_before}} if working_days_before is not None else {}),
    )
    return round_editing.create_round(uow, manager, r)


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
ROUND_CLOSES = datetime(2027, 2, 21, 23, 0, tzinfo=UTC)
