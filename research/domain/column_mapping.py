"""Which column of a file holds which field: guessed from the titles, shown, changed, saved as a profile.

Every importer (rounds, awards, cluster grants) describes its fields as ImportFields; the same
functions guess a mapping, apply a profile and `--map FIELD=COLUMN`, check it, and list the
fields with the column titles recognised for each (for --help, the README and the upload pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from research.domain.errors import Problem

Mapping_ = dict[str, str | None]
# 'Grant Identifier' ends with 'identifier'; 'Planned Dates:Start Date' is still no 'Date'.
MIN_ENDING = 5


@dataclass(frozen=True)
class ImportField:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, self.key, *self.aliases)


def squash(text: str) -> str:
    """A title as matched: case, spaces and punctuation ignored ('Recipient Org:Name' = 'recipient_org_name')."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def guess_columns(headers: Sequence[str], fields: Iterable[ImportField]) -> Mapping_:
    """The file column that most likely holds each field, or None; a column serves one field."""
    by_squashed: dict[str, str] = {}
    for header in headers:
        if header:
            by_squashed.setdefault(squash(header), header)
    mapping: Mapping_ = {}
    taken: set[str] = set()
    for f in fields:
        column = next(
            (
                by_squashed[squash(n)]
                for n in f.names
                if squash(n) in by_squashed and by_squashed[squash(n)] not in taken
            ),
            None,
        )
        mapping[f.key] = column
        if column:
            taken.add(column)
    # Then titles under a group heading ('Grant Identifier' from a two-row header) by how they end.
    for f in fields:
        if mapping[f.key] is None:
            mapping[f.key] = next(
                (
                    header
                    for n in f.names
                    if len(squash(n)) >= MIN_ENDING
                    for key, header in by_squashed.items()
                    if key.endswith(squash(n)) and header not in taken
                ),
                None,
            )
            if mapping[f.key]:
                taken.add(str(mapping[f.key]))
    return mapping


def find_column(headers: Sequence[str], wanted: str) -> str | None:
    """The header written `wanted`, exactly or but for case and punctuation."""
    if wanted in headers:
        return wanted
    return next((h for h in headers if h and squash(h) == squash(wanted)), None)


def apply_profile(mapping: Mapping_, profile: Mapping[str, str | None], headers: Sequence[str]) -> Mapping_:
    """A saved mapping over the guess: each field the profile names reads its column, when the file has it."""
    result = dict(mapping)
    for key, column in profile.items():
        if key not in result:
            continue
        if not column:
            result[key] = None
            continue
        found = find_column(headers, column)
        if found:
            for other, taken in result.items():
                if taken == found and other != key:
                    result[other] = None
            result[key] = found
    return result


def apply_pairs(
    mapping: Mapping_, pairs: Sequence[str], headers: Sequence[str], fields: Sequence[ImportField]
) -> Mapping_:
    """`--map FIELD=COLUMN` (COLUMN blank: the field is not read); ValueError naming what is wrong."""
    keys = [f.key for f in fields]
    result = dict(mapping)
    for pair in pairs:
        key, sep, column = pair.partition("=")
        key, column = key.strip(), column.strip().strip("'\"")
        if not sep or key not in keys:
            raise ValueError(f"--map {pair!r}: write FIELD=COLUMN with FIELD one of {', '.join(keys)}")
        if not column:
            result[key] = None
            continue
        found = find_column(headers, column)
        if found is None:
            shown = ", ".join(repr(h) for h in headers if h)
            raise ValueError(f"--map {pair!r}: the file has no column {column!r} (its columns: {shown})")
        for other, taken in result.items():
            if taken == found and other != key:
                result[other] = None
        result[key] = found
    return result


def check_columns(
    mapping: Mapping[str, str | None], headers: Sequence[str], fields: Sequence[ImportField]
) -> list[Problem]:
    by_key = {f.key: f for f in fields}
    problems = []
    for f in fields:
        column = mapping.get(f.key)
        if f.required and not column:
            recognised = ", ".join(repr(n) for n in (f.header, *f.aliases)[:6])
            problems.append(
                Problem(
                    f.header,
                    f"is required: no column was recognised (e.g. {recognised}); choose the column that holds it",
                )
            )
        elif column and column not in headers:
            problems.append(Problem(f.header, f"the file has no column {column!r}"))
    used: dict[str, str] = {}
    for key, column in mapping.items():
        if column and column in used and key in by_key:
            problems.append(
                Problem(by_key[key].header, f"column {column!r} is already used for {by_key[used[column]].header}")
            )
        elif column:
            used[column] = key
    return problems


def fields_help(fields: Sequence[ImportField]) -> list[str]:
    """One line per field: 'identifier (required): Identifier, id, project_number, ...'."""
    lines = []
    for f in fields:
        names = ", ".join(dict.fromkeys((f.header, *f.aliases)))
        line = f"{f.key}{' (required)' if f.required else ''}: {names}"
        lines.append(f"{line}. {f.help}" if f.help else line)
    return lines
