"""`python -m bench`: every benchmark in turn; each prints its figures and its ratio to the floor."""

import importlib
import sys

BENCHMARKS = ("section_save", "docx_export", "rounds_import", "roi_dashboard")

for name in sys.argv[1:] or BENCHMARKS:
    print(f"\n=== bench.{name}", flush=True)
    sys.argv = [f"bench.{name}"]  # each benchmark reads its own options with its defaults
    importlib.import_module(f"bench.{name}").main()
