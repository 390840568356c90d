"""The demo is built through the public services, by its own accounts, at the moments its story says:
the audit trail holds every step, counters match the history they count, and the past is dated."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from research.db.models import (
    Application,
    ApplicationMember,
    AuditEvent,
    Award,
    FundingRound,
    Review,
    ReviewRound,
    Section,
    SectionRevision,
    User,
)
from research.demo.seed import DEMO_ACCOUNTS
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import as_utc
from tests.integration.demo_support import seeded_once

SEEDED = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
NZ = ZoneInfo("Pacific/Auckland")


@pytest.fixture(scope="module")
def demo(engine):
    yield from seeded_once(engine, SEEDED)


def actions(session) -> Counter[str]:
    return Counter(session.scalars(select(AuditEvent.action)))


def test_every_step_is_in_the_audit_trail_by_a_demo_account(demo):
    with demo as session:
        done = actions(session)
        counts = {
            "applications": session.scalar(select(func.count()).select_from(Application)),
            "rounds": session.scalar(select(func.count()).select_from(FundingRound)),
            "review rounds": session.scalar(select(func.count()).select_from(ReviewRound)),
            "submitted": session.scalar(select(func.count()).where(Review.status == "submitted")),
            "awards": session.scalar(select(func.count()).where(Award.source == "application")),
        }
        anonymous = session.scalar(select(func.count()).where(AuditEvent.actor_id.is_(None)))
    assert done["created first admin"] == 1 and done["created user"] == len(DEMO_ACCOUNTS) - 1
    assert done["started application"] == counts["applications"]
    assert done["created funding round"] == counts["rounds"]
    assert done["requested review round"] == counts["review rounds"]
    assert done["submitted review"] == counts["submitted"]
    assert done["recorded award"] == counts["awards"] == 6
    assert done["added cluster"] == 5 and done["added funder"] == 3 and done["added cluster grant"] == 1
    assert done["imported awards"] == 1 and done["loaded demo data"] == 1
    assert anonymous == 0, "every step of the demo is taken by one of its accounts"


def test_each_status_is_the_last_change_the_trail_records(demo):
    with demo as session:
        last = {}
        for event in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "changed status").order_by(AuditEvent.id)
        ):
            last[event.entity_id] = event.detail["new"]
        statuses = dict(session.execute(select(Application.id, Application.status)).all())
    for application_id, status in statuses.items():
        assert last.get(application_id, S.DRAFTING.value) == status


def test_version_counters_and_revision_counts_match_the_saved_revisions(demo):
    with demo as session:
        history = {
            section_id: (count, top, latest)
            for section_id, count, top, latest in session.execute(
                select(
                    SectionRevision.section_id,
                    func.count(),
                    func.max(SectionRevision.number),
                    func.max(SectionRevision.created_at),
                ).group_by(SectionRevision.section_id)
            )
        }
        team = set(session.execute(select(ApplicationMember.application_id, ApplicationMember.user_id)).all())
        authors = session.execute(select(Section.application_id, SectionRevision.author_id).join(Section)).all()
        for section in session.scalars(select(Section)):
            count, top, latest = history.get(section.id, (0, 0, None))
            assert section.revision_count == count == top == section.version, section.title
            if latest is not None:
                assert as_utc(section.updated_at) == as_utc(latest), section.title
    assert set(authors) <= team, "every revision was written by someone on the application's team"


def test_the_past_happens_on_its_own_day(demo):
    """Decisions and awards are dated by the clock the demo ran under, not edited afterwards."""
    with demo as session:
        awards = session.execute(
            select(Award.awarded_on, Application.decided_at).join(Application, Award.application_id == Application.id)
        ).all()
        recorded = session.scalars(select(AuditEvent.at).where(AuditEvent.action == "recorded award")).all()
        first_step = session.scalar(select(func.min(AuditEvent.at)))
        hana = session.scalar(select(User.created_at).where(User.username == "hana"))
    assert awards and all(
        as_utc(decided) == datetime.combine(on, time(12), NZ).astimezone(UTC) for on, decided in awards
    )
    assert sorted(as_utc(a).astimezone(NZ).date() for a in recorded) == sorted(on for on, _ in awards)
    assert as_utc(first_step).year == 2022  # applications written before the workspace, on their own days
    assert as_utc(hana) == SEEDED  # the people join the day the demo is loaded


def test_the_ready_and_submitted_applications_passed_the_readiness_gate(demo):
    """The gate asks for a submitted review of the latest round; the demo does not skip it."""
    passed = (S.READY, S.SUBMITTED, S.AWARDED, S.DECLINED)
    with demo as session:
        reviewed = set(
            session.scalars(
                select(ReviewRound.application_id).join(Review).where(Review.status == "submitted").distinct()
            )
        )
        gated = set(session.scalars(select(Application.id).where(Application.status.in_([s.value for s in passed]))))
    assert gated and gated <= reviewed


def test_no_application_past_ready_shows_required_sections_not_ready(demo):
    """Nothing reads "submitted" or "awarded" beside "0 of 10 required sections ready"."""
    passed = (S.READY, S.SUBMITTED, S.AWARDED, S.DECLINED)
    with demo as session:
        unready = session.execute(
            select(Application.title, Section.title)
            .join(Section, Section.application_id == Application.id)
            .where(
                Application.status.in_([s.value for s in passed]),
                Section.required.is_(True),
                Section.status != "ready",
            )
        ).all()
    assert unready == []
