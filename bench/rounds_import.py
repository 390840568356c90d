"""Import 50,000 funding rounds and compare with the bare floor of the same work.

The floor is pandas.read_csv plus one bulk INSERT (Core executemany) of the same rows,
types converted by pandas, nothing checked, no cluster links. The import reads the file,
checks every cell of every row, matches each row against the rounds already saved, then
writes rounds and their cluster links in one transaction. Each side runs in a fresh
process on a fresh database, so the peak memory (RSS) printed is that side's alone;
each runs --repeat times (alternating) and the best time counts, since other work on
the machine only ever adds time.

    PYTHONPATH=. python -m bench.rounds_import [--rows 50000] [--repeat 3] [--database-url URL]

Targets: import within 3x of the floor; peak RSS under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

FUNDERS = 20
SCHEMES = 50
CLUSTERS = ("Research", "Engineering", "Food", "Technology", "International education")
HEADERS = [
    "Funder",
    "Scheme",
    "Round",
    "Opens",
    "Closes",
    "Time zone",
    "Currency",
    "Pool",
    "Minimum award",
    "Maximum award",
    "Expected awards",
    "Success rate",
    "Eligibility",
    "Link",
    "Clusters",
    "Notes",
]


def write_file(path: Path, rows: int) -> None:
    """Rows whose funder, scheme and closing date never repeat: 1,000 a day."""
    start = datetime(2027, 1, 4, 12, 0)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for i in range(rows):
            funder, scheme, day = i % FUNDERS, (i // FUNDERS) % SCHEMES, i // (FUNDERS * SCHEMES)
            closes = start + timedelta(days=day)
            writer.writerow(
                [
                    f"Funder {funder:02d}",
                    f"Scheme {scheme:02d}",
                    f"Round {i}",
                    f"{closes - timedelta(days=60):%Y-%m-%d}",
                    f"{closes:%Y-%m-%d %H:%M}",
                    "Pacific/Auckland",
                    "NZD",
                    f"{(i % 90 + 10) * 100_000}",
                    "50000",
                    f"{(i % 9 + 1) * 100_000}",
                    str(i % 40 + 1),
                    f"{i % 30 + 5}%",
                    "Open to researchers at New Zealand institutions.",
                    f"https://example.org/rounds/{i}",
                    f"{CLUSTERS[i % 5]}; {CLUSTERS[(i + 2) % 5]}",
                    "",
                ]
            )


@contextmanager
def _database(url: str | None, folder: Path):
    """A fresh database: a SQLite file, or a PostgreSQL database dropped afterwards."""
    if url is None:
        yield f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:6]}.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"rcw_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _prepare(database_url: str):
    from research.config import parse_database_url
    from research.db.engine import make_engine
    from research.db.migrate import upgrade_to_head
    from research.db.models import Cluster, Funder, User
    from research.db.uow import UnitOfWork
    from research.services.common.actor import Actor

    engine = make_engine(parse_database_url(database_url))
    upgrade_to_head(engine)
    uow = UnitOfWork(engine)
    with uow as session:
        session.add_all(Funder(name=f"Funder {n:02d}") for n in range(FUNDERS))
        session.add_all(Cluster(name=name) for name in CLUSTERS)
        user = User(username="bench", display_name="Bench", role="manager", password_hash="-")  # noqa: S106
        session.add(user)
        session.flush()
        actor = Actor.from_user(user)
    return engine, uow, actor


def run_floor(database_url: str, path: Path) -> float:
    import pandas as pd
    from sqlalchemy import insert, select

    from research.db.models import Funder, FundingRound

    engine, uow, _ = _prepare(database_url)
    started = time.perf_counter()
    frame = pd.read_csv(path)
    with uow as session:
        funders = dict(session.execute(select(Funder.name, Funder.id)).all())
        local = pd.to_datetime(frame["Closes"], format="%Y-%m-%d %H:%M").dt.tz_localize("Pacific/Auckland")
        opens = pd.to_datetime(frame["Opens"], format="%Y-%m-%d").dt.tz_localize("Pacific/Auckland")
        rows = pd.DataFrame(
            {
                "funder_id": frame["Funder"].map(funders),
                "scheme": frame["Scheme"],
                "name": frame["Round"],
                "opens_at": opens.dt.tz_convert("UTC"),
                "closes_at": local.dt.tz_convert("UTC"),
                "closes_on": local.dt.date,
                "timezone": frame["Time zone"],
                "currency": frame["Currency"],
                "pool": frame["Pool"],
                "min_award": frame["Minimum award"],
                "max_award": frame["Maximum award"],
                "expected_awards": frame["Expected awards"],
                "success_rate": frame["Success rate"].str.rstrip("%").astype(float) / 100,
                "eligibility": frame["Eligibility"],
                "url": frame["Link"],
                "notes": frame["Notes"].fillna(""),
            }
        ).to_dict("records")
        for row in rows:
            row["opens_at"], row["closes_at"] = row["opens_at"].to_pydatetime(), row["closes_at"].to_pydatetime()
        session.execute(insert(FundingRound.__table__), rows)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def run_import(database_url: str, path: Path, again: bool) -> dict:
    from sqlalchemy import func, select

    from research.db.models import FundingRound
    from research.domain.round_import import guess_mapping
    from research.services.rounds.files import read_round_file
    from research.services.rounds.imports import import_rounds

    engine, uow, actor = _prepare(database_url)
    timings = []
    for _ in range(2 if again else 1):
        started = time.perf_counter()
        table = read_round_file(path.read_bytes(), path.name)
        report = import_rounds(uow, actor, table, guess_mapping(list(table.headers)))
        timings.append(time.perf_counter() - started)
        assert report.written and not report.issues, report.problems[:5]
    with uow as session:
        saved = session.scalar(select(func.count()).select_from(FundingRound))
    engine.dispose()
    return {"seconds": timings[0], "again_seconds": timings[1] if again else None, "saved": saved}


def _worker(args) -> None:
    path = Path(args.csv)
    if args.worker == "floor":
        result = {"seconds": run_floor(args.database_url, path)}
    else:
        result = run_import(args.database_url, path, again=True)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _spawn(kind: str, database_url: str, path: Path) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.rounds_import",
            "--worker",
            kind,
            "--csv",
            str(path),
            "--database-url",
            database_url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"The {kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _times(runs: list[dict]) -> str:
    return ", ".join(f"{run['seconds']:.2f}" for run in runs)


def main(argv: list[str] | None = None) -> list:
    from bench.summary import ceiling_result, ratio_result

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL server to bench on (a database is created)")
    parser.add_argument("--worker", choices=["floor", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="2,000 rows, once")
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args)
        return []
    if args.quick:
        args.rows, args.repeat = 2_000, 1
    floors, imports = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rounds.csv"
        write_file(path, args.rows)
        size = path.stat().st_size / 1e6
        for _ in range(args.repeat):
            for kind, runs in (("floor", floors), ("import", imports)):
                with _database(args.database_url, Path(folder)) as database_url:
                    runs.append(_spawn(kind, database_url, path))
    floor = min(floors, key=lambda r: r["seconds"])
    ours = min(imports, key=lambda r: r["seconds"])
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"Funding-round import, {args.rows:,} rows ({size:.1f} MB CSV) on {backend}, best of {args.repeat}")
    print(
        f"  floor (read_csv + one bulk insert): {floor['seconds']:6.2f} s   peak RSS {floor['peak_rss_mb']:5.0f} MB"
        f"   (runs: {_times(floors)})"
    )
    print(
        f"  import (check every row + write):   {ours['seconds']:6.2f} s   peak RSS {ours['peak_rss_mb']:5.0f} MB"
        f"   (runs: {_times(imports)})"
    )
    print(f"  re-import of the same file (all updates): {ours['again_seconds']:.2f} s; rounds saved: {ours['saved']:,}")
    ratio = ours["seconds"] / floor["seconds"]
    peak = max(r["peak_rss_mb"] for r in imports)
    print(f"  ratio import / floor: {ratio:.2f}x (target: within 3x) — {'met' if ratio <= 3 else 'NOT met'}")
    print(f"  peak RSS of the import: {peak:.0f} MB (target: under 500 MB) — {'met' if peak < 500 else 'NOT met'}")
    name = f"rounds import {args.rows:,} rows ({backend})"
    return [
        ratio_result(name, ours["seconds"], floor["seconds"], 3.0, "s", "read_csv + insert: "),
        ceiling_result(f"{name} peak RSS", peak, 500),
    ]


if __name__ == "__main__":
    main()
