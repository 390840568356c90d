"""python -m research notify [--now] [--dry-run] and calendar-token USERNAME, as a cron job runs them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import CalendarToken
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.notify.calendar_tokens import token_hash
from research.services.notify.preferences import set_preference
from research.services.review import rounds as review_rounds
from tests.integration.notify.helpers import MONDAY
from tests.integration.platform.test_cli import run
from tests.review_builders import build_application
from tests.service_people import add_person

NOW = "2027-03-01T08:00+13:00"


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    uow = UnitOfWork(engine)
    lead = add_person(uow, Role.RESEARCHER, "hana", "Hana")
    reviewer = add_person(uow, Role.REVIEWER, "priya", "Priya", email="priya@example.org")
    set_preference(uow, reviewer, "review_invitation", "immediate")
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=20), today=MONDAY)
    engine.dispose()
    return url


def test_dry_run_prints_what_would_be_sent(db):
    result = run(["notify", "--now", NOW, "--dry-run"], db)
    assert result.returncode == 0, result.stderr
    assert "would send to priya@example.org [review_invitation] Review invitation:" in result.stdout
    assert "1 email(s) would be sent." in result.stdout


def test_a_pass_sends_through_the_configured_server(db, smtp):
    inbox, mail = smtp
    env = {"SMTP_HOST": mail.smtp_host, "SMTP_PORT": str(mail.smtp_port), "MAIL_FROM": "rcw@example.org"}
    result = run(["notify", "--now", NOW], db, **env)
    assert result.returncode == 0, result.stderr
    assert "Sent 1; 0 failed" in result.stdout
    [message] = inbox.messages
    assert message["From"] == "rcw@example.org" and message["To"] == "priya@example.org"
    assert "Sent 0;" in run(["notify", "--now", NOW], db, **env).stdout


def test_without_smtp_the_pass_says_nothing_was_sent(db):
    result = run(["notify", "--now", NOW], db)
    assert result.returncode == 0 and "No SMTP_HOST is set" in result.stderr


def test_a_bad_now_is_refused_clearly(db):
    result = run(["notify", "--now", "next tuesday"], db)
    assert result.returncode == 2 and "'next tuesday' is not an ISO time" in result.stderr
    assert "Traceback" not in result.stderr


def test_calendar_token_prints_a_new_feed_url_under_app_url(db):
    env = {"APP_URL": "https://rcw.example.org"}
    first = run(["calendar-token", "hana"], db, **env)
    assert first.returncode == 0 and first.stdout.startswith("https://rcw.example.org/calendar/")
    assert first.stdout.strip().endswith(".ics")
    second = run(["calendar-token", "hana"], db, **env)
    assert second.stdout != first.stdout
    engine = make_engine(parse_database_url(db))
    with engine.connect() as connection:
        live = connection.execute(select(CalendarToken.token_hash).where(CalendarToken.revoked_at.is_(None))).all()
    engine.dispose()
    assert live == [(token_hash(second.stdout.strip().rsplit("/", 1)[1].removesuffix(".ics")),)]  # the old one revoked
    missing = run(["calendar-token", "ghost"], db, **env)
    assert missing.returncode == 2 and "no user called 'ghost'" in missing.stderr
