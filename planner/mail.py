"""Sending an e-mail through the user's SMTP server (their provider's, or one on the machine).

The server comes from ``--smtp HOST:PORT`` or the environment (``PLANNER_SMTP_HOST``,
``PLANNER_SMTP_PORT``, ``PLANNER_SMTP_USER``, ``PLANNER_SMTP_PASSWORD``): the password is
never stored in the planner file, which backups copy. The connection is upgraded with
STARTTLS whenever the server offers it (certificates checked as the system checks them);
port 465 is TLS from the first byte. A password is only ever sent over TLS.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

DEFAULT_PORT = 25
IMPLICIT_TLS_PORT = 465
TIMEOUT = 30  # seconds: a server that does not answer is reported, not waited on forever


class MailError(RuntimeError):
    """The e-mail could not be sent; the message says why, in the user's terms."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int = DEFAULT_PORT
    user: str = ""
    password: str = ""

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def configured(cls, server: str | None = None, env: Mapping[str, str] = os.environ):
        """The server named by ``server`` ("host:port" or "host") or by the environment."""
        host = env.get("PLANNER_SMTP_HOST", "").strip()
        port_text = env.get("PLANNER_SMTP_PORT", "").strip()
        if server and ":" in server:
            host, _, port_text = server.strip().rpartition(":")
        elif server:
            host = server.strip()
        if not host:
            raise MailError(
                "No mail server is set: give --smtp HOST:PORT or set PLANNER_SMTP_HOST "
                "(and PLANNER_SMTP_PORT, PLANNER_SMTP_USER, PLANNER_SMTP_PASSWORD)."
            )
        try:
            port = int(port_text) if port_text else DEFAULT_PORT
        except ValueError:
            raise MailError(f"The mail server's port {port_text!r} is not a number.") from None
        if not 0 < port < 65536:
            raise MailError(f"The mail server's port {port} is not between 1 and 65535.")
        user = env.get("PLANNER_SMTP_USER", "")
        return cls(host, port, user, env.get("PLANNER_SMTP_PASSWORD", ""))


def send(message: EmailMessage, server: SmtpServer) -> None:
    """Send ``message``; MailError when the server cannot be reached or refuses it."""
    context = ssl.create_default_context()
    try:
        if server.port == IMPLICIT_TLS_PORT:
            connection = smtplib.SMTP_SSL(
                server.host, server.port, timeout=TIMEOUT, context=context
            )
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        with connection as smtp:
            smtp.ehlo()
            secure = server.port == IMPLICIT_TLS_PORT
            if not secure and smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
                secure = True
            if server.user:
                if not secure:
                    raise MailError(
                        f"The mail server at {server.where} does not offer encryption "
                        "(STARTTLS); the password was not sent. Use its encrypted port "
                        "(often 587 or 465)."
                    )
                smtp.login(server.user, server.password)
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise MailError(
            f"The mail server at {server.where} refused the user name or password "
            "(PLANNER_SMTP_USER, PLANNER_SMTP_PASSWORD)."
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(error.recipients)
        raise MailError(f"The mail server at {server.where} refused {refused}.") from None
    except (smtplib.SMTPException, ssl.SSLError) as error:
        raise MailError(f"The mail server at {server.where} did not take the e-mail: "
                        f"{error}") from None  # fmt: skip
    except OSError as error:
        raise MailError(f"Cannot reach the mail server at {server.where}: "
                        f"{error.strerror or error}.") from None  # fmt: skip
