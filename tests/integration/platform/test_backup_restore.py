"""backup FILE / restore FILE: every row of every table comes back; bad input changes nothing."""

import sqlite3
import threading
from contextlib import closing
from types import SimpleNamespace

import pytest

from research.cli import main
from research.config import load_settings, parse_database_url
from research.db.backup import backup
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import Base
from research.db.restore import restore
from research.db.startup import prepare_database
from research.db.uow import UnitOfWork
from research.demo.seed import seed_demo
from research.domain.errors import DomainError
from research.domain.roles import Role
from research.services.drafting.sections import open_section, save_section
from tests.conftest import _postgres_database
from tests.integration.consistency import every_row, history_problems, sqlite_file_problems
from tests.integration.drafting_support import section_id, start


@pytest.fixture
def run(monkeypatch, capsys):
    """run(args, database_url) -> (returncode, stdout, stderr) of `python -m research`, in this process."""

    def command(args, database_url):
        monkeypatch.setenv("DATABASE_URL", database_url)
        code = main(args)
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return command


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_database(request, tmp_path):
    """new_database() -> URL of an empty database of the parametrised kind."""
    names = iter(range(100))

    def make() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'workspace{next(names)}.db'}"
        return _postgres_database(request)

    return make


def opened(url: str):
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    return engine


def seeded(url: str):
    engine = opened(url)
    seed_demo(UnitOfWork(engine))
    return engine


def backup_name(tmp_path, url: str):
    return tmp_path / ("workspace.db.bak" if url.startswith("sqlite") else "workspace.dump")


def test_restore_into_a_fresh_database_brings_back_every_row_of_every_table(new_database, tmp_path, run):
    source_url, target_url = new_database(), new_database()
    source = seeded(source_url)
    file = backup_name(tmp_path, source_url)
    made = run(["backup", str(file)], source_url)
    assert made.returncode == 0, made.stderr
    restored = run(["restore", str(file)], target_url)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout and "6 users" in restored.stdout
    target = opened(target_url)
    before, after = every_row(source), every_row(target)
    assert set(after) == set(Base.metadata.tables)
    assert sum(map(len, after.values())) > 300
    for table in before:
        assert after[table] == before[table], table
    assert history_problems(target) == []
    source.dispose(), target.dispose()


def test_bad_restores_say_why_and_change_nothing(new_database, tmp_path, run):
    source_url, target_url = new_database(), new_database()
    seeded(source_url).dispose()
    good = backup_name(tmp_path, source_url)
    assert run(["backup", str(good)], source_url).returncode == 0
    target = opened(target_url)
    lead = _researcher(target)
    start(UnitOfWork(target), lead, title="Work that must survive a refused restore")
    kept = every_row(target)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("minutes of the meeting\n")
    wrong_kind = tmp_path / ("other.dump" if target_url.startswith("sqlite") else "other.db")
    wrong_kind.write_bytes(b"PGDMP\x01\x0e" if target_url.startswith("sqlite") else b"SQLite format 3\x00" + bytes(84))
    truncated = tmp_path / f"truncated-{good.name}"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    cases = [
        ([str(tmp_path / "missing.bak")], "There is no backup file at"),
        ([str(truncated), "--force"], "nothing was restored"),
        ([str(not_a_backup)], "is not a backup"),
        ([str(wrong_kind)], "backup; the configured database"),
        ([str(good)], "already holds a workspace"),
    ]
    for args, message in cases:
        result = run(["restore", *args], target_url)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert every_row(target) == kept, args
    forced = run(["restore", str(good), "--force"], target_url)
    assert forced.returncode == 0, forced.stderr
    assert every_row(target) == every_row(seeded_engine := opened(source_url))
    target.dispose(), seeded_engine.dispose()


def test_a_backup_from_a_newer_app_or_another_program_is_refused(tmp_path):
    source_url = f"sqlite:///{tmp_path / 'source.db'}"
    seeded(source_url).dispose()
    file = tmp_path / "future.bak"
    backup(make_engine(parse_database_url(source_url)), file)
    with closing(sqlite3.connect(file)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    other_app = tmp_path / "someone-elses.db"
    with closing(sqlite3.connect(other_app)) as connection, connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    target = opened(f"sqlite:///{tmp_path / 'target.db'}")
    with pytest.raises(DomainError, match="schema revision is 9999_from_the_future"):
        restore(target, file)
    with pytest.raises(DomainError, match="a SQLite file but not a workspace backup"):
        restore(target, other_app)
    assert sum(map(len, every_row(target).values())) == 0
    target.dispose()


def _researcher(engine):
    from tests.ui.conftest import add_user

    return add_user(UnitOfWork(engine), Role.RESEARCHER)


def test_a_backup_taken_while_another_thread_saves_is_consistent(new_database, tmp_path):
    url = new_database()
    engine = opened(url)
    uow = UnitOfWork(engine)
    writer = _researcher(engine)
    sid = section_id(uow, writer, start(uow, writer), "aims")
    saved, stop, errors = threading.Event(), threading.Event(), []

    def keep_saving():
        try:
            for n in range(10_000):
                if stop.is_set():
                    return
                mine = UnitOfWork(engine)
                save_section(mine, writer, sid, f"Aims, draft {n}.", open_section(mine, writer, sid).version)
                if n == 20:
                    saved.set()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            saved.set()

    thread = threading.Thread(target=keep_saving)
    thread.start()
    assert saved.wait(timeout=60)
    file = backup(engine, backup_name(tmp_path, url))
    stop.set()
    thread.join(timeout=60)
    assert errors == []
    if url.startswith("sqlite"):
        assert sqlite_file_problems(file) == []
    copy = opened(new_database())
    restore(copy, file)
    assert history_problems(copy) == []
    with UnitOfWork(copy) as session:
        from research.db.models import Section

        assert session.get(Section, sid).revision_count >= 21
    engine.dispose(), copy.dispose()


def test_missing_or_too_old_postgres_client_is_named(tmp_path, request, monkeypatch):
    engine = opened(_postgres_database(request))
    file = tmp_path / "x.dump"
    file.write_bytes(b"PGDMP")
    old = tmp_path / "bin"
    old.mkdir()
    script = old / "pg_restore"
    script.write_text("#!/bin/sh\necho 'pg_restore (PostgreSQL) 9.6.24'\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(old))
    with pytest.raises(DomainError, match=r"pg_restore is version 9 but the PostgreSQL server is version \d+"):
        restore(engine, file)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(DomainError, match="pg_restore is not installed"):
        restore(engine, file)
    engine.dispose()


def test_restored_workspace_opens_and_takes_writes(tmp_path, run):
    """After restoring, the app's own start-up path opens it and takes a save."""
    source_url, target_url = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 't.db'}"
    seeded(source_url).dispose()
    file = tmp_path / "s.bak"
    assert run(["backup", str(file)], source_url).returncode == 0
    assert run(["restore", str(file)], target_url).returncode == 0
    engine = prepare_database(load_settings())
    uow = UnitOfWork(engine)
    lead = _researcher(engine)
    sid = section_id(uow, lead, start(uow, lead), "aims")
    assert save_section(uow, lead, sid, "Written after the restore.", 0).revision == 1
    assert history_problems(engine) == []
    engine.dispose()
