"""The demo workspace: the seed story of a city's economic development unit.

The unit granted its research cluster $80,000; the cluster helped bring back about
$18 million of research money. Funders, schemes and amounts follow the published
facts in shared/reference/funding-facts.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from research.adapters.passwords import hash_password
from research.db.models import (
    Application,
    ApplicationMember,
    Award,
    AwardShare,
    Cluster,
    ClusterGrant,
    Funder,
    FundingRound,
    User,
    WorkspaceFlag,
    round_clusters,
)
from research.db.uow import UnitOfWork
from research.demo.docx import seed_docx_demo
from research.demo.drafts import add_demo_drafts
from research.demo.reviews import SHELLFISH, TIDES, seed_review_demo
from research.demo.roi import seed_roi_history
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import utcnow
from research.domain.errors import DomainError
from research.domain.roles import Role
from research.domain.template_spec import template_to_dict
from research.services.common.audit import record
from research.services.drafting.applications import add_sections
from research.services.drafting.templates import find_template

DEMO_FLAG = "demo_data"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    display_name: str
    password: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", "aroha", "Aroha Ngata", "demo-admin-2026"),
    DemoAccount("manager", "tama", "Tama Walker", "demo-manager-2026"),
    DemoAccount("researcher", "hana", "Dr Hana Kim", "demo-researcher-2026"),
    DemoAccount("researcher", "wiremu", "Dr Wiremu Tane", "demo-researcher-2026"),
    DemoAccount("reviewer", "priya", "Prof Priya Shah", "demo-reviewer-2026"),
    DemoAccount("reviewer", "james", "Prof James Oduya", "demo-reviewer-2026"),
)

CLUSTERS = (
    ("Research", "Helps researchers across the city put together applications that land at the top of the pile."),
    ("International education", "International students and education providers."),
    ("Engineering", "Engineering firms, consultancies and the polytechnic."),
    ("Food", "Food and beverage producers and processors."),
    ("Technology", "Software, digital and high-tech manufacturing."),
)

FUNDERS = (
    (
        "Royal Society Te Apārangi — Marsden Fund",
        "New Zealand",
        "https://www.royalsociety.org.nz/what-we-do/funds-and-opportunities/marsden/",
    ),
    ("Health Research Council of New Zealand", "New Zealand", "https://www.hrc.govt.nz/"),
    (
        "Ministry of Business, Innovation and Employment — Endeavour Fund",
        "New Zealand",
        "https://www.mbie.govt.nz/science-and-technology/science-and-innovation/funding-information-and-opportunities/investment-funds/endeavour-fund",
    ),
)
MARSDEN, HRC, MBIE = (f[0] for f in FUNDERS)

# (title, funder, scheme, lead, status, requested, awarded, awarded on)
APPLICATIONS = (
    (
        "Ngā wai o te awa: river memory in the city's estuary",
        MBIE,
        "Research Programmes",
        "hana",
        S.AWARDED,
        "7500000",
        "7500000",
        date(2024, 10, 1),
    ),
    (
        "Cold-chain spoilage sensing for export fruit",
        MBIE,
        "Smart Ideas",
        "wiremu",
        S.AWARDED,
        "1000000",
        "1000000",
        date(2024, 10, 1),
    ),
    (
        "Early detection of gestational diabetes in Pacific mothers",
        HRC,
        "Projects",
        "hana",
        S.AWARDED,
        "1200000",
        "1200000",
        date(2023, 6, 15),
    ),
    (
        "A randomised trial of text-message support after stroke",
        HRC,
        "Projects",
        "wiremu",
        S.AWARDED,
        "1440000",
        "1440000",
        date(2024, 6, 14),
    ),
    (
        "Quantum dots for low-light imaging",
        MARSDEN,
        "Standard",
        "hana",
        S.AWARDED,
        "960000",
        "960000",
        date(2023, 11, 3),
    ),
    (
        "Language shift in second-generation migrant families",
        MARSDEN,
        "Fast-Start",
        "wiremu",
        S.AWARDED,
        "360000",
        "360000",
        date(2023, 11, 3),
    ),
    ("Microbial mats of geothermal springs", MARSDEN, "Fast-Start", "hana", S.DECLINED, "360000", None, None),
    ("Bioplastics from dairy waste streams", MBIE, "Smart Ideas", "wiremu", S.DECLINED, "1000000", None, None),
    ("Urban heat islands and child asthma", HRC, "Projects", "hana", S.SUBMITTED, "1200000", None, None),
    (
        "Seismic retrofit of unreinforced masonry with timber",
        MBIE,
        "Smart Ideas",
        "wiremu",
        S.READY,
        "999000",
        None,
        None,
    ),
    (
        "Whakapapa and data sovereignty in genomic research",
        MARSDEN,
        "Standard",
        "hana",
        S.REVISING,
        "950000",
        None,
        None,
    ),
    (
        "Pacific voyaging and climate records in coral",
        MARSDEN,
        "Fast-Start",
        "wiremu",
        S.IN_REVIEW,
        "360000",
        None,
        None,
    ),
    ("Low-cost hearing screening in primary schools", HRC, "Projects", "hana", S.DRAFTING, "1150000", None, None),
    ("Kelp forests as carbon stores", MBIE, "Smart Ideas", "wiremu", S.WITHDRAWN, "800000", None, None),
)

# Earlier wins the cluster helped with, recorded from the funders' published lists.
# (identifier, title, funder, scheme, amount, awarded on)
IMPORTED_AWARDS = (
    (
        "NZ-MBIE-2022-RP-014",
        "Resilient water networks for growing cities",
        MBIE,
        "Research Programmes",
        "3200000",
        date(2022, 10, 3),
    ),
    ("NZ-HRC-2023-P-088", "Long COVID in essential workers", HRC, "Projects", "1190000", date(2023, 6, 15)),
    (
        "NZ-MFS-2024-ST-031",
        "Deep-time fire regimes from lake sediments",
        MARSDEN,
        "Standard",
        "915000",
        date(2024, 11, 7),
    ),
    ("NZ-MBIE-2025-SI-022", "Printed sensors for soil moisture", MBIE, "Smart Ideas", "235000", date(2025, 10, 1)),
)


def is_demo_loaded(session: Session) -> bool:
    return session.get(WorkspaceFlag, DEMO_FLAG) is not None


def demo_credentials(uow: UnitOfWork, demo_mode: bool) -> list[DemoAccount]:
    """The demo accounts to show on the sign-in page: only in demo mode."""
    with uow as session:
        if not (demo_mode or is_demo_loaded(session)):
            return []
        active = set(session.scalars(select(User.username).where(User.is_active)))
    return [a for a in DEMO_ACCOUNTS if a.username in active]


def seed_demo(uow: UnitOfWork) -> int:
    """Load the demo workspace into an empty database; returns the number of users."""
    with uow as session:
        if session.scalar(select(User.id).limit(1)) is not None:
            raise DomainError("The demo can only be loaded into an empty workspace.")
        users = _users(session)
        clusters = _clusters(session)
        funders = _funders(session)
        _grants(session, clusters, users["tama"])
        _applications(session, users, clusters, funders)
        seed_review_demo(session, users, clusters["Research"])
        _funding_rounds(session, clusters, funders)
        _imported_awards(session, clusters, funders)
        seed_docx_demo(session, users["wiremu"].id)
        seed_roi_history(session)
        session.add(WorkspaceFlag(key=DEMO_FLAG, value="loaded"))
        record(session, None, "loaded demo data", "workspace", None)
        return len(users)


def _users(session: Session) -> dict[str, User]:
    hashes = {p: hash_password(p) for p in {a.password for a in DEMO_ACCOUNTS}}
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User(
            username=account.username,
            display_name=account.display_name,
            email=f"{account.username}@example.org",
            role=Role(account.role).value,
            password_hash=hashes[account.password],
        )
        session.add(user)
        users[account.username] = user
    session.flush()
    return users


def _clusters(session: Session) -> dict[str, Cluster]:
    clusters = {name: Cluster(name=name, description=text) for name, text in CLUSTERS}
    session.add_all(clusters.values())
    session.flush()
    return clusters


def _funders(session: Session) -> dict[str, Funder]:
    funders = {name: Funder(name=name, country=country, website=site) for name, country, site in FUNDERS}
    session.add_all(funders.values())
    session.flush()
    return funders


def _grants(session: Session, clusters: dict[str, Cluster], manager: User) -> None:
    session.add(
        ClusterGrant(
            cluster_id=clusters["Research"].id,
            amount=Decimal("80000.00"),
            granted_on=date(2022, 7, 15),
            financial_year="2022/23",
            created_by_id=manager.id,
            purpose="Research cluster: help researchers put together better applications.",
        )
    )


TEMPLATE_FOR_FUNDER = {MARSDEN: "marsden-full-proposal", HRC: "hrc-project", MBIE: "mbie-smart-ideas"}


def _applications(session: Session, users, clusters, funders) -> None:
    research = clusters["Research"]
    specs = {key: find_template(session, key) for key in TEMPLATE_FOR_FUNDER.values()}
    for index, (title, funder, scheme, lead, status, requested, awarded, on) in enumerate(APPLICATIONS):
        spec = specs[TEMPLATE_FOR_FUNDER[funder]]
        application = Application(
            title=title,
            lead_id=users[lead].id,
            cluster_id=research.id,
            status=status.value,
            requested_amount=Decimal(requested),
            template_key=spec.key,
            template_spec=template_to_dict(spec),
            created_at=datetime(2022, 8, 1, tzinfo=UTC),
        )
        add_sections(application, spec, None)
        session.add(application)
        session.flush()
        session.add(ApplicationMember(application_id=application.id, user_id=users[lead].id))
        if awarded:
            _award(
                session,
                f"NZ-RCW-APP-{index + 1:03d}",
                title,
                funders[funder],
                scheme,
                awarded,
                on,
                research,
                application.id,
                requested,
            )
    add_demo_drafts(session, users)


def _imported_awards(session: Session, clusters, funders) -> None:
    for identifier, title, funder, scheme, amount, on in IMPORTED_AWARDS:
        _award(
            session,
            identifier,
            title,
            funders[funder],
            scheme,
            amount,
            on,
            clusters["Research"],
            None,
            None,
            source="import",
        )


def _award(
    session, identifier, title, funder, scheme, amount, on, cluster, application_id, applied_for, source="application"
) -> None:
    award = Award(
        identifier=identifier,
        title=title,
        funder_id=funder.id,
        funder_name=funder.name,
        scheme=scheme,
        amount=Decimal(amount),
        amount_nzd=Decimal(amount),
        amount_applied_for=Decimal(applied_for) if applied_for else None,
        awarded_on=on,
        application_id=application_id,
        source=source,
        recipient_org="City research community",
    )
    award.shares.append(AwardShare(cluster_id=cluster.id, percent=Decimal("100")))
    session.add(award)


# -- funding rounds (facts: shared/reference/funding-facts.md) ---------------------------

NZ_TIME = ZoneInfo("Pacific/Auckland")
MARSDEN_URL = "https://www.royalsociety.org.nz/what-we-do/funds-and-opportunities/marsden/"
HRC_URL = "https://gateway.hrc.govt.nz/"
MBIE_URL = FUNDERS[2][2]
MBIE_CALL = (
    "https://www.mbie.govt.nz/science-and-technology/science-and-innovation/funding-information-and-"
    "opportunities/investment-funds/endeavour-fund/{scheme}-call-for-proposals-{year}-investment-round-"
    "endeavour-fund"
)
APPROXIMATE = "The funder closes this round each {month}; the exact day shown is approximate."
FORECAST_NOTE = (
    "Forecast from the funder's usual cycle, made when the demo was loaded: "
    "dates of upcoming rounds are forecasts. Check the funder's site."
)
SOON_NOTE = (
    "Demo: dates of upcoming rounds are forecasts, set relative to the day the demo was loaded, "
    "so that 'closing soon' has something to show. Check the funder's site."
)


@dataclass(frozen=True)
class _Series:
    """A scheme that runs once a year, closing on about the same day."""

    funder: str
    scheme: str
    name: str
    month: int
    day: int
    clusters: tuple[str, ...]
    eligibility: str
    url: str
    max_award: str | None = None
    min_award: str | None = None
    template_key: str | None = None
    # year -> (pool, expected awards, success rate %, exact close known?, note)
    facts: dict = field(default_factory=dict)


_MARSDEN_FS = (
    "Early-career researchers. About $120k a year, up to $360k over 3 years. Two stages: "
    "expression of interest in February, invited full proposals in June, decisions October/November."
)
_MARSDEN_STD = (
    "Up to about $320k a year (varies by panel), up to 3 years. Two stages: expression of interest "
    "in February, invited full proposals in June, decisions October/November."
)
_HRC = (
    "Up to $1.2m ($400k a year), up to $1.44m for randomised controlled trials; usually 3 years, up to 5. "
    "Registration, then EOI, then invited full application. At most two project applications per "
    "first-named investigator."
)
_SMART = "Contracts of $0.4m-$1m over 2 or 3 years; scored on a 7-point scale, Excellence (science) weighted 50%."
_PROGRAMMES = "At least $0.5m a year per contract, for 3 to 5 years."

DEMO_SERIES = (
    _Series(
        MARSDEN,
        "Fast-Start",
        "Marsden Fast-Start EOI",
        2,
        20,
        ("Research",),
        _MARSDEN_FS,
        MARSDEN_URL,
        max_award="360000",
        template_key="marsden-full-proposal",
        facts={
            2022: ("14760000", 41, "13.0", False, "2022 round: $14.76m to 41 Fast-Start grants (13.0%)."),
            2023: (
                None,
                None,
                "13.3",
                True,
                "2023 EOIs closed at noon on Monday 20 February; overall "
                "success about 13.3%, about 45% at the full-proposal stage.",
            ),
        },
    ),
    _Series(
        MARSDEN,
        "Standard",
        "Marsden Standard EOI",
        2,
        20,
        ("Research",),
        _MARSDEN_STD,
        MARSDEN_URL,
        max_award="960000",
        template_key="marsden-full-proposal",
        facts={
            2022: ("62631000", 72, "12.4", False, "2022 round: $62.631m to 72 Standard grants (12.4%)."),
            2023: (
                None,
                None,
                "13.3",
                True,
                "2023 EOIs closed at noon on Monday 20 February; overall "
                "success about 13.3%, about 45% at the full-proposal stage.",
            ),
        },
    ),
    _Series(
        HRC,
        "Projects",
        "HRC Projects",
        5,
        10,
        ("Research",),
        _HRC,
        HRC_URL,
        max_award="1200000",
        template_key="hrc-project",
    ),
    _Series(
        MBIE,
        "Smart Ideas",
        "Endeavour Smart Ideas",
        3,
        5,
        ("Research", "Engineering", "Food", "Technology"),
        _SMART,
        MBIE_URL,
        min_award="400000",
        max_award="1000000",
        template_key="mbie-smart-ideas",
        facts={
            2024: (
                "18000000",
                49,
                None,
                False,
                "Indicative pool $18m a year (excl. GST); aiming to fund at least 49 proposals.",
            ),
            2025: (
                "17000000",
                47,
                None,
                False,
                "Indicative pool $17m a year (excl. GST); aiming to fund at least 47 proposals.",
            ),
        },
    ),
    _Series(
        MBIE,
        "Research Programmes",
        "Endeavour Research Programmes",
        3,
        12,
        ("Research", "Engineering", "Technology"),
        _PROGRAMMES,
        MBIE_URL,
        facts={
            2024: (
                "39000000",
                19,
                None,
                False,
                "Indicative pool $39m a year (excl. GST); aiming to fund at least 19 programmes.",
            )
        },
    ),
)
DEMO_FIRST_YEAR = 2022
SOON_DAYS = 18


def _weekday_noon(day: date) -> datetime:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(12, 0), tzinfo=NZ_TIME).astimezone(UTC)


def _funding_rounds(session: Session, clusters, funders, now: datetime | None = None) -> None:
    """Past rounds since 2022 for each demo scheme, then the next one: a forecast, or closing soon."""
    now = now or utcnow()
    today = now.astimezone(NZ_TIME).date()
    for series in DEMO_SERIES:
        for year in range(DEMO_FIRST_YEAR, today.year + 2):
            closes = _weekday_noon(date(year, series.month, series.day))
            if closes > now:
                if series.funder == HRC:
                    closes = _weekday_noon(today + timedelta(days=SOON_DAYS))
                # Named for the year after the last past round, so no two rounds share a name.
                _demo_round(
                    session,
                    clusters,
                    funders,
                    series,
                    max(year, closes.year),
                    closes,
                    upcoming=True,
                    opens=closes - timedelta(days=48),
                )
                break
            _demo_round(session, clusters, funders, series, year, closes)
    session.flush()
    _link_applications_to_rounds(session, now)


def _demo_round(
    session,
    clusters,
    funders,
    series: _Series,
    year: int,
    closes: datetime,
    upcoming: bool = False,
    opens: datetime | None = None,
) -> None:
    pool, expected, rate, exact, fact = series.facts.get(year, (None, None, None, False, ""))
    if upcoming and rate is None:
        rate, fact = _latest_rate(series)
    month = date(2000, series.month, 1).strftime("%B")
    soon = upcoming and series.funder == HRC
    notes = (
        " ".join(n for n in (SOON_NOTE if soon else FORECAST_NOTE, fact) if n)
        if upcoming
        else " ".join(n for n in (fact, "" if exact else APPROXIMATE.format(month=month)) if n)
    )
    # MBIE published a call page for each of these years; otherwise link the fund's own page.
    slug = series.scheme.lower().replace(" ", "-")
    url = MBIE_CALL.format(scheme=slug, year=year) if series.funder == MBIE and year in (2024, 2025) else series.url
    funding_round = FundingRound(
        funder_id=funders[series.funder].id,
        scheme=series.scheme,
        name=f"{series.name} {year}",
        is_forecast=upcoming and not soon,
        opens_at=opens if soon else None,
        closes_at=closes,
        closes_on=closes.astimezone(NZ_TIME).date(),
        timezone="Pacific/Auckland",
        pool=Decimal(pool) if pool else None,
        expected_awards=expected,
        success_rate=Decimal(rate) / 100 if rate else None,
        min_award=Decimal(series.min_award) if series.min_award else None,
        max_award=Decimal(series.max_award) if series.max_award else None,
        eligibility=series.eligibility,
        url=url,
        template_key=series.template_key,
        notes=notes,
    )
    session.add(funding_round)
    session.flush()
    session.execute(
        insert(round_clusters),
        [{"round_id": funding_round.id, "cluster_id": clusters[name].id} for name in series.clusters],
    )


def _latest_rate(series: _Series) -> tuple[str | None, str]:
    """An upcoming round's expected success rate: the scheme's latest published one, said so."""
    known = [(year, facts[2]) for year, facts in sorted(series.facts.items()) if facts[2]]
    if not known:
        return None, ""
    year, rate = known[-1]
    return rate, f"Expected success rate {rate}% is the {year} round's."


def _link_applications_to_rounds(session: Session, now: datetime) -> None:
    """Each demo application joins its scheme's round: the next one while it is being written,
    otherwise the last one that closed before its decision."""
    schemes = {entry[0]: (entry[1], entry[2]) for entry in APPLICATIONS}
    schemes |= {title: (MARSDEN, "Standard") for title in (TIDES, SHELLFISH)}
    awarded_on = dict(
        session.execute(select(Award.application_id, Award.awarded_on).where(Award.application_id.is_not(None))).all()
    )
    writing = {S.DRAFTING.value, S.IN_REVIEW.value, S.REVISING.value, S.READY.value}
    for application in session.scalars(select(Application)):
        if application.title not in schemes:
            continue
        funder, scheme = schemes[application.title]
        rounds = select(FundingRound).join(Funder).where(Funder.name == funder, FundingRound.scheme == scheme)
        if application.status in writing:
            query = rounds.where(FundingRound.closes_at > now).order_by(FundingRound.closes_at)
        else:
            decided = awarded_on.get(application.id)
            before = datetime.combine(decided, time(0), tzinfo=UTC) if decided else now
            query = rounds.where(FundingRound.closes_at < before).order_by(FundingRound.closes_at.desc())
        found = session.scalars(query.limit(1)).first()
        application.round_id = found.id if found else None
