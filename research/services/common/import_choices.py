"""How to read an import file: the same choices for awards, cluster grants and rounds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportChoices:
    """How to read a file: the same for awards, cluster grants and rounds (CLI options, upload page)."""

    profile: str | None = None
    pairs: tuple[str, ...] = ()  # --map FIELD=COLUMN
    mapping: dict[str, str | None] | None = None  # chosen on the page
    day_first: bool = True
    skip_duplicates: bool = False
    good_rows_only: bool = False
    header_row: int | None = None
