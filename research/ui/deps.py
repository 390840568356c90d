"""Process-wide resources: settings and the engine, created once and shared.

The engine is cached with functools rather than st.cache_resource because the
sign-in routes (outside any script run) share it with the pages.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine

from research.config import Settings, load_settings
from research.db.startup import prepare_database
from research.db.uow import UnitOfWork
from research.services.common.workspace_settings import use_workspace_settings
from research.services.notify import settings as notify_settings  # importing notify subscribes it to events


def settings() -> Settings:
    return load_settings()


@lru_cache(maxsize=4)
def _engine(database_url: str) -> Engine:
    engine = prepare_database(settings())
    use_workspace_settings(engine)
    return engine


def engine() -> Engine:
    return _engine(settings().database_url.render_as_string(hide_password=False))


def uow() -> UnitOfWork:
    """A fresh unit of work on the shared engine: one per user action."""
    notify_settings.use(settings().mail)
    return UnitOfWork(engine())
