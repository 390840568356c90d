"""Concurrent writers queue instead of failing; app processes starting together don't race migrations."""

import subprocess
import sys
import threading

import pytest
from sqlalchemy import select

from research.config import ROOT, parse_database_url
from research.db.engine import make_engine
from research.db.migrate import is_at_head, upgrade_to_head
from research.db.models import Cluster
from research.db.uow import UnitOfWork
from tests.conftest import _postgres_database

THREADS, ROUNDS = 8, 25


def test_sqlite_read_modify_writes_from_many_threads_all_land(tmp_path):
    engine = make_engine(parse_database_url(f"sqlite:///{tmp_path / 'busy.db'}"))
    upgrade_to_head(engine)
    with UnitOfWork(engine) as session:
        session.add(Cluster(name="counter", description="0"))
    errors = []

    def work():
        for _ in range(ROUNDS):
            try:
                with UnitOfWork(engine) as session:
                    cluster = session.scalar(select(Cluster).where(Cluster.name == "counter"))
                    cluster.description = str(int(cluster.description) + 1)
            except Exception as exc:  # noqa: BLE001 - the test reports any failure
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with UnitOfWork(engine) as session:
        final = session.scalar(select(Cluster.description).where(Cluster.name == "counter"))
    assert errors == []
    assert int(final) == THREADS * ROUNDS
    engine.dispose()


MIGRATE = (
    "from research.config import parse_database_url as p; from research.db.engine import make_engine as m; "
    "from research.db.migrate import upgrade_to_head as u; import sys; u(m(p(sys.argv[1])))"
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return _postgres_database(request)


def test_processes_starting_together_do_not_race_their_migrations(empty_database):
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, empty_database],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in processes]
    assert [code for _, _, code in results] == [0, 0, 0], [err[-800:] for _, err, _ in results]
    engine = make_engine(parse_database_url(empty_database))
    assert is_at_head(engine)
    engine.dispose()
