"""rounds import / export / ics: the funding-round calendar for scheduled jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select

from research.cli.import_options import add_import_options, choices_from, fields_epilog
from research.db.models import User
from research.domain.clock import utcnow
from research.domain.errors import DomainError, InvalidInput
from research.domain.import_kinds import ImportKind
from research.domain.roles import Role
from research.domain.round_import import IMPORT_FIELDS, name_key
from research.domain.round_rules import RoundStatus
from research.export.rounds_ics import rounds_calendar
from research.export.rounds_table import to_csv, to_xlsx
from research.services.common import import_profiles
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

    importer = commands.add_parser(
        "import",
        help="import rounds from a .csv or .xlsx file",
        description="Import funding rounds from CSV or XLSX: every row is checked, then all are written or none "
        "(unless --good-rows-only).",
        epilog=fields_epilog(IMPORT_FIELDS, "rounds"),
    )
    add_import_options(importer, IMPORT_FIELDS)
    importer.add_argument(
        "--create-funders", action="store_true", help="create the funders the file names that are not recorded yet"
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
    if not username:
        return OPERATOR
    with uow as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower(), User.is_active))
        if user is None:
            raise DomainError(f"There is no active user {username!r}.")
        return Actor.from_user(user)


def _import(args, uow) -> int:
    actor = _actor(uow, args.username)
    choices = choices_from(args)
    try:
        table = read_round_file(args.file.read_bytes(), args.file.name, choices.header_row)
    except OSError as exc:
        print(f"error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except InvalidInput as exc:
        return _print_problems(exc.problems)
    mapping, problems = import_profiles.mapping_for(
        uow, actor, ImportKind.ROUNDS, IMPORT_FIELDS, list(table.headers), choices.profile, choices.pairs
    )
    wrong_map = [p.reason for p in problems if p.reason.startswith("--map")]
    if wrong_map:
        raise DomainError(wrong_map[0])
    options = round_imports.RoundImportOptions(
        choices.day_first, choices.skip_duplicates, choices.good_rows_only, args.create_funders
    )
    service = round_imports.check_import if args.dry_run else round_imports.import_rounds
    report = service(uow, actor, table, mapping, None, options)
    if args.save_profile and not problems:
        name = import_profiles.save_profile(uow, actor, ImportKind.ROUNDS, args.save_profile, mapping)
        print(f"Saved the column mapping as profile {name!r}.")
    return _print_report(report, args)


def _print_report(report: round_imports.ImportReport, args) -> int:
    for note in report.notes:
        print(note)
    if report.created_funders:
        verb = "Would create" if args.dry_run else "Created"
        print(f"{verb} {len(report.created_funders)} funder(s): {', '.join(report.created_funders)}.")
    if report.unknown_funders:
        listed = ", ".join(
            f"{name!r}" + (f" (did you mean {close!r}?)" if close else "") for name, close in report.unknown_funders
        )
        print(f"Funders not recorded: {listed}. Add them (or an alias), or import with --create-funders.")
    for line in report.summary:
        print(f"error: {line}")
    if report.bad_file is not None and args.bad_rows_to:
        args.bad_rows_to.write_bytes(report.bad_file)
        print(f"Wrote the {report.bad_rows:,} row(s) not imported, with the reason for each, to {args.bad_rows_to}.")
    if report.blocked:
        print(
            f"{report.filename}: {report.rows:,} rows, {report.bad_rows:,} with problems "
            f"({len(report.problems):,} in all). Nothing was written."
        )
        return 1
    left_out = f" {report.bad_rows:,} bad row(s) left out." if report.bad_rows else ""
    if args.dry_run:
        print(
            f"{report.filename}: {_valid(report)}: {report.to_create:,} rounds "
            f"would be added and {report.to_update:,} updated.{left_out} Dry run: nothing was written."
        )
    else:
        print(f"{report.filename}: added {report.to_create:,} rounds and updated {report.to_update:,}.{left_out}")
    return 0


def _valid(report: round_imports.ImportReport) -> str:
    good = report.to_create + report.to_update
    return f"all {good:,} rows are valid" if not report.bad_rows else f"{good:,} rows are valid"


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
