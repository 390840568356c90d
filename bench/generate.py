"""Generate a workspace at national scale (or smaller) into SQLite or PostgreSQL.

    python -m bench.generate --scale national|tenth|demo|small [--url URL] [--fresh]

national: 50 clusters, 500 funders, 5,000 rounds, 100,000 applications, 2,000,000 section
revisions, 200,000 comments, 200,000 awards, 10,000 users, 5,000 cluster grants. Every account
signs in with the password in bench.dataset.BENCH_PASSWORD (usernames researcher-1, reviewer-1,
manager-1, admin-1, ...). The database is migrated first; a database that already holds the same
generated dataset is reused as it is, so benchmarks can share one. Without --url the dataset goes
to a SQLite file under /tmp named after the scale.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from psycopg.types.json import Jsonb
from sqlalchemy import JSON, Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from bench.application_rows import TABLES, BlockBuilder
from bench.dataset import (
    BENCH_PASSWORD,
    SCALES,
    Scale,
    Workspace,
    cluster_rows,
    funder_rows,
    grant_rows,
    history_award_rows,
    round_cluster_rows,
    round_rows,
    user_rows,
)
from research.adapters.passwords import hash_password
from research.config import ROOT, parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import Base, User, WorkspaceFlag
from research.domain.clock import utcnow
from research.services.drafting.templates import read_template_file, templates_dir

BATCH = 10_000
BLOCK = 2_000
FLAG = "bench_dataset"
MIGRATIONS = ROOT / "migrations" / "versions"
Progress = Callable[[str], None]


def default_url(scale: str) -> str:
    return f"sqlite:////tmp/rcw-bench-{scale}.db"


def _batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


def _write(db, table: str, rows: Iterable[dict]) -> int:
    if db.dialect.name == "postgresql":
        return _copy(db, table, rows)
    written = 0
    for batch in _batches(rows):
        db.execute(insert(Base.metadata.tables[table]), batch)
        written += len(batch)
    return written


def _copy(db, table: str, rows: Iterable[dict]) -> int:
    """PostgreSQL's COPY, in the same transaction: several times faster than multi-row INSERTs."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    columns = list(first)
    json_columns = {c for c in columns if isinstance(Base.metadata.tables[table].c[c].type, JSON)}
    written = 0
    with (
        db.connection.dbapi_connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in chain([first], rows):
            copy.write_row([Jsonb(row[c]) if c in json_columns else row[c] for c in columns])
            written += 1
    return written


def _templates() -> list:
    return [read_template_file(path) for path in sorted(templates_dir().glob("*.toml"))]


def _label(scale_name: str, seed: int) -> str:
    """Names the dataset and the schema it was made under: a changed migration means generating again."""
    schema = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(MIGRATIONS.glob("*.py")))).hexdigest()[:10]
    return f"{scale_name}:{seed}:{schema}"


def existing_label(engine: Engine) -> str | None:
    """The generated dataset already in this database; '' if it holds something else; None if empty."""
    with engine.connect() as db:
        flag = db.scalar(select(WorkspaceFlag.value).where(WorkspaceFlag.key == FLAG))
        return flag if flag else "" if db.scalar(select(User.id).limit(1)) is not None else None


def _reference_tables(db, ws: Workspace, say: Progress) -> None:
    for table, rows in (
        ("users", user_rows(ws)),
        ("clusters", cluster_rows(ws)),
        ("funders", funder_rows(ws)),
        ("funding_rounds", round_rows(ws)),
        ("round_clusters", round_cluster_rows(ws)),
        ("cluster_grants", grant_rows(ws)),
    ):
        say(f"  {table}: {_write(db, table, rows):,}")


def _applications(engine: Engine, ws: Workspace, say: Progress, started: float) -> BlockBuilder:
    builder, totals = BlockBuilder(ws), dict.fromkeys(TABLES, 0)
    for first in range(0, len(ws.plans), BLOCK):
        rows = builder.rows(ws.plans[first : first + BLOCK])
        with engine.begin() as db:
            for table in TABLES:
                totals[table] += _write(db, table, rows.get(table, []))
        done = min(first + BLOCK, len(ws.plans))
        if done % (BLOCK * 10) == 0 or done == len(ws.plans):
            say(
                f"  {done:,} applications, {totals['section_revisions']:,} revisions, "
                f"{totals['comments']:,} comments ({time.perf_counter() - started:.0f} s)"
            )
    return builder


def _history(engine: Engine, ws: Workspace, first_id: int) -> int:
    pairs = history_award_rows(ws, first_id)
    written = 0
    while chunk := list(islice(pairs, BATCH)):
        with engine.begin() as db:
            written += _write(db, "awards", (award for award, _ in chunk))
            _write(db, "award_shares", (share for _, shares in chunk for share in shares))
    return written


def _finish(engine: Engine, label: str) -> None:
    with engine.begin() as db:
        db.execute(insert(WorkspaceFlag), [{"key": FLAG, "value": label}])
        if engine.dialect.name == "postgresql":
            # Ids were given explicitly, so each sequence must move past them before the app inserts.
            for table in Base.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
                    db.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
        # As autovacuum would leave it: statistics, and the visibility map index-only scans need.
        db.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))


def generate(engine: Engine, scale: Scale, label: str = "custom", seed: int = 7, say: Progress = print) -> Workspace:
    """Migrate, then fill an empty database; returns the plan (ids of users by role, ...)."""
    started = time.perf_counter()
    upgrade_to_head(engine)
    ws = Workspace(scale, _templates(), utcnow(), seed)
    ws.password_hash = hash_password(BENCH_PASSWORD)
    with engine.begin() as db:
        _reference_tables(db, ws, say)
    builder = _applications(engine, ws, say, started)
    say(f"  awards: {builder.ids.award - 1:,} from applications, {_history(engine, ws, builder.ids.award):,} imported")
    _finish(engine, label)
    say(f"Generated {label} in {time.perf_counter() - started:.1f} s")
    return ws


def create_postgres_database(url: str, fresh: bool) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as db:
            if fresh:
                db.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            if db.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}) is None:
                db.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()


def ensure(url: str, scale_name: str, seed: int = 7, fresh: bool = False, say: Progress = print) -> Engine:
    """An engine on a database holding this generated dataset: reused when it is there already."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and fresh and parsed.database:
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
    if parsed.get_backend_name() == "postgresql":
        create_postgres_database(url, fresh)
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    found, wanted = existing_label(engine), _label(scale_name, seed)
    if found == wanted:
        say(f"Reusing the {scale_name} dataset at {engine.url.render_as_string(hide_password=True)}")
        return engine
    if found is not None and url == default_url(scale_name) and not fresh:
        engine.dispose()
        say(f"The cached {scale_name} dataset was made for another schema or seed ({found}): making it again")
        return ensure(url, scale_name, seed, True, say)
    if found is not None:
        engine.dispose()
        raise SystemExit(
            f"{engine.url.render_as_string(hide_password=True)} already holds other data "
            f"({found or 'not generated'}); use an empty database, or --fresh to start it again."
        )
    say(f"Generating the {scale_name} dataset into {engine.url.render_as_string(hide_password=True)}")
    generate(engine, SCALES[scale_name], wanted, seed, say)
    return engine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--url", help="database URL (default: a SQLite file under /tmp named after the scale)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite file (or drop the PostgreSQL database) first"
    )
    args = parser.parse_args(argv)
    ensure(args.url or default_url(args.scale), args.scale, args.seed, args.fresh).dispose()


if __name__ == "__main__":
    main()
