"""The app's own schedule: the pass it runs, and the lifespan that starts and stops it."""

from __future__ import annotations

from datetime import timedelta

from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts.users import _new_user
from research.services.common.actor import Actor
from research.services.notify.notices import Tell, tell
from research.services.notify.preferences import set_preference
from research.ui import deps, notify_schedule
from tests.async_support import run_async


def test_the_scheduled_pass_sends_through_the_configured_server(tmp_path, monkeypatch, smtp):
    inbox, mail = smtp
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'sched.db'}")
    monkeypatch.setenv("SMTP_HOST", mail.smtp_host)
    monkeypatch.setenv("SMTP_PORT", str(mail.smtp_port))
    uow = UnitOfWork(deps.engine())
    with uow as session:
        user = Actor.from_user(_new_user(session, "hana", "Hana", Role.RESEARCHER, "a long passphrase", "h@e.org"))
    set_preference(uow, user, "status", "immediate")
    with uow as session:
        tell(session, [user.id], Tell("status", "Now submitted", "", "rounds_page"))
    notify_schedule.notify_once()
    assert [m["To"] for m in inbox.messages] == ["h@e.org"]


def test_the_lifespan_schedules_only_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'sched.db'}")
    started = []
    monkeypatch.setattr(notify_schedule, "start_scheduler", lambda m: started.append(m) or _Stub())

    async def run_lifespan():
        async with notify_schedule.notify_lifespan(None):
            pass

    run_async(run_lifespan())
    monkeypatch.setenv("NOTIFY_EVERY_MINUTES", "15")
    run_async(run_lifespan())
    assert started == [15]


def test_a_real_scheduler_holds_one_interval_job():
    scheduler = notify_schedule.start_scheduler(15)
    try:
        [job] = scheduler.get_jobs()
        assert job.id == "notify" and job.trigger.interval == timedelta(minutes=15) and job.max_instances == 1
    finally:
        scheduler.shutdown(wait=False)


class _Stub:
    def shutdown(self, wait: bool) -> None:
        pass
