"""How long the return dashboard takes to compute at scale, against the floor.

Builds 100,000 applications and 200,000 awards (with cluster shares, grants, rounds and review
rounds) on SQLite and on PostgreSQL (a database of its own, dropped afterwards), then times
`roi.compute_dashboard` for one filter against the floor: one hand-written SQL aggregate query
per chart on the same database. Target: within 2x.

    PYTHONPATH=. python -m bench.roi_dashboard [--applications N] [--awards N] [--runs N] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import (
    Application,
    Award,
    AwardShare,
    Cluster,
    ClusterGrant,
    Funder,
    FundingRound,
    ReviewRound,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.roi import RoiFilter, YearBasis
from research.services import roi

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres")
FILTER = RoiFilter(date(2019, 7, 1), date(2025, 6, 30), year_basis=YearBasis.FINANCIAL)
STATUSES = ["drafting", "in_review", "revising", "ready", "submitted", "awarded", "declined", "declined",
            "awarded", "withdrawn"]
CHUNK = 10_000


def build(engine: Engine, applications: int, awards: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2016, 1, 1)
    with engine.begin() as db:
        db.execute(insert(User), [{"id": 1, "username": "bench", "display_name": "Bench", "role": "manager",
                                   "password_hash": "x", "email": "", "is_active": True,
                                   "must_change_password": False, "failed_logins": 0, "timezone": "Pacific/Auckland",
                                   "created_at": datetime.now(UTC)}])
        db.execute(insert(Cluster), [{"id": i, "name": f"Cluster {i}", "description": ""} for i in range(1, 9)])
        db.execute(insert(Funder), [{"id": i, "name": f"Funder {i}", "country": "", "website": "", "notes": ""}
                                    for i in range(1, 31)])
        db.execute(insert(FundingRound), [_round(i, rng) for i in range(1, 301)])
        db.execute(insert(ClusterGrant), [{
            "cluster_id": rng.randint(1, 8), "amount": Decimal(rng.randint(5_000, 200_000)),
            "currency": "NZD", "granted_on": start + timedelta(days=rng.randint(0, 3600)), "financial_year": "x",
            "purpose": "", "created_at": datetime.now(UTC)} for _ in range(2_000)])
        _chunks(db, Application, (_application(i, rng, start) for i in range(1, applications + 1)))
        _chunks(db, ReviewRound, ({"application_id": i, "number": 1, "requested_by_id": 1,
                                   "requested_at": datetime.now(UTC)}
                                  for i in range(1, applications + 1) if i % 3 == 0))
        _chunks(db, Award, (_award(i, rng, start, applications) for i in range(1, awards + 1)))
        _chunks(db, AwardShare, (share for i in range(1, awards + 1) for share in _shares(i, rng)))


def _round(i: int, rng: random.Random) -> dict:
    return {"id": i, "funder_id": rng.randint(1, 30), "scheme": f"Scheme {i % 7}", "name": f"Round {i}",
            "closes_at": datetime(2015, 1, 1, tzinfo=UTC) + timedelta(days=i * 13), "is_forecast": False,
            "timezone": "Pacific/Auckland", "currency": "NZD", "eligibility": "", "url": "",
            "limited_submission": False, "created_at": datetime.now(UTC),
            "success_rate": Decimal(rng.randint(5, 40)) / 100 if i % 3 else None,
            "expected_awards": rng.randint(5, 50) if i % 3 == 0 and i % 2 else None}


def _application(i: int, rng: random.Random, start: date) -> dict:
    status = rng.choice(STATUSES)
    created = datetime.combine(start + timedelta(days=rng.randint(0, 3600)), datetime.min.time(), UTC)
    decided = created + timedelta(days=200) if status in ("awarded", "declined") else None
    return {"id": i, "round_id": rng.randint(1, 300) if i % 10 else None, "cluster_id": rng.randint(1, 8),
            "lead_id": 1, "title": f"Application {i}", "status": status, "currency": "NZD" if i % 50 else "USD",
            "requested_amount": Decimal(rng.randint(50_000, 2_000_000)), "template_key": "", "template_spec": {},
            "blind_reviews": False, "created_at": created, "submitted_at": created + timedelta(days=60),
            "decided_at": decided}


def _award(i: int, rng: random.Random, start: date, applications: int) -> dict:
    amount = Decimal(rng.randint(-50_000, 3_000_000)) + Decimal(rng.randint(0, 99)) / 100
    return {"id": i, "identifier": f"B-{i}", "application_id": i if i <= applications // 4 else None,
            "funder_id": None, "funder_name": f"Funder {rng.randint(1, 30)}", "scheme": f"Scheme {rng.randint(0, 6)}",
            "title": f"Award {i}", "description": "", "recipient_org": "", "amount": amount, "currency": "NZD",
            "amount_nzd": amount, "amount_applied_for": None,
            "awarded_on": start + timedelta(days=rng.randint(0, 3600)), "source": "import",
            "created_at": datetime.now(UTC)}


def _shares(award_id: int, rng: random.Random) -> list[dict]:
    kind = award_id % 10
    if kind == 0:
        return []
    if kind < 7:
        return [{"award_id": award_id, "cluster_id": rng.randint(1, 8), "percent": Decimal(100)}]
    first = rng.randint(1, 7)
    return [{"award_id": award_id, "cluster_id": first, "percent": Decimal("60.5")},
            {"award_id": award_id, "cluster_id": first + 1, "percent": Decimal("39.5")}]


def _chunks(db, model, rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            db.execute(insert(model), batch)
            batch = []
    if batch:
        db.execute(insert(model), batch)


def floor_queries(dialect: str) -> list[str]:
    """One hand-written aggregate per chart: the least work the dashboard could do."""
    if dialect == "sqlite":
        def year(column):
            return (f"(CAST(strftime('%Y', {column}) AS INTEGER) + "
                    f"(CAST(strftime('%m', {column}) AS INTEGER) >= 7))")
    else:
        def year(column):
            return f"(EXTRACT(YEAR FROM {column})::int + (EXTRACT(MONTH FROM {column}) >= 7)::int)"
    award_range = "a.awarded_on BETWEEN :start AND :end"
    grant_range = "g.granted_on BETWEEN :start AND :end"
    app_range = "COALESCE(p.decided_at, p.submitted_at, p.created_at) >= :t0 " \
                "AND COALESCE(p.decided_at, p.submitted_at, p.created_at) < :t1"
    credited = "a.amount_nzd * COALESCE(s.percent, 100) / 100"
    return [
        f"SELECT y, SUM(won), SUM(granted) FROM (SELECT {year('a.awarded_on')} AS y, {credited} AS won, 0 AS granted "
        f"FROM awards a LEFT JOIN award_shares s ON s.award_id = a.id WHERE {award_range} UNION ALL "
        f"SELECT {year('g.granted_on')}, 0, g.amount FROM cluster_grants g WHERE {grant_range}) t GROUP BY y",
        f"SELECT c, SUM(won), SUM(granted) FROM (SELECT s.cluster_id AS c, {credited} AS won, 0 AS granted "
        f"FROM awards a LEFT JOIN award_shares s ON s.award_id = a.id WHERE {award_range} UNION ALL "
        f"SELECT g.cluster_id, 0, g.amount FROM cluster_grants g WHERE {grant_range}) t GROUP BY c",
        f"SELECT a.funder_name, a.scheme, COUNT(DISTINCT a.id), SUM({credited}) FROM awards a "
        f"LEFT JOIN award_shares s ON s.award_id = a.id WHERE {award_range} GROUP BY a.funder_name, a.scheme",
        f"SELECT f.name, r.scheme, p.status, COUNT(p.id), SUM(p.requested_amount), SUM(w.amount_nzd) "
        f"FROM applications p LEFT JOIN funding_rounds r ON r.id = p.round_id "
        f"LEFT JOIN funders f ON f.id = r.funder_id "
        f"LEFT JOIN awards w ON w.application_id = p.id WHERE p.status IN ('awarded', 'declined') AND {app_range} "
        f"GROUP BY f.name, r.scheme, p.status",
        f"SELECT p.status, p.round_id, COUNT(p.id), SUM(p.requested_amount) FROM applications p "
        f"WHERE p.status IN ('drafting', 'in_review', 'revising', 'ready', 'submitted') AND {app_range} "
        f"GROUP BY p.status, p.round_id",
        f"SELECT rr.application_id IS NOT NULL, p.status, COUNT(p.id), SUM(p.requested_amount), SUM(w.amount_nzd) "
        f"FROM applications p LEFT JOIN (SELECT DISTINCT application_id FROM review_rounds) rr "
        f"ON rr.application_id = p.id LEFT JOIN awards w ON w.application_id = p.id "
        f"WHERE p.status IN ('awarded', 'declined') AND {app_range} GROUP BY rr.application_id IS NOT NULL, p.status",
    ]


def time_floor(engine: Engine) -> tuple[float, float]:
    t0 = datetime(2019, 6, 30, 12, tzinfo=UTC)
    params = {"start": FILTER.date_from, "end": FILTER.date_to, "t0": t0, "t1": datetime(2025, 6, 30, 12, tzinfo=UTC)}
    if engine.dialect.name == "sqlite":
        params = {**params, "start": FILTER.date_from.isoformat(), "end": FILTER.date_to.isoformat(),
                  "t0": "2019-06-30 12:00:00.000000", "t1": "2025-06-30 12:00:00.000000"}
    started, cpu = time.perf_counter(), time.process_time()
    with engine.connect() as connection:
        for query in floor_queries(engine.dialect.name):
            connection.execute(text(query), params).all()
    return time.perf_counter() - started, time.process_time() - cpu


def time_dashboard(engine: Engine) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    roi.compute_dashboard(UnitOfWork(engine), FILTER)
    return time.perf_counter() - started, time.process_time() - cpu


def _median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def measure(name: str, engine: Engine, applications: int, awards: int, runs: int) -> tuple[float, float]:
    started = time.perf_counter()
    upgrade_to_head(engine)
    build(engine, applications, awards)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    print(f"{name}: built {applications:,} applications and {awards:,} awards in "
          f"{time.perf_counter() - started:.1f} s")
    time_dashboard(engine), time_floor(engine)  # warm both caches alike
    dashboard, dashboard_cpu = _median([time_dashboard(engine) for _ in range(runs)])
    floor, floor_cpu = _median([time_floor(engine) for _ in range(runs)])
    print(f"{name}: dashboard {dashboard * 1000:.0f} ms, floor {floor * 1000:.0f} ms "
          f"(6 hand-written queries), ratio {dashboard / floor:.2f}x (target within 2x; wall clock, median of {runs})")
    if engine.dialect.name == "sqlite":
        # SQLite runs in this process, so CPU time leaves out waits for a busy machine's disk and cores.
        print(f"{name}: CPU time dashboard {dashboard_cpu * 1000:.0f} ms, floor {floor_cpu * 1000:.0f} ms, "
              f"ratio {dashboard_cpu / floor_cpu:.2f}x")
    return dashboard, floor


def on_sqlite(applications: int, awards: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(parse_database_url(f"sqlite:///{Path(folder) / 'bench.db'}"))
        try:
            measure("SQLite", engine, applications, awards, runs)
        finally:
            engine.dispose()


def on_postgres(applications: int, awards: int, runs: int) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"rcw_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(parse_database_url(make_url(PG_ADMIN_URL).set(database=name)
                                            .render_as_string(hide_password=False)))
    try:
        measure("PostgreSQL", engine, applications, awards, runs)
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--awards", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    on_sqlite(args.applications, args.awards, args.runs)
    if not args.sqlite_only:
        on_postgres(args.applications, args.awards, args.runs)


if __name__ == "__main__":
    main()
