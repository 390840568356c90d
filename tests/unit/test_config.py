"""Settings from the environment: defaults, PostgreSQL driver, and clear errors."""

import pytest

from research import config
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


def write_secrets(tmp_path, text: str):
    path = tmp_path / "secrets.toml"
    path.write_text(text)
    return path


def test_settings_can_come_from_streamlit_secrets(tmp_path):
    secrets = write_secrets(
        tmp_path,
        'DATABASE_URL = "postgresql://app@db.example/ws"\n'
        "SESSION_IDLE_MINUTES = 30\nDEMO_MODE = true\nCOOKIE_SECURE = false\n",
    )
    settings = load_settings({}, secrets)
    assert settings.database_url.host == "db.example" and settings.database_url.get_driver_name() == "psycopg"
    assert settings.session_idle_minutes == 30 and settings.demo_mode and not settings.cookie_secure


def test_the_environment_wins_over_secrets(tmp_path):
    secrets = write_secrets(tmp_path, 'DATABASE_URL = "postgresql://app@db.example/ws"\nSESSION_IDLE_MINUTES = 30\n')
    settings = load_settings({"DATABASE_URL": "sqlite:///x.db", "SESSION_IDLE_MINUTES": ""}, secrets)
    assert settings.is_sqlite and settings.session_idle_minutes == 30


def test_the_process_reads_the_projects_secrets_file(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "SECRETS_FILE", write_secrets(tmp_path, "SESSION_IDLE_MINUTES = 45\n"))
    monkeypatch.delenv("SESSION_IDLE_MINUTES", raising=False)
    assert load_settings().session_idle_minutes == 45
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "50")
    assert load_settings().session_idle_minutes == 50


def test_a_damaged_secrets_file_is_named(tmp_path):
    secrets = write_secrets(tmp_path, "DATABASE_URL = \n")
    with pytest.raises(ConfigError, match=r"secrets\.toml is not valid TOML"):
        load_settings({}, secrets)


def test_no_secrets_file_means_environment_only(tmp_path):
    assert load_settings({}, tmp_path / "missing.toml").is_sqlite
