"""Tests build their data through the public services, not by writing ORM rows.

A row written by hand skips the rules, the audit trail and the events the services add, and lets a
test start from a state no user can reach. So no module under tests/ constructs a research ORM
model, calls `session.add`/`add_all`/`merge`, or runs a Core `insert(...)` of our tables, unless it
is named below with its reason. The list only shrinks: a named module that no longer writes rows
must leave it. Reading rows (select) to check what a service did stays allowed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from research.config import ROOT
from research.db.models import Base

TESTS = ROOT / "tests"
MODELS = "research.db.models"
MODEL_NAMES = frozenset(mapper.class_.__name__ for mapper in Base.registry.mappers)
SESSION_WRITES = frozenset({"add", "add_all", "merge", "bulk_save_objects", "bulk_insert_mappings"})

# What the services cannot build, on purpose.
JUSTIFIED = {
    "tests/conftest.py": "make_actor, the fixture behind nearly every test's acting user: one row with a "
    "precomputed hash (argon2 takes over a second) and no audit event, which exact audit-trail tests rely on",
    "tests/integration/platform/test_schema_and_migrations.py": "tests the ORM models and migrations themselves",
    "tests/integration/platform/test_schema_checks.py": "tests that the database's CHECK constraints refuse bad "
    "rows, which the services never write",
    "tests/integration/platform/test_migration_upgrade.py": "writes rows in an old schema, before the upgrade",
    "tests/integration/platform/test_interrupted_writes.py": "kill test: the rows a killed writer leaves behind",
    "tests/integration/platform/test_concurrency.py": "two raw writers racing for the same row",
}
# Not yet moved onto the services (issue 11). Each is to be rewritten, then removed from here.
PENDING = {
    "tests/integration/access_calls.py": "matrix preparation: a submitted review answering no, on a draft the "
    "shared world keeps in drafting (requesting a review through the service would move it to in review)",
    "tests/integration/common/test_workspace_settings.py": "a raw write held open to keep SQLite's write lock, "
    "and settings rows as another process (or an older release) left them",
    "tests/integration/roi/test_roi_attribution.py": "applications, awards, shares, grants, users",
    "tests/integration/roi_dataset.py": "the hand-worked ROI ledger. Needs hooks for states the lifecycle "
    "refuses: awarded applications whose awards came from an imported list (a move to awarded records its "
    "own award), applications decided without a review (ready needs one), a USD application with no round",
    "tests/ui/drafting/test_docx_pages.py": "an application with no sections, which no service makes (every "
    "template lists a section): a candidate for JUSTIFIED or a named hook",
}


def _model_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names bound to our model classes, and names bound to a models module."""
    classes, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(MODELS):
            classes |= {a.asname or a.name for a in node.names if a.name in MODEL_NAMES}
            modules |= {a.asname or a.name for a in node.names if a.name not in MODEL_NAMES}
        elif isinstance(node, ast.ImportFrom) and node.module == "research.db":
            modules |= {a.asname or a.name for a in node.names if a.name == "models"}
    return classes, modules


def _sqlalchemy_inserts(tree: ast.Module) -> set[str]:
    return {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sqlalchemy"
        for a in node.names
        if a.name == "insert"
    }


def _receiver(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def writes(source: str) -> list[tuple[int, str]]:
    """(line, what) for every ORM write in a module's source, in line order."""
    return sorted(_writes(source))


def _writes(source: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    classes, modules = _model_names(tree)
    inserts = _sqlalchemy_inserts(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in classes:
            yield node.lineno, f"constructs {f.id}"
        elif isinstance(f, ast.Name) and f.id in inserts:
            yield node.lineno, "a Core insert()"
        elif isinstance(f, ast.Attribute) and _receiver(f.value) in modules and f.attr in MODEL_NAMES:
            yield node.lineno, f"constructs {f.attr}"
        elif isinstance(f, ast.Attribute) and f.attr == "insert" and _receiver(f.value) in ("__table__", "sa"):
            yield node.lineno, "a Core insert()"
        elif isinstance(f, ast.Attribute) and f.attr in SESSION_WRITES and "session" in _receiver(f.value).lower():
            yield node.lineno, f"session.{f.attr}()"


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(TESTS.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path


def test_no_test_module_writes_orm_rows_but_those_named_with_a_reason():
    found = {}
    for name, path in _modules():
        if name not in JUSTIFIED and name not in PENDING:
            found[name] = [f"line {line}: {what}" for line, what in writes(path.read_text(encoding="utf-8"))]
    offenders = {name: lines for name, lines in found.items() if lines}
    assert not offenders, (
        "build test data through the public services (research/services/<capability>/__init__.py), "
        f"as research/demo does: {offenders}"
    )


def test_the_named_modules_still_write_rows_so_the_list_only_shrinks():
    listed = JUSTIFIED | PENDING
    assert not set(JUSTIFIED) & set(PENDING)
    stale = [name for name in listed if not (ROOT / name).is_file() or not list(writes((ROOT / name).read_text()))]
    assert not stale, f"these no longer write ORM rows: remove them from the lists in {__name__}: {stale}"


def test_the_guard_sees_each_kind_of_write():
    source = (
        "from sqlalchemy import insert as ins\n"
        "from research.db.models import Cluster, User\n"
        "from research.db import models\n"
        "Cluster(name='x')\n"
        "models.Funder(name='y')\n"
        "session.add(x)\n"
        "self.session.add_all([x])\n"
        "connection.execute(ins(User))\n"
        "connection.execute(User.__table__.insert())\n"
        "session.execute(select(User))\n"  # reading is fine
        "doc.insert(0, 'typed')\n"  # a text edit, not a row
    )
    assert [what for _, what in writes(source)] == [
        "constructs Cluster",
        "constructs Funder",
        "session.add()",
        "session.add_all()",
        "a Core insert()",
        "a Core insert()",
    ]
