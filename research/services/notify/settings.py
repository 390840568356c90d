"""The mail settings notify works with, installed once per process by the composition root."""

from __future__ import annotations

from research.config import MailSettings

_current: list[MailSettings] = [MailSettings()]


def mail() -> MailSettings:
    return _current[0]


def use(settings: MailSettings) -> None:
    _current[0] = settings
