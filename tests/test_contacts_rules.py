"""Rules for organisations and contacts: what may be saved, and how the pipeline moves."""

from __future__ import annotations

import pytest

from planner.contacts import NEXT_STAGES, ContactDraft, check_move, validate_contact
from planner.errors import ValidationError
from planner.organisations import OrganisationDraft, validate_organisation
from planner.vocabulary import STAGES


def contact_errors(**changes) -> dict[str, str]:
    return validate_contact(ContactDraft(name="Priya Raman", **changes).normalised())


def test_a_contact_needs_only_a_name():
    assert contact_errors() == {}
    assert validate_contact(ContactDraft(name="   ").normalised()) == {
        "name": "Enter the person's name."
    }


@pytest.mark.parametrize("email", ["priya", "priya@", "@x.org", "priya@example", "a b@x.org"])
def test_a_malformed_email_is_refused(email):
    assert "email" in contact_errors(email=email)


@pytest.mark.parametrize("email", ["priya@example.org", "p.raman+work@mail.example.co.uk"])
def test_ordinary_emails_are_accepted(email):
    assert contact_errors(email=email) == {}


@pytest.mark.parametrize(
    "url", ["linkedin.com/in/priya", "ftp://x.org", "javascript:alert(1)", "https://"]
)
def test_a_profile_link_must_be_a_web_address(url):
    assert contact_errors(linkedin_url=url)["linkedin_url"].startswith("Enter a full web address")


def test_phone_numbers_are_digits_and_punctuation():
    assert contact_errors(phone="+44 (0)113 496-0123") == {}
    assert "phone" in contact_errors(phone="call me maybe")


def test_nobody_refers_themselves():
    draft = ContactDraft(name="Priya", referred_by_id=7)
    assert "referred_by_id" in validate_contact(draft, contact_id=7)


def test_tags_are_trimmed_and_deduplicated_ignoring_case():
    draft = ContactDraft(name="P", tags=[" research", "Research", "", "health "]).normalised()
    assert draft.tags == ["research", "health"]


def test_unknown_circle_or_warmth_is_refused():
    assert set(contact_errors(circle="enemies", warmth="tepid")) == {"circle", "warmth"}


def test_every_stage_has_somewhere_to_go_and_only_known_stages_are_named():
    assert set(NEXT_STAGES) == set(STAGES)
    for targets in NEXT_STAGES.values():
        assert targets and set(targets) <= set(STAGES)


def test_the_pipeline_refuses_skipping_ahead_and_says_what_is_possible():
    check_move("identified", "requested", channel="email", summary="Sent the request")
    with pytest.raises(ValidationError) as refused:
        check_move("identified", "thanked", channel="", summary="")
    assert refused.value.errors["stage"] == (
        "From 'Identified' a contact can move to: Request sent, Not pursuing."
    )


def test_a_closed_contact_can_be_tried_again():
    check_move("declined", "requested", channel="email", summary="Asked again in spring")


def organisation_errors(**changes) -> dict[str, str]:
    return validate_organisation(OrganisationDraft(name="Northwind", **changes).normalised())


def test_an_organisation_needs_a_name_and_valid_scores():
    assert organisation_errors() == {}
    assert set(organisation_errors(motivation=4, posting=0)) == {"motivation", "posting"}
    assert validate_organisation(OrganisationDraft(name=" ")) == {
        "name": "Give the organisation a name."
    }


def test_an_organisation_is_listed_once():
    errors = validate_organisation(
        OrganisationDraft(name="northwind").normalised(), other_names=["Northwind"]
    )
    assert errors == {"name": "This organisation is already on your list."}


def test_an_organisation_website_is_a_web_address():
    assert organisation_errors(website="https://northwind.example") == {}
    assert "website" in organisation_errors(website="northwind.example")


def test_a_history_entry_in_words():
    from planner.contacts import event_label

    assert event_label("stage", "identified", "requested") == "Identified → Request sent"
    assert event_label("reply", None, None) == "Reply received"
    assert event_label("odd", None, None) == "odd"


def test_what_can_be_recorded_next_moves_first_then_entries_that_keep_the_stage():
    from planner.contacts import step_choices

    choices = step_choices("identified")
    assert list(choices) == [
        "stage:requested",
        "stage:not_pursuing",
        "event:message_sent",
        "event:reply",
        "event:note",
    ]
    assert choices["stage:requested"] == "Move to: Request sent"
    assert list(step_choices("gone")) == ["event:message_sent", "event:reply", "event:note"]


def test_a_contacts_headline_and_ways_to_reach_them():
    from datetime import datetime

    from planner.contacts import Contact

    def person(**values):
        fields = dict(
            id=1, name="Priya", role="", organisation_id=None, organisation="", email="",
            linkedin_url="", phone="", circle="other", referred_by_id=None, referred_by="",
            warmth="cold", notes="", tags=[], stage="identified", goal_ids=[],
            updated_at=datetime(2026, 11, 1), version=1,
        )  # fmt: skip
        return Contact(**(fields | values))

    assert person().headline == "No role or organisation yet"
    assert person(role="Researcher").headline == "Researcher"
    assert person(role="Researcher", organisation="Northwind").headline == (
        "Researcher at Northwind"
    )
    assert person().reach == []
    assert person(email="p@example.org", referred_by="Anjali").reach == [
        "p@example.org",
        "Referred by Anjali",
    ]
