"""The y-websocket wire format, as far as the server needs to look inside it.

A message is a varint type (0 sync, 1 awareness); a sync message then has a varint sub-type
(0 step 1, 1 step 2, 2 update) and a length-prefixed payload. pycrdt encodes and decodes them.
"""

from __future__ import annotations

from enum import Enum

from pycrdt import YMessageType, YSyncMessageType, read_message

EMPTY_UPDATE = b"\x00\x00"


class Kind(Enum):
    STATE_REQUEST = "sync step 1"
    UPDATE = "update"  # sync step 2 or update: both carry a Yjs update
    AWARENESS = "awareness"
    OTHER = "other"


def kind(message: bytes) -> Kind:
    if len(message) < 2:
        return Kind.OTHER
    if message[0] == YMessageType.AWARENESS:
        return Kind.AWARENESS
    if message[0] != YMessageType.SYNC:
        return Kind.OTHER
    if message[1] == YSyncMessageType.SYNC_STEP1:
        return Kind.STATE_REQUEST
    if message[1] in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
        return Kind.UPDATE
    return Kind.OTHER


def payload(message: bytes) -> bytes:
    """The length-prefixed body after the type bytes (an update, a state vector, an awareness update)."""
    start = 2 if message[0] == YMessageType.SYNC else 1
    return read_message(message[start:])
