"""rounds import / export / ics: the funding-round calendar for scheduled jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from research.cli.acting_user import acting_user
from research.domain.clock import utcnow
from research.domain.errors import DomainError, InvalidInput
from research.domain.roles import Role
from research.domain.round_import import FIELDS_BY_KEY, guess_mapping, name_key
from research.domain.round_rules import RoundStatus
from research.export.rounds_ics import rounds_calendar
from research.export.rounds_table import to_csv, to_xlsx
from research.services.common.actor import Actor
from research.services.rounds import imports as round_imports
from research.services.rounds.calendar import filter_options, list_rounds, round_calendar
from research.services.rounds.files import read_round_file
from research.services.rounds.queries import RoundFilter

# Scheduled jobs act as the operator (an admin, no account) unless --as names a user.
OPERATOR = Actor.operator(Role.ADMIN)


def register(subparsers) -> None:
    rounds = subparsers.add_parser("rounds")
    commands = rounds.add_subparsers(dest="rounds_command", required=True, metavar="ACTION")

    importer = commands.add_parser("import", help="import rounds from a .csv or .xlsx file")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")
    importer.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (e.g. closes='Deadline'); fields: " + ", ".join(FIELDS_BY_KEY),
    )
    _common(importer)
    importer.set_defaults(run=_import)

    export = commands.add_parser("export", help="write the (filtered) list of rounds to .csv or .xlsx")
    export.add_argument("-o", "--output", type=Path, required=True, help="FILE.csv or FILE.xlsx")
    _filters(export)
    export.set_defaults(run=_export)

    ics = commands.add_parser("ics", help="write an .ics calendar of closes and milestones")
    ics.add_argument("-o", "--output", type=Path, required=True, help="FILE.ics")
    _filters(ics)
    ics.set_defaults(run=_ics)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="username", help="act as this user (default: the command line itself)")


def _filters(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--funder", action="append", default=[], help="funder name (repeatable)")
    parser.add_argument("--scheme", action="append", default=[], help="scheme (repeatable)")
    parser.add_argument("--status", action="append", default=[], choices=[s.value for s in RoundStatus])
    parser.add_argument("--cluster", action="append", default=[], help="cluster name (repeatable)")
    parser.add_argument("--search", default="", help="text to look for in names, schemes, funders and notes")
    parser.add_argument("--closing-within", type=int, metavar="DAYS", help="only rounds closing in the next DAYS")
    parser.add_argument("--include-archived", action="store_true")


def _actor(uow, username: str | None) -> Actor:
    return acting_user(uow, username, OPERATOR)


def _mapping(headers: list[str], pairs: list[str]) -> dict[str, str | None]:
    mapping = guess_mapping(headers)
    for pair in pairs:
        field, _, column = pair.partition("=")
        if field not in FIELDS_BY_KEY or not column:
            raise DomainError(f"--map {pair!r}: use FIELD=COLUMN with one of {', '.join(FIELDS_BY_KEY)}")
        mapping[field] = column
    return mapping


def _import(args, uow) -> int:
    actor = _actor(uow, args.username)
    try:
        table = read_round_file(args.file.read_bytes(), args.file.name)
    except OSError as exc:
        print(f"error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except InvalidInput as exc:
        return _print_problems(exc.problems)
    mapping = _mapping(list(table.headers), args.map)
    service = round_imports.check_import if args.dry_run else round_imports.import_rounds
    report = service(uow, actor, table, mapping)
    for problem in report.problems:
        print(f"error: {problem}")
    if report.problems:
        print(
            f"{table.filename}: {report.rows:,} rows, {report.bad_rows:,} with problems "
            f"({len(report.problems):,} in all). Nothing was written."
        )
        return 1
    if args.dry_run:
        print(
            f"{table.filename}: all {report.rows:,} rows are valid: {report.to_create:,} rounds would be added "
            f"and {report.to_update:,} updated. Dry run: nothing was written."
        )
    else:
        print(f"{table.filename}: added {report.to_create:,} rounds and updated {report.to_update:,}.")
    return 0


def _print_problems(problems) -> int:
    for problem in problems:
        print(f"error: {problem}")
    print("Nothing was written.")
    return 1


def _filter(uow, actor: Actor, args) -> RoundFilter:
    options = filter_options(uow, actor)
    funders = {name_key(n): i for i, n in options.funders.items()}
    clusters = {name_key(n): i for i, n in options.clusters.items()}
    unknown = [n for n in args.funder if name_key(n) not in funders] + [
        n for n in args.cluster if name_key(n) not in clusters
    ]
    if unknown:
        raise DomainError(f"Unknown funder or cluster: {', '.join(unknown)}")
    return RoundFilter(
        funder_ids=tuple(funders[name_key(n)] for n in args.funder),
        schemes=tuple(args.scheme),
        statuses=tuple(RoundStatus(s) for s in args.status),
        cluster_ids=tuple(clusters[name_key(n)] for n in args.cluster),
        text=args.search,
        closing_within_days=args.closing_within,
        include_archived=args.include_archived,
    )


def _export(args, uow) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        print(f"error: {args.output}: the file name must end in .csv or .xlsx", file=sys.stderr)
        return 2
    actor = _actor(uow, args.username)
    rounds = list_rounds(uow, actor, _filter(uow, actor, args))
    return _write(args.output, to_csv(rounds) if suffix == ".csv" else to_xlsx(rounds), f"{len(rounds):,} rounds")


def _ics(args, uow) -> int:
    actor = _actor(uow, args.username)
    now = utcnow()
    dates = round_calendar(uow, actor, _filter(uow, actor, args), now=now)
    events = sum(1 + len(d.milestones) for d in dates)
    return _write(args.output, rounds_calendar(dates, now), f"{len(dates):,} rounds, {events:,} events")


def _write(path: Path, data: bytes, what: str) -> int:
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"error: {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Wrote {path} ({what}).")
    return 0
