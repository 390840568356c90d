"""Rerun time of the main pages on the national dataset against the same pages on the demo data.

Measured server-side with Streamlit's AppTest: each role signs in, opens each of its main
pages, and the page is rerun --runs times; the median rerun counts. Each dataset is measured
in a fresh process (no cache shared between them), whose peak RSS is reported too.
With --server, a real `streamlit run research/ui/asgi.py` process is started on the national
dataset, headless Chromium signs in as each role and visits every main page, and that
server's peak RSS (VmHWM) is reported. Targets: each ratio within 2x; memory under 500 MB.

    python -m bench.page_reruns [--scale national] [--url URL] [--runs 5] [--server]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from sqlalchemy.engine import make_url

from bench.dataset import BENCH_PASSWORD
from bench.generate import create_postgres_database, default_url, ensure
from bench.summary import Result, ceiling_result, ratio_result
from research.config import ROOT

DEMO_URL = "sqlite:////tmp/rcw-bench-demo-seed.db"
ENTRY = str(ROOT / "streamlit_app.py")
RATIO_TARGET = 2.0
MEMORY_TARGET_MB = 500


@dataclass(frozen=True)
class PageRun:
    label: str
    role: str
    file: str


PAGES = (
    PageRun("Home (researcher)", "researcher", "home_page.py"),
    PageRun("Funding rounds", "researcher", "rounds_page.py"),
    PageRun("My applications", "researcher", "my_applications_page.py"),
    PageRun("Application editor", "researcher", "application_editor_page.py"),
    PageRun("Home (reviewer)", "reviewer", "home_page.py"),
    PageRun("Review inbox", "reviewer", "review_inbox_page.py"),
    PageRun("Review", "reviewer", "review_page.py"),
    PageRun("Home (manager)", "manager", "home_page.py"),
    PageRun("Outcomes", "manager", "application_outcomes_page.py"),
    PageRun("Return on investment", "manager", "roi_page.py"),
    PageRun("Home (admin)", "admin", "home_page.py"),
    PageRun("Users", "admin", "users_page.py"),
)


def demo_accounts() -> dict[str, tuple[str, str]]:
    from research.demo.seed import DEMO_ACCOUNTS

    first = {}
    for account in DEMO_ACCOUNTS:
        first.setdefault(account.role, (account.username, account.password))
    return first


def generated_accounts() -> dict[str, tuple[str, str]]:
    return {role: (f"{role}-1", BENCH_PASSWORD) for role in ("researcher", "reviewer", "manager", "admin")}


def demo_url_for(url: str) -> str:
    """The demo workspace on the same kind of database as the dataset it is compared with."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return DEMO_URL
    return parsed.set(database="rcw_bench_demo").render_as_string(hide_password=False)


def ensure_demo(url: str = DEMO_URL) -> str:
    """A database with the demo workspace, made once."""
    from research.config import parse_database_url
    from research.db.engine import make_engine
    from research.db.migrate import upgrade_to_head
    from research.db.uow import UnitOfWork
    from research.demo.seed import seed_demo
    from research.services.accounts.users import has_admin

    if url.startswith("postgresql"):
        create_postgres_database(url, fresh=False)
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    if not has_admin(UnitOfWork(engine)):
        seed_demo(UnitOfWork(engine))
    engine.dispose()
    return url


# --- worker: runs in its own process, with DATABASE_URL set ------------------------------------


def _signed_in_app(username: str, password: str):
    from streamlit.testing.v1 import AppTest

    import research.ui.session
    from research.services.accounts import auth
    from research.ui import deps

    token = auth.login(deps.uow(), username, password).token
    research.ui.session.session_token = lambda: token
    return AppTest.from_file(ENTRY, default_timeout=300)


class SqlClock:
    """Adds up the time statements spend in the database: on PostgreSQL that work is outside our CPU time."""

    def __init__(self):
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.seconds = 0.0
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)

    def _before(self, connection, *_):
        connection.info["bench_started"] = time.perf_counter()

    def _after(self, connection, *_):
        self.seconds += time.perf_counter() - connection.info.pop("bench_started", time.perf_counter())


def _page_times(at, page: PageRun, runs: int, sql: SqlClock) -> dict:
    from research.ui.navigation import PAGES_DIR

    started = time.perf_counter()
    at.switch_page(str(PAGES_DIR / page.file)).run()
    first = time.perf_counter() - started
    problems = [str(e.value) for e in at.exception]
    reruns, cpu, cpu_sql = [], [], []
    for _ in range(runs):
        started, cpu_started, sql_started = time.perf_counter(), time.process_time(), sql.seconds
        at.run()
        reruns.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        cpu_sql.append(cpu[-1] + sql.seconds - sql_started)
    return {
        "first_ms": first * 1000,
        "median_ms": statistics.median(reruns) * 1000,
        "cpu_ms": statistics.median(cpu) * 1000,
        "cpu_sql_ms": statistics.median(cpu_sql) * 1000,
        "problems": problems[:3],
    }


def worker(accounts: dict[str, tuple[str, str]], runs: int) -> dict:
    results, sql = {}, SqlClock()
    for role in dict.fromkeys(p.role for p in PAGES):
        at = _signed_in_app(*accounts[role])
        at.run()
        for page in (p for p in PAGES if p.role == role):
            results[page.label] = _page_times(at, page, runs, sql)
    return {"pages": results, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(url: str, accounts: dict[str, tuple[str, str]], runs: int) -> dict:
    """Runs the worker in a fresh process on this database; returns its JSON."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    env.pop("DEMO_MODE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.page_reruns",
            "--worker",
            "--url",
            url,
            "--runs",
            str(runs),
            "--accounts",
            json.dumps(accounts),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"The page worker failed on {url}:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(demo: dict, national: dict, label: str, backend: str) -> list[Result]:
    """Prints one line per page; returns a result per page on the chosen measure.

    On SQLite the database works inside the measured process, so its CPU time is every bit of
    server-side work and, unlike wall-clock time, is not inflated by other work on a busy machine.
    On PostgreSQL the database works in another process, so the time its statements take is added."""
    measure = "cpu_ms" if backend == "sqlite" else "cpu_sql_ms"
    kind = "CPU" if measure == "cpu_ms" else "CPU+SQL"
    print(
        f"{'page':<24}{'demo ms':>10}{label + ' ms':>16}{'ratio':>8}{'demo ' + kind:>14}{label + ' ' + kind:>18}"
        f"{'ratio':>8}   first open demo / {label} ms"
    )
    results = []
    for page in PAGES:
        small, big = demo["pages"][page.label], national["pages"][page.label]
        print(
            f"{page.label:<24}{small['median_ms']:>10.0f}{big['median_ms']:>16.0f}"
            f"{big['median_ms'] / small['median_ms']:>7.2f}x{small[measure]:>14.0f}{big[measure]:>18.0f}"
            f"{big[measure] / small[measure]:>7.2f}x   {small['first_ms']:.0f} / {big['first_ms']:.0f}"
        )
        for problem in small["problems"] + big["problems"]:
            print(f"    exception on {page.label}: {problem[:300]}")
        name = f"page {page.label} ({backend}, {'CPU' if measure == 'cpu_ms' else 'CPU + SQL'})"
        result = ratio_result(name, big[measure], small[measure], RATIO_TARGET, floor_label="demo: ")
        results.append(
            result
            if not (small["problems"] or big["problems"])
            else Result(name, result.figure, result.floor, result.ratio, "no exception", False)
        )
    print(
        f"peak RSS of the AppTest process: demo {demo['peak_rss_mb']:.0f} MB, {label} {national['peak_rss_mb']:.0f} MB"
    )
    return results


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="national")
    parser.add_argument("--url", help="the generated dataset (default: the cached SQLite file of --scale)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the small dataset, 2 reruns a page")
    parser.add_argument("--server", action="store_true", help="also measure a real server's RSS in Chromium")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--accounts", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.accounts), args.runs)))
        return []
    scale, runs = ("small", 2) if args.quick else (args.scale, args.runs)
    url = args.url or default_url(scale)
    ensure(url, scale).dispose()
    backend = make_url(url).get_backend_name()
    demo = measure(ensure_demo(demo_url_for(url)), demo_accounts(), runs)
    national = measure(url, generated_accounts(), runs)
    results = report(demo, national, scale, backend)
    results.append(
        ceiling_result(
            f"AppTest process RSS, every main page ({scale}, {backend})", national["peak_rss_mb"], MEMORY_TARGET_MB
        )
    )
    if args.server:
        from bench.server_memory import server_peak_rss

        rss = server_peak_rss(url, generated_accounts(), [p.file for p in PAGES])
        print(
            f"peak RSS of a streamlit server after every main page in Chromium: {rss:.0f} MB "
            f"(target under {MEMORY_TARGET_MB} MB)"
        )
        results.append(
            ceiling_result(
                f"streamlit server RSS, every main page in Chromium ({scale}, {backend})", rss, MEMORY_TARGET_MB
            )
        )
    return results


if __name__ == "__main__":
    main()
