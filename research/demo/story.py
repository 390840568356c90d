"""The demo's people and its calendar: who acts, and when, relative to the day it is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from research.db.uow import UnitOfWork
from research.domain.locale import DEFAULT_TIMEZONE
from research.services.accounts import users
from research.services.common.actor import Actor

# The demo is a New Zealand city's workspace: its calendar is the default locale's zone.
NZ = ZoneInfo(DEFAULT_TIMEZONE)


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


@dataclass(frozen=True)
class Story:
    """The cast as actors (by username) and the moment the demo is loaded."""

    cast: dict[str, Actor]
    now: datetime

    def __getitem__(self, username: str) -> Actor:
        return self.cast[username]

    @property
    def today(self) -> date:
        return self.now.astimezone(NZ).date()

    def days_ago(self, days: float, hours: float = 0) -> datetime:
        return self.now - timedelta(days=days, hours=hours)

    def nz_day(self, days_ago: int, hour: int = 10) -> datetime:
        """A time of day in Auckland, where the demo's people work, `days_ago` days before today."""
        return nz_time(self.today - timedelta(days=days_ago), hour)


def nz_time(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=NZ).astimezone(UTC)


def create_cast(uow: UnitOfWork, by: Actor | None = None) -> dict[str, Actor]:
    """The admin sets up the workspace and creates everyone else, with the demo's public passwords.

    `by`: the workspace's own admin loading the demo from the app, who creates the demo's admin."""
    admin, *others = DEMO_ACCOUNTS
    if by is None:
        first = users.create_first_admin(uow, admin.username, admin.display_name, admin.password)
    else:
        first = users.create_user(
            uow, by, admin.username, admin.display_name, admin.role, admin.password, "", must_change_password=False
        )
    cast = {admin.username: _actor(first)}
    for account in others:
        row = users.create_user(
            uow,
            cast[admin.username],
            account.username,
            account.display_name,
            account.role,
            account.password,
            f"{account.username}@example.org",
            must_change_password=False,
        )
        cast[account.username] = _actor(row)
    return cast


def _actor(row: users.UserRow) -> Actor:
    return Actor(row.id, row.username, row.display_name, row.role)
