"""A flood of sign-ins must not stall the pages: page reads during 250 logins, 40 at a time, vs idle.

    PYTHONPATH=. python -m bench.login_flood                   # a temporary SQLite database
    BENCH_DATABASE_URL=postgresql+psycopg://... PYTHONPATH=. python -m bench.login_flood   # an empty database

A page read is what every page run does first: is there an admin, and whose is this session
cookie; then a short listing. Prints the median and 95th percentile of page reads while idle
and during the flood, and their ratio (target: within 2x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.summary import Result, ratio_result
from research.adapters.passwords import hash_password
from research.adapters.sign_in_throttle import THROTTLE
from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import find_users, has_admin

PASSWORD = "bench-password-2026"  # noqa: S105  # pragma: allowlist secret (made up, for the benchmark's own users)
LOGINS, AT_ONCE, USERS = 250, 40, 20


def _users(uow: UnitOfWork) -> None:
    hashed = hash_password(PASSWORD)
    with uow as session:
        role = Role.ADMIN.value
        session.add_all(
            User(username=f"user{n}", display_name=f"User {n}", role=role, password_hash=hashed) for n in range(USERS)
        )


def _page_read(uow: UnitOfWork, token: str) -> float:
    started = time.perf_counter()
    has_admin(uow)
    actor = auth.resolve(uow, token, 120)
    if actor is None:
        raise RuntimeError("the benchmark's own session ended")
    find_users(uow, actor, limit=20)
    return time.perf_counter() - started


def _reads(engine, token: str, until: threading.Event | None, count: int) -> list[float]:
    uow, timings = UnitOfWork(engine), []
    while len(timings) < count or (until is not None and not until.is_set()):
        timings.append(_page_read(uow, token))
        time.sleep(0.01)
    return timings


def _login(engine, n: int) -> bool:
    # Every fifth attempt a wrong password; each thread its own address, as many browsers would be.
    password = PASSWORD if n % 5 else "wrong-password"
    try:
        auth.login(UnitOfWork(engine), f"user{n % USERS}", password, client=f"10.0.{n % AT_ONCE}.1")
    except auth.LoginRefused:
        return False
    return True


def _flood(engine, done: threading.Event) -> tuple[int, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(AT_ONCE) as pool:
        outcomes = list(pool.map(lambda n: _login(engine, n), range(LOGINS)))
    done.set()
    return sum(outcomes), time.perf_counter() - started


def _describe(label: str, timings: list[float]) -> float:
    median = statistics.median(timings) * 1000
    p95 = sorted(timings)[int(0.95 * len(timings))] * 1000
    print(f"{label:<28} median {median:8.2f} ms   p95 {p95:8.2f} ms   ({len(timings)} reads)")
    return median


def run(url: str) -> list[Result]:
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    _users(UnitOfWork(engine))
    THROTTLE.reset()
    token = auth.login(UnitOfWork(engine), "user0", PASSWORD, client="10.9.9.9").token
    print(f"Database: {engine.url.render_as_string(hide_password=True)}")
    idle = _describe("page reads, idle", _reads(engine, token, None, 100))
    done = threading.Event()
    with ThreadPoolExecutor(1) as flood_pool:
        flood = flood_pool.submit(_flood, engine, done)
        busy_reads = _reads(engine, token, done, 20)
        signed_in, seconds = flood.result()
    busy = _describe(f"page reads, {LOGINS} logins", busy_reads)
    print(f"{LOGINS} logins ({AT_ONCE} at a time): {signed_in} signed in in {seconds:.1f} s, none failed busy")
    print(f"ratio (during the flood / idle): {busy / idle:.2f}x")
    engine.dispose()
    THROTTLE.reset()
    return [ratio_result(f"page reads in a login flood ({engine.dialect.name})", busy, idle, 2.0, floor_label="idle: ")]


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the same, it is short")
    parser.add_argument(
        "--url", action="append", help="an empty database to run on (repeatable); default a temporary SQLite file"
    )
    args = parser.parse_args(argv)
    urls = args.url or ([os.environ["BENCH_DATABASE_URL"]] if os.environ.get("BENCH_DATABASE_URL") else [])
    if urls:
        return [result for url in urls for result in run(url)]
    with tempfile.TemporaryDirectory() as folder:
        return run(f"sqlite:///{Path(folder) / 'bench.db'}")


if __name__ == "__main__":
    main()
