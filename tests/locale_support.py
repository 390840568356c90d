"""Running a test under another workspace locale; the previous source comes back afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from research.domain.locale import Locale, set_locale_source


@contextmanager
def locale_of(**values) -> Iterator[Locale]:
    locale = Locale(**values)
    previous = set_locale_source(lambda: locale)
    try:
        yield locale
    finally:
        set_locale_source(previous)
