"""The importers that share column mapping, profiles and error reports."""

from __future__ import annotations

from enum import StrEnum


class ImportKind(StrEnum):
    AWARDS = "awards"
    GRANTS = "grants"
    ROUNDS = "rounds"
