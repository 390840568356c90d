"""Every page a role may open renders on the demo workspace without an exception or an error box."""

import os
import subprocess
import sys

import pytest

from research.config import ROOT
from research.demo.seed import DEMO_ACCOUNTS, seed_demo
from research.domain.roles import Role
from research.services.accounts import auth
from research.ui.navigation import PAGES
from tests.ui.conftest import new_app

ONE_PER_ROLE = {Role(a.role): a for a in reversed(DEMO_ACCOUNTS)}


@pytest.mark.parametrize("role", list(Role))
def test_every_allowed_page_renders_for_the_demo_account(ui_uow, monkeypatch, role):
    account = ONE_PER_ROLE[role]
    seed_demo(ui_uow)
    token = auth.login(ui_uow, account.username, account.password).token
    monkeypatch.setattr("research.ui.session.session_token", lambda: token)
    actor = auth.resolve(ui_uow, token, 120)
    at = new_app().run()
    assert not at.exception
    allowed = [spec for spec in PAGES if spec.allows(actor)]
    assert allowed
    for spec in allowed:
        at.switch_page(str(spec.path)).run(timeout=60)
        assert not at.exception, f"{spec.title}: {at.exception}"
        assert not at.error, f"{spec.title}: {[e.value for e in at.error]}"


def test_seed_demo_from_the_command_line_then_the_pages_work(ui_uow, monkeypatch):
    """`python -m research seed-demo` on an empty database, then the manager's pages show the story."""
    done = subprocess.run(
        [sys.executable, "-m", "research", "seed-demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    manager = ONE_PER_ROLE[Role.MANAGER]
    token = auth.login(ui_uow, manager.username, manager.password).token
    monkeypatch.setattr("research.ui.session.session_token", lambda: token)
    actor = auth.resolve(ui_uow, token, 120)
    at = new_app().run()
    for spec in (s for s in PAGES if s.allows(actor)):
        at.switch_page(str(spec.path)).run(timeout=60)
        assert not at.exception and not at.error, spec.title
        if spec.path.stem == "roi_page":
            assert any("225" in m.value for m in at.metric), [m.value for m in at.metric]
