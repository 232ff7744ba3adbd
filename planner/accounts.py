"""Who a planner belongs to on a deployment where people sign in (OpenID Connect).

A person's planner is filed under an owner id made from what the provider says never
changes: its issuer and the person's subject there. Not the e-mail address, which a
person can change (or the institution can reuse). The id is a digest, so it is the
same length whatever the provider sends, holds no address, and cannot end in the demo
planner's suffix. The name and address are shown, never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OWNER_PREFIX = "person-"
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
