"""Rows of a generated workspace, as plain dicts ready for bulk inserts, built block by block.

Every id is handed out here, so rows can point at each other without reading anything back.
Applications are planned first (cheap tuples); their sections, revisions, reviews and comments
are then built one block of applications at a time, so memory stays bounded at any scale.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from research.domain.application_status import ApplicationStatus as S
from research.domain.roles import Role
from research.domain.template_spec import TemplateSpec

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105  # pragma: allowlist secret (documented; generated accounts only)
IN_FLIGHT = (S.DRAFTING, S.IN_REVIEW, S.REVISING, S.READY)
DECIDED = (S.SUBMITTED, S.AWARDED, S.DECLINED, S.DECLINED, S.AWARDED, S.WITHDRAWN)
REVIEWED = {S.IN_REVIEW, S.REVISING, S.READY, S.SUBMITTED, S.AWARDED, S.DECLINED}
WORDS = (
    "estuary",
    "sediment",
    "community",
    "method",
    "cohort",
    "survey",
    "kaitiaki",
    "outcome",
    "model",
    "evidence",
    "partnership",
    "salinity",
    "monitoring",
    "consent",
    "analysis",
    "sample",
    "whakapapa",
)
FIRST = ("Hana", "Wiremu", "Priya", "James", "Aroha", "Tama", "Mei", "Oliver", "Ngaio", "Sam", "Leilani", "Ravi")
LAST = ("Kim", "Tane", "Shah", "Oduya", "Ngata", "Walker", "Chen", "Brown", "Marsh", "Patel", "Smith", "Rua")


@dataclass(frozen=True)
class Scale:
    clusters: int
    funders: int
    rounds: int
    applications: int
    revisions: int
    comments: int
    awards: int
    users: int
    grants: int


SCALES = {
    "national": Scale(
        clusters=50,
        funders=500,
        rounds=5_000,
        applications=100_000,
        revisions=2_000_000,
        comments=200_000,
        awards=200_000,
        users=10_000,
        grants=5_000,
    ),
    "tenth": Scale(
        clusters=20,
        funders=100,
        rounds=500,
        applications=10_000,
        revisions=200_000,
        comments=20_000,
        awards=20_000,
        users=1_000,
        grants=500,
    ),
    "demo": Scale(
        clusters=6, funders=8, rounds=20, applications=12, revisions=120, comments=20, awards=25, users=8, grants=6
    ),
    "small": Scale(
        clusters=3, funders=4, rounds=6, applications=9, revisions=60, comments=11, awards=14, users=8, grants=4
    ),
}


def sentence(seed: int, length: int = 14) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize() + "."


@dataclass(frozen=True)
class AppPlan:
    """What an application will be, decided before any row is written."""

    id: int
    status: S
    round_id: int
    template: int
    lead: int
    coauthor: int | None
    cluster: int
    reviewers: tuple[int, ...]


@dataclass
class Ids:
    """The next free id of each table built block by block."""

    section: int = 1
    revision: int = 1
    review_round: int = 1
    review: int = 1
    award: int = 1
    comment: int = 1


@dataclass
class Workspace:
    """The whole plan: people by role, rounds, templates, and the application plans."""

    scale: Scale
    templates: list[TemplateSpec]
    now: datetime
    seed: int = 7
    users: dict[Role, list[int]] = field(default_factory=dict)
    closes: list[datetime] = field(default_factory=list)
    plans: list[AppPlan] = field(default_factory=list)
    password_hash: str = ""
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self._plan_users()
        self._plan_rounds()
        self._plan_applications()

    def _plan_users(self) -> None:
        total = self.scale.users
        admins, managers = max(1, total // 200), max(1, total // 50)
        reviewers = max(2, total // 10)
        researchers = max(2, total - admins - managers - reviewers)
        first = 1
        for role, count in (
            (Role.ADMIN, admins),
            (Role.MANAGER, managers),
            (Role.REVIEWER, reviewers),
            (Role.RESEARCHER, researchers),
        ):
            self.users[role] = list(range(first, first + count))
            first += count

    def _plan_rounds(self) -> None:
        start, span = self.now - timedelta(days=3650), timedelta(days=3650 + 730)
        step = span / max(1, self.scale.rounds)
        self.closes = [
            (start + step * i).replace(hour=23, minute=0, second=0, microsecond=0) for i in range(self.scale.rounds)
        ]

    def _plan_applications(self) -> None:
        past = [i + 1 for i, closes in enumerate(self.closes) if closes < self.now] or [1]
        future = [i + 1 for i, closes in enumerate(self.closes) if closes >= self.now] or [self.scale.rounds]
        researchers, reviewers = self.users[Role.RESEARCHER], self.users[Role.REVIEWER]
        rng = self.rng
        for i in range(1, self.scale.applications + 1):
            status = rng.choice(IN_FLIGHT) if i % 4 == 0 else rng.choice(DECIDED)
            round_id = rng.choice(future if status in IN_FLIGHT else past)
            lead = researchers[i % len(researchers)]
            coauthor = researchers[(i * 7 + 1) % len(researchers)]
            picked = (reviewers[i % len(reviewers)], reviewers[(i + 1) % len(reviewers)])
            self.plans.append(
                AppPlan(
                    i,
                    status,
                    round_id,
                    self.round_template(round_id),
                    lead,
                    None if coauthor == lead else coauthor,
                    rng.randint(1, self.scale.clusters),
                    picked if status in REVIEWED and i % 2 == 0 else (),
                )
            )

    def round_template(self, round_id: int) -> int:
        return (round_id - 1) % len(self.templates)

    def section_count(self) -> int:
        return sum(len(self.templates[p.template].sections) for p in self.plans)


def user_rows(ws: Workspace) -> Iterator[dict]:
    for role, ids in ws.users.items():
        for n, user_id in enumerate(ids, 1):
            yield {
                "id": user_id,
                "username": f"{role.value}-{n}",
                "display_name": f"{FIRST[user_id % len(FIRST)]} {LAST[(user_id // 12) % len(LAST)]} {n}",
                "email": f"{role.value}-{n}@example.org",
                "role": role.value,
                "password_hash": ws.password_hash,
                "is_active": True,
                "must_change_password": False,
                "failed_logins": 0,
                "locked_until": None,
                "timezone": "Pacific/Auckland",
                "created_at": ws.now - timedelta(days=900),
            }


def cluster_rows(ws: Workspace) -> list[dict]:
    return [
        {"id": i, "name": f"Cluster {i:02d}", "description": sentence(i, 8)} for i in range(1, ws.scale.clusters + 1)
    ]


def funder_rows(ws: Workspace) -> list[dict]:
    return [
        {"id": i, "name": f"Funder {i:03d}", "country": "New Zealand", "website": "", "notes": ""}
        for i in range(1, ws.scale.funders + 1)
    ]


def round_rows(ws: Workspace) -> Iterator[dict]:
    for i, closes in enumerate(ws.closes, 1):
        yield {
            "id": i,
            "funder_id": (i - 1) % ws.scale.funders + 1,
            "scheme": f"Scheme {(i - 1) // ws.scale.funders % 10}",
            "name": f"Round {i}",
            "is_forecast": False,
            "opens_at": closes - timedelta(days=90),
            "closes_at": closes,
            "closes_on": closes.date(),
            "timezone": "UTC",
            "decision_expected": (closes + timedelta(days=120)).date(),
            "currency": "NZD",
            "pool": Decimal(1_000_000 * (i % 20 + 1)),
            "min_award": None,
            "max_award": Decimal(900_000),
            "expected_awards": i % 30 + 2 if i % 3 == 0 else None,
            "success_rate": Decimal(i % 30 + 5) / 100 if i % 3 else None,
            "eligibility": sentence(i, 10),
            "url": f"https://example.org/rounds/{i}",
            "template_key": ws.templates[ws.round_template(i)].key,
            "limited_submission": False,
            "submission_quota": None,
            "notes": "",
            "archived_at": None,
            "created_at": closes - timedelta(days=120),
            "updated_at": None,
        }


def round_cluster_rows(ws: Workspace) -> Iterator[dict]:
    for i in range(1, ws.scale.rounds + 1):
        yield {"round_id": i, "cluster_id": (i - 1) % ws.scale.clusters + 1}


def grant_rows(ws: Workspace) -> Iterator[dict]:
    rng, start = random.Random(ws.seed + 1), ws.now.date() - timedelta(days=3650)
    for i in range(1, ws.scale.grants + 1):
        granted = start + timedelta(days=rng.randint(0, 3640))
        year = granted.year + (granted.month >= 7)
        yield {
            "id": i,
            "reference": f"G-{i}",
            "cluster_id": (i - 1) % ws.scale.clusters + 1,
            "amount": Decimal(rng.randint(5_000, 200_000)),
            "currency": "NZD",
            "granted_on": granted,
            "financial_year": f"{year - 1}/{str(year)[2:]}",
            "purpose": sentence(i, 6),
            "created_by_id": ws.users[Role.MANAGER][0],
            "created_at": ws.now,
            "updated_at": None,
        }


def award_amount(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(-50_000, 3_000_000)) + Decimal(rng.randint(0, 99)) / 100


def share_rows(award_id: int, cluster: int, clusters: int) -> list[dict]:
    """Most awards go to one cluster, some are shared by two, one in ten to none."""
    kind = award_id % 10
    if kind == 0:
        return []
    if kind < 7 or clusters < 2:
        return [{"award_id": award_id, "cluster_id": cluster, "percent": Decimal(100)}]
    other = cluster % clusters + 1
    return [
        {"award_id": award_id, "cluster_id": cluster, "percent": Decimal("60.5")},
        {"award_id": award_id, "cluster_id": other, "percent": Decimal("39.5")},
    ]


def history_award_rows(ws: Workspace, first_id: int) -> Iterator[tuple[dict, list[dict]]]:
    """Imported history: awards that came from no application in the workspace."""
    rng, start = random.Random(ws.seed + 2), ws.now.date() - timedelta(days=3650)
    for award_id in range(first_id, ws.scale.awards + 1):
        amount, funder = award_amount(rng), rng.randint(1, ws.scale.funders)
        award = {
            "id": award_id,
            "identifier": f"B-{award_id}",
            "application_id": None,
            "funder_id": funder,
            "funder_name": f"Funder {funder:03d}",
            "scheme": f"Scheme {rng.randint(0, 9)}",
            "title": f"Imported award {award_id}",
            "description": "",
            "recipient_org": "",
            "amount": amount,
            "currency": "NZD",
            "amount_nzd": amount,
            "amount_applied_for": None,
            "awarded_on": start + timedelta(days=rng.randint(0, 3640)),
            "source": "import",
            "created_at": ws.now,
            "updated_at": None,
        }
        yield award, share_rows(award_id, rng.randint(1, ws.scale.clusters), ws.scale.clusters)
