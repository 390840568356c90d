"""Settings from the environment: defaults, PostgreSQL driver, and clear errors."""

import pytest

from research.config import ConfigError, load_settings


def test_defaults_to_embedded_sqlite_in_data():
    settings = load_settings({})
    assert settings.is_sqlite
    assert settings.database_url.database.endswith("data/workspace.db")
    assert settings.session_idle_minutes == 120 and not settings.demo_mode


def test_postgres_urls_use_psycopg_3():
    settings = load_settings({"DATABASE_URL": "postgresql://u@db.example/ws"})
    assert settings.database_url.get_driver_name() == "psycopg"
    assert load_settings({"DATABASE_URL": "postgresql+psycopg2://u@h/w"}).database_url.get_driver_name() == "psycopg"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "not a url"}, "not a database address"),
        ({"DATABASE_URL": "mysql://u@h/db"}, "supported are sqlite, postgresql"),
        ({"SESSION_IDLE_MINUTES": "soon"}, "SESSION_IDLE_MINUTES must be a positive whole number"),
        ({"SESSION_IDLE_MINUTES": "0"}, "positive"),
    ],
)
def test_bad_settings_say_what_is_wrong(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)
