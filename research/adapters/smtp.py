"""Sending email over SMTP (smtplib): one connection per pass, TLS as configured."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate

from research.config import MailSettings

TIMEOUT_SECONDS = 20
# RFC 5322 allows lines of 998 characters: a long List-Unsubscribe URL stays one plain header.
POLICY = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    unsubscribe_url: str = ""


class SendFailed(Exception):
    """The server refused this message or could not be reached; the outbox tries again later."""


def build_message(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"], message["To"], message["Subject"] = sender, mail.to, mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = mail.message_id
    if mail.unsubscribe_url:
        # RFC 8058: one-click unsubscribe by a POST to this URL.
        message["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


class SmtpSender:
    """`with SmtpSender(settings) as send: send(mail)`; raises SendFailed per refused message."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        s = self.settings
        try:
            if s.smtp_tls == "tls":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.smtp_host, s.smtp_port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT_SECONDS)
                if s.smtp_tls == "starttls":
                    client.starttls(context=ssl.create_default_context())
            if s.smtp_user:
                client.login(s.smtp_user, s.smtp_password)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed(f"cannot reach the mail server {s.smtp_host}:{s.smtp_port}: {exc}") from exc
        self._client = client
        return self

    def __call__(self, mail: Mail) -> None:
        if self._client is None:
            raise SendFailed("the mail connection is not open")
        try:
            self._client.send_message(build_message(mail, self.settings.mail_from))
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed(str(exc)) from exc

    def __exit__(self, *exc_info: object) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()
