"""Updates between app processes, and from the plain editor into live rooms.

Every stored update sends `NOTIFY section_updates, '<section>:<seq>'` on PostgreSQL (delivered on
commit); each process LISTENs and the room of that section, if it has one, reads the rows it
lacks from the log. No broker of our own: the database that holds the log carries the news.
A single process on SQLite needs none of it: a plain-editor save pokes the local room directly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.engine import URL

from research.collab import log
from research.collab.log import CHANNEL
from research.collab.rooms import Rooms
from research.db.models import SectionLive
from research.db.uow import UnitOfWork

logger = logging.getLogger("research.collab")
RETRY_SECONDS = 2.0


class Fanout:
    def __init__(self, rooms: Rooms, database_url: Callable[[], URL]):
        self._rooms = rooms
        self._database_url = database_url
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener: asyncio.Task[None] | None = None

    def start(self) -> None:
        """On the server's event loop, at the first connection: remember the loop, listen on PostgreSQL."""
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        url = self._database_url()
        if self._listener is None and url.get_backend_name() == "postgresql":
            self._listener = asyncio.create_task(self._listen(url))

    def poke(self, section_id: int) -> None:
        """From any thread: the section's room (if live here) should read the log."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._pull(section_id)))

    async def _pull(self, section_id: int, seq: int | None = None) -> None:
        room = self._rooms.get(section_id)
        if room is not None and (seq is None or not room.seqs.has(seq)):
            await room.pull()

    async def _listen(self, url: URL) -> None:
        import psycopg

        conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    for room in list(self._rooms.all()):  # rows stored while we were not listening
                        await room.pull()
                    async for notice in connection.notifies():
                        section_id, seq = (int(part) for part in notice.payload.split(":"))
                        await self._pull(section_id, seq)
            except Exception:
                logger.exception("Listening for other processes' updates failed; retrying")
                await asyncio.sleep(RETRY_SECONDS)


_HUB: list[Fanout] = []


def install(fanout: Fanout) -> None:
    _HUB[:] = [fanout]


def plain_saved(uow: UnitOfWork, section_id: int) -> None:
    """After a save from the plain editor: bring it into the live document as an edit, if there is one."""
    with uow as session:
        live = session.get(SectionLive, section_id) is not None
    if not live:
        return  # never written live: the next room starts from the saved text anyway
    log.catch_up(uow, section_id)
    for fanout in _HUB:
        fanout.poke(section_id)
