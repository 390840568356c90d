"""One notify pass: reminders, the managers' summary, digests, then sending the outbox.

One pass at a time (a database lock). --dry-run does the same work in a transaction that is
rolled back, and lists what would be sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from research.adapters.smtp import SmtpSender
from research.config import MailSettings
from research.db.uow import UnitOfWork
from research.domain.clock import as_utc
from research.domain.locale import workspace_locale
from research.domain.round_values import local
from research.services.notify import settings
from research.services.notify.digests import send_digests
from research.services.notify.lock import pass_lock
from research.services.notify.reminders import send_reminders
from research.services.notify.sending import SenderFactory, SendReport, describe_due, send_due
from research.services.notify.summary import send_manager_summary


@dataclass
class PassReport:
    ran: bool = True
    told: int = 0
    digests: int = 0
    sending: SendReport = field(default_factory=SendReport)
    mail_enabled: bool = False


def prepare(session: Session, now: datetime) -> tuple[int, int]:
    """Notices due at `now` and digests ready to go: (people told, digests written)."""
    here = local(now, workspace_locale().timezone)
    told = send_reminders(session, now, here.date()) + send_manager_summary(session, now, here.date())
    return told, send_digests(session, now, here.date(), here.hour)


def run_pass(
    uow: UnitOfWork, mail: MailSettings, now: datetime, dry_run: bool = False, sender: SenderFactory | None = None
) -> PassReport:
    settings.use(mail)
    now = as_utc(now)  # SQLite keeps naive UTC: every moment written or compared must be UTC
    with pass_lock(uow.engine) as held:
        if not held:
            return PassReport(ran=False)
        if dry_run:
            return _dry_run(uow, now, mail)
        with uow as session:
            told, digests = prepare(session, now)
        report = PassReport(told=told, digests=digests, mail_enabled=mail.enabled)
        if mail.enabled:
            report.sending = send_due(uow, sender or (lambda: SmtpSender(mail)), now)
        return report


def _dry_run(uow: UnitOfWork, now: datetime, mail: MailSettings) -> PassReport:
    with Session(uow.engine) as session:
        told, digests = prepare(session, now)
        session.flush()
        lines = describe_due(session, now)
        session.rollback()
    return PassReport(told=told, digests=digests, sending=SendReport(would_send=lines), mail_enabled=mail.enabled)
