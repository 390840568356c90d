"""A live section: one shared document, the people in it, and the order of its updates.

An update a writer sends is applied, appended to the log and committed, and only then sent
on to everyone (the sender too, as y-websocket's server does): whatever any client saw is in
the database. If the database refuses it, the room closes; the clients still hold their text
and send it again when they reconnect (sync step 1 / 2).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import anyio
from anyio import to_thread
from pycrdt import (
    Awareness,
    Doc,
    Text,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from research.collab import log
from research.collab.messages import EMPTY_UPDATE, Kind, advanced, kind, payload, state_vector
from research.db.uow import UnitOfWork

logger = logging.getLogger("research.collab")
BODY = "body"


class Socket(Protocol):
    async def send_bytes(self, data: bytes) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


@dataclass(eq=False)
class Peer:
    socket: Socket
    user_id: int
    name: str
    can_write: bool
    dropped: int = 0
    awareness_ids: set[int] = field(default_factory=set)

    async def send(self, message: bytes) -> bool:
        try:
            await self.socket.send_bytes(message)
        except Exception:  # a peer that went away is removed when its receive loop ends
            return False
        return True


class Room:
    def __init__(self, section_id: int, uow: Callable[[], UnitOfWork], entries: list[log.Entry]):
        self.section_id = section_id
        self._uow = uow
        self.doc: Doc[Text] = Doc()
        self.body = self.doc.get(BODY, type=Text)
        self.awareness = Awareness(self.doc)
        self.awareness.set_local_state(None)
        self.awareness.observe(self._awareness_seen)
        self.peers: set[Peer] = set()
        self.last_seq = 0
        self.broken = False
        self._lock = anyio.Lock()
        self.apply_entries(entries)

    def apply_entries(self, entries: list[log.Entry]) -> bytes | None:
        """Apply log rows (from a load or another process); the merged new part, if any."""
        fresh = [e for e in entries if e.seq > self.last_seq]
        if not fresh:
            return None
        before = self.doc.get_state()
        for entry in fresh:
            self.doc.apply_update(entry.payload)
        self.last_seq = max(e.seq for e in fresh)
        return self.doc.get_update(before)

    @property
    def text(self) -> str:
        return str(self.body)

    async def welcome(self, peer: Peer) -> None:
        self.peers.add(peer)
        await peer.send(create_sync_message(self.doc))
        if states := list(self.awareness.states):
            await peer.send(create_awareness_message(self.awareness.encode_awareness_update(states)))

    async def receive(self, peer: Peer, message: bytes) -> None:
        match kind(message):
            case Kind.STATE_REQUEST:
                reply = handle_sync_message(message[1:], self.doc)
                if reply is not None:
                    await peer.send(reply)
            case Kind.UPDATE:
                await self._update(peer, payload(message))
            case Kind.AWARENESS:
                self.awareness.apply_awareness_update(payload(message), peer)
                await self.broadcast(message, but=peer)

    async def _update(self, peer: Peer, update: bytes) -> None:
        if update == EMPTY_UPDATE:
            return
        if not peer.can_write:
            peer.dropped += 1
            return
        async with self._lock:
            before = state_vector(self.doc.get_state())
            self.doc.apply_update(update)
            writers = advanced(before, state_vector(self.doc.get_state()))
            try:
                seq = await to_thread.run_sync(log.append, self._uow(), self.section_id, peer.user_id, update, writers)
            except Exception:
                logger.exception("Section %s: an update could not be stored; closing the room", self.section_id)
                await self.close_all(1011, "The text could not be stored; reconnecting.")
                return
            self.last_seq = max(self.last_seq, seq)
        await self.broadcast(create_update_message(update))

    async def broadcast(self, message: bytes, but: Peer | None = None) -> None:
        for peer in list(self.peers):
            if peer is not but:
                await peer.send(message)

    async def close_all(self, code: int, reason: str) -> None:
        self.broken = True
        for peer in list(self.peers):
            try:
                await peer.socket.close(code, reason)
            except Exception:  # already gone
                logger.debug("peer already closed")

    async def leave(self, peer: Peer) -> None:
        self.peers.discard(peer)
        if peer.dropped:
            logger.warning(
                "Section %s: dropped %d update(s) from %s, who may only read",
                self.section_id,
                peer.dropped,
                peer.name,
            )
        gone = [c for c in peer.awareness_ids if c in self.awareness.states]
        if gone:
            self.awareness.remove_awareness_states(gone, None)
            await self.broadcast(create_awareness_message(self.awareness.encode_awareness_update(gone)))

    def _awareness_seen(self, topic: str, change: tuple[dict[str, Any], Any]) -> None:
        details, origin = change
        if topic == "update" and isinstance(origin, Peer):
            origin.awareness_ids.update(details["added"], details["updated"])
