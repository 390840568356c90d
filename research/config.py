"""Settings read from the environment or .streamlit/secrets.toml, with an embedded SQLite default.

secrets.toml holds the same names as the environment, at its top level (DATABASE_URL = "...");
a variable set in the environment wins over the file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from research.domain.locale import Locale, set_locale_source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'data' / 'workspace.db'}"
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
SUPPORTED_DRIVERS = ("sqlite", "postgresql")


class ConfigError(Exception):
    """A setting in the environment is wrong; the message says which and how."""


SMTP_TLS_MODES = ("none", "starttls", "tls")


@dataclass(frozen=True)
class MailSettings:
    """Where email goes out; with no SMTP_HOST nothing is sent (in-app notices still work)."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_tls: str = "none"
    mail_from: str = "workspace@localhost"
    app_url: str = "http://localhost:8501"

    @property
    def enabled(self) -> bool:
        return bool(self.smtp_host)


def mail_settings(env: dict[str, str]) -> MailSettings:
    tls = (env.get("SMTP_TLS") or "none").strip().lower()
    if tls not in SMTP_TLS_MODES:
        raise ConfigError(f"SMTP_TLS must be one of {', '.join(SMTP_TLS_MODES)}, not {tls!r}.")
    default_port = {"none": 25, "starttls": 587, "tls": 465}[tls]
    port = (env.get("SMTP_PORT") or "").strip()
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        raise ConfigError(f"SMTP_PORT must be a port number (1-65535), not {port!r}.")
    return MailSettings(
        smtp_host=(env.get("SMTP_HOST") or "").strip(),
        smtp_port=int(port) if port else default_port,
        smtp_user=env.get("SMTP_USER") or "",
        smtp_password=env.get("SMTP_PASSWORD") or "",
        smtp_tls=tls,
        mail_from=(env.get("MAIL_FROM") or "workspace@localhost").strip(),
        app_url=(env.get("APP_URL") or "http://localhost:8501").strip().rstrip("/"),
    )


@dataclass(frozen=True)
class Settings:
    database_url: URL
    session_idle_minutes: int = 120
    demo_mode: bool = False
    templates_dir: Path = ROOT / "templates"
    cache_dir: Path = ROOT / "data" / "cache"  # measured page counts (safe to delete)
    cookie_secure: bool = False
    locale: Locale = field(default_factory=Locale)
    mail: MailSettings = field(default_factory=MailSettings)
    notify_every_minutes: int = 0  # 0: the app runs no notify pass itself (use cron or a systemd timer)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.get_backend_name() == "sqlite"


def parse_database_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(
            f"DATABASE_URL {raw!r} is not a database address. "
            "Use e.g. sqlite:///data/workspace.db or "
            "postgresql+psycopg://user@localhost/workspace."
        ) from exc
    if url.get_backend_name() not in SUPPORTED_DRIVERS:
        raise ConfigError(
            f"DATABASE_URL uses {url.get_backend_name()!r}; supported are {', '.join(SUPPORTED_DRIVERS)}."
        )
    if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url


def _int_setting(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name} must be a positive whole number of minutes, not {raw!r}.")
    return int(raw)


def _optional_int(env: dict[str, str], name: str) -> int:
    raw = env.get(name, "").strip()
    if raw and not raw.isdigit():
        raise ConfigError(f"{name} must be a whole number of minutes (0 or empty: off), not {raw!r}.")
    return int(raw or 0)


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def read_secrets(path: Path) -> dict[str, str]:
    """The file's top-level values as environment-style strings (true -> "1"); {} when there is no file."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    flags = {True: "1", False: ""}
    return {
        key: flags.get(value, str(value)) if isinstance(value, bool) else str(value)
        for key, value in data.items()
        if isinstance(value, str | int | float | bool)
    }


def _merged(env: dict[str, str] | None, secrets_file: Path | None) -> dict[str, str]:
    if env is None:
        env, secrets_file = dict(os.environ), secrets_file or SECRETS_FILE
    secrets = read_secrets(secrets_file) if secrets_file else {}
    return {**secrets, **{name: value for name, value in env.items() if value.strip()}}


def load_settings(env: dict[str, str] | None = None, secrets_file: Path | None = None) -> Settings:
    """Settings from `env` (default: the process environment, over SECRETS_FILE)."""
    env = _merged(env, secrets_file)
    return Settings(
        database_url=parse_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        session_idle_minutes=_int_setting(env, "SESSION_IDLE_MINUTES", 120),
        demo_mode=_flag(env, "DEMO_MODE"),
        templates_dir=Path(env.get("TEMPLATES_DIR") or ROOT / "templates"),
        cache_dir=Path(env.get("CACHE_DIR") or ROOT / "data" / "cache"),
        cookie_secure=_flag(env, "COOKIE_SECURE"),
        locale=parse_locale(env),
        mail=mail_settings(env),
        notify_every_minutes=_optional_int(env, "NOTIFY_EVERY_MINUTES"),
    )


def parse_locale(env: dict[str, str]) -> Locale:
    """REPORTING_CURRENCY, TIME_ZONE and FINANCIAL_YEAR_START (a month, 1-12); blank ones keep the defaults."""
    default = Locale()
    month = env.get("FINANCIAL_YEAR_START", "").strip()
    if month and not (month.isascii() and month.isdigit() and 1 <= int(month) <= 12):
        raise ConfigError(f"FINANCIAL_YEAR_START must be a month number from 1 to 12, not {month!r}.")
    try:
        return Locale(
            currency=env.get("REPORTING_CURRENCY", "").strip().upper() or default.currency,
            timezone=env.get("TIME_ZONE", "").strip() or default.timezone,
            financial_year_start=int(month) if month else default.financial_year_start,
        )
    except ValueError as exc:
        raise ConfigError(f"Locale setting: {exc}.") from None


@cache
def process_locale() -> Locale:
    """The locale this process was started with (environment over secrets.toml), read once."""
    return parse_locale(_merged(None, None))


set_locale_source(process_locale)
