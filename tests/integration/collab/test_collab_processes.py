"""Two app processes on one PostgreSQL database: people on different processes see each other's typing."""

from __future__ import annotations

import asyncio
import random

import pytest

from tests.async_support import run_async
from tests.integration.collab.conftest import start_app, start_collab
from tests.integration.collab.test_collab_durability import ws
from tests.integration.collab.test_collab_protocol import random_typing
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


def test_two_processes_on_postgresql_converge(request, tmp_path):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, "postgresql")
    first, first_process = start_app(env, tmp_path / "first.log")
    second, second_process = start_app(env, tmp_path / "second.log")

    async def scenario():
        clients = [
            YClient(ws(url, section_id), tokens[who])
            for url, who in ((first, "lead"), (second, "coauthor"), (first, "coauthor"), (second, "lead"))
        ]
        for client in clients:
            await client.__aenter__()
        try:
            await clients[0].insert(0, "From the first process. ")
            await wait_until(lambda: "first process" in clients[1].text)
            await asyncio.gather(*(random_typing(c, random.Random(seed), 30) for seed, c in enumerate(clients)))
            await wait_until(lambda: len({c.text for c in clients}) == 1, 20)
            return clients[0].text
        finally:
            for client in clients:
                await client.__aexit__(None, None, None)

    try:
        text = run_async(scenario())
    finally:
        for process in (first_process, second_process):
            process.terminate()
            process.wait(timeout=15)
    from research.collab import log
    from tests.integration.collab.test_update_log import text_of

    assert text_of(log.entries(uow, section_id)) == text
    engine.dispose()
