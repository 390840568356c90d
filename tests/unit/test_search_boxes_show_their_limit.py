"""Every search box shows its limit before it is hit: the service refuses a search over SEARCH_MAX_CHARS,
so each box is the shared search_box (max_chars, so Streamlit counts as you type, and the limit in its help)."""

from __future__ import annotations

import ast
from pathlib import Path

from research.config import ROOT

SOURCES = sorted((ROOT / "research" / "ui").rglob("*.py"))
SEARCH_WORDS = ("find", "search")


def _label(call: ast.Call) -> str:
    first = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "label"), None)
    return str(first.value) if isinstance(first, ast.Constant) else ""


def bare_search_inputs(path: Path) -> list[str]:
    """text_input calls whose label or key says search, made without search_box."""
    found = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "text_input"):
            continue
        key = next((ast.unparse(k.value) for k in call.keywords if k.arg == "key"), "")
        if any(word in _label(call).lower() or word in key.lower() for word in SEARCH_WORDS):
            found.append(f"{path.name}:{call.lineno} {_label(call)!r}")
    return found


def test_every_search_box_is_the_capped_one():
    assert [bad for path in SOURCES for bad in bare_search_inputs(path)] == []


def test_the_guard_sees_a_bare_search_box(tmp_path):
    bare = tmp_path / "bare.py"
    bare.write_text('q = st.text_input("Find a user", key="user_search")\nn = st.text_input("Name")\n')
    assert bare_search_inputs(bare) == ["bare.py:1 'Find a user'"]
