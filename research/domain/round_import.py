"""Reading funding rounds from the rows of a spreadsheet: columns, mapping, one row at a time.

The column headers are the ones the export writes, so an exported file imports back
unchanged. Every bad cell becomes a Problem naming its line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from research.domain.column_mapping import ImportField, check_columns, guess_columns
from research.domain.date_values import AmbiguousDate
from research.domain.errors import Problem
from research.domain.locale import workspace_locale
from research.domain.money import parse_currency, parse_money
from research.domain.round_rules import MILESTONE_KINDS, RoundInput, check_round, normalise_text
from research.domain.round_values import (
    DEFAULT_CLOSE_TIME,
    parse_count,
    parse_day,
    parse_flag,
    parse_moment,
    parse_rate,
    parse_timezone,
)

IMPORT_FIELDS = (
    ImportField(
        "funder",
        "Funder",
        True,
        ("funder name", "funding body", "funding organisation", "organisation"),
        "The funder's name as it is on the Manage rounds page.",
    ),
    ImportField("scheme", "Scheme", True, ("programme", "program", "grant programme", "fund", "mechanism")),
    ImportField(
        "name", "Round", False, ("round name", "name", "call", "title"), "Blank: the scheme and the closing year."
    ),
    ImportField(
        "status",
        "Status",
        False,
        ("state",),
        "'forecast' marks dates that are expected, not announced; other statuses follow from the dates.",
    ),
    ImportField("opens", "Opens", False, ("open", "opening", "opens at", "open date", "opening date", "start")),
    ImportField(
        "closes",
        "Closes",
        True,
        ("close", "closing", "closes at", "close date", "closing date", "deadline", "due", "due date"),
        "Date and time in the round's time zone, e.g. 2026-02-19 12:00 or 19/02/2026 12:00 "
        "(day first). A date alone means 5 pm.",
    ),
    ImportField("timezone", "Time zone", False, ("timezone", "tz", "zone"), "Blank: the workspace's time zone."),
    ImportField("decision", "Decision expected", False, ("decision", "decision date", "outcome", "results")),
    ImportField("currency", "Currency", False, ("ccy",), "Blank: the reporting currency."),
    ImportField("pool", "Pool", False, ("total pool", "funding available", "total funding", "budget")),
    ImportField("min_award", "Minimum award", False, ("min award", "minimum", "min")),
    ImportField("max_award", "Maximum award", False, ("max award", "maximum", "max")),
    ImportField("expected_awards", "Expected awards", False, ("awards", "number of awards", "expected grants")),
    ImportField("success_rate", "Success rate", False, ("success", "rate"), "13.3%, 13.3 or 0.133."),
    ImportField("eligibility", "Eligibility", False, ("eligibility notes", "who can apply")),
    ImportField("url", "Link", False, ("url", "website", "web", "link to call")),
    ImportField("template_key", "Template", False, ("template key", "application template")),
    ImportField("clusters", "Clusters", False, ("cluster", "relevant clusters"), "Names separated by ';'."),
    ImportField("limited", "Limited submission", False, ("limited", "limited submission?"), "yes or no."),
    ImportField("quota", "Applications allowed", False, ("quota", "submission quota", "institutional quota")),
    ImportField("notes", "Notes", False, ("note", "comments")),
    *(
        ImportField(
            f"{k.kind}_days", f"{k.label} (working days before)", False, (k.label,), f"Blank: {k.default_days}."
        )
        for k in MILESTONE_KINDS
    ),
)
FIELDS_BY_KEY = {f.key: f for f in IMPORT_FIELDS}
STATUS_WORDS = {"": False, "forecast": True, "upcoming": False, "open": False, "closed": False}
OFFSET_FIELDS = {f"{k.kind}_days": k.kind for k in MILESTONE_KINDS}


def guess_mapping(headers: list[str]) -> dict[str, str | None]:
    """The file column that most likely holds each field, or None."""
    return guess_columns(headers, IMPORT_FIELDS)


def check_mapping(mapping: Mapping[str, str | None], headers: list[str]) -> list[Problem]:
    return check_columns(mapping, headers, IMPORT_FIELDS)


@dataclass(frozen=True)
class ImportIssue:
    """One thing wrong in a file: the line (or spreadsheet row), the column, and why."""

    line: int | None
    column: str
    reason: str
    line_word: str = "line"

    def problem(self, filename: str) -> Problem:
        place = f"{filename} {self.line_word} {self.line}" if self.line is not None else filename
        return Problem(f"{place}, column {self.column!r}", self.reason)


def name_key(name: str) -> str:
    return normalise_text(name).casefold()


@dataclass(frozen=True)
class Lookups:
    """Names known to the workspace, keyed by name_key()."""

    funders: Mapping[str, int]
    clusters: Mapping[str, int]
    cluster_names: tuple[str, ...] = field(default=())


RoundKey = tuple[int, str, date]


def round_key(r: RoundInput) -> RoundKey:
    """One funder, scheme and closing date (in the round's zone) is one round."""
    return r.funder_id, name_key(r.scheme), r.closes_on


class RowReader:
    """Turns the cells of one row (by field key) into a RoundInput, or problems."""

    def __init__(
        self,
        mapping: Mapping[str, str | None],
        lookups: Lookups,
        line_word: str = "line",
        day_first: bool = True,
        suggest: Callable[[str], str | None] | None = None,
    ):
        self.columns = {k: c for k, c in mapping.items() if c}
        self.lookups = lookups
        self.line_word = line_word
        self.day_first = day_first
        self.suggest = suggest
        # Funders the file names that the workspace does not know: name as written -> a close known name.
        self.unknown_funders: dict[str, str | None] = {}
        # Dates the other day/month order would read as another day: listed in the report.
        self.ambiguous: list[AmbiguousDate] = []
        # Files repeat the same dates, amounts and names on many rows: parse each text once.
        self._parsed: dict[tuple[object, ...], tuple[Any, str | None]] = {}

    def _parse(self, parse: Callable[..., object], text: str, args: tuple[object, ...]) -> tuple[Any, str | None]:
        key = (parse, text, args)
        found = self._parsed.get(key)
        if found is None:
            try:
                found = (parse(text, *args), None)
            except ValueError as exc:
                found = (None, str(exc))
            if len(self._parsed) < 200_000:
                self._parsed[key] = found
        return found

    def issue(self, line: int, key: str, reason: str) -> ImportIssue:
        return ImportIssue(line, self.columns.get(key) or FIELDS_BY_KEY[key].header, reason, self.line_word)

    def read(self, cells: Mapping[str, str], line: int) -> tuple[RoundInput | None, list[ImportIssue]]:
        values, problems = self._cells(cells, line)
        if values["closes_at"] is None:
            return None, problems
        round_input = RoundInput(
            scheme=normalise_text(cells.get("scheme", "")),
            name=normalise_text(cells.get("name", "")),
            eligibility=cells.get("eligibility", "").strip(),
            url=cells.get("url", "").strip(),
            template_key=normalise_text(cells.get("template_key", "")) or None,
            notes=cells.get("notes", "").strip(),
            **values,
        )
        # Rules across fields are checked even when a cell is bad, so one pass reports the whole row.
        flagged = {p.column for p in problems}
        across = (self.issue(line, _field_of(p.where), p.reason) for p in check_round(round_input))
        problems += [issue for issue in across if issue.column not in flagged]
        return (None, problems) if problems else (round_input, [])

    def _cells(self, cells: Mapping[str, str], line: int) -> tuple[dict[str, Any], list[ImportIssue]]:
        """Each typed cell parsed: the values for a RoundInput, and the cells that are wrong."""
        problems = [
            self.issue(line, key, "is empty")
            for key in ("funder", "scheme", "closes")
            if not cells.get(key, "").strip()
        ]

        def take(key: str, parse: Callable[..., object], *args: object) -> Any:
            text = cells.get(key, "")
            if not text or text.isspace():
                return None
            value, error = self._parse(parse, text, args)
            if error is not None:
                problems.append(self.issue(line, key, error))
            return value

        def take_date(key: str, parse: Callable[..., date], *args: object) -> Any:
            """A date cell, read in the chosen order; noted when the other order reads another day."""
            value = take(key, parse, *args, self.day_first)
            if value is not None:
                other, error = self._parse(parse, cells[key], (*args, not self.day_first))
                if error is None and other != value:
                    where = f"{self.line_word} {line}"
                    self.ambiguous.append(AmbiguousDate(where, cells[key].strip(), value, other))
            return value

        locale = workspace_locale()
        zone_name = take("timezone", parse_timezone) or locale.timezone
        currency = take("currency", parse_currency) or locale.currency
        values = {
            "funder_id": take("funder", self._funder) or 0,
            "timezone": zone_name,
            "closes_at": take_date("closes", parse_moment, zone_name, DEFAULT_CLOSE_TIME),
            "opens_at": take_date("opens", parse_moment, zone_name, time(0, 0)),
            "decision_expected": take_date("decision", parse_day),
            "currency": currency,
            **{key: take(key, parse_money, currency) for key in ("pool", "min_award", "max_award")},
            "expected_awards": take("expected_awards", parse_count),
            "success_rate": take("success_rate", parse_rate),
            "limited_submission": bool(take("limited", parse_flag)),
            "submission_quota": take("quota", parse_count),
            "is_forecast": bool(take("status", _parse_status)),
            "cluster_ids": take("clusters", self._clusters) or (),
        }
        values["offsets"] = self._offsets(cells, line, problems)
        return values, problems

    def _funder(self, text: str) -> int:
        funder_id = self.lookups.funders.get(name_key(text))
        if funder_id is None:
            name = normalise_text(text)
            suggestion = self.unknown_funders.setdefault(name, self.suggest(name) if self.suggest else None)
            meant = f" (did you mean {suggestion!r}? add {name!r} as its alias)" if suggestion else ""
            raise ValueError(
                f"unknown funder {name!r}{meant}: add it on the Manage rounds page, or create the funders the "
                "file names (--create-funders)"
            )
        return funder_id

    def _clusters(self, text: str) -> tuple[int, ...]:
        ids, unknown = [], []
        for name in (n.strip() for n in text.split(";")):
            cluster_id = self.lookups.clusters.get(name_key(name)) if name else None
            if name and cluster_id is None:
                unknown.append(repr(name))
            elif cluster_id is not None and cluster_id not in ids:
                ids.append(cluster_id)
        if unknown:
            known = ", ".join(self.lookups.cluster_names) or "none yet"
            raise ValueError(f"unknown cluster {', '.join(unknown)} (known: {known})")
        return tuple(ids)

    def _offsets(self, cells: Mapping[str, str], line: int, problems: list[ImportIssue]) -> dict[str, int] | None:
        given = {}
        for key, kind in OFFSET_FIELDS.items():
            text = cells.get(key, "").strip()
            if not text:
                continue
            number = text.removesuffix(".0")
            if not (number.isascii() and number.isdigit()):  # '²' is a digit to Python, not to int()
                problems.append(self.issue(line, key, f"{text!r} is not a whole number of working days"))
                continue
            given[kind] = int(number)
        return given or None


def _parse_status(text: str) -> bool:
    word = text.strip().lower()
    if word not in STATUS_WORDS:
        raise ValueError(
            f"{text.strip()!r} is not a status: use forecast, or leave the status to the dates (upcoming, open, closed)"
        )
    return STATUS_WORDS[word]


_CHECK_FIELDS = {"decision": "decision", "offsets": "intent_days"}


def _field_of(check_key: str) -> str:
    return _CHECK_FIELDS.get(check_key, check_key if check_key in FIELDS_BY_KEY else "closes")
