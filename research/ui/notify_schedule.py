"""The notify pass run by the app itself, for a single-machine install (NOTIFY_EVERY_MINUTES).

APScheduler runs it in a background thread; the pass takes the database lock, so several
app processes (or the app and a cron job) never run two passes at once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from research.domain.clock import utcnow
from research.services.notify.passes import run_pass
from research.ui import deps

log = logging.getLogger("research.notify")


def notify_once() -> None:
    try:
        report = run_pass(deps.uow(), deps.settings().mail, utcnow())
    except Exception:  # a failed pass must not stop the schedule; the next one retries
        log.exception("The scheduled notify pass failed")
        return
    if report.ran:
        s = report.sending
        log.info("Notify pass: told %d, %d digests, sent %d, failed %d", report.told, report.digests, s.sent, s.failed)


def start_scheduler(minutes: int) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(notify_once, "interval", minutes=minutes, id="notify", max_instances=1, coalesce=True)
    scheduler.start()
    return scheduler


@asynccontextmanager
async def notify_lifespan(app: Any) -> AsyncIterator[None]:
    """The st.App lifespan: start the schedule when NOTIFY_EVERY_MINUTES is set, stop it on shutdown."""
    minutes = deps.settings().notify_every_minutes
    scheduler = start_scheduler(minutes) if minutes else None
    try:
        yield None
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
