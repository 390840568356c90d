"""CHECK constraints that keep an enumerated column to the values the code knows.

The models build theirs from the domain's enums; a migration passes the values frozen
as they were when it shipped, so a later change to an enum needs a new migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def one_of(column: str, values: Iterable[str]) -> str:
    """SQL true when `column` holds one of `values` (NULL passes, as for every CHECK)."""
    quoted = ", ".join("'" + str(value).replace("'", "''") + "'" for value in values)
    return f"{column} IN ({quoted})"


def allowed_values(column: str, values: Iterable[str]) -> CheckConstraint:
    """Named by the naming convention: ck_<table>_<column>."""
    return CheckConstraint(one_of(column, values), name=column)
