"""A live section: one shared document, the people in it, and the order of its updates.

An update a writer sends is applied, appended to the log and committed, and only then sent
on to everyone (the sender too, as y-websocket's server does): whatever any client saw is in
the database. If the database refuses it, the room closes; the clients still hold their text
and send it again when they reconnect (sync step 1 / 2).
"""

from __future__ import annotations

import asyncio
import logging
import os
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
from research.collab.batch import BatchWriter
from research.collab.messages import EMPTY_UPDATE, Kind, kind, payload
from research.collab.versions import actor_of
from research.db.uow import UnitOfWork
from research.domain.errors import Conflict, DomainError
from research.domain.section_rules import RevisionKind
from research.services.common.actor import Actor
from research.services.drafting.crdt_state import advanced, state_vector
from research.services.drafting.live import LiveText, record_live_revision

logger = logging.getLogger("research.collab")
BODY = "body"
LIVE = RevisionKind.LIVE
IDLE_SECONDS = float(os.environ.get("COLLAB_IDLE_SECONDS", "5"))
REFUSED = 4403  # close code of a refusal, at the handshake or later: the editor says it may not be edited
CHECKPOINT_EVERY = int(os.environ.get("COLLAB_CHECKPOINT_EVERY", "500"))  # log rows merged into one checkpoint


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
    typed: bool = False  # sent an edit since the session was last checked: the person is active
    awareness_ids: set[int] = field(default_factory=set)

    async def send(self, message: bytes) -> bool:
        try:
            await self.socket.send_bytes(message)
        except Exception:  # a peer that went away is removed when its receive loop ends
            return False
        return True


class SeqTracker:
    """Which log rows the room holds. Rows of other processes can commit out of order, so the room
    keeps `low` (every row up to it is held) and the rows held above it."""

    def __init__(self) -> None:
        self.low = 0
        self.high = 0
        self._above: set[int] = set()

    def has(self, seq: int) -> bool:
        return seq <= self.low or seq in self._above

    def add(self, seq: int) -> None:
        self._above.add(seq)
        self.high = max(self.high, seq)
        while self.low + 1 in self._above:
            self.low += 1
            self._above.discard(self.low)


class Room:
    def __init__(self, section_id: int, uow: Callable[[], UnitOfWork], writer: BatchWriter, entries: list[log.Entry]):
        self.section_id = section_id
        self._uow = uow
        self._writer = writer
        self.doc: Doc[Text] = Doc()
        self.body = self.doc.get(BODY, type=Text)
        self.awareness = Awareness(self.doc)
        self.awareness.set_local_state(None)
        self.awareness.observe(self._awareness_seen)
        self.peers: set[Peer] = set()
        self.seqs = SeqTracker()
        self.broken = False
        self.last_writer: int | None = None
        self._lock = anyio.Lock()
        if entries:  # rows before the first were compacted into it
            self.seqs.low = entries[0].seq - 1
        self.apply_entries(entries)
        self.dirty = False
        self.since_checkpoint = len(entries)
        self._idle: asyncio.TimerHandle | None = None

    def apply_entries(self, entries: list[log.Entry]) -> bytes | None:
        """Apply log rows (from a load, another process, a plain-editor save); the new part, if any."""
        fresh = [e for e in entries if not self.seqs.has(e.seq)]
        if not fresh:
            return None
        before = self.doc.get_state()
        for entry in fresh:
            self.doc.apply_update(entry.payload)
            self.seqs.add(entry.seq)
        return self.doc.get_update(before)

    async def pull(self) -> None:
        """Take in rows other writers stored (another process, a plain-editor save) and pass them on."""
        async with self._lock:
            entries = await to_thread.run_sync(log.entries, self._uow(), self.section_id, self.seqs.low)
            update = self.apply_entries(entries)
        if update is not None:
            await self.broadcast(create_update_message(update))

    def live_text(self) -> LiveText:
        return LiveText(self.text, self.doc.get_update(), self.seqs.high)

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
        peer.typed = True
        if not peer.can_write:
            peer.dropped += 1
            return
        async with self._lock:
            before = state_vector(self.doc.get_state())
            self.doc.apply_update(update)
            writers = advanced(before, state_vector(self.doc.get_state()))
            try:
                seq = await self._writer.append(log.Pending(self.section_id, peer.user_id, update, writers))
            except Exception:
                logger.exception("Section %s: an update could not be stored; closing the room", self.section_id)
                await self.close_all(1011, "The text could not be stored; reconnecting.")
                return
            if seq is None:  # the application left drafting since this peer joined: nobody writes now
                peer.dropped += 1
                # The room's document holds the refused edit: everyone reconnects to the stored text, read-only.
                await self.close_all(REFUSED, "The application has left drafting; its text is final.")
                return
            self.seqs.add(seq)
            self.last_writer, self.dirty = peer.user_id, True
            self.since_checkpoint += 1
        await self.broadcast(create_update_message(update))
        self._flush_when_idle()

    def _flush_when_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
        self._idle = asyncio.get_running_loop().call_later(IDLE_SECONDS, lambda: asyncio.ensure_future(self.flush()))

    async def flush(self) -> None:
        """The live text into the revision history (after a pause, or when the last one leaves)."""
        if self._idle is not None:
            self._idle.cancel()
        if not self.dirty or self.last_writer is None:
            return
        self.dirty = False
        try:
            actor = await to_thread.run_sync(actor_of, self._uow(), self.last_writer)
            await self._record(actor)
        except DomainError as exc:
            self.dirty = True  # tried again after the next pause
            logger.warning("Section %s: the live text was not recorded as a revision: %s", self.section_id, exc)
        if self.since_checkpoint > CHECKPOINT_EVERY:
            await to_thread.run_sync(log.checkpoint, self._uow(), self.section_id, self.seqs.low)
            self.since_checkpoint = 0

    async def _record(self, actor: Actor) -> None:
        await self.pull()
        try:
            await to_thread.run_sync(record_live_revision, self._uow(), actor, self.section_id, self.live_text(), LIVE)
        except Conflict:  # saved in the plain editor meanwhile: take that save in as an edit, then record
            await to_thread.run_sync(log.catch_up, self._uow(), self.section_id)
            await self.pull()
            await to_thread.run_sync(record_live_revision, self._uow(), actor, self.section_id, self.live_text(), LIVE)

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
