"""A real SMTP server (aiosmtpd) on loopback, and people with email addresses."""

from __future__ import annotations

import email
import socket
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

import research.services.notify  # noqa: F401  (subscribes the handlers)
from research.config import MailSettings
from research.db.models import User
from research.services.notify import settings

APP_URL = "http://workspace.test"


class Inbox:
    """Collects what the server accepted; refuses the next `refuse` messages with 451."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, MailSettings(smtp_host="127.0.0.1", smtp_port=controller.port, app_url=APP_URL)
    controller.stop()


@pytest.fixture
def with_email(uow):
    """with_email(actor) -> address: gives the user an email address."""

    def give(actor) -> str:
        address = f"{actor.username}@example.org"
        with uow as session:
            session.execute(update(User).where(User.id == actor.id).values(email=address))
        return address

    return give


def text_part(message: Message) -> str:
    return next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()


def html_part(message: Message) -> str:
    return next(p for p in message.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()


@pytest.fixture(autouse=True)
def app_url():
    """Links in messages written by events point at APP_URL, as the app process installs it."""
    settings.use(MailSettings(app_url=APP_URL))
    yield APP_URL
    settings.use(MailSettings())
