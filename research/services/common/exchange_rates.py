"""The dated exchange rates to the reporting currency: reading, converting, editing and importing.

`rate_table(uow)` is what importers and reports convert with (`table.to_reporting(amount, currency,
on_date)`, or a `RatesUsed` over it for the report's "rates used" lines); `to_reporting` converts
one amount. Rates are kept per reporting currency, so rates to GBP can be loaded before the
workspace changes to GBP (see workspace_settings.update_settings(convert_with_rates=True)).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from research.adapters.table_files import read_table
from research.db.models import ExchangeRate
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.locale import workspace_locale
from research.domain.money import parse_currency
from research.domain.rates import Quote, Rate, RateTable, parse_rate_date, parse_rate_value, read_rate_rows
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.listing import LIST_LIMIT

SOURCE_LIMIT = 200


@dataclass(frozen=True)
class RateView:
    id: int
    currency: str
    on_date: date
    rate: Decimal
    quote: Quote
    in_reporting: Decimal  # reporting currency for one unit of the currency
    source: str


@dataclass(frozen=True)
class RatesImport:
    reporting: str
    added: int
    updated: int
    currencies: tuple[str, ...]
    first: date | None
    last: date | None


def load_rates(session: Session, reporting: str) -> list[Rate]:
    rows = session.execute(
        select(ExchangeRate.currency, ExchangeRate.on_date, ExchangeRate.rate, ExchangeRate.quote).where(
            ExchangeRate.reporting == reporting
        )
    ).all()
    return [Rate(r.currency, r.on_date, Decimal(r.rate), Quote(r.quote)) for r in rows]


def rate_table(uow: UnitOfWork, flat: Mapping[str, Decimal] | None = None, reporting: str | None = None) -> RateTable:
    """The stored rates to the reporting currency (or `reporting`), with `flat` (`--rate`) over them."""
    reporting = reporting or workspace_locale().currency
    with uow as session:
        return RateTable(reporting, load_rates(session, reporting), flat)


def to_reporting(uow: UnitOfWork, amount: Decimal, currency: str, on_date: date) -> Decimal:
    """`amount` of `currency` in the reporting currency at the latest rate on or before `on_date` (NoRate if none)."""
    return rate_table(uow).to_reporting(amount, currency, on_date)


@dataclass(frozen=True)
class RateListing:
    items: tuple[RateView, ...]  # the first `limit`, by currency and newest first
    total: int  # how many match in all
    currencies: tuple[str, ...]  # every currency with a rate to the reporting currency

    @property
    def partial(self) -> bool:
        return len(self.items) < self.total


def list_rates(
    uow: UnitOfWork, actor: Actor, currency: str | None = None, limit: int | None = LIST_LIMIT
) -> RateListing:
    """The rates to the reporting currency (of one currency), newest first per currency; `limit` None: all."""
    require(actor.role, Action.VIEW_ROI_DASHBOARD)
    reporting = workspace_locale().currency
    condition = ExchangeRate.reporting == reporting
    matching = and_(condition, ExchangeRate.currency == currency) if currency else condition
    with uow as session:
        rows = session.scalars(
            select(ExchangeRate)
            .where(matching)
            .order_by(ExchangeRate.currency, ExchangeRate.on_date.desc())
            .limit(limit)
        ).all()
        total = session.scalar(select(func.count(ExchangeRate.id)).where(matching)) or 0
        codes = session.scalars(
            select(ExchangeRate.currency).where(condition).distinct().order_by(ExchangeRate.currency)
        )
        return RateListing(tuple(_view(r) for r in rows), total, tuple(codes))


def _view(row: ExchangeRate) -> RateView:
    rate = Rate(row.currency, row.on_date, Decimal(f"{Decimal(row.rate).normalize():f}"), Quote(row.quote))
    return RateView(row.id, row.currency, row.on_date, rate.rate, rate.quote, rate.in_reporting, row.source)


def set_rate(
    uow: UnitOfWork,
    actor: Actor,
    currency: object,
    on_date: object,
    rate: object,
    quote: Quote | str = Quote.PER_REPORTING,
    source: str = "entered in the app",
) -> RateView:
    """Add the rate of `currency` on `on_date`, or replace the one that day has."""
    require(actor.role, Action.MANAGE_WORKSPACE)
    reporting = workspace_locale().currency
    value = _checked_rate(currency, on_date, rate, Quote(quote), reporting)
    with uow as session:
        row = _upsert(session, reporting, value, source[:SOURCE_LIMIT])
        session.flush()
        record(
            session,
            actor.audit_id,
            "set exchange rate",
            "exchange_rate",
            row.id,
            currency=value.currency,
            on=value.on.isoformat(),
            rate=str(value.rate),
            quote=value.quote.value,
        )
        return _view(row)


def _checked_rate(currency: object, on_date: object, rate: object, quote: Quote, reporting: str) -> Rate:
    problems: list[Problem] = []
    code, day, number = None, None, None
    try:
        code = parse_currency(currency)
        if code == reporting:
            problems.append(Problem("Currency", f"{code} is the reporting currency; it needs no rate"))
    except ValueError as exc:
        problems.append(Problem("Currency", str(exc)))
    try:
        day = parse_rate_date(on_date)
    except ValueError as exc:
        problems.append(Problem("Date", str(exc)))
    try:
        number = parse_rate_value(rate)
    except ValueError as exc:
        problems.append(Problem("Rate", str(exc)))
    if problems or code is None or day is None or number is None:
        raise InvalidInput(problems)
    return Rate(code, day, number, quote)


def _upsert(session: Session, reporting: str, rate: Rate, source: str) -> ExchangeRate:
    row = session.scalar(
        select(ExchangeRate).where(
            ExchangeRate.reporting == reporting,
            ExchangeRate.currency == rate.currency,
            ExchangeRate.on_date == rate.on,
        )
    )
    if row is None:
        row = ExchangeRate(reporting=reporting, currency=rate.currency, on_date=rate.on)
        session.add(row)
    row.rate, row.quote, row.source = rate.rate, rate.quote.value, source
    return row


def delete_rate(uow: UnitOfWork, actor: Actor, rate_id: int) -> None:
    require(actor.role, Action.MANAGE_WORKSPACE)
    with uow as session:
        row = session.get(ExchangeRate, rate_id)
        if row is None:
            raise NotFound(f"There is no exchange rate {rate_id}.")
        record(
            session,
            actor.audit_id,
            "deleted exchange rate",
            "exchange_rate",
            rate_id,
            currency=row.currency,
            on=row.on_date.isoformat(),
            rate=str(row.rate),
        )
        session.execute(delete(ExchangeRate).where(ExchangeRate.id == rate_id))


def import_rates(
    uow: UnitOfWork,
    actor: Actor,
    filename: str,
    content: bytes,
    quote: Quote | str = Quote.PER_REPORTING,
    reporting: str | None = None,
) -> RatesImport:
    """A central bank's series (a date column and one column per currency) or currency,date,rate rows.

    All or nothing: a bad cell refuses the file, naming its line and column. Rates already stored
    for a currency and day are replaced. `reporting`: the currency the rates are to (default: the
    reporting currency), e.g. GBP before changing the workspace to GBP.
    """
    require(actor.role, Action.MANAGE_WORKSPACE)
    try:
        reporting = parse_currency(reporting) if reporting else workspace_locale().currency
    except ValueError as exc:
        raise InvalidInput(Problem("reporting currency", str(exc))) from None
    titles, rows = read_table(filename, content)
    rates, problems = read_rate_rows(filename, titles, rows, reporting, Quote(quote))
    if problems:
        raise InvalidInput(problems)
    with uow as session:
        existing = {
            (r.currency, r.on_date): r
            for r in session.scalars(select(ExchangeRate).where(ExchangeRate.reporting == reporting))
        }
        source = f"imported from {filename}"[:SOURCE_LIMIT]
        added = 0
        for rate in rates:
            row = existing.get((rate.currency, rate.on))
            if row is None:
                added += 1
                session.add(
                    ExchangeRate(
                        reporting=reporting,
                        currency=rate.currency,
                        on_date=rate.on,
                        rate=rate.rate,
                        quote=rate.quote.value,
                        source=source,
                    )
                )
            else:
                row.rate, row.quote, row.source = rate.rate, rate.quote.value, source
        result = RatesImport(
            reporting,
            added,
            len(rates) - added,
            tuple(sorted({r.currency for r in rates})),
            min(r.on for r in rates),
            max(r.on for r in rates),
        )
        record(
            session,
            actor.audit_id,
            "imported exchange rates",
            "exchange_rate",
            None,
            file=filename,
            reporting=reporting,
            added=added,
            updated=result.updated,
            currencies=list(result.currencies),
        )
        return result
