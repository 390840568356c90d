"""Soak: two app server processes on one database, many users saving, commenting and reviewing at once.

Each process (tests/integration/soak_worker.py) makes its engine as the app does and runs researcher
and reviewer threads through the services, plus one researcher on the real editor page (AppTest).
Every attempt comes back with what its user was told. Afterwards every save is in the history at
the number its user was given (as applied text, or kept as a conflict they were shown), every
comment and review is there, no revision is unaccounted for, and no user saw an error.
"""

import json
import os
import subprocess
import sys
import time
from collections import Counter

from sqlalchemy import select

from research.config import ROOT
from research.db.models import Comment, Review, SectionRevision
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.drafting.team import invite_coauthor
from tests.integration.consistency import history_problems, sqlite_file_problems
from tests.integration.drafting_support import section_id, start
from tests.integration.review_steps import open_round_with
from tests.review_builders import build_application, section_ids
from tests.service_people import add_person
from tests.ui.conftest import PASSWORD, add_user

PROCESSES, RESEARCHERS, REVIEWERS = 2, 4, 1
SECONDS = 12
HOT_SECTIONS = ("summary", "aims", "proposed_research")


def make_plan(engine, tmp_path) -> dict:
    uow = UnitOfWork(engine)
    add_user(uow, Role.ADMIN)  # a workspace with an admin is past its set-up page
    people = [[add_person(uow, Role.RESEARCHER) for _ in range(RESEARCHERS + 1)] for _ in range(PROCESSES)]
    reviewers = [[add_person(uow, Role.REVIEWER) for _ in range(REVIEWERS)] for _ in range(PROCESSES)]
    lead, team = people[0][0], [p for group in people for p in group][1:]
    applications = [start(uow, lead, title=f"Shared draft {n}") for n in range(2)]
    for application_id in applications:
        for member in team:
            invite_coauthor(uow, lead, application_id, member.id)
    sections = [[section_id(uow, lead, a, key), a] for a in applications for key in HOT_SECTIONS]
    page_section = [section_id(uow, lead, applications[0], "background"), applications[0]]
    reviewed = build_application(uow, lead)
    reviews = open_round_with(uow, lead, reviewed, [r for group in reviewers for r in group])
    return {
        "password": PASSWORD,
        "seconds": SECONDS,
        "go": str(tmp_path / "go"),
        "sections": sections,
        "review_sections": list(section_ids(uow, reviewed).values()),
        "processes": [
            {
                "ready": str(tmp_path / f"ready{i}"),
                "page_user": people[i][-1].id,
                "page_section": page_section,  # the two page users share it, and meet only each other
                "researchers": [p.id for p in people[i][:-1]],
                "reviewers": [{"user": r.id, "review": reviews[r.id]} for r in reviewers[i]],
            }
            for i in range(PROCESSES)
        ],
    }


def run_soak(url: str, plan: dict, tmp_path) -> list[dict]:
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))
    env = {**os.environ, "DATABASE_URL": url}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.soak_worker",
                str(plan_file),
                str(i),
                str(tmp_path / f"out{i}.json"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(PROCESSES)
    ]
    try:
        wait_until_ready(workers, tmp_path)
        (tmp_path / "go").write_text("go")
        for worker in workers:
            _, err = worker.communicate(timeout=SECONDS + 240)
            assert worker.returncode == 0, err[-3000:]
    finally:
        for worker in workers:  # a failed start must not leave the others waiting for "go" forever
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
    return [record for i in range(PROCESSES) for record in json.loads((tmp_path / f"out{i}.json").read_text())]


def wait_until_ready(workers, tmp_path) -> None:
    deadline = time.monotonic() + 180
    while not all((tmp_path / f"ready{i}").exists() for i in range(PROCESSES)):
        failed = [w for w in workers if w.poll() is not None]
        assert not failed, failed[0].communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the app processes did not get ready"
        time.sleep(0.05)


def test_two_app_processes_under_load_lose_nothing_and_show_no_errors(own_database, tmp_path):
    url, engine = own_database
    plan = make_plan(engine, tmp_path)
    records = run_soak(url, plan, tmp_path)
    outcomes = Counter((r["kind"], r["outcome"]) for r in records)
    on_page = Counter(r["outcome"] for r in records if r.get("page"))
    print(
        f"\nsoak on {engine.dialect.name}, {PROCESSES} processes, {SECONDS} s: {dict(outcomes)}; "
        f"of the saves, on the editor page: {dict(on_page)}"
    )
    assert [r for r in records if r["outcome"] in ("error", "busy")] == []
    assert_every_save_is_in_the_history(engine, [r for r in records if r["kind"] == "save"])
    assert_comments_and_reviews_kept(engine, records)
    assert history_problems(engine) == []
    if url.startswith("sqlite"):
        assert sqlite_file_problems(engine.url.database) == []
    assert outcomes[("save", "saved")] >= 20 and outcomes[("save", "conflict")] >= 1
    on_the_page = [r for r in records if r.get("page")]
    assert len({r["text"].split(" on the page")[0] for r in on_the_page}) == PROCESSES
    assert on_page["saved"] >= 1  # both opened the section at r0, so the first to save always lands


def assert_every_save_is_in_the_history(engine, saves: list[dict]) -> None:
    sections = {r["section"] for r in saves}
    with engine.connect() as connection:
        history = {
            (s, n): (kind, body)
            for s, n, kind, body in connection.execute(
                select(
                    SectionRevision.section_id, SectionRevision.number, SectionRevision.kind, SectionRevision.body
                ).where(SectionRevision.section_id.in_(sections))
            )
        }
    told = {}
    for save in saves:
        number = (
            save["revision"]
            if save["revision"] is not None
            else next(n for (s, n), (_, body) in history.items() if s == save["section"] and body == save["text"])
        )
        kind, body = history.get((save["section"], number), (None, None))
        assert body == save["text"], f"lost: {save}"
        assert (kind == "conflict") == (save["outcome"] == "conflict"), f"told {save['outcome']}, kept as {kind}"
        told[(save["section"], number)] = save
    assert set(history) == set(told), "revisions no user was told about"


def assert_comments_and_reviews_kept(engine, records: list[dict]) -> None:
    with UnitOfWork(engine) as session:
        comments = dict(session.execute(select(Comment.id, Comment.body)).all())
        summaries = dict(session.execute(select(Review.id, Review.summary)).all())
    written = {r["id"]: r["text"] for r in records if r["kind"] in ("comment", "review_comment")}
    assert comments == written
    last_saved = {r["review"]: r["text"] for r in records if r["kind"] == "review"}
    assert last_saved and all(summaries[review] == text for review, text in last_saved.items())
