"""The options every importer shares on the command line, and how an import's report is printed.

`awards import`, `grants import` and `rounds import` take the same options where they apply:
--map FIELD=COLUMN, --profile NAME, --save-profile NAME, --header-row N, --day-first | --month-first,
--skip-duplicates, --good-rows-only --bad-rows-to BAD.csv, --dry-run.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from research.domain.column_mapping import ImportField, fields_help
from research.domain.errors import InvalidInput
from research.services.common.import_choices import ImportChoices


def fields_epilog(fields: Sequence[ImportField], what: str) -> str:
    lines = [f"Fields of {what} and the column titles recognised for each (case and punctuation ignored):"]
    lines += [f"  {line}" for line in fields_help(fields)]
    return "\n".join(lines)


def add_import_options(parser: argparse.ArgumentParser, fields: Sequence[ImportField]) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (repeatable), e.g. awarded_on='Award Notice Date'; FIELD= reads it from no column",
    )
    parser.add_argument("--profile", metavar="NAME", help="a saved column mapping, e.g. 'NIH RePORTER' or '360Giving'")
    parser.add_argument(
        "--save-profile", metavar="NAME", help="save this file's mapping as a profile for the next file"
    )
    parser.add_argument("--header-row", type=int, metavar="N", help="the row (or line) holding the column titles")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_first", action="store_true", default=True, help="26/03/2019 (default)")
    order.add_argument("--month-first", dest="day_first", action="store_false", help="03/26/2019")
    parser.add_argument("--skip-duplicates", action="store_true", help="skip rows identical to an earlier row")
    parser.add_argument("--good-rows-only", action="store_true", help="import the good rows (needs --bad-rows-to)")
    parser.add_argument(
        "--bad-rows-to", type=Path, metavar="BAD.csv", help="write the rows not imported, with a reason"
    )
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")


def choices_from(args: argparse.Namespace) -> ImportChoices:
    if args.good_rows_only and not args.bad_rows_to:
        raise InvalidInput("--good-rows-only needs --bad-rows-to BAD.csv, so the rows left out are kept to fix.")
    if args.header_row is not None and args.header_row < 1:
        raise InvalidInput("--header-row counts from 1.")
    return ImportChoices(
        profile=args.profile,
        pairs=tuple(args.map),
        day_first=args.day_first,
        skip_duplicates=args.skip_duplicates,
        good_rows_only=args.good_rows_only,
        header_row=args.header_row,
    )


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.") from None


def print_import(report, args: argparse.Namespace, noun: str, worth: str) -> int:  # noqa: ANN001 - any import report
    """Notes, grouped problems, the bad-rows file; 0 when the import went (or would go) ahead."""
    for note in report.notes:
        print(note)
    for line in report.summary:
        print(f"error: {line}")
    if report.bad_file is not None and args.bad_rows_to:
        try:
            args.bad_rows_to.write_bytes(report.bad_file)
        except OSError as exc:
            raise InvalidInput(f"Cannot write {args.bad_rows_to}: {exc.strerror or exc}.") from None
        print(f"Wrote the {report.bad_rows:,} row(s) not imported, with the reason for each, to {args.bad_rows_to}.")
    if report.blocked:
        print(f"{len(report.problems):,} problem(s) in {report.file}; nothing was imported.")
        return 1
    count = len(report.rows)
    summary = (
        f"{count:,} {noun}{'s' if count != 1 else ''} {worth}: {report.to_create:,} new, {report.to_update:,} updated"
    )
    left_out = f" {report.bad_rows:,} bad row(s) left out." if report.bad_rows else ""
    print(
        f"Checked {summary}.{left_out} Dry run: nothing was written."
        if args.dry_run
        else f"Imported {summary}.{left_out}"
    )
    return 0
