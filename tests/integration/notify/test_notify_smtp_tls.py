"""SMTP_TLS starttls and tls, and SMTP_USER/SMTP_PASSWORD, against aiosmtpd on loopback with a
self-signed certificate that the sender is told to trust (SSL_CERT_FILE), as a real server's CA is."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from research.adapters.smtp import Mail, SendFailed, SmtpSender
from research.config import MailSettings
from tests.integration.notify.conftest import Inbox, _free_port

USER, PASSWORD = "rcw", "mail-secret"  # pragma: allowlist secret (a made-up password for tests)
WRONG = PASSWORD[::-1]
MAIL = Mail("priya@example.org", "Review invitation", "text", "<p>html</p>", "<1@research-workspace>")

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


@pytest.fixture
def certificate(tmp_path, monkeypatch) -> ssl.SSLContext:
    """A server context for 127.0.0.1, its certificate trusted by the sender's default context."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


class SignIns:
    def __init__(self) -> None:
        self.logins: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            USER.encode(),
            PASSWORD.encode(),
        )
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)


def serve(**options):
    inbox, sign_ins = Inbox(), SignIns()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=_free_port(), authenticator=sign_ins, auth_required=True, **options
    )
    controller.start()
    return controller, inbox, sign_ins


def send(port: int, tls: str, password: str = PASSWORD) -> None:
    settings = MailSettings(smtp_host="127.0.0.1", smtp_port=port, smtp_tls=tls, smtp_user=USER, smtp_password=password)
    with SmtpSender(settings) as sender:
        sender(MAIL)


def test_starttls_then_sign_in_then_send(certificate):
    controller, inbox, sign_ins = serve(tls_context=certificate, require_starttls=True)
    try:
        send(controller.port, "starttls")
        with pytest.raises(SendFailed, match="cannot reach the mail server"):
            send(controller.port, "starttls", password=WRONG)
        with pytest.raises(SendFailed):
            send(controller.port, "none")  # the server insists on STARTTLS before anything else
    finally:
        controller.stop()
    assert sign_ins.logins == [USER] and [m["Message-ID"] for m in inbox.messages] == [MAIL.message_id]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_then_sign_in_then_send(certificate):
    """SMTP_SSL shakes hands before the greeting: a server without TLS would fail here."""
    # aiosmtpd does not see its implicit-TLS transport as TLS, so it is told AUTH is fine here.
    controller, inbox, sign_ins = serve(ssl_context=certificate, auth_require_tls=False)
    try:
        send(controller.port, "tls")
    finally:
        controller.stop()
    assert sign_ins.logins == [USER] and [m["To"] for m in inbox.messages] == ["priya@example.org"]


def test_an_untrusted_certificate_is_refused(certificate, monkeypatch):
    controller, inbox, _ = serve(tls_context=certificate, require_starttls=True)
    monkeypatch.delenv("SSL_CERT_FILE")
    try:
        with pytest.raises(SendFailed, match="CERTIFICATE_VERIFY_FAILED"):
            send(controller.port, "starttls")
    finally:
        controller.stop()
    assert inbox.messages == []
