"""Every write in the interface shows its outcome on the run it causes, never after the next click.

A success message is kept by `flash` and shown by the next run of the app. So a write that
flashes must either run as a button's on_click callback (which runs before the page is drawn,
so the page and its toast show the new state at once), or be followed by st.rerun() (or
st.switch_page) so that the next run is now, not whenever the user next clicks something.

Writes looked for: `succeeded(...)` and `send_kept(...)` (always writes), `attempt(..., success)`
with a success message, and bare `flash(...)`. Each must be:
- the test of an `if` whose body reruns (`if st.form_submit_button(...) and succeeded(...): st.rerun()`),
- or assigned to a name that a later `if` tests with a body that reruns,
- or, for `flash`, followed by a rerun later in the same function,
- or inside an on_click callback of this module (or a function such a callback calls).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from research.config import ROOT

SOURCES = sorted((ROOT / "research" / "ui").rglob("*.py"))
FEEDBACK = ROOT / "research" / "ui" / "feedback.py"
ALWAYS_WRITES = {"succeeded", "send_kept"}
RERUNS = {"rerun", "switch_page"}


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _calls(nodes: list[ast.stmt] | ast.AST) -> list[ast.Call]:
    roots = nodes if isinstance(nodes, list) else [nodes]
    return [n for root in roots for n in ast.walk(root) if isinstance(n, ast.Call)]


def _reruns(nodes: list[ast.stmt]) -> bool:
    return any(_name(call) in RERUNS for call in _calls(nodes))


def _flashes_success(call: ast.Call) -> bool:
    name = _name(call)
    if name in ALWAYS_WRITES or name == "flash":
        return True
    if name != "attempt":
        return False
    success = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "success"), None)
    return success is not None and not (isinstance(success, ast.Constant) and success.value is None)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | ast.Module:
    while not isinstance(node, ast.FunctionDef | ast.Module):
        node = parents[node]
    return node


def _on_click_names(paths: list[Path]) -> set[str]:
    """Names given as a widget's on_click anywhere in the interface (a callback may be imported)."""
    return {
        keyword.value.id
        for path in paths
        for call in _calls(ast.parse(path.read_text(encoding="utf-8")))
        for keyword in call.keywords
        if keyword.arg == "on_click" and isinstance(keyword.value, ast.Name)
    }


def _callbacks(tree: ast.Module, on_click: set[str]) -> set[str]:
    """The on_click callbacks defined here, and the functions of this module they call, transitively."""
    defs = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    found = on_click & set(defs)
    todo = list(found)
    while todo:
        for call in _calls(defs[todo.pop()]):
            name = _name(call)
            if name in defs and name not in found:
                found.add(name)
                todo.append(name)
    return found


def _followed_by_rerun(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> bool:
    node: ast.AST = call
    while node in parents:
        up = parents[node]
        if isinstance(up, ast.If) and node is up.test:
            return _reruns(up.body)
        if isinstance(up, ast.Assign) and node is up.value:
            names = {t.id for t in up.targets if isinstance(t, ast.Name)}
            return any(
                isinstance(later, ast.If)
                and later.lineno > up.lineno
                and names & {n.id for n in ast.walk(later.test) if isinstance(n, ast.Name)}
                and _reruns(later.body)
                for later in ast.walk(_function(up, parents))
            )
        if isinstance(up, ast.stmt):
            return False
        node = up
    return False


def late_confirmations(path: Path, on_click: set[str]) -> list[str]:
    """Each success-flashing write in this file (line and call) that neither reruns nor runs as a callback."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    callbacks = _callbacks(tree, on_click)
    late = []
    for call in _calls(tree):
        if not _flashes_success(call):
            continue
        function = _function(call, parents)
        if isinstance(function, ast.FunctionDef) and (function.name in ALWAYS_WRITES or function.name in callbacks):
            continue  # send_kept's own body (its callers are checked), or an on_click callback
        if _name(call) == "flash":
            ok = any(_name(c) in RERUNS and c.lineno >= call.lineno for c in _calls(function))
        else:
            ok = _followed_by_rerun(call, parents)
        if not ok:
            late.append(f"{path.name}:{call.lineno} {_name(call)}(...)")
    return late


ON_CLICK = _on_click_names(SOURCES)


@pytest.mark.parametrize("path", [p for p in SOURCES if p != FEEDBACK], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_write_shows_its_outcome_on_the_run_it_causes(path: Path) -> None:
    assert late_confirmations(path, ON_CLICK) == [], (
        "A write that flashes its success must rerun at once (or be an on_click callback / action_button): "
        "otherwise its confirmation appears only after the next unrelated click."
    )


def test_the_guard_sees_a_write_with_no_rerun(tmp_path: Path) -> None:
    """The guard itself: a flashing write left without a rerun is caught; the fixed forms are not."""
    cases = {
        "late.py": "if st.form_submit_button('Save'):\n    attempt(lambda: save(), 'Saved.')\n",
        "late_if.py": "if st.button('Go') and succeeded(lambda: go(), 'Done.'):\n    st.success('Done')\n",
        "late_flash.py": "def save():\n    flash('Saved.')\n",
        "late_assign.py": "ok = succeeded(lambda: go())\nif ok:\n    st.success('Done')\n",
        "fixed.py": "if st.button('Go') and succeeded(lambda: go(), 'Done.'):\n    st.rerun()\n",
        "fixed_assign.py": "def f():\n    ok = succeeded(lambda: go())\n    if ok:\n        st.rerun()\n",
        "callback.py": "def _go():\n    attempt(lambda: go(), 'Done.')\n\nst.button('Go', on_click=_go)\n",
    }
    found = {}
    for name, source in cases.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
        found[name] = bool(late_confirmations(tmp_path / name, _on_click_names([tmp_path / name])))
    assert found == {name: name.startswith("late") for name in cases}
