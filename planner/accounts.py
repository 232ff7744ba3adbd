"""Who a planner belongs to on a deployment where people sign in (OpenID Connect).

A person's planner is filed under an owner id made from what the provider says never
changes: its issuer and the person's subject there. Not the e-mail address, which a
person can change (or the institution can reuse). The id is a digest, so it is the
same length whatever the provider sends, holds no address, and cannot end in the demo
planner's suffix. The name and address are shown, never stored.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OWNER_PREFIX = "person-"
# Set by deploy/start-replica: this server must never serve a planner to someone not
# signed in, even if its secrets file lost its [auth] section.
REQUIRE_SIGN_IN = "PLANNER_REQUIRE_SIGN_IN"
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret",
             "server_metadata_url")  # fmt: skip
COOKIE_SECRET_MIN = 32  # characters: it signs the cookie that says who someone is
# What a person types to confirm deleting their planner: a word, not a click, because
# nothing brings the planner back afterwards.
DELETE_WORD = "delete"


class SignInIncomplete(ValueError):
    """The provider's answer lacks the issuer or the subject a planner is filed under."""


@dataclass(frozen=True)
class Account:
    owner_id: str
    name: str  # as the provider gives it, for the sidebar ("" when it gives none)
    email: str


def owner_id_for(issuer: str, subject: str) -> str:
    """The owner id of the person ``subject`` at the provider ``issuer``."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return OWNER_PREFIX + digest[:40]


def account_from_claims(claims: Mapping[str, Any]) -> Account:
    """The signed-in person, from the claims of their ID token (``st.user``)."""
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    if not issuer.strip() or not subject.strip():
        raise SignInIncomplete(
            "The sign-in service did not say who you are (no issuer or subject), so no "
            "planner can be opened. Sign out and in again; if this persists, tell whoever "
            "runs this planner."
        )
    email = str(claims.get("email") or "")
    name = str(claims.get("name") or claims.get("preferred_username") or "")
    return Account(owner_id_for(issuer, subject), name.strip(), email.strip())


def deletion_problem(typed: str) -> str | None:
    """Why ``typed`` does not confirm deleting the planner, or None when it does."""
    if typed.strip().lower() == DELETE_WORD:
        return None
    return f'Type "{DELETE_WORD}" to confirm. Nothing was deleted.'


def sign_in_demanded(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this server was started as part of a shared deployment, where nobody may
    use a planner without signing in."""
    environ = os.environ if environ is None else environ
    return environ.get(REQUIRE_SIGN_IN, "").strip() not in ("", "0")


def secrets_problems(path: Path) -> list[str]:
    """What is wrong with the secrets file a shared deployment signs people in with, as
    sentences (none: it is usable). A server that started with a broken file would
    serve everyone one planner without sign-in, or accept forged sign-in cookies."""
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return [f"{path} cannot be read: {error.strerror or error}."]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return [f"{path} is not a valid TOML file: {error}."]
    auth = secrets.get("auth")
    if not isinstance(auth, dict):
        return [f"{path} has no [auth] section: copy deploy/secrets.toml.example."]
    problems = []
    for key in AUTH_KEYS:
        value = auth.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"[auth] {key} is missing.")
        elif "CHANGE-ME" in value:
            problems.append(f"[auth] {key} still holds the example's CHANGE-ME.")
    secret = auth.get("cookie_secret")
    if isinstance(secret, str) and secret.strip() and len(secret) < COOKIE_SECRET_MIN:
        problems.append(
            f"[auth] cookie_secret is shorter than {COOKIE_SECRET_MIN} characters: anyone who "
            'guesses it can sign in as anyone. Make one with: python3 -c "import secrets; '
            'print(secrets.token_urlsafe(48))"'
        )
    for key in ("redirect_uri", "server_metadata_url"):
        value = auth.get(key)
        if isinstance(value, str) and not value.startswith(("https://", "http://")):
            problems.append(f"[auth] {key} must be an absolute address (https://...).")
    return problems


if __name__ == "__main__":  # deploy/start-replica checks its secrets file before starting
    found = secrets_problems(Path(sys.argv[1]))
    for problem in found:
        print(problem, file=sys.stderr)
    sys.exit(1 if found else 0)
