"""Reading Yjs state vectors: which CRDT clients an update added text for."""

from __future__ import annotations

from pycrdt import Decoder


def state_vector(encoded: bytes) -> dict[int, int]:
    """Decode a Yjs state vector: client id -> clock."""
    decoder = Decoder(encoded)
    return {decoder.read_var_uint(): decoder.read_var_uint() for _ in range(decoder.read_var_uint())}


def advanced(before: dict[int, int], after: dict[int, int]) -> set[int]:
    """The client ids whose clock moved: who wrote the structs an update added."""
    return {client for client, clock in after.items() if clock > before.get(client, 0)}
