"""A small ledger whose every ROI figure is worked out by hand in the tests that use it, lived through
the services on the days it tells (the clock's `frozen_at`, as the demo tells its past).

Clusters Research and Food; funders Marsden and HRC.
Grants: Research $80,000 (2022-07-15) and $10,000 (2023-07-01); Food $20,000 (2023-06-30).
Awards (NZD): A1 1,000,000 (2023-03-01, Research 100%, Marsden Standard, recorded when P1 was marked awarded);
A2 500,000 (2023-07-01, recorded when P4 was marked awarded, then split Research 60% / Food 40% by a
manager, HRC Projects);
A3 USD 100,000 at 1.5 = 150,000 (2024-01-15, Food 100%, Marsden Fast-Start, imported);
A4 -50,000 de-commitment (2024-02-01, Research 100%, Marsden Standard, imported);
A5 10,000.01 (2024-08-01, no cluster, HRC Projects, imported).
A1 and A2 carry the identifiers the lifecycle gives them (RCW-APP-<id>): `build` returns them.
Applications, all from a one-section form with no checklist, so only P1, P2 and P8 go through a
cluster review: P1 awarded and P2 declined (Marsden 2023, reviewed); P3 declined and P4 awarded
(HRC 2024, not reviewed); P5 declined in USD, no round, Food (started while the workspace reported in
USD); in flight P6 submitted (Marsden 2025: no rate), P7 drafting (HRC 2024: 2 expected awards /
3 applications), P8 in review (Marsden 2023: 10%); P9 withdrawn.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus as S
from research.domain.award_source import AwardSource
from research.domain.clock import frozen_at
from research.services.common.actor import Actor
from research.services.drafting import applications, templates
from research.services.review import lifecycle
from research.services.review import rounds as review_rounds
from research.services.roi import awards, ledgers
from tests.locale_support import locale_of
from tests.review_builders import save_text
from tests.service_catalogue import add_clusters, add_funders, add_round, import_awards
from tests.service_people import ADMIN, add_person, staff

NZ = ZoneInfo("Pacific/Auckland")
D = Decimal
# Every application was started on this day, before its round closed.
STARTED = datetime(2022, 2, 1, tzinfo=UTC)
FORM = {
    "key": "roi-ledger-form",
    "name": "One-page application",
    "funder": "Marsden and HRC",
    "scheme": "any",
    "version": "2022",
    "sections": [{"key": "summary", "title": "Summary", "required": False}],
}
AWARD_HEADERS = "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Name,Grant Programme:Title,Clusters"
IMPORTED = (
    "A3,A3,USD,100000,2024-01-15,Marsden,Fast-Start,Food",
    "A4,A4,NZD,-50000,2024-02-01,Marsden,Standard,Research",
    "A5,A5,NZD,10000.01,2024-08-01,HRC,Projects,",
)


def nz(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), NZ).astimezone(UTC)


def build(uow: UnitOfWork) -> dict[str, int | str]:
    """The ledger above; returns the lead's and clusters' ids, and the identifiers of A1 and A2."""
    manager = staff(uow)
    with frozen_at(STARTED - timedelta(days=30)):
        cluster = add_clusters(uow, "Research", "Food")
        add_funders(uow, "Marsden", "HRC")
        rounds = {
            "Marsden 2023": add_round(
                uow, "Marsden", "Standard", nz(date(2022, 2, 20)), name="Marsden 2023", success_rate=D("0.10")
            ),
            "HRC 2024": add_round(uow, "HRC", "Projects", nz(date(2023, 9, 1)), name="HRC 2024", expected_awards=2),
            "Marsden 2025": add_round(uow, "Marsden", "Standard", nz(date(2025, 2, 20)), name="Marsden 2025"),
        }
        one_page_form(uow)
    for name, amount, on in (("Research", "80000", date(2022, 7, 15)), ("Food", "20000", date(2023, 6, 30))):
        _grant(uow, manager, name, amount, on)
    _grant(uow, manager, "Research", "10000", date(2023, 7, 1))
    lead = add_person(uow, username="lead", display_name="Lead")
    story = Story(uow, lead)

    def app(title: str, round_name: str | None, requested: str, cluster_name: str = "Research") -> int:
        round_id = rounds[round_name] if round_name else None
        return story.start(title, round_id, cluster[cluster_name], requested)

    p1 = app("P1", "Marsden 2023", "1000000")
    story.review(p1)
    story.submit(p1)
    story.decide(p1, S.AWARDED, nz(date(2023, 3, 1)), "1000000")
    p2 = app("P2", "Marsden 2023", "400000")
    story.review(p2)
    story.submit(p2)
    story.decide(p2, S.DECLINED, nz(date(2023, 3, 1)))
    p3 = app("P3", "HRC 2024", "600000")
    story.submit(p3)
    story.decide(p3, S.DECLINED, nz(date(2024, 6, 1)))
    p4 = app("P4", "HRC 2024", "550000")
    story.submit(p4)
    # Decided half an hour into 1 July, New Zealand time: still 30 June in UTC.
    story.decide(p4, S.AWARDED, nz(date(2023, 7, 1), 0, 30), "500000")
    with locale_of(currency="USD"):
        p5 = app("P5", None, "100000", "Food")
    story.submit(p5)
    story.decide(p5, S.DECLINED, nz(date(2024, 6, 1)))
    p6 = app("P6", "Marsden 2025", "300000")
    story.submit(p6, nz(date(2025, 3, 1)))
    app("P7", "HRC 2024", "200000")
    story.review(app("P8", "Marsden 2023", "1000000"))
    lifecycle.move_application(uow, lead, app("P9", "Marsden 2023", "5000000"), S.WITHDRAWN)

    # An award recorded from an application takes its title.
    recorded = {a.title: a for a in awards.list_awards(uow, manager) if a.source == AwardSource.APPLICATION}
    awards.set_award_shares(uow, manager, recorded["P4"].id, [("Research", D(60)), ("Food", D(40))])
    with frozen_at(nz(date(2024, 8, 2))):
        import_awards(uow, *IMPORTED, rates=("USD=1.5",), headers=AWARD_HEADERS)
    return {
        "user": lead.id,
        "research": cluster["Research"],
        "food": cluster["Food"],
        "A1": recorded["P1"].identifier,
        "A2": recorded["P4"].identifier,
    }


def one_page_form(uow: UnitOfWork) -> None:
    """FORM, added once per database by an admin."""
    if FORM["key"] not in templates.template_keys(uow):
        templates.add_template(uow, ADMIN, FORM, "tests/integration/roi_dataset.py")


def _grant(uow: UnitOfWork, manager: Actor, cluster: str, amount: str, on: date) -> None:
    with frozen_at(nz(on)):
        ledgers.add_grant(uow, manager, ledgers.GrantInput(cluster, amount, on))


class Story:
    """The lead starts from FORM and writes, asks the cluster's reviewer, submits; the builders' manager
    records each decision on its day."""

    def __init__(self, uow: UnitOfWork, lead: Actor):
        one_page_form(uow)
        self.uow, self.lead, self.manager = uow, lead, staff(uow)
        self.reviewer = add_person(uow, "reviewer")

    def start(self, title: str, round_id: int | None, cluster_id: int, requested: str) -> int:
        """Started on STARTED (before any of the ledger's rounds closed)."""
        with frozen_at(STARTED):
            application_id = applications.start_application(
                self.uow,
                self.lead,
                title=title,
                round_id=round_id,
                cluster_id=cluster_id,
                requested=requested,
                template_key=FORM["key"],
            )
            save_text(self.uow, application_id, "summary", f"What {title} will do.", self.lead)
        return application_id

    def review(self, application_id: int) -> None:
        """A review round requested (the application is in review until the lead moves on)."""
        with frozen_at(STARTED + timedelta(days=1)):
            review_rounds.request_review_round(
                self.uow, self.lead, application_id, [self.reviewer.id], (STARTED + timedelta(days=15)).date()
            )

    def submit(self, application_id: int, at: datetime | None = None) -> None:
        with frozen_at(at or STARTED + timedelta(days=2)):
            lifecycle.move_application(self.uow, self.lead, application_id, S.READY)
            lifecycle.move_application(self.uow, self.lead, application_id, S.SUBMITTED)

    def decide(self, application_id: int, outcome: S, at: datetime, awarded: str | None = None) -> None:
        award = lifecycle.AwardInput(awarded, at.astimezone(NZ).date()) if awarded else None
        with frozen_at(at):
            lifecycle.move_application(self.uow, self.manager, application_id, outcome, award)
