"""Alembic environment: runs on the app's own connection when one is given.

fileConfig() is deliberately not called: it would silence the app's loggers.
"""

from alembic import context

from research.config import load_settings
from research.db.engine import make_engine
from research.db.migrate import sqlite_foreign_keys_off
from research.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(load_settings().database_url)
    with engine.connect() as connection, sqlite_foreign_keys_off(connection):
        _run(connection)
    engine.dispose()


run_migrations_online()
