"""SIGKILL of the server in the middle of typing: every update any client saw comes back."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import pytest
from pycrdt import Doc, Text

from research.services.drafting.crdt_state import state_vector
from tests.async_support import run_async
from tests.integration.collab.conftest import start_app, start_collab
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = pytest.mark.e2e


def ws(url: str, section_id: int) -> str:
    return url.replace("http://", "ws://") + f"/collab/section/{section_id}"


async def type_until_cut(url: str, section_id: int, token: str, seen_by: YClient) -> None:
    with contextlib.suppress(Exception):
        async with YClient(ws(url, section_id), token) as typist:
            for n in range(10_000):
                await typist.insert(len(typist.text), f"w{n} ")
                await asyncio.sleep(0.002)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_sigkill_mid_typing_loses_no_update_a_client_saw(request, tmp_path, kind):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, kind)
    log = tmp_path / "app.log"
    url, process = start_app(env, log)

    async def until_kill() -> Doc:
        async with YClient(ws(url, section_id), tokens["coauthor"]) as watcher:
            typing = asyncio.create_task(type_until_cut(url, section_id, tokens["lead"], watcher))
            await wait_until(lambda: len(watcher.received) > 60, 20)
            process.send_signal(signal.SIGKILL)
            await asyncio.wait_for(watcher.closed.wait(), 10)
            await typing
            seen = Doc()
            for update in watcher.received:
                seen.apply_update(update)
            return seen

    try:
        seen = run_async(until_kill())
        process.wait(timeout=10)
        url, process = start_app(env, log)

        async def reopen() -> Doc:
            async with YClient(ws(url, section_id), tokens["coauthor"]) as fresh:
                return fresh.doc

        restored = run_async(reopen())
    finally:
        process.terminate()
        process.wait(timeout=15)
        engine.dispose()
    seen_clocks, restored_clocks = state_vector(seen.get_state()), state_vector(restored.get_state())
    assert seen_clocks and all(restored_clocks.get(c, 0) >= clock for c, clock in seen_clocks.items())
    seen_text = str(seen.get("body", type=Text))
    assert str(restored.get("body", type=Text)).startswith(seen_text)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_random_concurrent_typing_converges_to_the_text_the_database_gives_back_after_a_restart(
    request, tmp_path, kind
):
    from research.collab import log
    from tests.integration.collab.test_collab_protocol import typing_together
    from tests.integration.collab.test_update_log import text_of

    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, kind)
    log_path = tmp_path / "app.log"
    url, process = start_app(env, log_path)

    async def type_together() -> str:
        return await typing_together([YClient(ws(url, section_id), tokens[who]) for who in ("lead", "coauthor") * 3])

    async def reopen() -> str:
        async with YClient(ws(url, section_id), tokens["lead"]) as fresh:
            return fresh.text

    try:
        text = run_async(type_together())
        process.terminate()
        process.wait(timeout=15)
        url, process = start_app(env, log_path)
        assert run_async(reopen()) == text == text_of(log.entries(uow, section_id))
    finally:
        process.terminate()
        process.wait(timeout=15)
        engine.dispose()
