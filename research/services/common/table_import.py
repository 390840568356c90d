"""The report of a file import (awards, cluster grants): what was read, what would be written, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Generic, Self

from research.adapters.table_files import Table, bad_rows_csv
from research.domain.errors import Problem
from research.domain.row_problems import CheckedRows, RowT, grouped


@dataclass(frozen=True)
class TableImportReport(Generic[RowT]):
    file: str
    rows: tuple[RowT, ...]
    problems: tuple[Problem, ...]
    to_create: int
    to_update: int
    written: bool
    mapping: dict[str, str | None] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()
    bad_rows: int = 0
    bad_file: bytes | None = None  # the bad rows with a reason column, when any
    read: int = 0
    good_rows_only: bool = False

    @classmethod
    def of_file(cls, file: str, table: Table, mapping: dict[str, str | None], mapping_problems: list[Problem]) -> Self:
        """Before any row is read: the columns found and how they map (refused when the mapping is)."""
        return cls(file, (), tuple(mapping_problems), 0, 0, False, mapping, tuple(table.titles), tuple(table.notes))

    def checked(
        self, table: Table, checked: CheckedRows[RowT], existing: int, notes: list[str], good_rows_only: bool
    ) -> Self:
        """The rows checked: `existing` of them update a record already there, the rest are new."""
        return replace(
            self,
            rows=tuple(checked.rows),
            problems=tuple(checked.problems),
            to_create=len(checked.rows) - existing,
            to_update=existing,
            notes=tuple(notes),
            duplicates=tuple(checked.duplicates),
            bad_rows=len(checked.bad),
            bad_file=bad_rows_csv(table, checked.bad) if checked.bad else None,
            read=checked.read,
            good_rows_only=good_rows_only,
        )

    @property
    def summary(self) -> list[str]:
        """The problems, each repeated one told once with its row count."""
        return grouped(self.file, self.problems)

    @property
    def blocked(self) -> bool:
        """Nothing may be written: a problem with the file itself, or bad rows without 'good rows only'."""
        return bool(self.problems) and not (self.bad_rows and self.rows and self.good_rows_only)
