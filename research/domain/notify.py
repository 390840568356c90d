"""What people are told, how often, and when a reminder or a retry is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from research.domain.review_dates import describe_due


class Cadence(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"

    @property
    def label(self) -> str:
        return {"immediate": "Immediately", "daily": "Daily digest", "weekly": "Weekly digest", "off": "Off"}[self]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default: Cadence = Cadence.DAILY


KINDS = (
    Kind("review_invitation", "Review invitations"),
    Kind("review_again", "A draft sent back to you for another review round"),
    Kind("review_due", "Reviews due soon or overdue"),
    Kind("section_assigned", "Sections assigned to you"),
    Kind("section_due", "Your sections' due dates approaching"),
    Kind("comment", "New comments on your sections"),
    Kind("status", "Your applications' status changes"),
    Kind("milestone", "Internal milestones approaching (intent, draft, sign-off)"),
    Kind("round_followed", "Rounds you follow opening and closing"),
    # Already a weekly summary, so it goes out as soon as it is made unless turned off.
    Kind("manager_summary", "Weekly summary for managers", Cadence.IMMEDIATE),
)
KIND_KEYS = tuple(k.key for k in KINDS)
LABELS = {k.key: k.label for k in KINDS}
DEFAULTS = {k.key: k.default for k in KINDS}

DUE_STAGES = (7, 3, 1)
ROUND_CLOSE_STAGES = (30, 14, 7)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = 6


def due_stage(due_on: date, today: date, stages: tuple[int, ...] = DUE_STAGES) -> str | None:
    """Which reminder a due date calls for today: "7", "3", "1", "overdue-0" (then weekly), or none.

    A missed pass still sends the stage it missed once, never each stage it skipped.
    """
    days = (due_on - today).days
    if days < 0:
        return f"overdue-{(-days - 1) // 7}"
    within = [s for s in stages if days <= s]
    return str(min(within)) if within else None


def describe_days(due_on: date, today: date) -> str:
    """As the review inbox says it, with the date itself when it is still ahead."""
    text = describe_due(due_on, today)
    return f"{text} ({due_on:%d %b %Y})" if due_on > today else text


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after `attempts` failures; None once the message is given up on."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + RETRY_DELAYS[min(attempts - 1, len(RETRY_DELAYS) - 1)]


def digest_key(cadence: Cadence, user_id: int, day: date) -> str | None:
    """The one digest of this cadence a person gets for this day (weekly: Mondays only)."""
    if cadence == Cadence.DAILY:
        return f"digest:daily:{user_id}:{day.isoformat()}"
    if cadence == Cadence.WEEKLY and day.isoweekday() == 1:
        year, week, _ = day.isocalendar()
        return f"digest:weekly:{user_id}:{year}-W{week:02d}"
    return None


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
