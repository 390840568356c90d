"""settings show/set and rates show/import/add: the workspace's locale and its exchange rates.

`python -m research settings set currency=GBP timezone=Europe/London financial_year_start=4
area="London;Oxford;OX1"` changes all four or none. The operator acts as an admin.
"""

from __future__ import annotations

import json
from pathlib import Path

from research.domain.errors import InvalidInput, Problem
from research.domain.rates import Quote
from research.domain.roles import Role
from research.services.common import exchange_rates
from research.services.common.actor import Actor
from research.services.common.workspace_settings import SETTING_KEYS, update_settings, workspace_settings

OPERATOR = Actor.operator(Role.ADMIN)
QUOTES = {
    "per-reporting": Quote.PER_REPORTING,
    "in-reporting": Quote.IN_REPORTING,
}


def register(subparsers) -> None:
    parser = subparsers.add_parser("settings")
    actions = parser.add_subparsers(dest="settings_command", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="print the settings in force")
    show.add_argument("--json", action="store_true", help="as JSON")
    show.set_defaults(run=_show)
    setter = actions.add_parser(
        "set",
        help="change settings, all or none: KEY=VALUE ... (keys: " + ", ".join(SETTING_KEYS) + ")",
        description='e.g. settings set currency=GBP timezone=Europe/London financial_year_start=4 area="London;OX1"',
    )
    setter.add_argument("pairs", nargs="+", metavar="KEY=VALUE")
    setter.add_argument(
        "--convert-with-rates",
        action="store_true",
        help="when changing the currency with money recorded: convert every award and cluster grant "
        "at the stored rate of its date (refused if any has no rate)",
    )
    setter.set_defaults(run=_set)

    rates = subparsers.add_parser("rates")
    rate_actions = rates.add_subparsers(dest="rates_command", required=True, metavar="ACTION")
    listing = rate_actions.add_parser("show", help="print the stored rates to the reporting currency")
    listing.add_argument("--currency", help="only this currency")
    listing.set_defaults(run=_rates_show)
    importer = rate_actions.add_parser(
        "import",
        help="import a CSV/XLSX of rates: a date column and one column per currency (a central bank's "
        "series), or currency,date,rate rows",
    )
    importer.add_argument("file", type=Path)
    _quote_option(importer)
    importer.add_argument("--to", metavar="CUR", help="the currency the rates are to (default: the reporting currency)")
    importer.set_defaults(run=_rates_import)
    adder = rate_actions.add_parser("add", help="add or replace one day's rate: CUR DATE RATE")
    adder.add_argument("currency")
    adder.add_argument("date")
    adder.add_argument("rate")
    _quote_option(adder)
    adder.set_defaults(run=_rates_add)


def _quote_option(parser) -> None:
    parser.add_argument(
        "--quote",
        choices=list(QUOTES),
        default="per-reporting",
        help="per-reporting (default, as central banks publish): units of the currency for one unit of "
        "the reporting currency; in-reporting: reporting currency for one unit of the currency",
    )


def _show(args, uow) -> int:
    settings = workspace_settings(uow)
    values = {
        "currency": settings.currency,
        "timezone": settings.timezone,
        "financial_year_start": settings.financial_year_start,
        "area": settings.area.text,
    }
    if getattr(args, "json", False):
        print(json.dumps(values, indent=2))
        return 0
    print(f"currency: {settings.currency}")
    print(f"timezone: {settings.timezone}")
    print(f"financial_year_start: {settings.financial_year_start} ({settings.financial_year_months})")
    print(f"area: {settings.area.text or '(not set)'}")
    return 0


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """['currency=GBP', 'area=London;OX1'] -> {...}; InvalidInput naming every pair that is not KEY=VALUE."""
    changes: dict[str, str] = {}
    problems = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(Problem(pair, "is not KEY=VALUE (e.g. currency=GBP)"))
        elif key in changes:
            problems.append(Problem(key, "is given twice"))
        else:
            changes[key] = value
    if problems:
        raise InvalidInput(problems)
    return changes


def _set(args, uow) -> int:
    try:
        changes = parse_pairs(args.pairs)
        update_settings(uow, OPERATOR, convert_with_rates=args.convert_with_rates, **changes)
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {problem}")
        print("Nothing was changed.")
        return 1
    print("Settings changed.")
    return _show(args, uow)


def _rates_show(args, uow) -> int:
    rates = exchange_rates.list_rates(uow, OPERATOR, args.currency.upper() if args.currency else None, None).items
    reporting = workspace_settings(uow).currency
    if not rates:
        print(f"No exchange rates to {reporting} are stored.")
        return 0
    for rate in rates:
        print(
            f"{rate.currency}  {rate.on_date.isoformat()}  1 {rate.currency} = {rate.in_reporting:.6f} {reporting}"
            f"  (as published: {rate.rate}, {rate.quote.value}; {rate.source})"
        )
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _rates_import(args, uow) -> int:
    try:
        result = exchange_rates.import_rates(
            uow, OPERATOR, args.file.name, _read(args.file), QUOTES[args.quote], reporting=args.to
        )
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {problem}")
        print(f"{len(exc.problems)} problem(s) in {args.file.name}; nothing was imported.")
        return 1
    print(
        f"Imported rates to {result.reporting} for {', '.join(result.currencies)} from {result.first} to "
        f"{result.last}: {result.added} new, {result.updated} replaced."
    )
    return 0


def _rates_add(args, uow) -> int:
    try:
        rate = exchange_rates.set_rate(
            uow, OPERATOR, args.currency, args.date, args.rate, QUOTES[args.quote], source="entered on the command line"
        )
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {problem}")
        return 1
    print(f"Saved: 1 {rate.currency} = {rate.in_reporting:.6f} on {rate.on_date.isoformat()}.")
    return 0
