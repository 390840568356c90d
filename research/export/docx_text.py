"""Text that Word can hold: only XML-illegal characters are removed, everything else is kept."""

from __future__ import annotations

# XML 1.0 allows tab, newline and carriage return, but no other C0 control character,
# no lone surrogate and neither U+FFFE nor U+FFFF.
_ILLEGAL = {code: None for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}
_ILLEGAL.update({code: None for code in range(0xD800, 0xE000)})
_ILLEGAL.update({0xFFFE: None, 0xFFFF: None})


def xml_safe(text: str) -> str:
    return text.translate(_ILLEGAL)
