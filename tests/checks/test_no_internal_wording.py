"""Nothing users see cites the project's own notes or work items: templates, pages and demo data.

Template and demo text is read as the TOML/CSV/Markdown values users are shown (comments are for
maintainers); pages are read as their string literals, docstrings left out.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from research.config import ROOT

INTERNAL = re.compile(
    r"project notes|shared/reference|our reference|funding-facts|\bTODO\b|\bFIXME\b|\bissue \d+|\bhelper\b"
    r"|\bDESIGN\.md\b|\bthe brief\b",
    re.IGNORECASE,
)


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _python_literals(path: Path) -> Iterator[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield f"line {node.lineno}", node.value


def _shown_text(path: Path) -> Iterator[tuple[str, str]]:
    if path.suffix == ".toml":
        yield from _strings(tomllib.loads(path.read_text(encoding="utf-8")), "")
    elif path.suffix == ".py":
        yield from _python_literals(path)
    elif path.suffix in {".csv", ".md", ".txt"}:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"line {n}", line


def _files() -> list[Path]:
    return sorted(
        [
            *(ROOT / "templates").glob("*.toml"),
            *(ROOT / "research" / "ui").rglob("*.py"),
            *(p for p in (ROOT / "research" / "demo" / "data").rglob("*") if p.is_file()),
        ]
    )


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_internal_wording_reaches_users(path):
    hits = [
        f"{where}: {INTERNAL.search(text)[0]!r} in {text[:80]!r}"
        for where, text in _shown_text(path)
        if INTERNAL.search(text)
    ]
    assert not hits, f"{path.relative_to(ROOT)} shows project-internal wording:\n" + "\n".join(hits)


def test_the_scan_finds_what_it_looks_for():
    assert INTERNAL.search("Project notes: shared/reference/funding-facts.md")
    assert INTERNAL.search("our reference does not name a font face")
    assert not INTERNAL.search("check the funder's current guidelines")
