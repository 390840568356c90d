"""A small ledger whose every ROI figure is worked out by hand in the tests that use it.

Clusters Research and Food; funders Marsden and HRC.
Grants: Research $80,000 (2022-07-15) and $10,000 (2023-07-01); Food $20,000 (2023-06-30).
Awards (NZD): A1 1,000,000 (2023-03-01, Research 100%, Marsden Standard, from P1);
A2 500,000 (2023-07-01, Research 60% / Food 40%, HRC Projects, from P4);
A3 USD 100,000 at 1.5 = 150,000 (2024-01-15, Food 100%, Marsden Fast-Start);
A4 -50,000 de-commitment (2024-02-01, Research 100%, Marsden Standard);
A5 10,000.01 (2024-08-01, no cluster, HRC Projects).
Applications: P1 awarded and P2 declined (Marsden 2023, reviewed); P3 declined and P4 awarded
(HRC 2024, not reviewed); P5 declined in USD, no round, Food; in flight P6 submitted (Marsden
2025: no rate), P7 drafting (HRC 2024: 2 expected awards / 3 applications), P8 in review
(Marsden 2023: 10%); P9 withdrawn.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from research.db.models import (
    Application,
    Award,
    AwardShare,
    Cluster,
    ClusterGrant,
    Funder,
    FundingRound,
    ReviewRound,
    User,
)

NZ = ZoneInfo("Pacific/Auckland")
D = Decimal


def nz(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), NZ).astimezone(UTC)


def build(uow) -> dict[str, int]:
    with uow as session:
        user = User(username="lead", display_name="Lead", role="manager", password_hash="x")
        research, food = Cluster(name="Research"), Cluster(name="Food")
        marsden, hrc = Funder(name="Marsden"), Funder(name="HRC")
        session.add_all([user, research, food, marsden, hrc])
        session.flush()
        m2023 = FundingRound(
            funder_id=marsden.id,
            scheme="Standard",
            name="Marsden 2023",
            closes_at=nz(date(2022, 2, 20)),
            success_rate=D("0.10"),
        )
        h2024 = FundingRound(
            funder_id=hrc.id, scheme="Projects", name="HRC 2024", closes_at=nz(date(2023, 9, 1)), expected_awards=2
        )
        m2025 = FundingRound(
            funder_id=marsden.id, scheme="Standard", name="Marsden 2025", closes_at=nz(date(2025, 2, 20))
        )
        session.add_all([m2023, h2024, m2025])
        session.flush()
        for cluster, amount, on in (
            (research, "80000", date(2022, 7, 15)),
            (food, "20000", date(2023, 6, 30)),
            (research, "10000", date(2023, 7, 1)),
        ):
            session.add(
                ClusterGrant(cluster_id=cluster.id, amount=D(amount), granted_on=on, financial_year="x", purpose="")
            )

        def app(
            title,
            status,
            round_,
            requested,
            cluster=research,
            currency="NZD",
            decided=None,
            submitted=None,
            reviewed=False,
        ):
            application = Application(
                title=title,
                status=status,
                round_id=round_.id if round_ else None,
                cluster_id=cluster.id,
                lead_id=user.id,
                requested_amount=D(requested),
                currency=currency,
                template_key="",
                template_spec={},
                created_at=nz(date(2022, 8, 1)),
                decided_at=decided,
                submitted_at=submitted,
            )
            session.add(application)
            session.flush()
            if reviewed:
                session.add(ReviewRound(application_id=application.id, number=1, requested_by_id=user.id))
            return application

        p1 = app("P1", "awarded", m2023, "1000000", decided=nz(date(2023, 3, 1)), reviewed=True)
        app("P2", "declined", m2023, "400000", decided=nz(date(2023, 3, 1)), reviewed=True)
        app("P3", "declined", h2024, "600000", decided=nz(date(2024, 6, 1)))
        # Decided half an hour into 1 July, New Zealand time: still 30 June in UTC.
        p4 = app("P4", "awarded", h2024, "550000", decided=nz(date(2023, 7, 1), 0, 30))
        app("P5", "declined", None, "100000", cluster=food, currency="USD", decided=nz(date(2024, 6, 1)))
        app("P6", "submitted", m2025, "300000", submitted=nz(date(2025, 3, 1)))
        app("P7", "drafting", h2024, "200000")
        app("P8", "in_review", m2023, "1000000")
        app("P9", "withdrawn", m2023, "5000000")

        def award(ident, amount, on, funder, scheme, shares, application=None, currency="NZD", nzd=None):
            row = Award(
                identifier=ident,
                title=ident,
                funder_name=funder.name,
                funder_id=funder.id,
                scheme=scheme,
                amount=D(amount),
                currency=currency,
                amount_nzd=D(nzd or amount),
                awarded_on=on,
                application_id=application.id if application else None,
                source="import",
            )
            row.shares.extend(AwardShare(cluster_id=c.id, percent=D(p)) for c, p in shares)
            session.add(row)

        award("A1", "1000000", date(2023, 3, 1), marsden, "Standard", [(research, "100")], p1)
        award("A2", "500000", date(2023, 7, 1), hrc, "Projects", [(research, "60"), (food, "40")], p4)
        award("A3", "100000", date(2024, 1, 15), marsden, "Fast-Start", [(food, "100")], currency="USD", nzd="150000")
        award("A4", "-50000", date(2024, 2, 1), marsden, "Standard", [(research, "100")])
        award("A5", "10000.01", date(2024, 8, 1), hrc, "Projects", [])
        return {"user": user.id, "research": research.id, "food": food.id}
