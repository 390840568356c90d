"""The live rooms of this process: created on the first join (loaded from the log), dropped on the last leave."""

from __future__ import annotations

from collections.abc import Callable

import anyio
from anyio import to_thread

from research.collab import log
from research.collab.batch import BatchWriter
from research.collab.room import Peer, Room
from research.db.uow import UnitOfWork


class Rooms:
    def __init__(self, uow: Callable[[], UnitOfWork]):
        self._uow = uow
        self._rooms: dict[int, Room] = {}
        self._lock = anyio.Lock()
        self._writer = BatchWriter(uow)

    def get(self, section_id: int) -> Room | None:
        return self._rooms.get(section_id)

    def all(self) -> list[Room]:
        return list(self._rooms.values())

    def __len__(self) -> int:
        return len(self._rooms)

    async def enter(self, section_id: int, peer: Peer) -> Room:
        async with self._lock:
            room = self._rooms.get(section_id)
            if room is None or room.broken:
                await to_thread.run_sync(log.catch_up, self._uow(), section_id)
                entries = await to_thread.run_sync(log.entries, self._uow(), section_id)
                room = Room(section_id, self._uow, self._writer, entries)
                self._rooms[section_id] = room
                # A row stored by another process while this room loaded was announced before it existed.
                await room.pull()
            await room.welcome(peer)
            return room

    async def leave(self, room: Room, peer: Peer) -> None:
        await room.leave(peer)
        if not room.peers:
            await room.flush()
        async with self._lock:
            if not room.peers and self._rooms.get(room.section_id) is room:
                del self._rooms[room.section_id]
