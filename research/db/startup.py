"""Getting a database ready to use: engine, reachability, schema at head."""

from __future__ import annotations

from sqlalchemy import Engine

from research.config import Settings
from research.db.engine import check_connection, make_engine
from research.db.migrate import upgrade_to_head


def prepare_database(settings: Settings) -> Engine:
    engine = make_engine(settings.database_url)
    check_connection(engine)
    upgrade_to_head(engine)
    return engine
