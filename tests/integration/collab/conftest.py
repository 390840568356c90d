"""A real app process on loopback, its database holding one application with a team, and sign-in tokens."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from tests.conftest import _postgres_database
from tests.e2e.conftest import running_app
from tests.integration.review_steps import open_round_with
from tests.review_builders import build_application, section_ids
from tests.service_people import PASSWORD, add_person


@dataclass
class Collab:
    url: str  # http://127.0.0.1:port
    database_url: str
    uow: UnitOfWork
    section_id: int
    tokens: dict[str, str]
    log: object

    def ws(self, section_id: int | None = None) -> str:
        return self.url.replace("http://", "ws://") + f"/collab/section/{section_id or self.section_id}"


def make_user(uow: UnitOfWork, role: Role, username: str):
    """An account made through the accounts service; its password is the tests' usual one."""
    return add_person(uow, role, username, username.title())


def build_team(uow: UnitOfWork) -> tuple[int, dict[str, str]]:
    people = {
        "lead": make_user(uow, Role.RESEARCHER, "lead"),
        "coauthor": make_user(uow, Role.RESEARCHER, "coauthor"),
        "stranger": make_user(uow, Role.RESEARCHER, "stranger"),
        "reviewer": make_user(uow, Role.REVIEWER, "reviewer"),
        "manager": make_user(uow, Role.MANAGER, "manager"),
    }
    application_id = build_application(uow, people["lead"], members=(people["coauthor"],), texts={})
    open_round_with(uow, people["lead"], application_id, [people["reviewer"]])
    tokens = {name: auth.login(uow, name, PASSWORD).token for name in people}
    return section_ids(uow, application_id)["summary"], tokens


def start_collab(request, tmp_path, kind: str, **env_extra: str):
    url = f"sqlite:///{tmp_path / 'collab.db'}" if kind == "sqlite" else _postgres_database(request)
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    uow = UnitOfWork(engine)
    section_id, tokens = build_team(uow)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "COLLAB_SESSION_CHECK_SECONDS": "0.5",
        "COLLAB_IDLE_SECONDS": "0.5",
        **env_extra,
    }
    return engine, uow, section_id, tokens, env


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def collab(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("collab")
    engine, uow, section_id, tokens, env = start_collab(request, folder, request.param)
    log = folder / "app.log"
    with running_app(env, log) as base:
        yield Collab(base, env["DATABASE_URL"], uow, section_id, tokens, log)
    engine.dispose()


def start_app(env: dict[str, str], log_path, port: int | None = None):
    """The app as a process we may kill: (base url, Popen)."""
    import subprocess
    import sys

    from research.config import ROOT
    from tests.e2e.conftest import _free_port, _wait_healthy

    port = port or _free_port()
    with open(log_path, "a") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "research/ui/asgi.py"), "--server.port", str(port)]
            + ["--server.headless", "true", "--server.fileWatcherType", "none"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process, log_path)
    return url, process
