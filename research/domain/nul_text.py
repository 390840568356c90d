"""The one rule for NUL characters (U+0000): no text we store may hold one.

PostgreSQL refuses them in text columns (a server error, after a dry run said the data was fine)
and SQLite cuts some tools' reading at them, so every path refuses them up front, naming where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from research.domain.errors import InvalidInput, Problem

NUL = "\x00"
SHOWN_PLACES = 5


def contains_nul(*values: object) -> bool:
    return any(isinstance(v, str) and NUL in v for v in values)


def nul_reason(places: Sequence[str] = ()) -> str:
    where = ""
    if places:
        more = len(places) - SHOWN_PLACES
        where = " in " + ", ".join(places[:SHOWN_PLACES]) + (f" and {more:,} more" if more > 0 else "")
    return f"contains a NUL character (\\x00){where}, which text cannot hold: remove it and try again"


def refuse_nul(name: str, places: Sequence[str]) -> None:
    """One problem for all the places (lines, rows, fields) of `name` that hold a NUL."""
    if places:
        raise InvalidInput(Problem(name, nul_reason(places)))


def check_text_file(text: str, name: str) -> None:
    """Refuse a decoded text file (CSV) with NUL characters, naming their lines."""
    if NUL in text:
        refuse_nul(name, [f"line {n}" for n, line in enumerate(text.split("\n"), start=1) if NUL in line])


def nul_paths(data: object, path: str = "") -> list[str]:
    """Where a parsed document (JSON, TOML: dicts, lists, strings) holds a NUL, as dotted paths."""
    found: list[str] = []
    stack: list[tuple[str, object]] = [(path, data)]
    while stack:  # a loop, not recursion: the document may be nested deeply
        where, value = stack.pop()
        if isinstance(value, Mapping):
            stack.extend((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
            found += [f"{where}.{key!r}" if where else repr(key) for key in value if contains_nul(key)]
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}[{n}]", item) for n, item in enumerate(value))
        elif contains_nul(value):
            found.append(where or "the text")
    return sorted(found)
