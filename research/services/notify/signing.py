"""Signed unsubscribe tokens: user and kind, HMAC-SHA256 under a key kept in the database.

The key is made on first use, so no setting is needed and every app process agrees on it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from research.db.models import WorkspaceFlag

KEY_FLAG = "notify_signing_key"
ALL_KINDS = "*"


def _key(session: Session) -> bytes:
    """Read once per session: a pass signs thousands of links (the identity map keeps no flag alive)."""
    key = session.info.get(KEY_FLAG)
    if key is None:
        flag = session.get(WorkspaceFlag, KEY_FLAG)
        if flag is None:
            flag = WorkspaceFlag(key=KEY_FLAG, value=secrets.token_hex(32))
            session.add(flag)
            session.flush()
        key = session.info[KEY_FLAG] = bytes.fromhex(flag.value)
    return bytes(key)


def _mac(key: bytes, payload: str) -> str:
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def unsubscribe_token(session: Session, user_id: int, kind: str) -> str:
    payload = f"{user_id}.{kind}"
    return f"{payload}.{_mac(_key(session), payload)}"


def read_token(session: Session, token: str) -> tuple[int, str] | None:
    """(user id, kind) for a genuine token, None for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    payload = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_mac(_key(session), payload), parts[2]):
        return None
    return int(parts[0]), parts[1]
