"""Python Yjs clients against the real app on loopback: convergence, persistence, refusals."""

from __future__ import annotations

import asyncio
import random

import pytest
from websockets.exceptions import InvalidStatus

from research.collab import log
from tests.async_support import run_async
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = pytest.mark.e2e


def run(coroutine):
    return run_async(coroutine)


def test_two_clients_see_each_others_text_and_the_log_holds_it(collab):
    async def scenario():
        async with (
            YClient(collab.ws(), collab.tokens["lead"]) as lead,
            YClient(collab.ws(), collab.tokens["coauthor"]) as coauthor,
        ):
            await lead.insert(0, "Rivers remember. ")
            await wait_until(lambda: coauthor.text == "Rivers remember. ")
            await coauthor.insert(len(coauthor.text), "So do people.")
            await wait_until(lambda: lead.text == "Rivers remember. So do people.")
            return lead.text

    text = run(scenario())
    assert stored_text(collab) == text


def stored_text(collab) -> str:
    from pycrdt import Doc, Text

    doc = Doc()
    for entry in log.entries(collab.uow, collab.section_id):
        doc.apply_update(entry.payload)
    return str(doc.get("body", type=Text))


# ASCII only: pycrdt 0.14's Python-side Text indices go wrong after a deletion next to "ō"
# (a client-library quirk; the server never indexes text, and Yjs in the browser counts UTF-16).
WORDS = ["ka ", "mo ", "wai ", "river ", "\n"]


async def random_typing(client: YClient, rng: random.Random, edits: int) -> None:
    for _ in range(edits):
        length = len(client.text)
        if length > 5 and rng.random() < 0.3:
            start = rng.randrange(length - 1)
            await client.delete(start, rng.randint(1, min(4, length - start)))
        else:
            await client.insert(rng.randint(0, length), rng.choice(WORDS))
        await asyncio.sleep(rng.random() * 0.01)


async def typing_together(clients: list[YClient]) -> str:
    """Every client types at random at once; the text they all agree on."""
    for client in clients:
        await client.__aenter__()
    try:
        await asyncio.gather(*(random_typing(c, random.Random(seed), 40) for seed, c in enumerate(clients)))
        await wait_until(lambda: len({c.text for c in clients}) == 1 and clients[0].text != "", 20)
        return clients[0].text
    finally:
        for client in clients:
            await client.__aexit__(None, None, None)


def test_many_clients_typing_at_random_converge_to_what_the_database_holds(collab):
    tokens = [collab.tokens["lead"], collab.tokens["coauthor"]] * 3

    async def scenario():
        return await typing_together([YClient(collab.ws(), token) for token in tokens])

    text = run(scenario())
    assert stored_text(collab) == text

    async def rejoin():
        async with YClient(collab.ws(), collab.tokens["coauthor"]) as late:
            return late.text

    assert run(rejoin()) == text


@pytest.mark.parametrize("who", ["reviewer", "stranger", "nobody", "forged", "signed out"])
def test_people_who_may_not_read_the_section_are_refused_at_the_handshake(collab, who):
    token = {"nobody": None, "forged": "not-a-session"}.get(who, collab.tokens.get(who))
    if who == "signed out":
        from research.services.accounts import auth

        token = auth.login(collab.uow, "coauthor", "correct horse battery").token
        auth.logout(collab.uow, token)

    async def attempt():
        async with YClient(collab.ws(), token):
            pass

    with pytest.raises(InvalidStatus) as refused:
        run(attempt())
    assert refused.value.response.status_code == 403


def test_a_cross_site_page_cannot_open_the_socket_even_with_the_cookie(collab):
    async def attempt(origin):
        async with YClient(collab.ws(), collab.tokens["lead"], origin=origin) as client:
            return client.synced.is_set()

    with pytest.raises(InvalidStatus) as refused:
        run(attempt("https://evil.example"))
    assert refused.value.response.status_code == 403
    assert run(attempt(collab.url)) is True


def test_a_reader_sees_the_typing_but_their_own_updates_are_dropped_and_counted(collab):
    async def scenario():
        async with (
            YClient(collab.ws(), collab.tokens["lead"]) as lead,
            YClient(collab.ws(), collab.tokens["manager"]) as manager,
        ):
            await lead.insert(0, "Lead text. ")
            await wait_until(lambda: "Lead text. " in manager.text)
            await manager.insert(0, "MANAGER WAS HERE ")
            await lead.insert(0, ">")
            await wait_until(lambda: ">" in manager.text)
            return lead.text

    text = run(scenario())
    assert "MANAGER" not in text
    assert "MANAGER" not in stored_text(collab)
    assert "dropped 1 update(s) from Manager, who may only read" in wait_for_log(collab, "dropped")


def wait_for_log(collab, needle: str) -> str:
    import time

    deadline = time.monotonic() + 5
    while needle not in (content := collab.log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return content


def test_signing_out_disconnects_an_open_socket(collab):
    from research.services.accounts import auth

    token = auth.login(collab.uow, "coauthor", "correct horse battery").token

    async def scenario():
        async with YClient(collab.ws(), token) as client:
            await asyncio.to_thread(auth.logout, collab.uow, token)
            await asyncio.wait_for(client.closed.wait(), 10)
            return client.ws.close_code

    assert run(scenario()) == 4401


def nearly_idle(collab, token: str, left: float) -> None:
    """Make the session's last sign of activity `left` seconds short of its idle limit."""
    from datetime import timedelta

    from research.config import load_settings
    from research.domain.clock import utcnow
    from tests.time_passes import session_last_seen

    idle = timedelta(minutes=load_settings().session_idle_minutes)
    session_last_seen(collab.uow, utcnow() - idle + timedelta(seconds=left), token)


def test_an_editor_left_open_does_not_keep_an_idle_session_alive(collab):
    from research.services.accounts import auth

    token = auth.login(collab.uow, "coauthor", "correct horse battery").token

    async def scenario():
        async with YClient(collab.ws(), token) as client:
            await asyncio.to_thread(nearly_idle, collab, token, 2)
            await asyncio.wait_for(client.closed.wait(), 10)
            return client.ws.close_code

    assert run(scenario()) == 4401
    assert auth.resolve(collab.uow, token, 10**6) is None  # ended, not merely quiet


def test_typing_in_the_section_keeps_the_session_alive(collab):
    from research.services.accounts import auth

    token = auth.login(collab.uow, "coauthor", "correct horse battery").token

    async def scenario():
        async with YClient(collab.ws(), token) as client:
            await asyncio.to_thread(nearly_idle, collab, token, 2)
            for _ in range(20):
                await client.insert(len(client.text), ".")
                await asyncio.sleep(0.2)
            return client.closed.is_set()

    assert run(scenario()) is False
    assert auth.resolve(collab.uow, token, 1) is not None  # seen within the last minute


def test_awareness_tells_who_is_in_the_section_and_who_left(collab):
    from pycrdt import Awareness

    def states(client: YClient) -> dict[int, dict]:
        seen = Awareness(client.doc)
        for update in client.awareness:
            seen.apply_awareness_update(update, "server")
        return {c: s for c, s in seen.states.items() if c != client.doc.client_id}

    async def scenario():
        async with YClient(collab.ws(), collab.tokens["coauthor"]) as coauthor:
            async with YClient(collab.ws(), collab.tokens["lead"]) as lead:
                mine = Awareness(lead.doc)
                mine.set_local_state({"user": {"name": "Lead", "color": "#d62728"}})
                await lead.announce(mine.encode_awareness_update([lead.doc.client_id]))
                await wait_until(lambda: lead.doc.client_id in states(coauthor))
                assert states(coauthor)[lead.doc.client_id]["user"]["name"] == "Lead"
                async with YClient(collab.ws(), collab.tokens["coauthor"]) as late:  # told on joining
                    await wait_until(lambda: lead.doc.client_id in states(late))
            await wait_until(lambda: lead.doc.client_id not in states(coauthor))

    run(scenario())
