"""Checks that a database is whole: every row of every table, and each section agreeing with its history."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from contextlib import closing

from sqlalchemy import Engine, select

from research.db.models import Base, Section, SectionRevision


def every_row(engine: Engine) -> dict[str, list[tuple]]:
    """Each table of the models (so a table added later is covered too), rows in primary-key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*(table.primary_key.columns or table.columns)))
            ]
            for table in Base.metadata.sorted_tables
        }


def history_problems(engine: Engine) -> list[str]:
    """Where a section's version, body and counter disagree with its revisions (a lost or phantom save)."""
    with engine.connect() as connection:
        sections = connection.execute(select(Section.id, Section.version, Section.revision_count, Section.body)).all()
        history = defaultdict(dict)
        for section_id, number, kind, body in connection.execute(
            select(SectionRevision.section_id, SectionRevision.number, SectionRevision.kind, SectionRevision.body)
        ):
            history[section_id][number] = (kind, body)
    problems = []
    for section_id, version, count, body in sections:
        revisions = history[section_id]
        if sorted(revisions) != list(range(1, count + 1)):
            problems.append(f"section {section_id}: revisions {sorted(revisions)} but counter {count}")
        kind, text = revisions.get(version, ("missing", None)) if version else ("none", body)
        if kind in ("missing", "conflict") or text != body:
            problems.append(f"section {section_id}: body is not the text of applied revision {version}")
        later = [n for n, (kind, _) in revisions.items() if n > version and kind != "conflict"]
        if later:
            problems.append(f"section {section_id}: applied revisions {later} are newer than version {version}")
    return problems


def sqlite_file_problems(path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    return ([] if integrity == ["ok"] else integrity) + [f"foreign key: {row}" for row in foreign]
