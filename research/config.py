"""Settings read from the environment, with an embedded SQLite default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'data' / 'workspace.db'}"
SUPPORTED_DRIVERS = ("sqlite", "postgresql")


class ConfigError(Exception):
    """A setting in the environment is wrong; the message says which and how."""


@dataclass(frozen=True)
class Settings:
    database_url: URL
    session_idle_minutes: int = 120
    demo_mode: bool = False
    templates_dir: Path = ROOT / "templates"
    cookie_secure: bool = False

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
            f"DATABASE_URL uses {url.get_backend_name()!r}; "
            f"supported are {', '.join(SUPPORTED_DRIVERS)}."
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


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    return Settings(
        database_url=parse_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        session_idle_minutes=_int_setting(env, "SESSION_IDLE_MINUTES", 120),
        demo_mode=_flag(env, "DEMO_MODE"),
        templates_dir=Path(env.get("TEMPLATES_DIR") or ROOT / "templates"),
        cookie_secure=_flag(env, "COOKIE_SECURE"),
    )
