"""The demo workspace tells the seed story and is consistent with the rules the app enforces."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from research.db.models import Application, Award, ClusterGrant, FundingRound, Section, SectionRevision, User
from research.domain.application_status import ApplicationStatus
from research.domain.clock import utcnow
from research.domain.section_rules import SectionStatus
from tests.integration.demo_support import seeded_once


@pytest.fixture(scope="module")
def demo(engine):
    yield from seeded_once(engine, utcnow())


def test_the_seed_story_and_every_state(demo):
    with demo as session:
        granted = session.scalar(select(func.sum(ClusterGrant.amount)))
        won = session.scalar(select(func.sum(Award.amount_nzd)))
        statuses = set(session.scalars(select(Application.status)))
        roles = set(session.scalars(select(User.role)))
        rounds = session.scalar(select(func.count()).select_from(FundingRound))
    assert Decimal(granted) == Decimal("80000")
    assert Decimal(won) == Decimal("18000000") and Decimal(won) / Decimal(granted) == 225
    assert statuses == {s.value for s in ApplicationStatus}
    assert roles == {"admin", "manager", "researcher", "reviewer"}
    assert rounds > 10


def test_demo_sections_follow_the_drafting_rules(demo):
    with demo as session:
        assert set(session.scalars(select(Section.status))) <= {s.value for s in SectionStatus}
        latest = dict(
            session.execute(
                select(SectionRevision.section_id, func.max(SectionRevision.number)).group_by(
                    SectionRevision.section_id
                )
            ).all()
        )
        for section in session.scalars(select(Section)):
            assert section.revision_count >= section.version
            assert section.revision_count == latest.get(section.id, 0), section.title
