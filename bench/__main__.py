"""`python -m bench`: every benchmark in turn, then one table of every figure against its floor and target.

    python -m bench [NAME ...] [--quick] [--scale national] [--url URL ...] [--server]

The generated dataset (bench.generate) is made once and reused: by default a SQLite file under
/tmp named after the scale; pass --url for a database of your own, once per database (e.g. a
SQLite file and a PostgreSQL database). --quick runs everything small, as a smoke test.
--server also measures a real app server's memory with headless Chromium.
"""

from __future__ import annotations

import argparse
import importlib

from bench.summary import Result, table

BENCHMARKS = (
    "cli_startup",
    "section_save",
    "docx_export",
    "docx_page_count",
    "form_import",
    "rounds_import",
    "awards_import",
    "roi_dashboard",
    "page_reruns",
    "notify_pass",
    "collab_latency",
    "writing_aids",
    "login_flood",
)
ON_DATASET = ("roi_dashboard", "page_reruns", "notify_pass")


def arguments(name: str, args: argparse.Namespace, url: str | None) -> list[str]:
    """The options each benchmark understands, from ours."""
    argv = ["--quick"] if args.quick else []
    if name in ON_DATASET and not args.quick:
        argv += ["--scale", args.scale] + (["--url", url] if url else [])
    if name == "page_reruns" and args.server:
        argv.append("--server")
    return argv


def run(names: list[str], args: argparse.Namespace) -> list[Result]:
    results: list[Result] = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        for url in (args.url or [None]) if name in ON_DATASET else [None]:
            print(f"\n=== bench.{name}{f' on {url}' if url else ''}", flush=True)
            results += module.main(arguments(name, args, url))
    return results


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "names",
        nargs="*",
        choices=[[], *BENCHMARKS],
        metavar="NAME",
        help=f"which to run (default: all): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--scale", default="national", help="the generated dataset's size (default national)")
    parser.add_argument("--url", action="append", help="a database for the generated dataset (repeatable)")
    parser.add_argument("--server", action="store_true", help="also measure a real server's RSS in Chromium")
    args = parser.parse_args(argv)
    results = run(args.names or list(BENCHMARKS), args)
    print("\n=== Summary\n" + table(results))
    return results


if __name__ == "__main__":
    main()
