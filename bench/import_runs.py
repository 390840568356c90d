"""What the file-import benchmarks share: the options, a fresh database per run, each side (floor or
import) in a process of its own so its peak RSS is its alone, the best of --repeat runs, the verdict.

Targets of every import benchmark: within 3x of the floor; peak RSS under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RATIO_TARGET = 3.0
RSS_TARGET_MB = 500


def options(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL server to bench on (a database is created)")
    parser.add_argument("--worker", choices=["floor", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="2,000 rows, once")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows, args.repeat = 2_000, 1
    return args


def report_worker(result: dict) -> None:
    """The worker's last line: its figures and its own peak RSS, for the parent to read."""
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


@contextmanager
def fresh_database(url: str | None, folder: Path) -> Iterator[str]:
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


def _spawn(module: str, kind: str, database_url: str, path: Path) -> dict:
    command = [sys.executable, "-m", module, "--worker", kind, "--csv", str(path), "--database-url", database_url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"The {kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_sides(
    args: argparse.Namespace, module: str, file_name: str, write_file: Callable[[Path, int], None]
) -> tuple[list[dict], list[dict], float]:
    """Floor and import, alternating, --repeat times each, on fresh databases: (floors, imports, file MB)."""
    floors: list[dict] = []
    imports: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        write_file(path, args.rows)
        size = path.stat().st_size / 1e6
        for _ in range(args.repeat):
            for kind, runs in (("floor", floors), ("import", imports)):
                with fresh_database(args.database_url, Path(folder)) as database_url:
                    runs.append(_spawn(module, kind, database_url, path))
    return floors, imports, size


def best(runs: list[dict]) -> dict:
    """Other work on the machine only ever adds time: the fastest run counts."""
    return min(runs, key=lambda r: r["seconds"])


def times(runs: list[dict]) -> str:
    return ", ".join(f"{run['seconds']:.2f}" for run in runs)


def backend(args: argparse.Namespace) -> str:
    return "PostgreSQL" if args.database_url else "SQLite"


def verdict(name: str, floors: list[dict], imports: list[dict]) -> list:
    """Print the ratio and peak against their targets; the results for the summary table."""
    from bench.summary import ceiling_result, ratio_result

    floor, ours = best(floors), best(imports)
    ratio = ours["seconds"] / floor["seconds"]
    peak = max(r["peak_rss_mb"] for r in imports)
    met = "met" if ratio <= RATIO_TARGET else "NOT met"
    print(f"  ratio import / floor: {ratio:.2f}x (target: within {RATIO_TARGET:g}x) — {met}")
    met = "met" if peak < RSS_TARGET_MB else "NOT met"
    print(f"  peak RSS of the import: {peak:.0f} MB (target: under {RSS_TARGET_MB} MB) — {met}")
    return [
        ratio_result(name, ours["seconds"], floor["seconds"], RATIO_TARGET, "s", "read_csv + insert: "),
        ceiling_result(f"{name} peak RSS", peak, RSS_TARGET_MB),
    ]
