"""Tests build and change their data through the public services, not by writing ORM rows.

A row written or changed by hand skips the rules, the audit trail and the events the services add,
and lets a test start from a state no user can reach. So no module under tests/ constructs a research
ORM model, calls `session.add`/`add_all`/`merge`/`delete`, runs a Core `insert`/`update`/`delete` of
our tables, or sets an attribute of a row it loaded, unless it is named below with its reason. The
list only shrinks: a named module that no longer writes rows must leave it. Reading rows (select) to
check what a service did stays allowed.
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
SESSION_WRITES = frozenset({"add", "add_all", "merge", "delete", "bulk_save_objects", "bulk_insert_mappings"})
CORE_WRITES = ("insert", "update", "delete")
# A row loaded by one of these is an ORM object: setting its attributes writes it on commit.
LOADS = ("session.get(", "session.scalar(", "session.scalars(")

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
    "tests/integration/roi/test_properties_ledger_import.py": "empties the ledger tables between Hypothesis "
    "examples that share one database (a database per example would make the property test minutes long)",
    "tests/integration/rounds/test_properties_round_import.py": "empties the round tables between Hypothesis "
    "examples that share one database (a database per example would make the property test minutes long)",
    "tests/time_passes.py": "time passing: moves a session's or a presence mark's last-seen moment back, for code "
    "running in another thread or process, where the clock seam (frozen_at) does not reach",
    "tests/integration/notify/conftest.py": "with_email gives an existing account an email address: accounts get "
    "one only when an admin creates them and no service changes it, and the notify tests' people come from the "
    "make_actor fixture",
    "tests/integration/platform/test_settings_rows_left_by_others.py": "settings rows as another process or an "
    "older release left them (the services would refresh this process's cache or refuse the value), and a raw "
    "write held open to keep SQLite's write lock",
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


def _sqlalchemy_writes(tree: ast.Module) -> dict[str, str]:
    """Local name -> which Core statement (insert, update, delete) for those imported from sqlalchemy."""
    return {
        a.asname or a.name: a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sqlalchemy"
        for a in node.names
        if a.name in CORE_WRITES
    }


def _loaded_rows(tree: ast.Module) -> set[str]:
    """Names bound to a row loaded through the session (`row = session.get(Model, id)`)."""
    return {
        node.targets[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and ast.unparse(node.value).startswith(LOADS)
    }


def _row_settings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    rows = _loaded_rows(tree)
    for node in ast.walk(tree):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for target in (t for each in targets for t in (each.elts if isinstance(each, ast.Tuple) else [each])):
            if not isinstance(target, ast.Attribute):
                continue
            holder = ast.unparse(target.value)
            if holder.startswith(LOADS) or holder in rows:
                yield node.lineno, f"sets {holder}.{target.attr}"


def _receiver(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def writes(source: str) -> list[tuple[int, str]]:
    """(line, what) for every ORM write in a module's source, in line order."""
    return sorted(_writes(source))


def _writes(source: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    classes, modules = _model_names(tree)
    statements = _sqlalchemy_writes(tree)
    yield from _row_settings(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in classes:
            yield node.lineno, f"constructs {f.id}"
        elif isinstance(f, ast.Name) and f.id in statements:
            yield node.lineno, f"a Core {statements[f.id]}()"
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
        if name not in JUSTIFIED:
            found[name] = [f"line {line}: {what}" for line, what in writes(path.read_text(encoding="utf-8"))]
    offenders = {name: lines for name, lines in found.items() if lines}
    assert not offenders, (
        "build test data through the public services (research/services/<capability>/__init__.py), "
        f"as research/demo does: {offenders}"
    )


def test_the_named_modules_still_write_rows_so_the_list_only_shrinks():
    stale = [name for name in JUSTIFIED if not (ROOT / name).is_file() or not list(writes((ROOT / name).read_text()))]
    assert not stale, f"these no longer write ORM rows: remove them from JUSTIFIED in {__name__}: {stale}"


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
        "from sqlalchemy import update, delete\n"
        "session.execute(update(User).values(email='a'))\n"
        "session.execute(delete(User))\n"
        "session.delete(user)\n"
        "session.get(User, 1).timezone = 'Asia/Tokyo'\n"
        "row = session.scalars(select(User)).one()\n"
        "row.is_active = False\n"
        "row.owner_id, row.due_on = 1, None\n"
        "session.execute(select(User))\n"  # reading is fine
        "doc.insert(0, 'typed')\n"  # a text edit, not a row
        "detail = application_detail(uow, actor, 1)\n"
        "detail.title = 'a copy'\n"  # a value a service returned, not a loaded row
    )
    assert [what for _, what in writes(source)] == [
        "constructs Cluster",
        "constructs Funder",
        "session.add()",
        "session.add_all()",
        "a Core insert()",
        "a Core insert()",
        "a Core update()",
        "a Core delete()",
        "session.delete()",
        "sets session.get(User, 1).timezone",
        "sets row.is_active",
        "sets row.due_on",
        "sets row.owner_id",
    ]
