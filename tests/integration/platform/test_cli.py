"""python -m research: migrate, create-user, seed-demo, and clear errors without tracebacks."""

import os
import subprocess
import sys

import pytest

from research.config import ROOT


def run(args, database_url, **env):
    return subprocess.run(
        [sys.executable, "-m", "research", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url, **env},
        timeout=120,
    )


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_migrate_create_user_and_seed_demo(db):
    assert run(["migrate"], db).returncode == 0
    created = run(
        ["create-user", "aroha", "--name", "Aroha Ngata", "--role", "admin", "--password-env", "PW"],
        db,
        PW="a-long-password",
    )
    assert created.returncode == 0 and "Created admin aroha" in created.stdout
    refused = run(["seed-demo"], db)
    assert refused.returncode == 2 and "only be loaded into an empty workspace" in refused.stderr


def test_seed_demo_prints_one_account_per_role(db):
    result = run(["seed-demo"], db)
    assert result.returncode == 0
    for role in ("admin", "manager", "researcher", "reviewer"):
        assert role in result.stdout


def test_create_user_with_a_bad_password_says_why(db):
    result = run(["create-user", "x", "--name", "X", "--role", "admin", "--password-env", "PW"], db, PW="short")
    assert result.returncode == 1
    assert "username" in result.stdout and "at least 10 characters" in result.stdout


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database address"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "Cannot reach the database"),
        ("sqlite:////no/such/folder/x.db", "folder for the SQLite database does not exist"),
    ],
)
def test_bad_database_settings_give_a_message_not_a_traceback(url, message):
    result = run(["migrate"], url)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_backup_writes_a_consistent_copy_and_never_overwrites(db, tmp_path):
    import sqlite3

    assert run(["seed-demo"], db).returncode == 0
    target = tmp_path / "backup.db"
    result = run(["backup", str(target)], db)
    assert result.returncode == 0 and "Backed up" in result.stdout
    with sqlite3.connect(target) as copy:
        assert copy.execute("select count(*) from users").fetchone()[0] == 6
    again = run(["backup", "-o", str(target)], db)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_backup_of_postgres_uses_pg_dump(tmp_path, request):
    from tests.conftest import _postgres_database

    url = _postgres_database(request)
    assert run(["seed-demo"], url).returncode == 0
    target = tmp_path / "pg.dump"
    result = run(["backup", "-o", str(target)], url)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:5] == b"PGDMP"
