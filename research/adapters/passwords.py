"""Argon2 password hashing (argon2-cffi)."""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")
# Argon2 is slow and memory-hard on purpose: a flood of sign-ins verifying at once would take the
# cores from the pages (PostgreSQL reads slowed 12x in bench/login_flood.py). Verifications run on
# at most half the cores, in threads of lower CPU priority; the other attempts queue.
NICER = 10


def _lower_priority() -> None:
    # Not Linux, or not allowed: verify at normal priority.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICER)


_VERIFIERS = ThreadPoolExecutor(
    max(1, (os.cpu_count() or 2) // 2), thread_name_prefix="password-verify", initializer=_lower_priority
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    return _VERIFIERS.submit(_verify, password_hash, password).result()


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
