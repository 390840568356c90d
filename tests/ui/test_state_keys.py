"""Session-state keys follow one convention: no literal key strings in research/ui.

A key read or written through `st.session_state` is a constant in research/ui/state.py; a widget's or
container's `key=` is built from a constant (state.X, or the component's own `KEY`), so two
components cannot collide on a string typed twice and a key is renamed in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "research" / "ui"
STATE_METHODS = {"get", "pop", "setdefault"}


def _literal(node: ast.AST | None) -> bool:
    """A key spelled out here: "x", f"x_{id}", "x" + y, rather than starting from a constant."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return bool(node.values) and isinstance(node.values[0], ast.Constant)
    if isinstance(node, ast.BinOp):
        return _literal(node.left)
    return False


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _key_uses(tree: ast.AST):
    """(line, expression) of every place a key is given."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value):
            yield node.lineno, node.slice
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in STATE_METHODS and _is_session_state(func.value):
                yield node.lineno, node.args[0] if node.args else None
            for keyword in node.keywords:
                if keyword.arg == "key":
                    yield node.lineno, keyword.value
        elif isinstance(node, ast.Compare) and any(_is_session_state(c) for c in node.comparators):
            yield node.lineno, node.left


def literal_keys(source: str) -> list[int]:
    return [line for line, expression in _key_uses(ast.parse(source)) if _literal(expression)]


def test_no_literal_session_state_keys_in_the_ui():
    offenders = [
        f"{path.relative_to(UI.parent.parent)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in literal_keys(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use a constant from research/ui/state.py or the component's KEY"


def test_the_scan_finds_each_way_of_spelling_a_key():
    spelled = [
        'st.session_state["flash"] = 1',
        "st.session_state.get('flash')",
        'st.session_state.pop(f"row_{n}", None)',
        'if "flash" in st.session_state: pass',
        'st.button("Go", key="go")',
        'st.button("Go", key=f"go_{n}")',
        'st.text_input("A", key="a_" + n)',
    ]
    assert [len(literal_keys(line)) for line in spelled] == [1] * len(spelled)
    built = [
        "st.session_state[state.FLASH] = 1",
        "st.session_state.get(state.FLASH)",
        'st.button("Go", key=f"{KEY}_go_{n}")',
        "st.button('Go', key=key)",
        "if state.FLASH in st.session_state: pass",
    ]
    assert [len(literal_keys(line)) for line in built] == [0] * len(built)
