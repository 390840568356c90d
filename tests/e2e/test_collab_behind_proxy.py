"""Live co-writing through the shipped nginx config: two app processes on one PostgreSQL.

Two Yjs clients, routed by nginx to different processes, type in the same section and converge;
a socket from another site is refused at the proxy's door just as at the app's.
"""

from __future__ import annotations

import os
from contextlib import ExitStack

import pytest
from websockets.exceptions import InvalidStatus

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.uow import UnitOfWork
from research.services.accounts import auth
from tests.async_support import run_async
from tests.conftest import _postgres_database
from tests.e2e.conftest import running_app, seed_demo
from tests.e2e.editor_steps import RESEARCHER_PASSWORD
from tests.e2e.test_behind_proxy import nginx, route_to_each_process
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.xdist_group("collab_behind_proxy")]


def demo_section(url: str) -> tuple[int, dict[str, str]]:
    from sqlalchemy import select

    from research.db.models import Application, Section

    engine = make_engine(parse_database_url(url))
    uow = UnitOfWork(engine)
    with uow as session:
        section_id = session.scalar(
            select(Section.id)
            .join(Application, Application.id == Section.application_id)
            .where(Application.title == "Low-cost hearing screening in primary schools", Section.key == "aims")
        )
    tokens = {who: auth.login(uow, who, RESEARCHER_PASSWORD).token for who in ("hana", "wiremu")}
    engine.dispose()
    return section_id, tokens


def test_two_people_on_different_processes_behind_nginx_see_each_others_typing(request, tmp_path):
    url = _postgres_database(request)
    env = {**os.environ, "DATABASE_URL": url, "DEMO_MODE": "1"}
    seed_demo(env)
    section_id, tokens = demo_section(url)
    with ExitStack() as stack:
        apps = [
            stack.enter_context(running_app(env, tmp_path / f"app{n}.log", "--server.address", "127.0.0.1"))
            for n in (1, 2)
        ]
        proxy, access_log = stack.enter_context(nginx(tmp_path, apps))
        routes = list(route_to_each_process(proxy, access_log, apps).values())
        socket = proxy.replace("http://", "ws://") + f"/collab/section/{section_id}"

        def client(who: str, route: str, origin: str | None = None) -> YClient:
            made = YClient(socket, tokens[who], origin=origin or proxy)
            made.headers["Cookie"] += f"; rcw_route={route}"
            return made

        async def scenario():
            async with client("hana", routes[0]) as hana, client("wiremu", routes[1]) as wiremu:
                await hana.insert(0, "Hana via one process. ")
                await wiremu.insert(0, "Wiremu via the other. ")
                await wait_until(
                    lambda: hana.text == wiremu.text and "Hana via" in hana.text and "Wiremu via" in hana.text
                )
            with pytest.raises(InvalidStatus) as refused:
                async with client("hana", routes[0], origin="https://evil.example"):
                    pass
            return refused.value.response.status_code

        assert run_async(scenario()) == 403
        upstreams = {
            line.split("upstream=")[1].split()[0]
            for line in access_log.read_text().splitlines()
            if "/collab/section/" in line
        }
        assert len(upstreams) == 2
