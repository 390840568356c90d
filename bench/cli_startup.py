"""How fast `python -m research --help` starts, against the floor `python -c "import sqlalchemy"`.

Each is run several times in a fresh interpreter; the median wall time and the peak RSS count.
The command line should load only what the asked command needs (--help: almost nothing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.summary import Result, ceiling_result, ratio_result

# Not research.config.ROOT: importing it loads SQLAlchemy here, and a forked child's peak RSS
# starts from this process's size.
ROOT = Path(__file__).resolve().parent.parent

HELP = [sys.executable, "-m", "research", "--help"]
FLOOR = [sys.executable, "-c", "import sqlalchemy"]
TARGET_MS = 500
RATIO_LIMIT = 2.0
MEMORY_CEILING_MB = 60


def _once(command: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time in ms, and peak RSS in MB, of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def measure(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall and CPU times, highest peak RSS."""
    samples = [_once(command) for _ in range(runs)]
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each instead of 9")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 9
    floor_ms, floor_cpu, floor_mb = measure(FLOOR, runs)
    help_ms, help_cpu, help_mb = measure(HELP, runs)
    print(f"median of {runs} runs            wall        cpu      peak RSS")
    print(f"import sqlalchemy:          {floor_ms:7.1f} ms  {floor_cpu:7.1f} ms  {floor_mb:6.1f} MB")
    print(f"python -m research --help:  {help_ms:7.1f} ms  {help_cpu:7.1f} ms  {help_mb:6.1f} MB")
    print(f"ratio:                      {help_ms / floor_ms:7.2f}x    {help_cpu / floor_cpu:7.2f}x")
    return [
        ratio_result("cli --help start", help_ms, floor_ms, RATIO_LIMIT, floor_label="import sqlalchemy: "),
        ceiling_result("cli --help start", help_ms, TARGET_MS, unit="ms"),
        ceiling_result("cli --help memory", help_mb, MEMORY_CEILING_MB),
    ]


if __name__ == "__main__":
    main()
