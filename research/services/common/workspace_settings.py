"""The workspace's settings: reporting currency, time zone, financial-year start month and area.

Stored in one row of `workspace_settings`; a value not set there falls back to the environment
(REPORTING_CURRENCY, TIME_ZONE, FINANCIAL_YEAR_START: research/config.py), then to the defaults
(NZD, Pacific/Auckland, July, no area). `use_workspace_settings(engine)` makes
`workspace_locale()` read them: a cached read, refreshed at once after a change in this process
and every few seconds for changes made by another process.

Changing the time zone moves the accounts still on the old one (the default each was given) to the
new one; a financial-year start relabels the cluster grants' years it had decided.

Changing the currency while money is recorded is refused unless `convert_with_rates` is given:
then every award's amount in the reporting currency (the shipped column `awards.amount_nzd`) is
recomputed from its original amount and currency at the rate of its date, and every cluster grant
is converted the same way, its first amount kept in `original_amount` / `original_currency`.
One award without a rate refuses the whole change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from research.db.models import Award, ClusterGrant, User, WorkspaceSettingsRow
from research.db.models.settings import SETTINGS_ROW
from research.db.uow import UnitOfWork
from research.domain.area import Area
from research.domain.clock import utcnow
from research.domain.errors import InvalidInput, Problem
from research.domain.locale import Locale, locale_source, set_locale_source, workspace_locale
from research.domain.rates import RatesUsed, RateTable
from research.domain.roi import financial_year_starting
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.exchange_rates import load_rates
from research.services.common.rows import rows_changed

SETTING_KEYS = ("currency", "timezone", "financial_year_start", "area")
REFRESH_SECONDS = 5.0
_SELECT = "SELECT currency, timezone, financial_year_start, area FROM workspace_settings WHERE id = 1"


def parse_settings(changes: Mapping[str, object], base: Locale) -> Locale:
    """`base` with `changes` applied; InvalidInput naming every bad key or value (nothing half-applied)."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, raw in changes.items():
        if key not in SETTING_KEYS:
            problems.append(Problem(key, f"is not a setting (settings: {', '.join(SETTING_KEYS)})"))
            continue
        text = "" if raw is None else str(raw).strip()
        try:
            values[key] = _parse_value(key, text, base)
        except ValueError as exc:
            problems.append(Problem(key, str(exc)))
    if problems:
        raise InvalidInput(problems)
    return replace(base, **values)


def _parse_value(key: str, text: str, base: Locale) -> object:
    if key == "area":
        return Area.parse(text)
    if key == "financial_year_start":
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 12):
            raise ValueError(f"must be a month number from 1 to 12, not {text!r}")
        return int(text)
    if not text:
        raise ValueError("must not be empty")
    value = text.upper() if key == "currency" else text
    change: dict[str, Any] = {key: value}
    try:
        replace(base, **change)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    return value


def workspace_settings(uow: UnitOfWork) -> Locale:
    """The settings in force: currency, timezone, financial_year_start and area (an Area)."""
    with uow as session:
        return _stored(session, _fallback())


def update_settings(uow: UnitOfWork, actor: Actor, *, convert_with_rates: bool = False, **changes: object) -> Locale:
    """Change some settings (admin only), all or nothing; returns the settings now in force."""
    require(actor.role, Action.MANAGE_WORKSPACE)
    with uow as session:
        before = _stored(session, _fallback())
        after = parse_settings(changes, before)
        converted = _change_currency(session, before.currency, after.currency, convert_with_rates)
        relabelled = _relabel_grant_years(session, before.financial_year_start, after.financial_year_start)
        moved = _move_users_time_zone(session, before.timezone, after.timezone)
        row = session.get(WorkspaceSettingsRow, SETTINGS_ROW) or WorkspaceSettingsRow(id=SETTINGS_ROW, area="")
        for key in changes:
            setattr(row, key, str(after.area) if key == "area" else getattr(after, key))
        row.updated_at, row.updated_by_id = utcnow(), actor.audit_id
        session.add(row)
        changed = {k: str(getattr(after, k)) for k in changes if getattr(after, k) != getattr(before, k)}
        if changed:
            record(
                session,
                actor.audit_id,
                "changed workspace settings",
                "workspace",
                None,
                **changed,
                **converted,
                **relabelled,
                **moved,
            )
    refresh_workspace_settings(uow.engine)
    return after


def _change_currency(session: Session, old: str, new: str, convert: bool) -> dict[str, Any]:
    if old == new:
        return {}
    awards = session.scalar(select(func.count(Award.id))) or 0
    grants = session.scalar(select(func.count(ClusterGrant.id))) or 0
    if not awards and not grants:
        return {}
    if not convert:
        raise InvalidInput(
            Problem(
                "currency",
                f"money is already recorded in {old} ({awards} award(s), {grants} cluster grant(s)); "
                f"convert it with the exchange rates to {new} (--convert-with-rates), or keep {old}",
            )
        )
    table = RateTable(new, load_rates(session, new))
    used = RatesUsed(table)
    grant_used = RatesUsed(table, noun="cluster grant")
    award_rows = session.execute(select(Award.id, Award.amount, Award.currency, Award.awarded_on)).all()
    award_values = {row.id: used.convert(row.amount, row.currency, row.awarded_on) for row in award_rows}
    grant_list = list(session.scalars(select(ClusterGrant)))
    grant_values = {
        g.id: grant_used.convert(
            g.original_amount if g.original_amount is not None else g.amount,
            g.original_currency or g.currency,
            g.granted_on,
        )
        for g in grant_list
    }
    missing = used.missing_problems("currency") + grant_used.missing_problems("currency")
    if missing:
        raise InvalidInput(missing)
    _write_conversions(session, award_values, grant_list, grant_values, new)
    return {"converted": used.used_lines() + grant_used.used_lines()}


def _move_users_time_zone(session: Session, old: str, new: str) -> dict[str, Any]:
    """Accounts still on the workspace's old time zone (the default they were given) move to the new one."""
    if old == new:
        return {}
    moved = rows_changed(session.execute(update(User).where(User.timezone == old).values(timezone=new)))
    return {"users_moved_to_new_time_zone": moved} if moved else {}


def _relabel_grant_years(session: Session, old: int, new: int) -> dict[str, Any]:
    """Grants whose financial year was the one their date fell in get the label of the new year;
    a year typed differently by hand is kept."""
    if old == new:
        return {}
    count = 0
    for grant in session.scalars(select(ClusterGrant)):
        if grant.financial_year == financial_year_starting(grant.granted_on, old):
            label = financial_year_starting(grant.granted_on, new)
            if label != grant.financial_year:
                grant.financial_year, count = label, count + 1
    return {"grant_years_relabelled": count} if count else {}


def _write_conversions(
    session: Session,
    award_values: Mapping[int, Decimal | None],
    grants: list[ClusterGrant],
    grant_values: Mapping[int, Decimal | None],
    new: str,
) -> None:
    now = utcnow()
    if award_values:
        session.execute(update(Award), [{"id": i, "amount_nzd": v, "updated_at": now} for i, v in award_values.items()])
    for grant in grants:
        if grant.original_amount is None:
            grant.original_amount, grant.original_currency = grant.amount, grant.currency
        value = grant_values[grant.id]
        if value is not None:
            grant.amount, grant.currency, grant.updated_at = value, new, now


def _stored(session: Session, fallback: Locale) -> Locale:
    row = session.get(WorkspaceSettingsRow, SETTINGS_ROW)
    if row is None:
        return fallback
    return _merge(fallback, row.currency, row.timezone, row.financial_year_start, row.area)


def _merge(fallback: Locale, currency: str | None, timezone: str | None, start: int | None, area: str | None) -> Locale:
    """The stored values over `fallback`; a stored value no longer valid keeps the fallback's."""
    locale = fallback
    for key, value in (("currency", currency), ("timezone", timezone), ("financial_year_start", start)):
        if value is not None:
            change: dict[str, Any] = {key: value}
            try:
                locale = replace(locale, **change)
            except ValueError:
                continue
    try:
        return replace(locale, area=Area.parse(area or ""))
    except ValueError:
        return locale


# The locale source ------------------------------------------------------------------------------


class _SettingsSource:
    """`workspace_locale()` reading the settings of one database: cached, refreshed every few seconds.

    It reads with a bare driver connection outside any transaction, so a read while the caller holds
    SQLite's write lock (inside an import) never waits for that lock.
    """

    def __init__(self, engine: Engine, fallback: Callable[[], Locale]):
        self.engine, self.fallback = engine, fallback
        self._value: Locale | None = None
        self._read_at = 0.0

    def __call__(self) -> Locale:
        value, now = self._value, time.monotonic()
        if value is None or now - self._read_at > REFRESH_SECONDS:
            value = self._value = self._read()
            self._read_at = now
        return value

    def refresh(self) -> None:
        self._value = None

    def _read(self) -> Locale:
        fallback = self.fallback()
        try:
            connection = self.engine.raw_connection()
        except Exception:  # noqa: BLE001 - an unreachable database keeps the fallback; the app reports it elsewhere
            return self._value or fallback
        try:
            cursor = connection.cursor()
            cursor.execute(_SELECT)
            row = cursor.fetchone()
            cursor.close()
        except Exception:  # noqa: BLE001 - no table yet (before migrating): the fallback
            return fallback
        finally:
            connection.close()
        return _merge(fallback, *row) if row else fallback


def _fallback() -> Locale:
    source = _installed
    return source.fallback() if source else workspace_locale()


_installed: _SettingsSource | None = None


def use_workspace_settings(engine: Engine) -> Callable[[], Locale]:
    """Make `workspace_locale()` read `engine`'s settings; returns the source it replaced (to restore)."""
    global _installed
    if _installed is not None and _installed.engine is engine:
        _installed.refresh()
        return _installed
    fallback = _installed.fallback if _installed else locale_source()
    source = _SettingsSource(engine, fallback)
    previous = set_locale_source(source)
    _installed = source
    return previous


def restore_locale_source(previous: Callable[[], Locale]) -> None:
    """Undo `use_workspace_settings` (tests)."""
    global _installed
    set_locale_source(previous)
    _installed = previous if isinstance(previous, _SettingsSource) else None


def refresh_workspace_settings(engine: Engine) -> None:
    """Read the settings again on the next `workspace_locale()` (after a change)."""
    if _installed is not None and _installed.engine is engine:
        _installed.refresh()
