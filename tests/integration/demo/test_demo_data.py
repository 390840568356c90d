"""The demo workspace tells the seed story and is consistent with the rules the app enforces."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from research.db.models import Application, Award, ClusterGrant, FundingRound, Section, SectionRevision, User
from research.domain.application_status import ApplicationStatus
from research.domain.attribution import Counted
from research.domain.clock import utcnow
from research.domain.roi import RoiFilter
from research.domain.section_rules import SectionStatus
from research.services.common.workspace_settings import use_workspace_settings
from research.services.roi import dashboard as roi
from tests.integration.demo_support import seeded_once


@pytest.fixture(scope="module")
def demo(engine):
    yield from seeded_once(engine, utcnow())


def test_the_seed_story_and_every_state(demo):
    with demo as session:
        granted = session.scalar(select(func.sum(ClusterGrant.amount)))
        statuses = set(session.scalars(select(Application.status)))
        roles = set(session.scalars(select(User.role)))
        rounds = session.scalar(select(func.count()).select_from(FundingRound))
    assert Decimal(granted) == Decimal("80000")
    assert statuses == {s.value for s in ApplicationStatus}
    assert roles == {"admin", "manager", "researcher", "reviewer"}
    assert rounds > 10


def test_the_headline_is_what_the_city_won_and_the_rest_is_shown_apart(demo):
    """$18M won back on $80k (225x) counts only awards won in Dunedin and attributed to the cluster."""
    use_workspace_settings(demo.engine)
    h = roi.compute_dashboard(demo, RoiFilter()).headline
    assert h.basis.area == "Dunedin;Mosgiel;9010;9011;9012;9013;9014;9016"
    assert h.won == Decimal("18000000.00") and h.multiple.value == 225
    assert h.awards == 10  # six from the demo's applications, four earlier wins in the city
    assert h.basis.amount(Counted.OUTSIDE) == Decimal("3910000.00")  # Auckland, Christchurch, Wellington
    assert h.basis.amount(Counted.NO_LOCATION) == Decimal("840000.00")
    assert h.basis.amount(Counted.UNATTRIBUTED) == Decimal("1020000.00")
    assert h.basis.zero_awards == 1
    with demo as session:
        everything = session.scalar(select(func.sum(Award.amount_nzd)))
    assert Decimal(everything) == Decimal("18000000") + Decimal("3910000") + Decimal("840000") + Decimal("1020000")


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
