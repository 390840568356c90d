"""The small workspace every access-matrix case runs against, with the acting user placed in it.

Where the actor stands decides what a service must allow, so the world is built around them:
- "lead":     the actor leads both applications (a user whose role changed after starting one),
- "member":   the actor is a co-author of both,
- "assigned": an accepted review (of the application in review) and a pending invitation are the actor's,
- "reviewing": a co-author of all three who also holds an accepted review of the draft (so the draft is
              in review) and the pending invitation (data from before the edit rule refused it): never
              allowed to change the text,
- "outsider": none of that; the fixed researcher Lead, co-author and reviewers hold those places.
Everything is built through the public services, by the people who would do it; the actor starts in
the role its place needs (a researcher to lead or join a team, a reviewer to accept a review), a
matrix row's preparations run, and an admin then gives it the role under test, as when someone's
role changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import select

from research.db.models import Review
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.domain.round_rules import RoundInput
from research.services.accounts import users
from research.services.common.actor import Actor
from research.services.drafting import application_view, applications, team
from research.services.review import comments
from research.services.review import rounds as review_rounds
from research.services.roi import awards, clusters, ledgers
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from tests.review_builders import FAR_DUE, GOOD_TEXTS, MINI_SPEC, before_the_edit_rule, mini_template, save_text
from tests.service_people import add_person, staff

POSITIONS = ("lead", "member", "assigned", "reviewing", "outsider")


@dataclass(frozen=True)
class World:
    actor: Actor
    position: str
    people: dict[str, Actor]
    funder_id: int
    round_id: int
    draft_id: int  # drafting, with texts and team comments
    reviewed_id: int  # in review: an open round, an accepted review and a pending invitation
    section_id: int  # the draft's first section
    reviewed_section_id: int
    open_comment_id: int
    resolved_comment_id: int
    review_round_id: int
    review_id: int  # accepted, not submitted
    invitation_id: int  # invited to another application's round, not answered
    review_comment_id: int
    grant_id: int
    award_id: int
    secret: str  # the draft's title: must not leak to a list the actor is not entitled to
    alias_id: int = 0  # 'Marsden' for the Marsden Fund

    def lead(self) -> Actor:
        """Who leads the applications: the actor standing as lead, else the fixed researcher Lead."""
        return self.actor if self.position == "lead" else self.people["lead"]

    def reviewer(self) -> Actor:
        """Who holds `review_id`: the actor standing as assigned, else the fixed Reviewer."""
        return self.actor if self.position == "assigned" else self.people["reviewer"]


Step = Callable[[UnitOfWork, World], None]  # (uow, world): a preparation run before the actor's role changes


PEOPLE = (
    ("lead", Role.RESEARCHER),
    ("coauthor", Role.RESEARCHER),
    ("reviewer", Role.REVIEWER),
    ("invitee", Role.REVIEWER),
    ("spare", Role.RESEARCHER),
    ("spare_reviewer", Role.REVIEWER),
)


AWARD_CSV = (
    b"Identifier,Title,Funding Org:Name,Amount Awarded,Award Date,Clusters\n"
    b"AW-1,Old win,Marsden Fund,900000,2023-03-01,Research\n"
)


def build_world(uow, make_actor, role: Role, position: str, prepare: Sequence[Step] = ()) -> World:
    """`prepare` runs on the built world while the actor still has the role its place needs, so a step
    done by the actor (submitting their review, moving the draft they lead) passes the services' rules."""
    actor = make_actor(_starting_role(role, position))
    people = {name: add_person(uow, kind, f"{name}-{uuid.uuid4().hex[:6]}", name.title()) for name, kind in PEOPLE}
    manager = staff(uow)
    lead = actor if position == "lead" else people["lead"]
    reviewer = actor if position == "assigned" else people["reviewer"]
    invitee = actor if position in ("assigned", "reviewing") else people["invitee"]
    research = clusters.add_cluster(uow, manager, "Research")
    clusters.add_cluster(uow, manager, "Food")
    funder_id = funders.save_funder(uow, manager, "Marsden Fund", "New Zealand").id
    round_id = round_editing.create_round(
        uow,
        manager,
        RoundInput(
            funder_id=funder_id,
            scheme="Standard",
            name="Marsden 2099",
            closes_at=datetime(2099, 2, 21, 23, 0, tzinfo=UTC),
            template_key="marsden-full-proposal",
        ),
    )
    mini_template(uow)
    secret = f"River memory {uuid.uuid4().hex[:6]}"
    start = _starter(uow, lead, people["coauthor"], research, round_id)
    draft, reviewed, invited = (
        start(secret),
        start(f"Kelp forests {uuid.uuid4().hex[:6]}"),
        start(f"Tidal power {uuid.uuid4().hex[:6]}"),
    )
    sections, reviewed_sections = _written(uow, lead, draft), _written(uow, lead, reviewed)
    if position == "reviewing":
        _review_round(uow, lead, draft, actor, accept=True)
    review_round_id, review_id = _review_round(uow, lead, reviewed, reviewer, accept=True)
    invitation_id = _review_round(uow, lead, invited, invitee, accept=False)[1]
    if position in ("member", "reviewing"):
        with before_the_edit_rule() if position == "reviewing" else nullcontext():
            team.invite_coauthor(uow, lead, draft, actor.id)
        for application_id in (reviewed, invited):
            team.invite_coauthor(uow, lead, application_id, actor.id)
    coauthor = people["coauthor"]
    open_comment = comments.add_comment(uow, coauthor, draft, sections[0], "Shorten this?")
    resolved_comment = comments.add_comment(uow, coauthor, draft, sections[0], "Done")
    comments.resolve(uow, lead, resolved_comment)
    review_comment = comments.add_review_comment(
        uow, reviewer, review_id, reviewed_sections[0], "Say more about the estuary."
    )
    grant = ledgers.add_grant(
        uow,
        manager,
        ledgers.GrantInput("Research", "80000", "2022-07-15", "Research cluster programme", "2022/23"),
    )
    report = awards.import_awards(uow, manager, "awards.csv", AWARD_CSV)
    assert report.written, report.problems
    award = awards.find_awards(uow, manager, "AW-1", limit=None).items[0].id
    alias = funders.add_alias(uow, manager, funder_id, "Marsden").id
    world = World(
        actor,
        position,
        people,
        funder_id,
        round_id,
        draft,
        reviewed,
        sections[0],
        reviewed_sections[0],
        open_comment,
        resolved_comment,
        review_round_id,
        review_id,
        invitation_id,
        review_comment,
        grant,
        award,
        secret,
        alias,
    )
    for step in prepare:
        step(uow, world)
    if actor.role != role:
        users.change_role(uow, staff(uow, Role.ADMIN), actor.id, role.value)
        world = replace(world, actor=replace(actor, role=role))
    return world


def _starting_role(role: Role, position: str) -> Role:
    """Only researchers lead or join a team, and only reviewers and researchers take a review."""
    if position in ("lead", "member", "reviewing"):
        return Role.RESEARCHER
    if position == "assigned" and role not in (Role.RESEARCHER, Role.REVIEWER):
        return Role.REVIEWER
    return role


def _starter(uow, lead: Actor, coauthor: Actor, cluster_id: int, round_id: int):
    """The lead starts an application from MINI_SPEC in the round and brings in the co-author."""

    def start(title: str) -> int:
        application_id = applications.start_application(
            uow,
            lead,
            title=title,
            round_id=round_id,
            cluster_id=cluster_id,
            requested="900000",
            template_key=MINI_SPEC["key"],
        )
        team.invite_coauthor(uow, lead, application_id, coauthor.id)
        return application_id

    return start


def _written(uow, lead: Actor, application_id: int) -> list[int]:
    """The lead writes the good texts; the section ids in order."""
    for spec in MINI_SPEC["sections"]:
        if GOOD_TEXTS[spec["key"]]:
            save_text(uow, application_id, spec["key"], GOOD_TEXTS[spec["key"]], lead)
    return [s.id for s in application_view.application_detail(uow, lead, application_id).sections]


def _review_round(uow, lead: Actor, application_id: int, reviewer: Actor, accept: bool) -> tuple[int, int]:
    """The lead asks `reviewer` for a review, who accepts it if `accept`: (review round id, review id)."""
    done = review_rounds.request_review_round(uow, lead, application_id, [reviewer.id], FAR_DUE)
    with uow as session:
        review_id = session.scalar(
            select(Review.id).where(Review.review_round_id == done.round_id, Review.reviewer_id == reviewer.id)
        )
    if accept:
        review_rounds.respond_to_invitation(uow, reviewer, review_id, accept=True, conflict=False)
    return done.round_id, review_id
