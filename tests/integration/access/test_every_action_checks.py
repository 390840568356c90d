"""Every service action that takes an Actor checks it: a guard read from the source (AST).

An action (a function taking a unit of work and an Actor) counts as checked when it calls a
permission check (`require`, `require_lead/read/team_member/edit/account`, `may_*`, `can`, `leads`,
`drafts_on`), raises PermissionDenied itself, or calls another function that is checked. The
access matrix says, per role, what each check must decide; this guard catches an action that
never asks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import research.services

SERVICES = Path(research.services.__file__).parent
CHECK = re.compile(r"^(require|require_(lead|read|team_member|edit|account)|may_\w+|can|leads|drafts_on)$")


def _called(fn: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            target = node.func
            names.add(target.id if isinstance(target, ast.Name) else getattr(target, "attr", ""))
    return names


def _raises_refusal(fn: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Raise) and node.exc is not None and "PermissionDenied" in ast.unparse(node.exc)
        for node in ast.walk(fn)
    )


def _takes_actor(fn: ast.FunctionDef) -> bool:
    return any(a.arg == "actor" or "Actor" in ast.unparse(a.annotation or ast.Constant("")) for a in fn.args.args)


def _is_action(fn: ast.FunctionDef) -> bool:
    """Public, taking a unit of work and an actor; helpers inside a transaction are covered by their callers."""
    return not fn.name.startswith("_") and _takes_actor(fn) and any(a.arg == "uow" for a in fn.args.args)


def service_functions() -> dict[str, ast.FunctionDef]:
    found = {}
    for path in sorted(SERVICES.rglob("*.py")):
        module = ".".join(path.relative_to(SERVICES).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found[f"{module}.{node.name}"] = node
    return found


def checked_functions(functions: dict[str, ast.FunctionDef]) -> set[str]:
    """Names (bare) of functions that check, directly or through one they call; grown to a fixpoint."""
    checked = {name.rsplit(".", 1)[1] for name, fn in functions.items() if _raises_refusal(fn)}
    while True:
        grown = checked | {
            name.rsplit(".", 1)[1]
            for name, fn in functions.items()
            if any(CHECK.match(c) or c in checked for c in _called(fn))
        }
        if grown == checked:
            return checked
        checked = grown


def unchecked_actions() -> list[str]:
    functions = service_functions()
    checked = checked_functions(functions)
    return [name for name, fn in functions.items() if _is_action(fn) and fn.name not in checked]


def test_every_service_function_taking_an_actor_checks_it():
    assert unchecked_actions() == [], "these take an Actor but never check what it may do"


def test_the_guard_catches_a_function_that_never_checks():
    source = "def peek(uow, actor: Actor, application_id: int):\n    return application_id\n"
    fn = ast.parse(source).body[0]
    assert isinstance(fn, ast.FunctionDef) and _is_action(fn)
    assert "peek" not in checked_functions({"x.peek": fn})
    guarded = ast.parse("def peek(uow, actor: Actor):\n    require(actor.role, Action.MANAGE_USERS)\n").body[0]
    assert "peek" in checked_functions({"x.peek": guarded})
    via_helper = ast.parse("def peek(uow, actor: Actor):\n    return helper(actor)\n").body[0]
    helper = ast.parse("def helper(actor):\n    raise PermissionDenied('no')\n").body[0]
    assert "peek" in checked_functions({"x.peek": via_helper, "x.helper": helper})


def test_the_guard_sees_the_actions():
    actions = [name for name, fn in service_functions().items() if _is_action(fn)]
    assert "drafting.sections.save_section" in actions and len(actions) > 80
