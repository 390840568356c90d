"""`/collab/section/{section_id}`: the y-websocket endpoint on the app's own origin.

Before the socket opens: the Origin must be this site (a cross-site page cannot open it), the
sign-in cookie must name a live session, and the user must be allowed into the section (see
services/drafting/live.py). A refusal closes the handshake, which the client sees as HTTP 403.
While open, the session and the user's rights in the section are checked again every
SESSION_CHECK_SECONDS (and before taking a message, at most MESSAGE_CHECK_SECONDS after the last
check): signed out, expired or no longer allowed in means disconnected. Only
typing in the section counts as activity then: an editor left open in a tab does not keep an
idle session alive.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import anyio
from anyio import to_thread
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnected

from research.collab.fanout import Fanout, install
from research.collab.room import REFUSED, Peer, Room
from research.collab.rooms import Rooms
from research.config import Settings
from research.db.uow import UnitOfWork
from research.domain.errors import DomainError
from research.services.accounts import auth
from research.services.common.actor import Actor
from research.services.drafting.live import LiveGrant, join_section

logger = logging.getLogger("research.collab")
SIGNED_OUT = 4401
SESSION_CHECK_SECONDS = float(os.environ.get("COLLAB_SESSION_CHECK_SECONDS", "30"))
# A message is only taken once the session was seen live this recently: typing from a session that
# ended (signed out in another tab, deactivated) stops within a second, not at the next 30 s check.
MESSAGE_CHECK_SECONDS = float(os.environ.get("COLLAB_MESSAGE_CHECK_SECONDS", "1"))


def same_origin(origin: str | None, host: str | None) -> bool:
    """Browsers always send Origin on a WebSocket; a client without one is no browser and holds no victim's cookie."""
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc == host


class CollabEndpoint:
    def __init__(self, uow: Callable[[], UnitOfWork], settings: Callable[[], Settings], cookie: str):
        self._uow = uow
        self._cookie = cookie
        self._settings = settings
        self.rooms = Rooms(uow)
        self.fanout = Fanout(self.rooms, lambda: settings().database_url)
        install(self.fanout)

    async def _grant(self, websocket: WebSocket) -> LiveGrant | None:
        if not same_origin(websocket.headers.get("origin"), websocket.headers.get("host")):
            return None
        actor = await self._actor(websocket)
        if actor is None:
            return None
        try:
            return await to_thread.run_sync(join_section, self._uow(), actor, int(websocket.path_params["section_id"]))
        except DomainError:
            return None

    async def _actor(self, websocket: WebSocket, touch: bool = True) -> Actor | None:
        token = websocket.cookies.get(self._cookie)
        idle = self._settings().session_idle_minutes
        return await to_thread.run_sync(lambda: auth.resolve(self._uow(), token, idle, touch=touch))

    async def serve(self, websocket: WebSocket) -> None:
        grant = await self._grant(websocket)
        if grant is None:
            await websocket.close(code=REFUSED)
            return
        await websocket.accept()
        self.fanout.start()
        peer = Peer(websocket, grant.user_id, grant.name, grant.can_write)
        room = await self.rooms.enter(grant.section_id, peer)
        try:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(self._watch_session, websocket, grant, peer)
                await self._relay(websocket, room, peer, grant)
                tasks.cancel_scope.cancel()
        finally:
            await self.rooms.leave(room, peer)

    async def _relay(self, websocket: WebSocket, room: Room, peer: Peer, grant: LiveGrant) -> None:
        checked = time.monotonic()
        try:
            async for message in websocket.iter_bytes():
                if time.monotonic() - checked > MESSAGE_CHECK_SECONDS:
                    if await self._holder(websocket, grant, touch=False) is None:
                        await websocket.close(code=SIGNED_OUT, reason="Signed out")
                        return  # the message is dropped: it came from a session that has ended
                    checked = time.monotonic()
                await room.receive(peer, message)
        except WebSocketDisconnected:
            pass  # we closed the socket ourselves (signed out, or the room closed)

    async def _holder(self, websocket: WebSocket, grant: LiveGrant, touch: bool) -> Actor | None:
        """The person the socket was granted to, while its cookie still signs them in; else None."""
        actor = await self._actor(websocket, touch=touch)
        return actor if actor is not None and actor.id == grant.user_id else None

    async def _watch_session(self, websocket: WebSocket, grant: LiveGrant, peer: Peer) -> None:
        while True:
            await anyio.sleep(SESSION_CHECK_SECONDS)
            typed, peer.typed = peer.typed, False
            actor = await self._holder(websocket, grant, touch=typed)
            if actor is None:
                await websocket.close(code=SIGNED_OUT, reason="Signed out")
                return
            try:  # rights change too: taken off the team, or the application left drafting
                now = await to_thread.run_sync(join_section, self._uow(), actor, grant.section_id)
            except DomainError:
                await websocket.close(code=REFUSED, reason="No longer allowed into this section")
                return
            peer.can_write = now.can_write


def collab_routes(uow: Callable[[], UnitOfWork], settings: Callable[[], Settings], cookie: str) -> list[WebSocketRoute]:
    endpoint = CollabEndpoint(uow, settings, cookie)
    return [WebSocketRoute("/collab/section/{section_id:int}", endpoint.serve)]
