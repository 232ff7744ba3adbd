"""Who a planner belongs to where people sign in: the provider's issuer and subject."""

from __future__ import annotations

import pytest

from planner import accounts
from planner.store.database import DEMO_OWNER_SUFFIX


def test_the_owner_is_the_issuer_and_subject_not_the_email():
    ann = accounts.account_from_claims(
        {"iss": "https://id.example.edu", "sub": "123", "email": "ann@example.edu", "name": "Ann"}
    )
    renamed = accounts.account_from_claims(
        {"iss": "https://id.example.edu", "sub": "123", "email": "ann.b@example.edu"}
    )
    assert ann.owner_id == renamed.owner_id  # a new address keeps the planner
    assert (ann.name, ann.email) == ("Ann", "ann@example.edu")
    elsewhere = accounts.account_from_claims({"iss": "https://other.example", "sub": "123"})
    assert elsewhere.owner_id != ann.owner_id  # the same subject at another provider
    assert accounts.owner_id_for("https://id.example.edu", "1234") != ann.owner_id


def test_an_owner_id_holds_no_address_and_no_demo_suffix():
    owner = accounts.owner_id_for("https://id.example.edu", "x" + DEMO_OWNER_SUFFIX)
    assert owner.startswith(accounts.OWNER_PREFIX) and not owner.endswith(DEMO_OWNER_SUFFIX)
    assert "example" not in owner and len(owner) == len(accounts.OWNER_PREFIX) + 40


@pytest.mark.parametrize(
    "claims", [{}, {"iss": "https://id"}, {"sub": "1"}, {"iss": " ", "sub": "1"}]
)
def test_a_sign_in_without_issuer_and_subject_opens_no_planner(claims):
    with pytest.raises(accounts.SignInIncomplete, match="did not say who you are"):
        accounts.account_from_claims(claims)


@pytest.mark.parametrize("typed", ["delete", " Delete ", "DELETE"])
def test_the_word_confirms_deleting(typed):
    assert accounts.deletion_problem(typed) is None


@pytest.mark.parametrize("typed", ["", "yes", "delete it", "deleted"])
def test_anything_else_deletes_nothing(typed):
    assert "Nothing was deleted" in accounts.deletion_problem(typed)
