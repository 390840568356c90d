"""The area the unit serves: place names and postcode prefixes, and whether a recipient is in it.

Written as one string, tokens split by ";" (or a new line): ``"Dunedin;Mosgiel;9010;9011"``,
``"London;Oxford;OX1"``. A token with a digit in it (``9010``, ``OX1``, ``SW1A``) or of one or
two capital letters (``OX``, the UK postcode area) is a postcode prefix; any other is a place
name. Place names match a recipient's locality or region whatever their case or diacritics
(``Ōtepoti`` is ``otepoti``); postcode prefixes match the start of its postcode, ignoring case
and spaces, and a UK outward code matches whole (``OX1`` covers ``OX1 2JD``, not ``OX10 1AA``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SEPARATORS = re.compile(r"[;\n]")
_UK_POSTCODE = re.compile(r"^(?P<outward>[A-Z]{1,2}\d[A-Z\d]?)(?P<inward>\d[A-Z]{2})$")
_POSTCODE_AREA = re.compile(r"^[A-Z]{1,2}$")
_POSTCODE_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
MAX_LENGTH = 2000


def place_key(text: str) -> str:
    """A place name for comparing: no case, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").split())


def postcode_key(text: str) -> str:
    """A postcode or prefix for comparing: upper case, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _is_postcode(token: str) -> bool:
    return bool(_POSTCODE_TOKEN.match(token)) and (
        any(ch.isdigit() for ch in token) or bool(_POSTCODE_AREA.match(token))
    )


def _postcode_matches(prefix: str, postcode: str) -> bool:
    uk = _UK_POSTCODE.match(postcode)
    if uk and prefix[-1:].isdigit() and len(prefix) <= len(uk["outward"]):
        return uk["outward"] == prefix or (
            uk["outward"].startswith(prefix) and not uk["outward"][len(prefix)].isdigit()
        )
    if uk and _POSTCODE_AREA.match(prefix):
        return re.match(r"[A-Z]+", uk["outward"])[0] == prefix  # type: ignore[index]
    return postcode.startswith(prefix)


@dataclass(frozen=True)
class Area:
    """The places and postcode prefixes the unit serves; empty when not set."""

    places: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    _keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_keys", frozenset(place_key(place) for place in self.places))

    @classmethod
    def parse(cls, text: str | None) -> Area:
        """The area `text` names; ValueError naming a token that is neither a place nor a postcode."""
        text = text or ""
        if len(text) > MAX_LENGTH:
            raise ValueError(f"is {len(text)} characters long; at most {MAX_LENGTH} fit")
        places: list[str] = []
        postcodes: list[str] = []
        for raw in SEPARATORS.split(text):
            token = " ".join(raw.split())
            if not token:
                continue
            if _is_postcode(token):
                code = postcode_key(token)
                if code not in postcodes:
                    postcodes.append(code)
            elif any(ch.isalpha() for ch in token):
                if place_key(token) not in {place_key(p) for p in places}:
                    places.append(token)
            else:
                raise ValueError(f"{token!r} is neither a place name nor a postcode prefix")
        return cls(tuple(places), tuple(postcodes))

    @property
    def is_set(self) -> bool:
        return bool(self.places or self.postcodes)

    @property
    def text(self) -> str:
        """As stored and shown: 'Dunedin;Mosgiel;9010;9011'."""
        return ";".join((*self.places, *self.postcodes))

    def __str__(self) -> str:
        return self.text

    def contains(self, locality: str = "", postcode: str = "", region: str = "", country: str = "") -> bool | None:
        """In the area (True), outside it (False), or None when the recipient has no location.

        A recipient with only a country has no location finer than the area can be matched on.
        """
        names = {place_key(part) for part in (locality or "", region or "") if part and part.strip()}
        code = postcode_key(postcode or "")
        if not names and not code:
            return None
        if names & self._keys:
            return True
        return bool(code) and any(_postcode_matches(prefix, code) for prefix in self.postcodes)
