"""One `notify` pass over the national dataset, against the floor of the same selects run bare.

On the generated dataset (bench.generate: 10,000 users, 100,000 applications), a reminder load
is laid on once: owners' sections in flight due over the next three weeks, open reviews due from
a week ago to two weeks ahead, every user following three rounds that close soon, one in ten
users wanting everything immediately. Each measured pass starts from empty notices and outbox,
so it does the whole day's work: reminders, the managers' summary, digests and outbox rows
(sending is off: SMTP time is the server's, not ours).

Targets: under 30 s and under 500 MB (peak RSS of this process); the ratio is against the
floor, the pass's selects run bare with no rows written.

    PYTHONPATH=. python -m bench.notify_pass [--scale national] [--url URL] [--quick]
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import Engine, delete, func, insert, select, update

from bench.generate import default_url, ensure
from bench.summary import Result, ceiling_result
from research.config import MailSettings
from research.db.models import (
    Application,
    FundingRound,
    Notice,
    NotifyPreference,
    OutboxMessage,
    Review,
    ReviewRound,
    RoundFollow,
    Section,
    User,
    WorkspaceFlag,
)
from research.db.uow import UnitOfWork
from research.domain.clock import as_utc, utcnow
from research.domain.locale import DEFAULT_TIMEZONE
from research.domain.notify import KIND_KEYS
from research.domain.round_values import zone
from research.services.notify.passes import run_pass

LOAD_FLAG = "bench_notify_load"
IN_FLIGHT = ("drafting", "revising", "in_review")


def lay_load(engine: Engine, now: datetime) -> None:
    """The reminder load, once per database (a workspace flag remembers it)."""
    uow = UnitOfWork(engine)
    with uow as session:
        if session.get(WorkspaceFlag, LOAD_FLAG):
            return
        today = now.date()
        in_flight = select(Application.id).where(Application.status.in_(IN_FLIGHT))
        sections = session.scalars(
            select(Section.id).where(Section.application_id.in_(in_flight), Section.owner_id.is_not(None))
        ).all()
        session.execute(update(Section), [{"id": i, "due_on": today + timedelta(days=i % 21)} for i in sections])
        open_reviews = select(ReviewRound.id).where(ReviewRound.closed_at.is_(None))
        reviews = session.scalars(
            select(Review.id).where(
                Review.review_round_id.in_(open_reviews), Review.status.in_(("invited", "accepted"))
            )
        ).all()
        session.execute(update(Review), [{"id": i, "due_on": today + timedelta(days=i % 21 - 7)} for i in reviews])
        soon = list(
            session.scalars(
                select(FundingRound.id).where(FundingRound.closes_at > now).order_by(FundingRound.closes_at).limit(60)
            )
        )
        users = list(session.scalars(select(User.id)))
        session.execute(
            insert(RoundFollow),
            [
                {"user_id": u, "round_id": r, "created_at": now}
                for u in users
                for r in {soon[(u + k) % len(soon)] for k in range(3)}
            ],
        )
        eager = [{"user_id": u, "kind": kind, "cadence": "immediate"} for u in users[::10] for kind in KIND_KEYS]
        session.execute(insert(NotifyPreference), eager)
        session.add(WorkspaceFlag(key=LOAD_FLAG, value=now.isoformat()))


def clear(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(delete(OutboxMessage))
        connection.execute(delete(Notice))


def floor_selects(engine: Engine, now: datetime) -> float:
    """The pass's reads, bare: the same tables, filters and joins, no rows written or rendered."""
    today = now.astimezone(zone(DEFAULT_TIMEZONE)).date()
    in_week = today.toordinal() + 7
    queries = [
        select(Review.id, Review.reviewer_id, Review.due_on, ReviewRound.number, Application.title)
        .join(ReviewRound, ReviewRound.id == Review.review_round_id)
        .join(Application, Application.id == ReviewRound.application_id)
        .where(
            Review.status.in_(("invited", "accepted")),
            Review.due_on <= datetime.fromordinal(in_week).date(),
            ReviewRound.closed_at.is_(None),
        ),
        select(Section.id, Section.owner_id, Section.due_on, Section.title, Application.id, Application.title)
        .join(Application, Application.id == Section.application_id)
        .where(
            Section.owner_id.is_not(None),
            Section.due_on >= today,
            Section.due_on <= datetime.fromordinal(in_week).date(),
            Section.status != "ready",
            Application.status.in_(IN_FLIGHT),
        ),
        select(RoundFollow.user_id, FundingRound.id, FundingRound.name, FundingRound.closes_at)
        .join(FundingRound, FundingRound.id == RoundFollow.round_id)
        .where(FundingRound.closes_at > now),
        select(User.id, User.display_name, User.email).where(User.is_active),
        select(NotifyPreference.user_id, NotifyPreference.kind, NotifyPreference.cadence),
    ]
    started = time.perf_counter()
    with engine.connect() as connection:
        for query in queries:
            connection.execute(query).all()
    return time.perf_counter() - started


def measure(engine: Engine, now: datetime, judged: bool) -> list[Result]:
    name = "SQLite" if engine.dialect.name == "sqlite" else "PostgreSQL"
    lay_load(engine, now)
    clear(engine)
    started, cpu = time.perf_counter(), time.process_time()
    report = run_pass(UnitOfWork(engine), MailSettings(), now)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with engine.connect() as connection:
        notices = connection.scalar(select(func.count(Notice.id)))
        mails = connection.scalar(select(func.count(OutboxMessage.id)))
    floor_selects(engine, now)  # warm
    floor = min(floor_selects(engine, now) for _ in range(3))
    print(
        f"{name}: notify pass {seconds:.1f} s ({report.told:,} told, {notices:,} notices, {mails:,} outbox rows, "
        f"{report.digests:,} digests); floor {floor * 1000:.0f} ms (its selects, bare); "
        f"ratio {seconds / floor:.1f}x; peak RSS {peak_mb:.0f} MB; CPU time of the pass {cpu_seconds:.1f} s "
        f"(SQLite runs in this process: wall time on a busy shared machine includes waiting for a core)"
    )
    label = "" if judged else " (smoke run)"
    return [
        Result(
            f"notify pass ({name}){label}",
            f"{seconds:,.1f} s",
            f"selects bare: {floor:,.2f} s",
            seconds / floor if floor else None,
            "< 30 s",
            seconds < 30 or not judged,
        ),
        ceiling_result(f"notify pass peak memory ({name}){label}", peak_mb, 500),
    ]


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national")
    parser.add_argument("--url", action="append", help="database(s) holding it (default: its cached SQLite file)")
    parser.add_argument("--quick", action="store_true", help="the small dataset")
    args = parser.parse_args(argv)
    scale = "small" if args.quick else args.scale
    # 8 am in the workspace's zone today: digests and reminders are due.
    here = zone(DEFAULT_TIMEZONE)
    now = as_utc(datetime.combine(utcnow().astimezone(here).date(), clock_time(8), here))
    results = []
    for url in args.url or [default_url(scale)]:
        engine = ensure(url, scale)
        try:
            results += measure(engine, now, judged=not args.quick)
        finally:
            engine.dispose()
    return results


if __name__ == "__main__":
    main()
