"""A writer that stops in the middle of its transaction, for a test to SIGKILL it there.

python -m tests.integration.interrupted_writer DATABASE_URL MARKER import CSV_FILE
python -m tests.integration.interrupted_writer DATABASE_URL MARKER save SECTION_ID USER_ID

When the statement named in STOP_AFTER has run (so its rows are written, uncommitted), the
writer creates MARKER and waits forever: the test kills it exactly there, never by timing luck.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from sqlalchemy import event

from research.cli.rounds_commands import OPERATOR
from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.round_import import guess_mapping
from research.services.common.actor import Actor
from research.services.drafting.sections import save_section
from research.services.rounds.files import read_round_file
from research.services.rounds.imports import import_rounds

STOP_AFTER = {"import": "INSERT INTO round_clusters", "save": "INSERT INTO section_revisions"}


def stop_inside_transaction(engine, statement_start: str, marker: Path) -> None:
    @event.listens_for(engine, "after_cursor_execute")
    def _stop(_connection, _cursor, statement, *_args):
        if statement.lstrip().startswith(statement_start):
            marker.write_text("inside the transaction")
            threading.Event().wait()


def main(url: str, marker: str, kind: str, *args: str) -> None:
    engine = make_engine(parse_database_url(url))
    uow = UnitOfWork(engine)
    stop_inside_transaction(engine, STOP_AFTER[kind], Path(marker))
    if kind == "import":
        path = Path(args[0])
        table = read_round_file(path.read_bytes(), path.name)
        import_rounds(uow, OPERATOR, table, guess_mapping(list(table.headers)))
    else:
        with uow as session:
            actor = Actor.from_user(session.get(User, int(args[1])))
        save_section(uow, actor, int(args[0]), "Text that must not land half-way.", 0)
    raise SystemExit("the writer finished: it should have been killed inside its transaction")


if __name__ == "__main__":
    main(*sys.argv[1:])
