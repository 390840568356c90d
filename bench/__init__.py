"""Benchmarks: run one as `PYTHONPATH=. python -m bench.<name>`; each prints figures and ratios."""
