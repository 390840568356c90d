"""Demo history behind the return dashboard: the rounds the demo applications went to, when they
were decided, and which of them went through cluster review.

Rates and pools are the published ones (shared/reference/funding-facts.md): Marsden 2023 overall
success about 13.3%; MBIE Smart Ideas 2024 pool $18m for at least 49 contracts; Research
Programmes 2024 pool $39m for at least 19. HRC publishes no rate there, so its round says so.
A round another part of the demo already made (same funder, scheme and year of closing) is
reused rather than duplicated; an application another part already placed in a round keeps it.
The ledger itself is untouched: $80,000 granted, $18M won.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, Funder, FundingRound, ReviewRound, User
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import utcnow

NZ = ZoneInfo("Pacific/Auckland")
MARSDEN = "Royal Society Te Apārangi — Marsden Fund"
HRC = "Health Research Council of New Zealand"
MBIE = "Ministry of Business, Innovation and Employment — Endeavour Fund"

# (funder, scheme, round name, closes, decision, success rate, expected awards, pool)
ROUNDS = {
    "marsden-2023-fs": (
        MARSDEN,
        "Fast-Start",
        "Marsden Fund 2023 — Fast-Start",
        date(2023, 2, 20),
        date(2023, 11, 3),
        "0.133",
        None,
        None,
    ),
    "marsden-2023-st": (
        MARSDEN,
        "Standard",
        "Marsden Fund 2023 — Standard",
        date(2023, 2, 20),
        date(2023, 11, 3),
        "0.133",
        None,
        None,
    ),
    "marsden-2027-fs": (
        MARSDEN,
        "Fast-Start",
        "Marsden Fund 2027 — Fast-Start",
        date(2027, 2, 22),
        date(2027, 11, 5),
        "0.133",
        None,
        None,
    ),
    "marsden-2027-st": (
        MARSDEN,
        "Standard",
        "Marsden Fund 2027 — Standard",
        date(2027, 2, 22),
        date(2027, 11, 5),
        "0.133",
        None,
        None,
    ),
    "hrc-2023": (HRC, "Projects", "HRC Projects 2023", date(2022, 9, 14), date(2023, 6, 15), None, None, None),
    "hrc-2024": (HRC, "Projects", "HRC Projects 2024", date(2023, 9, 13), date(2024, 6, 14), None, None, None),
    "hrc-2027": (HRC, "Projects", "HRC Projects 2027", date(2027, 2, 10), date(2027, 6, 15), None, None, None),
    "mbie-2024-rp": (
        MBIE,
        "Research Programmes",
        "Endeavour 2024 — Research Programmes",
        date(2024, 3, 7),
        date(2024, 10, 1),
        None,
        19,
        "39000000",
    ),
    "mbie-2024-si": (
        MBIE,
        "Smart Ideas",
        "Endeavour 2024 — Smart Ideas",
        date(2024, 3, 7),
        date(2024, 10, 1),
        None,
        49,
        "18000000",
    ),
    "mbie-2027-si": (
        MBIE,
        "Smart Ideas",
        "Endeavour 2027 — Smart Ideas",
        date(2027, 3, 4),
        date(2027, 10, 1),
        None,
        None,
        None,
    ),
}

# demo application title -> (round, decided on, went through cluster review)
HISTORY = {
    "Ngā wai o te awa: river memory in the city's estuary": ("mbie-2024-rp", date(2024, 10, 1), True),
    "Cold-chain spoilage sensing for export fruit": ("mbie-2024-si", date(2024, 10, 1), True),
    "Early detection of gestational diabetes in Pacific mothers": ("hrc-2023", date(2023, 6, 15), True),
    "A randomised trial of text-message support after stroke": ("hrc-2024", date(2024, 6, 14), True),
    "Quantum dots for low-light imaging": ("marsden-2023-st", date(2023, 11, 3), True),
    "Language shift in second-generation migrant families": ("marsden-2023-fs", date(2023, 11, 3), False),
    "Microbial mats of geothermal springs": ("marsden-2023-fs", date(2023, 11, 3), True),
    "Bioplastics from dairy waste streams": ("mbie-2024-si", date(2024, 10, 1), False),
    "Urban heat islands and child asthma": ("hrc-2027", None, False),
    "Seismic retrofit of unreinforced masonry with timber": ("mbie-2027-si", None, False),
    "Whakapapa and data sovereignty in genomic research": ("marsden-2027-st", None, False),
    "Pacific voyaging and climate records in coral": ("marsden-2027-fs", None, False),
    "Low-cost hearing screening in primary schools": ("hrc-2027", None, False),
    "Kelp forests as carbon stores": ("mbie-2027-si", None, False),
}


def seed_roi_history(session: Session) -> None:
    funders = {f.name: f for f in session.scalars(select(Funder))}
    manager = session.scalar(select(User).where(User.role == "manager").order_by(User.id))
    rounds: dict[str, FundingRound | None] = {}
    for application in session.scalars(select(Application).where(Application.title.in_(HISTORY))):
        key, decided_on, reviewed = HISTORY[application.title]
        if application.round_id is None:
            if key not in rounds:
                rounds[key] = _round(session, funders, *ROUNDS[key])
            found = rounds[key]
            if found is not None:
                application.round_id = found.id
        _date(application, decided_on)
        if reviewed and manager:
            _review_round(session, application, manager)


def _round(
    session: Session, funders, funder_name, scheme, name, closes, decision, rate, expected, pool
) -> FundingRound | None:
    funder = funders.get(funder_name)
    if funder is None:
        return None
    for existing in session.scalars(
        select(FundingRound).where(FundingRound.funder_id == funder.id, FundingRound.scheme == scheme)
    ):
        if existing.closes_at.year == closes.year:
            return existing
    closes_at = datetime.combine(closes, time(12), NZ).astimezone(UTC)
    found = FundingRound(
        funder_id=funder.id,
        scheme=scheme,
        name=name,
        closes_at=closes_at,
        closes_on=closes,
        decision_expected=decision,
        is_forecast=closes_at > utcnow(),
        success_rate=Decimal(rate) if rate else None,
        expected_awards=expected,
        pool=Decimal(pool) if pool else None,
        url=funder.website,
    )
    session.add(found)
    session.flush()
    return found


def _date(application: Application, decided_on: date | None) -> None:
    if decided_on and application.decided_at is None and application.status in (S.AWARDED, S.DECLINED):
        application.decided_at = datetime.combine(decided_on, time(12), NZ).astimezone(UTC)
    if application.submitted_at is None and application.status in (S.SUBMITTED, S.AWARDED, S.DECLINED):
        application.submitted_at = application.created_at


def _review_round(session: Session, application: Application, manager: User) -> None:
    if session.scalar(select(ReviewRound.id).where(ReviewRound.application_id == application.id)):
        return
    session.add(
        ReviewRound(
            application_id=application.id,
            number=1,
            requested_by_id=manager.id,
            requested_at=application.created_at,
            closed_at=application.created_at,
        )
    )
