"""A writer killed (SIGKILL) in the middle of its transaction leaves the database whole and usable.

The writer (tests/integration/interrupted_writer.py) signals from inside its transaction, after
its rows are written but before the commit, and is killed there.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from research.cli.rounds_commands import OPERATOR
from research.config import ROOT
from research.db.migrate import is_at_head
from research.db.models import AuditEvent, Cluster, Funder, FundingRound, Section, SectionRevision, round_clusters
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.domain.round_import import guess_mapping
from research.services.drafting.sections import save_section
from research.services.rounds.files import read_round_file
from research.services.rounds.imports import import_rounds
from tests.integration.consistency import every_row, history_problems, sqlite_file_problems
from tests.integration.drafting_support import section_id, start
from tests.ui.conftest import add_user

ROUNDS = 3000


def kill_inside_transaction(tmp_path: Path, url: str, *args: str) -> None:
    marker = tmp_path / "inside-transaction"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.interrupted_writer", url, str(marker), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    try:
        while not marker.exists():
            if writer.poll() is not None:
                pytest.fail(f"the writer ended before it was killed: {writer.communicate()[1][-2000:]}")
            assert time.monotonic() < deadline, "the writer never reached the middle of its transaction"
            time.sleep(0.05)
    finally:
        if writer.poll() is None:
            os.kill(writer.pid, signal.SIGKILL)
        writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGKILL


def assert_whole(url: str, engine) -> None:
    engine.dispose()  # as a restarted app would: new connections, SQLite recovers its WAL
    if url.startswith("sqlite"):
        assert sqlite_file_problems(engine.url.database) == []
    assert is_at_head(engine)
    assert history_problems(engine) == []


def rounds_file(tmp_path: Path) -> Path:
    lines = ["Funder,Scheme,Closes,Clusters"] + [
        f"Marsden Fund,Scheme {n},2027-02-20 12:00,Research" for n in range(ROUNDS)
    ]
    path = tmp_path / "rounds.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_a_rounds_import_killed_before_its_commit_writes_nothing_and_can_run_again(own_database, tmp_path):
    url, engine = own_database
    with UnitOfWork(engine) as session:
        session.add_all([Funder(name="Marsden Fund"), Cluster(name="Research")])
    before = every_row(engine)
    csv = rounds_file(tmp_path)
    kill_inside_transaction(tmp_path, url, "import", str(csv))
    assert_whole(url, engine)
    assert every_row(engine) == before
    table = read_round_file(csv.read_bytes(), csv.name)
    report = import_rounds(UnitOfWork(engine), OPERATOR, table, guess_mapping(list(table.headers)))
    assert report.written and report.to_create == ROUNDS
    assert count(engine, FundingRound) == ROUNDS and count(engine, round_clusters) == ROUNDS
    assert count(engine, AuditEvent) == 1


def test_a_section_save_killed_before_its_commit_leaves_version_and_history_as_they_were(own_database, tmp_path):
    url, engine = own_database
    uow = UnitOfWork(engine)
    lead = add_user(uow, Role.RESEARCHER)
    sid = section_id(uow, lead, start(uow, lead), "aims")
    assert save_section(uow, lead, sid, "The last text that was saved.", 0).revision == 1
    before = every_row(engine)
    kill_inside_transaction(tmp_path, url, "save", str(sid), str(lead.id))
    assert_whole(url, engine)
    assert every_row(engine) == before
    after = save_section(uow, lead, sid, "Saved after the crash.", 1)
    assert after.saved and after.revision == 2
    with uow as session:
        assert [
            r.body
            for r in session.scalars(
                select(SectionRevision).where(SectionRevision.section_id == sid).order_by(SectionRevision.number)
            )
        ] == ["The last text that was saved.", "Saved after the crash."]
        assert session.get(Section, sid).version == 2
    assert history_problems(engine) == []
