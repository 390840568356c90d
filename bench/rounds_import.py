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

import csv
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.import_runs import backend, best, options, report_worker, run_sides, times, verdict

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
        report_worker({"seconds": run_floor(args.database_url, path)})
    else:
        report_worker(run_import(args.database_url, path, again=True))


def main(argv: list[str] | None = None) -> list:
    args = options(__doc__, argv)
    if args.worker:
        _worker(args)
        return []
    floors, imports, size = run_sides(args, "bench.rounds_import", "rounds.csv", write_file)
    floor, ours = best(floors), best(imports)
    print(f"Funding-round import, {args.rows:,} rows ({size:.1f} MB CSV) on {backend(args)}, best of {args.repeat}")
    print(
        f"  floor (read_csv + one bulk insert): {floor['seconds']:6.2f} s   peak RSS {floor['peak_rss_mb']:5.0f} MB"
        f"   (runs: {times(floors)})"
    )
    print(
        f"  import (check every row + write):   {ours['seconds']:6.2f} s   peak RSS {ours['peak_rss_mb']:5.0f} MB"
        f"   (runs: {times(imports)})"
    )
    print(f"  re-import of the same file (all updates): {ours['again_seconds']:.2f} s; rounds saved: {ours['saved']:,}")
    return verdict(f"rounds import {args.rows:,} rows ({backend(args)})", floors, imports)


if __name__ == "__main__":
    main()
