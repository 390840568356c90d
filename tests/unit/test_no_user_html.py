"""No user text can reach the page as HTML: every way of sending raw HTML takes only constant strings.

Streamlit's Markdown escapes raw HTML unless unsafe_allow_html=True; st.html, the v1 components
and a custom component's html/js render what they are given. So each of those may only be
given text written in our source (a literal, a module constant made of literals, a file shipped
next to the module, or a sum of them), never a variable, an f-string or another call. The
browser side of the same promise is tests/e2e/test_user_text_not_html.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from research.config import ROOT

SOURCES = sorted([*(ROOT / "research" / "ui").rglob("*.py"), ROOT / "streamlit_app.py"])
RAW_HTML_CALLS = {"html", "iframe", "component", "declare_component"}  # st.html, components.v1/v2
DOM_WRITES = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "dangerouslySetInnerHTML")


def _module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level NAME = ... and _NAME = ... assignments (a later rebinding would not be caught)."""
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.lstrip("_").isupper()
    }


def _is_shipped_file(node: ast.expr, constants: dict[str, ast.expr]) -> bool:
    """CONSTANT.read_text(...) where CONSTANT is a path next to this module (a file we ship, like a
    component's built bundle): our own code, not text anyone typed."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read_text"):
        return False
    target = node.func.value
    if not (isinstance(target, ast.Name) and target.id in constants):
        return False
    names = {n.id for n in ast.walk(constants[target.id]) if isinstance(n, ast.Name)}
    return names <= {"Path", "__file__"} and "__file__" in names


def _is_constant(node: ast.expr, constants: dict[str, ast.expr]) -> bool:
    if _is_shipped_file(node, constants):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bool | int | float)
    if isinstance(node, ast.Name) and node.id in constants:
        return _is_constant(constants[node.id], {k: v for k, v in constants.items() if k != node.id})
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_constant(node.left, constants) and _is_constant(node.right, constants)
    return False


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _html_arguments(call: ast.Call) -> list[ast.expr]:
    """What a call would render as HTML: empty when it renders none."""
    unsafe = next((k.value for k in call.keywords if k.arg == "unsafe_allow_html"), None)
    if unsafe is not None and not (isinstance(unsafe, ast.Constant) and unsafe.value is False):
        return [*call.args, *(k.value for k in call.keywords if k.arg == "body")]
    if _call_name(call) in RAW_HTML_CALLS:
        positional = call.args[1:] if _call_name(call) == "component" else call.args  # [0] is its name
        return [*positional, *(k.value for k in call.keywords if k.arg in {"html", "js", "css", "body", "src", "url"})]
    return []


def raw_html_given_non_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    constants = _module_constants(tree)
    return [
        f"{path}:{node.lineno} {_call_name(node)}(...) is given {ast.unparse(arg)!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for arg in _html_arguments(node)
        if not _is_constant(arg, constants)
    ]


def test_raw_html_is_only_ever_constant_text():
    assert [finding for path in SOURCES for finding in raw_html_given_non_constants(path)] == []


def test_no_script_we_ship_writes_html_into_the_page():
    """A custom component's script must set text (textContent), never parse it as HTML."""
    found = [
        f"{path.relative_to(ROOT)}: {write}"
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for write in DOM_WRITES
        if write in node.value
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("st.markdown(body, unsafe_allow_html=True)", True),
        ('st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)', True),
        ("st.markdown(body, unsafe_allow_html=flag)", True),
        ("st.html(comment.body)", True),
        ("st.html(_STYLE + user_text)", True),
        ("st.components.v1.html(x)", True),
        ('st.components.v2.component("c", html=page)', True),
        ("st.markdown(body)", False),
        ("st.markdown(body, unsafe_allow_html=False)", False),
        ('st.markdown("<hr>", unsafe_allow_html=True)', False),
        ("st.html(_STYLE + _FORM)", False),
        ('st.components.v2.component("c", html="<span></span>", js=_JS)', False),
    ],
)
def test_the_scan_tells_constant_html_from_anything_else(tmp_path, source, flagged):
    page = tmp_path / "page.py"
    page.write_text(f'_STYLE = "<style></style>"\n_FORM = "<form></form>"\n_JS = "export default 1"\n{source}\n')
    assert bool(raw_html_given_non_constants(page)) is flagged


def test_the_scan_sees_the_raw_html_we_do_send():
    """The sign-in form (st.html) and the live-count component are found, and pass as constants."""
    seen = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and _html_arguments(node):
                seen.add(f"{path.name}:{_call_name(node)}")
    assert {"signin_forms.py:html", "live_text.py:component"} <= seen
