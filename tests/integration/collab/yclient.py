"""A small y-websocket client on pycrdt, written from the protocol (not from our server's code).

It sends sync step 1 on connect, answers the server's step 1 with step 2, applies every update
it receives, and sends each local edit as an update message.
"""

from __future__ import annotations

import asyncio
import contextlib

from pycrdt import (
    Doc,
    Text,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
)
from websockets.asyncio.client import ClientConnection, connect


class YClient:
    def __init__(self, url: str, token: str | None = None, origin: str | None = None):
        self.url = url
        self.headers = {}
        if token:
            self.headers["Cookie"] = f"rcw_session={token}"
        if origin:
            self.headers["Origin"] = origin
        self.doc = Doc()
        self.body = self.doc.get("body", type=Text)
        self.synced = asyncio.Event()
        self.received: list[bytes] = []  # updates the server sent us (they are stored, the server says)
        self.awareness: list[bytes] = []
        self.arrival = asyncio.Event()  # set whenever an update arrives
        self.ws: ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self.closed = asyncio.Event()

    @property
    def text(self) -> str:
        return str(self.body)

    async def __aenter__(self) -> YClient:
        self.ws = await connect(self.url, additional_headers=self.headers, open_timeout=10)
        self._reader = asyncio.create_task(self._read())
        await self.ws.send(create_sync_message(self.doc))
        await asyncio.wait_for(self.synced.wait(), 10)
        return self

    async def __aexit__(self, *exc) -> None:
        if self._reader:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self.ws:
            await self.ws.close()

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                self._handle(bytes(message))
        finally:
            self.closed.set()

    def _handle(self, message: bytes) -> None:
        if message[0] == YMessageType.AWARENESS:
            self.awareness.append(read_message(message[1:]))
            return
        if message[1] in (YSyncMessageType.SYNC_UPDATE, YSyncMessageType.SYNC_STEP2):
            self.received.append(read_message(message[2:]))
            self.arrival.set()
        reply = handle_sync_message(message[1:], self.doc)
        if message[1] == YSyncMessageType.SYNC_STEP2:
            self.synced.set()
        if reply is not None:
            asyncio.get_running_loop().create_task(self.ws.send(reply))

    async def edit(self, change) -> None:
        """Apply change(body) locally and send the resulting update."""
        before = self.doc.get_state()
        change(self.body)
        await self.ws.send(create_update_message(self.doc.get_update(before)))

    async def insert(self, index: int, text: str) -> None:
        await self.edit(lambda body: body.insert(index, text))

    async def delete(self, index: int, length: int) -> None:
        await self.edit(lambda body: body.__delitem__(slice(index, index + length)))

    async def announce(self, update: bytes) -> None:
        await self.ws.send(create_awareness_message(update))


async def next_update(client: YClient, seen: int) -> None:
    """Until the client has received more than `seen` updates."""
    while len(client.received) <= seen:
        client.arrival.clear()
        await client.arrival.wait()


async def wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting: {getattr(predicate, '__doc__', '')}")
        await asyncio.sleep(0.02)
