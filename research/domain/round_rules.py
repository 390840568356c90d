"""Rules of a funding round: its status, its internal milestones, and what makes it valid."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from research.domain.currencies import CURRENCIES
from research.domain.errors import Problem
from research.domain.locale import workspace_locale
from research.domain.round_values import local, local_to_utc, zone
from research.domain.working_days import working_days_before

MAX_OFFSET = 120
TEMPLATE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_SPACE = re.compile(r"\s")


class RoundStatus(StrEnum):
    FORECAST = "forecast"
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def help(self) -> str:
        return {
            "forecast": "dates are expected, not yet announced by the funder",
            "upcoming": "announced, not open yet",
            "open": "taking applications",
            "closed": "the deadline has passed",
        }[self.value]


def derive_status(is_forecast: bool, opens_at: datetime | None, closes_at: datetime, now: datetime) -> RoundStatus:
    """Forecast when set so; otherwise from the dates (no opening date: open until it closes)."""
    if is_forecast:
        return RoundStatus.FORECAST
    if now >= closes_at:
        return RoundStatus.CLOSED
    if opens_at is not None and now < opens_at:
        return RoundStatus.UPCOMING
    return RoundStatus.OPEN


# -- milestones --------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneKind:
    kind: str
    label: str
    default_days: int


MILESTONE_KINDS = (
    MilestoneKind("intent", "Intent to apply", 10),
    MilestoneKind("draft", "Full draft for review", 5),
    MilestoneKind("signoff", "Final sign-off", 2),
)
DEFAULT_OFFSETS = {k.kind: k.default_days for k in MILESTONE_KINDS}
LABELS = {k.kind: k.label for k in MILESTONE_KINDS}


@dataclass(frozen=True)
class Milestone:
    kind: str
    label: str
    working_days_before: int
    due_at: datetime


def effective_offsets(stored: Mapping[str, int] | None) -> dict[str, int]:
    return {**DEFAULT_OFFSETS, **(stored or {})}


def milestones(
    closes_at: datetime, zone_name: str, offsets: Mapping[str, int] | None, holidays: Container[date]
) -> list[Milestone]:
    """Each milestone falls that many working days before the close, at the close's wall time."""
    close_here = local(closes_at, zone_name)
    wall = close_here.replace(tzinfo=None)
    out = []
    for kind, days in effective_offsets(offsets).items():
        day = working_days_before(close_here.date(), days, holidays)
        due = _safe_utc(datetime.combine(day, wall.time()), zone_name)
        out.append(Milestone(kind, LABELS.get(kind, kind), days, due))
    return sorted(out, key=lambda m: (m.due_at, m.kind))


def _safe_utc(wall: datetime, zone_name: str) -> datetime:
    try:
        return local_to_utc(wall, zone_name)
    except ValueError:  # a wall time the clocks skip that day: an hour later exists
        return wall.replace(tzinfo=zone(zone_name)).astimezone(UTC)


def check_offsets(offsets: Mapping[str, int]) -> list[Problem]:
    problems = []
    for kind in MILESTONE_KINDS:
        days = offsets.get(kind.kind, kind.default_days)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_OFFSET:
            problems.append(Problem(kind.label, f"must be a whole number of working days from 0 to {MAX_OFFSET}"))
    if problems:
        return problems
    for earlier, later in zip(MILESTONE_KINDS, MILESTONE_KINDS[1:], strict=False):
        a, b = offsets.get(earlier.kind, earlier.default_days), offsets.get(later.kind, later.default_days)
        if a < b:
            problems.append(
                Problem(
                    later.label,
                    f"({b} working days before) must not come before {earlier.label.lower()} ({a} working days before)",
                )
            )
    unknown = set(offsets) - set(DEFAULT_OFFSETS)
    problems += [Problem(kind, "is not a milestone") for kind in sorted(unknown)]
    return problems


# -- the round's fields ------------------------------------------------------------------


@dataclass(frozen=True)
class RoundInput:
    """A round as typed or imported, before it is saved. Moments are UTC."""

    funder_id: int
    scheme: str
    closes_at: datetime
    name: str = ""
    is_forecast: bool = False
    opens_at: datetime | None = None
    timezone: str = field(default_factory=lambda: workspace_locale().timezone)
    decision_expected: date | None = None
    currency: str = field(default_factory=lambda: workspace_locale().currency)
    pool: Decimal | None = None
    min_award: Decimal | None = None
    max_award: Decimal | None = None
    expected_awards: int | None = None
    success_rate: Decimal | None = None
    eligibility: str = ""
    url: str = ""
    template_key: str | None = None
    cluster_ids: tuple[int, ...] = ()
    limited_submission: bool = False
    submission_quota: int | None = None
    notes: str = ""
    offsets: Mapping[str, int] | None = field(default=None, hash=False)

    @cached_property
    def closes_on(self) -> date:
        return local(self.closes_at, self.timezone).date()

    @property
    def display_name(self) -> str:
        return self.name or default_name(self.scheme, self.closes_on)


def default_name(scheme: str, closes_on: date) -> str:
    return f"{scheme} {closes_on.year}"


def normalise_text(text: str) -> str:
    return " ".join(text.split())


def check_round(r: RoundInput) -> list[Problem]:
    """Every rule a round must meet, as problems named by field key."""
    problems = []
    if not r.scheme.strip():
        problems.append(Problem("scheme", "must not be empty"))
    elif len(r.scheme) > 200:
        problems.append(Problem("scheme", "must be at most 200 characters"))
    if len(r.name) > 200:
        problems.append(Problem("name", "must be at most 200 characters"))
    if r.opens_at is not None and r.opens_at >= r.closes_at:
        problems.append(Problem("closes", "is not after the round opens"))
    if r.decision_expected is not None and r.decision_expected < r.closes_on:
        problems.append(Problem("decision", "is before the round closes"))
    if r.currency not in CURRENCIES:
        problems.append(Problem("currency", f"{r.currency!r} is not a currency code"))
    problems += _money_problems(r)
    if r.url and (not r.url.startswith(("https://", "http://")) or _SPACE.search(r.url) or len(r.url) > 500):
        problems.append(Problem("url", "must be a web address starting with https:// or http://"))
    if r.template_key is not None and not TEMPLATE_KEY.match(r.template_key):
        problems.append(Problem("template_key", "must be letters, digits, dots, dashes or underscores"))
    if r.limited_submission and not r.submission_quota:
        problems.append(
            Problem("quota", "is needed for a limited-submission round: how many may the institution send?")
        )
    if r.submission_quota and not r.limited_submission:
        problems.append(Problem("quota", "applies only to limited-submission rounds"))
    if r.offsets is not None:
        problems += [Problem("offsets", str(p)) for p in check_offsets(r.offsets)]
    return problems


def _money_problems(r: RoundInput) -> list[Problem]:
    problems = []
    for key, value in (("pool", r.pool), ("min_award", r.min_award), ("max_award", r.max_award)):
        if value is not None and value < 0:
            problems.append(Problem(key, "must not be negative"))
    if r.min_award is not None and r.max_award is not None and r.min_award > r.max_award:
        problems.append(Problem("min_award", "is more than the maximum award"))
    if r.max_award is not None and r.pool is not None and r.max_award > r.pool:
        problems.append(Problem("max_award", "is more than the whole pool"))
    if r.expected_awards is not None and r.expected_awards < 1:
        problems.append(Problem("expected_awards", "must be at least 1"))
    if r.success_rate is not None and not 0 < r.success_rate <= 1:
        problems.append(Problem("success_rate", "must be more than 0% and at most 100%"))
    return problems
