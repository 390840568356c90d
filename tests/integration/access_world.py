"""The small workspace every access-matrix case runs against, with the acting user placed in it.

Where the actor stands decides what a service must allow, so the world is built around them:
- "lead":     the actor leads both applications (a user whose role changed after starting one),
- "member":   the actor is a co-author of both,
- "assigned": an accepted review (of the application in review) and a pending invitation are the actor's,
- "reviewing": a co-author of all three who also holds an accepted review of the draft and the pending
              invitation (data from before the edit rule refused it): never allowed to change the text,
- "outsider": none of that; the fixed researcher Lead, co-author and reviewers hold those places.
Rows are inserted the way the services write them, so the services see an ordinary workspace.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from research.db.models import (
    Application,
    ApplicationMember,
    Award,
    AwardShare,
    Cluster,
    ClusterGrant,
    Comment,
    Funder,
    FunderAlias,
    FundingRound,
    Review,
    ReviewRound,
    Section,
    SectionRevision,
    SnapshotSection,
    User,
)
from research.domain.roles import Role
from research.services.common.actor import Actor
from tests.review_builders import FAR_DUE, GOOD_TEXTS, MINI_SPEC, add_section

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


PEOPLE = (
    ("lead", Role.RESEARCHER),
    ("coauthor", Role.RESEARCHER),
    ("reviewer", Role.REVIEWER),
    ("invitee", Role.REVIEWER),
    ("spare", Role.RESEARCHER),
    ("spare_reviewer", Role.REVIEWER),
)


def build_world(uow, make_actor, role: Role, position: str) -> World:
    actor = make_actor(role)
    with uow as session:
        people = _people(session, actor)
        lead = actor if position == "lead" else people["lead"]
        members = [people["coauthor"]] + ([actor] if position in ("member", "reviewing") else [])
        reviewer = actor if position == "assigned" else people["reviewer"]
        invitee = actor if position in ("assigned", "reviewing") else people["invitee"]
        research, food = Cluster(name="Research"), Cluster(name="Food")
        funder = Funder(name="Marsden Fund", country="New Zealand")
        session.add_all([research, food, funder])
        session.flush()
        funding_round = FundingRound(
            funder_id=funder.id,
            scheme="Standard",
            name="Marsden 2099",
            closes_at=datetime(2099, 2, 21, 23, 0, tzinfo=UTC),
            template_key="marsden-full-proposal",
        )
        session.add(funding_round)
        session.flush()
        secret = f"River memory {uuid.uuid4().hex[:6]}"
        draft = _application(session, secret, "drafting", lead, members, research.id, funding_round.id)
        reviewed = _application(
            session, f"Kelp forests {uuid.uuid4().hex[:6]}", "in_review", lead, members, research.id, funding_round.id
        )
        sections = _sections(session, draft, lead)
        reviewed_sections = _sections(session, reviewed, lead)
        if position == "reviewing":
            _open_round(session, draft, sections, lead, actor, "accepted")
        open_comment, resolved_comment = (
            Comment(
                application_id=draft.id,
                section_id=sections[0].id,
                author_id=people["coauthor"].id,
                body="Shorten this?",
            ),
            Comment(
                application_id=draft.id,
                section_id=sections[0].id,
                author_id=people["coauthor"].id,
                body="Done",
                resolved_at=datetime.now(UTC),
                resolved_by_id=lead.id,
            ),
        )
        session.add_all([open_comment, resolved_comment])
        review_round, review = _open_round(session, reviewed, reviewed_sections, lead, reviewer, "accepted")
        invited = _application(
            session, f"Tidal power {uuid.uuid4().hex[:6]}", "in_review", lead, members, research.id, funding_round.id
        )
        invitation = _open_round(session, invited, [], lead, invitee, "invited")[1]
        review_comment = Comment(
            application_id=reviewed.id,
            section_id=reviewed_sections[0].id,
            review_id=review.id,
            author_id=reviewer.id,
            body="Say more about the estuary.",
        )
        grant = ClusterGrant(
            cluster_id=research.id,
            amount=Decimal("80000"),
            granted_on=date(2022, 7, 15),
            financial_year="2022/23",
            purpose="Research cluster programme",
            reference="CG-1",
        )
        award = Award(
            identifier="AW-1",
            funder_id=funder.id,
            funder_name=funder.name,
            title="Old win",
            amount=Decimal("900000"),
            amount_nzd=Decimal("900000"),
            awarded_on=date(2023, 3, 1),
            source="import",
        )
        award.shares.append(AwardShare(cluster_id=research.id, percent=Decimal("100")))
        session.add_all([review_comment, grant, award])
        session.flush()
        return World(
            actor,
            position,
            people,
            funder.id,
            funding_round.id,
            draft.id,
            reviewed.id,
            sections[0].id,
            reviewed_sections[0].id,
            open_comment.id,
            resolved_comment.id,
            review_round.id,
            review.id,
            invitation.id,
            review_comment.id,
            grant.id,
            award.id,
            secret,
            _alias(session, funder.id),
        )


def _alias(session, funder_id: int) -> int:
    alias = FunderAlias(funder_id=funder_id, alias="Marsden", key="marsden")
    session.add(alias)
    session.flush()
    return alias.id


def _people(session, actor: Actor) -> dict[str, Actor]:
    """The others in the workspace, added in the actor's transaction: one commit builds the world."""
    hashed = session.scalar(select(User.password_hash).where(User.id == actor.id))
    users = {
        name: User(
            username=f"{name}-{uuid.uuid4().hex[:6]}", display_name=name.title(), role=role.value, password_hash=hashed
        )
        for name, role in PEOPLE
    }
    session.add_all(users.values())
    session.flush()
    return {name: Actor.from_user(user) for name, user in users.items()}


def _application(session, title, status, lead, members, cluster_id, round_id) -> Application:
    application = Application(
        title=title,
        lead_id=lead.id,
        status=status,
        cluster_id=cluster_id,
        round_id=round_id,
        requested_amount=Decimal("900000"),
        template_key=MINI_SPEC["key"],
        template_spec=MINI_SPEC,
    )
    session.add(application)
    session.flush()
    session.add(ApplicationMember(application_id=application.id, user_id=lead.id))
    session.add_all(ApplicationMember(application_id=application.id, user_id=m.id) for m in members)
    return application


def _sections(session, application, author) -> list[Section]:
    for position, spec in enumerate(MINI_SPEC["sections"]):
        add_section(session, application.id, position, spec, GOOD_TEXTS[spec["key"]], author.id)
    session.flush()
    return list(
        session.scalars(select(Section).where(Section.application_id == application.id).order_by(Section.position))
    )


def _open_round(session, application, sections, lead, reviewer, status):
    review_round = ReviewRound(application_id=application.id, number=1, requested_by_id=lead.id, due_on=FAR_DUE)
    session.add(review_round)
    session.flush()
    revisions = dict(
        session.execute(
            select(SectionRevision.section_id, SectionRevision.id).where(
                SectionRevision.section_id.in_([s.id for s in sections])
            )
        ).all()
    )
    session.add_all(
        SnapshotSection(review_round_id=review_round.id, section_id=s.id, revision_id=revisions.get(s.id))
        for s in sections
    )
    review = Review(review_round_id=review_round.id, reviewer_id=reviewer.id, status=status, due_on=FAR_DUE)
    session.add(review)
    session.flush()
    return review_round, review
