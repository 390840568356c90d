"""Every benchmark still imports: a name moved in the app must not leave `python -m bench` broken
until someone next runs it (bench.notify_pass once imported DEFAULT_TIMEZONE from its old home)."""

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
MODULES = sorted(p.stem for p in BENCH.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", MODULES)
def test_the_benchmark_imports(name):
    module = importlib.import_module(f"bench.{name}")
    assert module.__name__ == f"bench.{name}"


def test_every_benchmark_run_by_python_m_bench_has_a_main():
    from bench.__main__ import BENCHMARKS

    for name in BENCHMARKS:
        assert callable(importlib.import_module(f"bench.{name}").main), name
