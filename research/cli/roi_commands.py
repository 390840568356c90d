"""awards import/export, grants import, roi: the ledgers and the return from the command line.

Imports here run as the server's operator (like create-user): the audit trail says "command line".
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from research.charts.roi import figure_for
from research.cli.import_options import add_import_options, choices_from, fields_epilog, print_import, read_file
from research.domain.award_rows import AWARD_FIELDS
from research.domain.errors import InvalidInput
from research.domain.grant_rows import GRANT_FIELDS
from research.domain.import_kinds import ImportKind
from research.domain.import_profiles import BUILTIN_PROFILES
from research.domain.locale import workspace_locale
from research.domain.money import format_money
from research.domain.roi import RoiFilter, YearBasis
from research.domain.roles import Role
from research.export import giving360
from research.export.roi_figures import headline_json, headline_rows
from research.export.roi_report import dashboard_report
from research.services.common import import_profiles
from research.services.common.actor import Actor
from research.services.roi import awards, ledgers
from research.services.roi import dashboard as roi

PUBLISHER = "Research Cluster Workspace"
OPERATOR = Actor.operator(Role.MANAGER)  # the ledgers are a manager's to keep


def register(subparsers) -> None:
    award_parser = subparsers.add_parser("awards")
    award_commands = award_parser.add_subparsers(dest="awards_command", required=True, metavar="ACTION")
    importer = award_commands.add_parser(
        "import",
        help="import awards from CSV, XLSX or 360Giving JSON",
        description="Import awards (money won) from CSV, XLSX or 360Giving JSON: every row is checked, then all "
        "are written or none (unless --good-rows-only).",
        epilog=fields_epilog(AWARD_FIELDS, "awards")
        + f"\nProfiles that ship: {', '.join(BUILTIN_PROFILES[ImportKind.AWARDS])}.",
    )
    add_import_options(importer, AWARD_FIELDS)
    importer.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="CUR=RATE",
        help=f"{workspace_locale().currency} for one unit of a currency, e.g. USD=1.68 (repeat for each currency)",
    )
    importer.add_argument(
        "--rates",
        type=Path,
        metavar="RATES.csv",
        help="dated exchange rates for this import, as a central bank publishes them (units of the currency for one "
        "unit of the reporting currency): columns currency, date, rate, or a date column and one column per "
        "currency; with the stored rates, each award converts at the latest rate on or before its date",
    )
    importer.add_argument("--cluster", help="credit awards whose row names no cluster to this cluster")
    importer.set_defaults(run=_import_awards)
    exporter = award_commands.add_parser("export", help="write every award as 360Giving CSV or JSON")
    exporter.add_argument("file", type=Path, help="a .csv or .json file to write")
    exporter.set_defaults(run=_export_awards)

    grant_parser = subparsers.add_parser("grants")
    grant_commands = grant_parser.add_subparsers(dest="grants_command", required=True, metavar="ACTION")
    grants = grant_commands.add_parser(
        "import",
        help="import cluster grants from CSV or XLSX",
        description="Import the unit's grants to clusters from CSV or XLSX: all rows or none "
        "(unless --good-rows-only).",
        epilog=fields_epilog(GRANT_FIELDS, "cluster grants"),
    )
    add_import_options(grants, GRANT_FIELDS)
    grants.set_defaults(run=_import_grants)

    report = subparsers.add_parser("roi")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")
    report.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="last day (YYYY-MM-DD)")
    report.add_argument("--cluster", help="only this cluster")
    report.add_argument("--funder", help="only this funder")
    report.add_argument("--year-basis", choices=[b.value for b in YearBasis], default=YearBasis.FINANCIAL.value)
    report.add_argument("--report", type=Path, metavar="FILE.docx", help="also write the council report")
    report.set_defaults(run=_roi)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _import_awards(args, uow) -> int:
    rates_file = (args.rates.name, read_file(args.rates)) if args.rates else None
    report = awards.import_awards(
        uow,
        OPERATOR,
        args.file.name,
        read_file(args.file),
        args.rate,
        args.cluster,
        dry_run=args.dry_run,
        choices=choices_from(args),
        rates_file=rates_file,
    )
    _save_profile(uow, args, ImportKind.AWARDS, report)
    worth = f"worth {format_money(report.total_nzd)} in {workspace_locale().currency}"
    return print_import(report, args, "award", worth)


def _import_grants(args, uow) -> int:
    report = ledgers.import_grants(
        uow, OPERATOR, args.file.name, read_file(args.file), dry_run=args.dry_run, choices=choices_from(args)
    )
    _save_profile(uow, args, ImportKind.GRANTS, report)
    return print_import(report, args, "cluster grant", f"worth {format_money(report.total)}")


def _save_profile(uow, args, kind: ImportKind, report) -> None:
    """--save-profile: the mapping is saved once it holds every required field."""
    if args.save_profile and report.read:
        name = import_profiles.save_profile(uow, OPERATOR, kind, args.save_profile, report.mapping)
        print(f"Saved the column mapping as profile {name!r}.")


def _export_awards(args, uow) -> int:
    kind = args.file.suffix.lower()
    if kind not in (".csv", ".json"):
        raise InvalidInput(f"Cannot export to {args.file.name}: name a .csv or .json file.")
    rows = awards.list_awards(uow, OPERATOR)
    write = giving360.to_csv if kind == ".csv" else giving360.to_json
    try:
        args.file.write_bytes(write(rows, PUBLISHER, date.today()))
    except OSError as exc:
        raise InvalidInput(f"Cannot write {args.file}: {exc.strerror or exc}.") from None
    print(f"Wrote {len(rows)} award(s) to {args.file} (360Giving {kind[1:].upper()}).")
    return 0


def _roi(args, uow) -> int:
    roi_filter = RoiFilter(args.date_from, args.date_to, args.cluster, args.funder, YearBasis(args.year_basis))
    dashboard = roi.dashboard(uow, OPERATOR, roi_filter)
    if args.json:
        print(json.dumps(headline_json(dashboard.headline, roi_filter.describe()), indent=2, ensure_ascii=False))
    else:
        print(f"Return on investment: {roi_filter.describe()}")
        for label, value in headline_rows(dashboard.headline):
            print(f"  {label:<24} {value}")
    if args.report:
        figures = {
            key: figure_for(key, getattr(dashboard, key), YearBasis(args.year_basis).label) for key in roi.CHART_TABLES
        }
        args.report.write_bytes(dashboard_report(dashboard, figures, datetime.now()))
        if not args.json:
            print(f"Wrote the report to {args.report}.")
    return 0
