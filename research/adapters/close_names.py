"""Suggesting the name someone probably meant: 'Health Research Council' for 'Heath Research Council',
'Ministry of Business, Innovation and Employment' for 'MBIE' (its initials)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

SMALL_WORDS = {"of", "and", "for", "the", "a", "an", "in", "on", "to", "de", "te"}
CUTOFF = 80


def initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿĀ-ž]+", name) if w.lower() not in SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def closest(name: str, candidates: Iterable[str]) -> tuple[str, int] | None:
    """The candidate most like `name` and its score out of 100, or None when none is close."""
    names = list(dict.fromkeys(candidates))
    if not names or not name.strip():
        return None
    wanted = name.strip()
    short = wanted.upper().replace(".", "")
    by_initials = [
        c
        for c in names
        if len(short) >= 2
        and short.isalpha()
        and (initials(c) == short or (len(short) >= 3 and initials(c).startswith(short)))
    ]
    if by_initials:
        return by_initials[0], 100
    found = process.extractOne(wanted, names, scorer=fuzz.token_set_ratio, processor=str.casefold, score_cutoff=CUTOFF)
    return (found[0], round(found[1])) if found else None
