"""Reminder stages, retry backoff, digest keys and the mail settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from research.config import ConfigError, load_settings
from research.domain.notify import MAX_ATTEMPTS, Cadence, digest_key, due_stage, next_attempt

TODAY = date(2027, 3, 1)  # a Monday


@pytest.mark.parametrize(
    ("days", "stage"),
    [
        (10, None),
        (8, None),
        (7, "7"),
        (5, "7"),
        (3, "3"),
        (2, "3"),
        (1, "1"),
        (0, "1"),
        (-1, "overdue-0"),
        (-7, "overdue-0"),
        (-8, "overdue-1"),
        (-15, "overdue-2"),
    ],
)
def test_due_stage(days, stage):
    assert due_stage(TODAY + timedelta(days=days), TODAY) == stage


def test_round_close_stages():
    assert due_stage(TODAY + timedelta(days=30), TODAY, (30, 14, 7)) == "30"
    assert due_stage(TODAY + timedelta(days=31), TODAY, (30, 14, 7)) is None


def test_backoff_grows_then_gives_up():
    now = datetime(2027, 3, 1, tzinfo=UTC)
    delays = [next_attempt(n, now) - now for n in range(1, MAX_ATTEMPTS)]
    assert delays == sorted(delays) and delays[0] == timedelta(minutes=1)
    assert next_attempt(MAX_ATTEMPTS, now) is None


def test_digest_keys_daily_every_day_weekly_on_mondays():
    assert digest_key(Cadence.DAILY, 4, TODAY) == "digest:daily:4:2027-03-01"
    assert digest_key(Cadence.WEEKLY, 4, TODAY) == "digest:weekly:4:2027-W09"
    assert digest_key(Cadence.WEEKLY, 4, TODAY + timedelta(days=1)) is None


def test_mail_settings_from_the_environment():
    mail = load_settings(
        {"SMTP_HOST": "smtp.example.org", "SMTP_TLS": "starttls", "APP_URL": "https://w.example/"}
    ).mail
    assert mail.enabled and mail.smtp_port == 587 and mail.app_url == "https://w.example"
    assert not load_settings({}).mail.enabled


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SMTP_TLS": "ssl"}, "SMTP_TLS must be one of none, starttls, tls"),
        ({"SMTP_PORT": "70000"}, "SMTP_PORT"),
        ({"NOTIFY_EVERY_MINUTES": "often"}, "NOTIFY_EVERY_MINUTES"),
    ],
)
def test_bad_mail_settings_say_which_and_how(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)
