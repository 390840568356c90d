"""How deeply an uploaded document (JSON, TOML) may nest: real files nest a handful of levels.

Python's parsers recurse once per level and fail with RecursionError past about 1,000; the
readers turn that, and anything deeper than MAX_NESTING, into one clear refusal.
"""

from __future__ import annotations

from collections.abc import Mapping

from research.domain.errors import InvalidInput, Problem

MAX_NESTING = 100


def too_deep(name: str, kinds: str) -> InvalidInput:
    return InvalidInput(
        Problem(name, f"nests {kinds} more than {MAX_NESTING} levels deep; no real file does, so it was not read")
    )


def nesting_depth(data: object) -> int:
    """Levels of dicts and lists inside each other, counted without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((item, depth + 1) for item in value)
        else:
            continue
        deepest = max(deepest, depth + 1)
    return deepest


def check_nesting(data: object, name: str, kinds: str) -> None:
    if nesting_depth(data) > MAX_NESTING:
        raise too_deep(name, kinds)
