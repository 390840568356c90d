"""Saving a section with 5,000 earlier revisions vs with none: the save path must not read history.

    PYTHONPATH=. python -m bench.section_save            # a temporary SQLite database
    BENCH_DATABASE_URL=postgresql+psycopg://... PYTHONPATH=. python -m bench.section_save

Prints the median and 95th-percentile time of a save in each section and their ratio
(about 1x when the save never loads earlier revisions).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, update

from bench.summary import Result, ratio_result
from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import Section, SectionRevision, User
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.roles import Role
from research.services.common.actor import Actor
from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import start_application
from research.services.drafting.sections import open_section, save_section

EARLIER = 5_000
SAVES = 150
PARAGRAPH = (
    "The trial follows every child who fails the screen to an audiology appointment, and records "
    "how long it takes and what stops families from going. "
) * 6


def _researcher(uow: UnitOfWork) -> Actor:
    with uow as session:
        user = User(username="bench", display_name="Bench Writer", role=Role.RESEARCHER.value, password_hash="!")  # noqa: S106 - not a hash: this account can never sign in
        session.add(user)
        session.flush()
        return Actor.from_user(user)


def _with_history(uow: UnitOfWork, actor: Actor, section_id: int, count: int) -> None:
    now = utcnow()
    rows = [
        {
            "section_id": section_id,
            "number": n,
            "body": f"{PARAGRAPH}\n\nDraft {n}.",
            "author_id": actor.id,
            "created_at": now,
            "kind": "save",
            "based_on": n - 1 or None,
            "note": "",
        }
        for n in range(1, count + 1)
    ]
    with uow as session:
        for start in range(0, count, 1000):
            session.execute(insert(SectionRevision), rows[start : start + 1000])
        session.execute(
            update(Section)
            .where(Section.id == section_id)
            .values(version=count, revision_count=count, body=rows[-1]["body"])
        )


def _time_saves(uow: UnitOfWork, actor: Actor, section_ids: list[int], saves: int) -> list[list[float]]:
    """Saves alternate between the sections, so warm-up and caching favour neither."""
    versions = [open_section(uow, actor, sid).version for sid in section_ids]
    timings: list[list[float]] = [[] for _ in section_ids]
    for n in range(saves):
        for index, section_id in enumerate(section_ids):
            started = time.perf_counter()
            outcome = save_section(uow, actor, section_id, f"{PARAGRAPH}\n\nSave {n}.", versions[index])
            timings[index].append(time.perf_counter() - started)
            assert outcome.saved, "a sequential save must never conflict"
            versions[index] = outcome.section.version
    return timings


def _describe(label: str, timings: list[float]) -> float:
    median = statistics.median(timings) * 1000
    p95 = sorted(timings)[int(0.95 * len(timings))] * 1000
    print(f"{label:<36} median {median:7.2f} ms   p95 {p95:7.2f} ms   ({len(timings)} saves)")
    return median


def run(url: str, earlier: int = EARLIER, saves: int = SAVES) -> list[Result]:
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    uow = UnitOfWork(engine)
    actor = _researcher(uow)
    application_id = start_application(
        uow,
        actor,
        title="Benchmark application",
        round_id=None,
        cluster_id=None,
        requested="950000",
        template_key="marsden-full-proposal",
    )
    sections = {s.key: s.id for s in application_detail(uow, actor, application_id).sections}
    _with_history(uow, actor, sections["proposed_research"], earlier)
    print(f"Database: {engine.url.render_as_string(hide_password=True)}")
    long_history, no_history = _time_saves(uow, actor, [sections["proposed_research"], sections["aims"]], saves)
    with_history = _describe(f"with {earlier:,} earlier revisions", long_history)
    fresh = _describe("with no earlier revisions", no_history)
    print(f"ratio (with history / without): {with_history / fresh:.2f}x")
    engine.dispose()
    return [ratio_result(f"section save ({engine.dialect.name})", with_history, fresh, 2.0, floor_label="no history: ")]


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 earlier revisions and 30 saves")
    args = parser.parse_args(argv)
    earlier, saves = (500, 30) if args.quick else (EARLIER, SAVES)
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return run(url, earlier, saves)
    with tempfile.TemporaryDirectory() as folder:
        return run(f"sqlite:///{Path(folder) / 'bench.db'}", earlier, saves)


if __name__ == "__main__":
    main()
