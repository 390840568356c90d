"""notify (one pass: reminders, digests, sending) and calendar-token USERNAME."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from research.config import load_settings
from research.domain.clock import utcnow
from research.domain.roles import Role
from research.services.common.actor import Actor
from research.services.notify import settings as notify_settings
from research.services.notify.calendar_tokens import issue_for_username
from research.services.notify.passes import PassReport, run_pass


def register(subparsers) -> None:
    notify = subparsers.add_parser("notify", help="one notify pass: reminders and digests, then send the outbox")
    notify.add_argument(
        "--now", metavar="ISO-TIME", type=parse_now, help="pretend it is this moment (e.g. 2027-03-01T08:00+13:00)"
    )
    notify.add_argument("--dry-run", action="store_true", help="print what would be sent; change nothing")
    notify.set_defaults(run=_notify)

    token = subparsers.add_parser("calendar-token", help="issue a new calendar feed URL for a user (revokes the old)")
    token.add_argument("username")
    token.set_defaults(run=_calendar_token)


def parse_now(text: str) -> datetime:
    """The --now moment; a time without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO time; use e.g. 2027-03-01T08:00+13:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _notify(args, uow) -> int:
    mail = load_settings().mail
    report = run_pass(uow, mail, args.now or utcnow(), dry_run=args.dry_run)
    print_report(report, args.dry_run)
    return 0


def print_report(report: PassReport, dry_run: bool) -> None:
    if not report.ran:
        print("Another notify pass is running; this one did nothing.")
        return
    verb = "Would tell" if dry_run else "Told"
    print(f"{verb} {report.told} people; {report.digests} digest(s) {'would be ' if dry_run else ''}written.")
    if dry_run:
        for line in report.sending.would_send:
            print(f"  would send {line}")
        print(f"{len(report.sending.would_send)} email(s) would be sent.")
    elif not report.mail_enabled:
        print("No SMTP_HOST is set: nothing was sent (in-app notices are up to date).", file=sys.stderr)
    else:
        s = report.sending
        print(f"Sent {s.sent}; {s.failed} failed and will be retried; {s.gave_up} given up.")


def _calendar_token(args, uow) -> int:
    notify_settings.use(load_settings().mail)
    print(issue_for_username(uow, Actor.operator(Role.ADMIN), args.username))
    return 0
