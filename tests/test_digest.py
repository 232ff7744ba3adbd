"""The daily digest, sent to a real SMTP server (aiosmtpd, on 127.0.0.1) and read back."""

from __future__ import annotations

import email
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from planner import demo, digest, mail
from planner.__main__ import main
from planner.due import due_list
from planner.store import Database, Store

from . import hostile
from .conftest import TODAY

BASE = "http://localhost:8501"


@dataclass
class Inbox:
    """What the test server received: one (envelope sender, recipients, message, over TLS)
    per e-mail."""

    received: list[tuple[str, list[str], EmailMessage, bool]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(
            (envelope.mail_from, list(envelope.rcpt_tos), message, session.ssl is not None)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    """A plain SMTP server on 127.0.0.1 (no encryption offered, no login)."""
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, trusted by this test's process alone."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate (.ci/run installs it)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # what ssl.create_default_context trusts
    return cert, key


@pytest.fixture
def secure_inbox(certificate):
    """A server that offers STARTTLS and takes only maya / right-password, over TLS."""
    cert, key = certificate
    box = Inbox()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            b"maya",
            b"right-password",
        )
        return AuthResult(success=ok, handled=False)  # False: aiosmtpd answers 535 itself

    controller = Controller(
        box, hostname="127.0.0.1", port=free_port(), tls_context=context,
        require_starttls=True, authenticator=authenticator, auth_required=True,
    )  # fmt: skip
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "planner.duckdb"
    with Database(path) as db:
        demo.load_demo(db.session(), today=TODAY)
    return path


def send(path: Path, *extra: str) -> int:
    return main(["digest", "--db", str(path), "--to", "maya@example.org", *extra])


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


# -- sent and read back ------------------------------------------------------------------


def test_the_demo_digest_arrives_with_every_item_due_and_a_link_to_each(inbox, demo_file):
    assert send(demo_file, "--smtp", f"127.0.0.1:{inbox.port}", "--today", str(TODAY)) == 0
    ((sender, recipients, message, secure),) = inbox.received
    assert recipients == ["maya@example.org"] and sender == "maya@example.org" and not secure
    with Database(demo_file) as db:
        due = [i for i in due_list(db.session(), today=TODAY) if i.due_on and i.due_on <= TODAY]
    assert len(due) >= 3
    assert message["Subject"] == f"Interview planner: {len(due)} things due on Sun 22 Nov"
    assert message["From"] == "Interview planner <maya@example.org>"
    text, html = parts(message)
    for item in due:
        assert item.text in text, item.text
        assert item.url(BASE) in text
        assert item.url(BASE).replace("&", "&amp;") in html
    assert due[0].kind == "thank_you", "thank-yous first, as on Home"
    positions = [text.index(item.text) for item in due]
    assert positions == sorted(positions), "in the due list's order"
    assert "Also waiting, with no date: " in text
    assert "Open the planner: http://localhost:8501/" in text


def test_the_server_comes_from_the_environment(inbox, demo_file, monkeypatch, capsys):
    monkeypatch.setenv("PLANNER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANNER_SMTP_PORT", str(inbox.port))
    monkeypatch.setenv("PLANNER_SMTP_FROM", "planner@example.org")
    assert send(demo_file, "--today", str(TODAY)) == 0
    ((sender, _, message, _),) = inbox.received
    assert sender == "planner@example.org"
    assert message["From"] == "Interview planner <planner@example.org>"
    assert capsys.readouterr().out.startswith("Sent the digest (")


def test_nothing_is_sent_when_nothing_is_due_unless_always(inbox, tmp_path, capsys):
    empty = tmp_path / "empty.duckdb"
    assert send(empty, "--smtp", f"127.0.0.1:{inbox.port}", "--today", str(TODAY)) == 0
    assert inbox.received == []
    assert capsys.readouterr().out == "Nothing is due on 2026-11-22; no e-mail sent.\n"
    assert send(empty, "--smtp", f"127.0.0.1:{inbox.port}", "--always") == 0
    ((_, _, message, _),) = inbox.received
    assert message["Subject"].startswith("Interview planner: nothing due on ")
    assert "Nothing is due today." in parts(message)[0]


def test_starttls_is_used_when_offered_and_the_password_goes_over_it(
    secure_inbox, demo_file, monkeypatch
):
    monkeypatch.setenv("PLANNER_SMTP_USER", "maya")
    monkeypatch.setenv("PLANNER_SMTP_PASSWORD", "right-password")
    assert send(demo_file, "--smtp", f"127.0.0.1:{secure_inbox.port}", "--today", str(TODAY)) == 0
    ((_, _, _, secure),) = secure_inbox.received
    assert secure


def test_a_wrong_password_is_said_plainly(secure_inbox, demo_file, monkeypatch, capsys):
    monkeypatch.setenv("PLANNER_SMTP_USER", "maya")
    monkeypatch.setenv("PLANNER_SMTP_PASSWORD", "wrong")
    assert send(demo_file, "--smtp", f"127.0.0.1:{secure_inbox.port}", "--today", str(TODAY)) == 1
    assert "refused the user name or password" in capsys.readouterr().err
    assert secure_inbox.received == []


def test_a_password_is_never_sent_without_encryption(inbox, demo_file, monkeypatch, capsys):
    monkeypatch.setenv("PLANNER_SMTP_USER", "maya")
    monkeypatch.setenv("PLANNER_SMTP_PASSWORD", "secret")
    assert send(demo_file, "--smtp", f"127.0.0.1:{inbox.port}", "--today", str(TODAY)) == 1
    assert "does not offer encryption (STARTTLS); the password was not sent" in (
        capsys.readouterr().err
    )
    assert inbox.received == []


def test_no_server_and_an_unreachable_one_are_errors_not_tracebacks(demo_file, capsys):
    assert send(demo_file, "--today", str(TODAY)) == 1
    assert "No mail server is set" in capsys.readouterr().err
    assert send(demo_file, "--smtp", f"127.0.0.1:{free_port()}", "--today", str(TODAY)) == 1
    assert "Cannot reach the mail server at 127.0.0.1:" in capsys.readouterr().err
    assert send(demo_file, "--smtp", "127.0.0.1:port", "--today", str(TODAY)) == 1
    assert "port 'port' is not a number" in capsys.readouterr().err


@pytest.mark.parametrize(
    "address",
    ["maya@example.org\r\nBcc: everyone@example.org", "a@b.c, d@e.f", "Maya <m@x.org>", "nobody"],
)
def test_an_address_that_is_not_one_address_is_refused(inbox, demo_file, capsys, address):
    code = main(["digest", "--db", str(demo_file), "--to", address,
                 "--smtp", f"127.0.0.1:{inbox.port}", "--today", str(TODAY)])  # fmt: skip
    assert code == 1 and "is not" in capsys.readouterr().err
    assert inbox.received == []


def test_the_digest_read_from_the_calendar_feed_lists_the_same_items(demo_file):
    from planner import feed

    with Database(demo_file) as db:
        store = db.session()
        from_planner = digest.build(store, today=TODAY, base=BASE)
        calendar = feed.feed_bytes(store, today=TODAY, base=BASE)
    from_feed = digest.from_feed(calendar, today=TODAY, home=BASE + "/")
    assert from_feed.due == from_planner.due
    meetings = [e.url for e in from_planner.coming if "/Questions?interview=" in e.url]
    assert meetings and [e.url for e in from_feed.coming] == meetings
    assert from_feed.subject == from_planner.subject


def test_a_feed_address_that_is_not_http_is_refused(capsys):
    code = main(["digest", "--feed", "file:///etc/passwd", "--to", "maya@example.org",
                 "--dry-run"])  # fmt: skip
    assert code == 1 and "does not start with http" in capsys.readouterr().err


# -- hostile text --------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.links += [value for name, value in attrs if name == "href"]


def test_hostile_text_stays_text_in_the_digest(store: Store):
    hostile.fill(store, today=TODAY, strings=hostile.SHORT)
    written = digest.build(store, today=TODAY + timedelta(days=30), base=BASE)
    assert written.due, "the hostile planner has something due"
    message = digest.message(written, to="maya@example.org")
    assert set(message.keys()) == {
        "Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted",
        "MIME-Version", "Content-Type",
    }  # fmt: skip
    assert message["Subject"] == f"Interview planner: {len(written.due)} things due on Tue 22 Dec"
    sent = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    _, html = parts(sent)
    found = _Tags()
    found.feed(html)
    assert found.tags <= {"html", "head", "meta", "title", "body", "h1", "h2", "ul", "li",
                          "strong", "span", "br", "a", "p"}  # fmt: skip
    assert all(link.startswith(BASE + "/") for link in found.links)


def test_an_empty_planner_has_an_empty_digest_and_the_port_defaults_to_25(store: Store):
    written = digest.build(store, today=TODAY)
    assert (written.due, written.coming, written.waiting) == ([], [], "")
    assert mail.SmtpServer.configured("mail.example.org", env={}).where == "mail.example.org:25"
    assert mail.SmtpServer.configured(None, env={"PLANNER_SMTP_HOST": "h"}).port == 25
