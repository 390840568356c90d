"""How long the return dashboard takes to compute at scale, against the floor.

On the generated national dataset (bench.generate: 100,000 applications, 200,000 awards with
cluster shares, grants, rounds and review rounds), times `roi.compute_dashboard` for one filter
against the floor: one hand-written SQL aggregate query per chart on the same database.
Target: within 2x. Pass --url once per database (SQLite and PostgreSQL); each is generated once.

Measured twice: as generated (no area set), then with area attribution on: the workspace's area set
("Dunedin;9016") and the awards given places (a third in the city, a third in Auckland, a third with
none), so every figure counts only awards in the area and attributed to a cluster. The first
computation with the area attributes and places every award (timed on its own, once); the timed
runs then read the recorded attribution. The floor is the same six queries both times.

    PYTHONPATH=. python -m bench.roi_dashboard [--scale national] [--url URL ...] [--runs N] [--quick] [--no-area]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime

from sqlalchemy import Engine, text

from bench.generate import default_url, ensure
from bench.summary import Result, ratio_result
from research.db.uow import UnitOfWork
from research.domain.area import Area
from research.domain.locale import Locale, set_locale_source
from research.domain.roi import RoiFilter, YearBasis
from research.services.roi import dashboard as roi

FILTER = RoiFilter(date(2019, 7, 1), date(2025, 6, 30), year_basis=YearBasis.FINANCIAL)


def floor_queries(dialect: str) -> list[str]:
    """One hand-written aggregate per chart: the least work the dashboard could do."""
    if dialect == "sqlite":

        def year(column):
            return f"(CAST(strftime('%Y', {column}) AS INTEGER) + (CAST(strftime('%m', {column}) AS INTEGER) >= 7))"
    else:

        def year(column):
            return f"(EXTRACT(YEAR FROM {column})::int + (EXTRACT(MONTH FROM {column}) >= 7)::int)"

    award_range = "a.awarded_on BETWEEN :start AND :end"
    grant_range = "g.granted_on BETWEEN :start AND :end"
    app_range = (
        "COALESCE(p.decided_at, p.submitted_at, p.created_at) >= :t0 "
        "AND COALESCE(p.decided_at, p.submitted_at, p.created_at) < :t1"
    )
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
        params = {
            **params,
            "start": FILTER.date_from.isoformat(),
            "end": FILTER.date_to.isoformat(),
            "t0": "2019-06-30 12:00:00.000000",
            "t1": "2025-06-30 12:00:00.000000",
        }
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


AREA = "Dunedin;9016"
PLACES = (
    "UPDATE awards SET locality = CASE WHEN id % 3 = 0 THEN 'Dunedin' ELSE 'Auckland' END "
    "WHERE locality = '' AND id % 3 < 2"
)


def with_area(engine: Engine) -> float:
    """Turn area attribution on; returns the seconds the first computation took to attribute every award."""
    with engine.begin() as connection:
        connection.execute(text(PLACES))
    locale = Locale(area=Area.parse(AREA))
    set_locale_source(lambda: locale)
    started = time.perf_counter()
    time_dashboard(engine)
    return time.perf_counter() - started


def measure(engine: Engine, runs: int, judged: bool = True, area: bool = False) -> list[Result]:
    name = "SQLite" if engine.dialect.name == "sqlite" else "PostgreSQL"
    if area:
        first = with_area(engine)
        print(f"{name}: area {AREA!r} on; the first computation attributed and placed every award in {first:.1f} s")
        name += ", area on"
    time_dashboard(engine), time_floor(engine)  # warm both caches alike
    dashboard, dashboard_cpu = _median([time_dashboard(engine) for _ in range(runs)])
    floor, floor_cpu = _median([time_floor(engine) for _ in range(runs)])
    print(
        f"{name}: dashboard {dashboard * 1000:.0f} ms, floor {floor * 1000:.0f} ms "
        f"(6 hand-written queries), ratio {dashboard / floor:.2f}x (target within 2x; wall clock, median of {runs})"
    )
    results = [
        ratio_result(f"ROI dashboard ({name})", dashboard * 1000, floor * 1000, 2.0, floor_label="6 SQL queries: ")
    ]
    if engine.dialect.name == "sqlite":
        # SQLite runs in this process, so CPU time leaves out waits for a busy machine's disk and cores.
        print(
            f"{name}: CPU time dashboard {dashboard_cpu * 1000:.0f} ms, floor {floor_cpu * 1000:.0f} ms, "
            f"ratio {dashboard_cpu / floor_cpu:.2f}x"
        )
        results.append(
            ratio_result(
                f"ROI dashboard ({name}, CPU)",
                dashboard_cpu * 1000,
                floor_cpu * 1000,
                2.0,
                floor_label="6 SQL queries: ",
            )
        )
    # On a small dataset the dashboard's fixed cost dwarfs six tiny queries: the ratio only means something at scale.
    return (
        results
        if judged
        else [
            Result(r.benchmark + " (smoke run)", r.figure, r.floor, r.ratio, "judged at scale only", True)
            for r in results
        ]
    )


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", help="generated dataset (bench.generate); default national")
    parser.add_argument("--url", action="append", help="database(s) holding it (default: its cached SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the small dataset, 2 runs")
    parser.add_argument("--no-area", action="store_true", help="only as generated, without area attribution")
    args = parser.parse_args(argv)
    scale, runs = ("small", 2) if args.quick else (args.scale, args.runs)
    results = []
    for url in args.url or [default_url(scale)]:
        engine = ensure(url, scale)
        try:
            results += measure(engine, runs, judged=not args.quick)
            if not args.no_area:
                previous = set_locale_source(None)
                try:
                    results += measure(engine, runs, judged=not args.quick, area=True)
                finally:
                    set_locale_source(previous)
        finally:
            engine.dispose()
    return results


if __name__ == "__main__":
    main()
