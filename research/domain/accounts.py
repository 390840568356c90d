"""Rules for accounts: usernames, passwords and idle sessions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from research.domain.errors import InvalidInput, Problem

MIN_PASSWORD_LENGTH = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


def check_username(username: str) -> str:
    cleaned = username.strip().lower()
    if not USERNAME.match(cleaned):
        raise InvalidInput(
            Problem(
                "username",
                "use 2-40 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit",
            )
        )
    return cleaned


def check_new_password(password: str) -> None:
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(Problem("password", f"must be at least {MIN_PASSWORD_LENGTH} characters"))
    if password.strip() != password:
        problems.append(Problem("password", "must not start or end with a space"))
    if problems:
        raise InvalidInput(problems)


def is_idle_expired(last_seen: datetime, now: datetime, idle_minutes: int) -> bool:
    return now - last_seen > timedelta(minutes=idle_minutes)
