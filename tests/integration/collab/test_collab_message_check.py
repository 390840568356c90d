"""Typing from a session that ended is refused by the next message, not by the next periodic check."""

from __future__ import annotations

from research.collab import route
from research.collab.route import SIGNED_OUT, CollabEndpoint
from research.services.drafting.live import LiveGrant
from tests.async_support import run_async


class FakeSocket:
    def __init__(self, messages: list[bytes], after_each) -> None:
        self.messages, self.after_each, self.closed = messages, after_each, None

    async def iter_bytes(self):
        for message in self.messages:
            yield message
            self.after_each(message)

    async def close(self, code: int, reason: str = "") -> None:
        self.closed = code


class FakeRoom:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def receive(self, peer, message: bytes) -> None:
        self.received.append(message)


def endpoint_with(signed_in: dict) -> tuple[CollabEndpoint, list[int]]:
    endpoint = CollabEndpoint.__new__(CollabEndpoint)  # no rooms or fan-out: only the relay is under test
    checks: list[int] = []

    async def actor(websocket, touch: bool = True):
        checks.append(1)
        return type("A", (), {"id": 7})() if signed_in["live"] else None

    endpoint._actor = actor  # type: ignore[method-assign]
    return endpoint, checks


GRANT = LiveGrant(section_id=1, application_id=1, user_id=7, name="Lead", can_write=True)


def test_a_message_after_sign_out_is_dropped_and_the_socket_closed(monkeypatch):
    monkeypatch.setattr(route, "MESSAGE_CHECK_SECONDS", -1.0)  # check before every message
    signed_in = {"live": True}
    endpoint, _ = endpoint_with(signed_in)
    socket = FakeSocket([b"first", b"after sign-out", b"more"], lambda m: signed_in.update(live=False))
    room = FakeRoom()
    run_async(endpoint._relay(socket, room, object(), GRANT))
    assert room.received == [b"first"]
    assert socket.closed == SIGNED_OUT


def test_messages_within_the_check_interval_cost_no_session_read(monkeypatch):
    monkeypatch.setattr(route, "MESSAGE_CHECK_SECONDS", 3600.0)
    endpoint, checks = endpoint_with({"live": True})
    socket = FakeSocket([b"a", b"b", b"c"], lambda m: None)
    room = FakeRoom()
    run_async(endpoint._relay(socket, room, object(), GRANT))
    assert room.received == [b"a", b"b", b"c"] and checks == [] and socket.closed is None


def test_a_cookie_now_signed_in_as_someone_else_is_refused(monkeypatch):
    monkeypatch.setattr(route, "MESSAGE_CHECK_SECONDS", -1.0)
    endpoint = CollabEndpoint.__new__(CollabEndpoint)

    async def actor(websocket, touch: bool = True):
        return type("A", (), {"id": 8})()

    endpoint._actor = actor  # type: ignore[method-assign]
    socket = FakeSocket([b"x"], lambda m: None)
    room = FakeRoom()
    run_async(endpoint._relay(socket, room, object(), GRANT))
    assert room.received == [] and socket.closed == SIGNED_OUT
