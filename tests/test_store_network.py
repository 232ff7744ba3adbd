"""The store's organisations and contacts: LAMP order, duplicates, the pipeline's history."""

from __future__ import annotations

from datetime import datetime

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.organisations import OrganisationDraft
from planner.store.records import HistoryEntry

from .conftest import TODAY

MORNING = datetime(2026, 11, 22, 9, 30)


def org(store, name, motivation=2, posting=1, advocacy=False) -> int:
    return store.organisations.add(
        OrganisationDraft(name=name, motivation=motivation, posting=posting, advocacy=advocacy)
    )


def test_organisations_come_in_lamp_order_with_the_research_queue_last(store):
    org(store, "Queue me", motivation=0, posting=3)
    org(store, "Low", motivation=1, posting=3, advocacy=True)
    org(store, "High, no posting", motivation=3, posting=1)
    org(store, "High, posting", motivation=3, posting=3)
    org(store, "High, posting, friend", motivation=3, posting=3, advocacy=True)
    listed = store.organisations.list()
    assert [o.name for o in listed] == [
        "High, posting, friend",
        "High, posting",
        "High, no posting",
        "Low",
        "Queue me",
    ]
    assert [o.rank for o in listed] == [1, 2, 3, 4, None]
    assert listed[-1].in_research_queue and not listed[-1].work_on_now


def test_only_the_top_five_are_to_work_on_now(store):
    for n in range(7):
        org(store, f"Org {n}", motivation=3 if n < 6 else 1)
    flags = [o.work_on_now for o in store.organisations.list()]
    assert flags == [True] * 5 + [False] * 2


def test_a_second_organisation_with_the_same_name_is_refused(store):
    org(store, "Northwind")
    with pytest.raises(ValidationError) as refused:
        org(store, "  northwind ")
    assert "already on your list" in refused.value.errors["name"]
    assert len(store.organisations.list()) == 1


def test_a_changed_motivation_is_kept_as_history_and_stale_edits_are_refused(store):
    org_id = org(store, "Northwind", motivation=1)
    [saved] = store.organisations.list()
    draft = saved.as_draft()
    store.organisations.update(
        org_id, OrganisationDraft(**{**draft.__dict__, "motivation": 3}), expected_version=1
    )
    assert store.organisations.list()[0].motivation == 3
    assert store.content.row_counts()["organisation_motivation_history"] == 2
    with pytest.raises(StaleEdit):
        store.organisations.update(org_id, draft, expected_version=1)
    assert store.organisations.list()[0].motivation == 3


def test_deleting_an_organisation_keeps_its_contacts(store):
    org_id = org(store, "Northwind")
    contact_id = store.contacts.add(ContactDraft(name="Priya", organisation_id=org_id), today=TODAY)
    store.organisations.delete(org_id)
    assert store.contacts.get(contact_id).organisation_id is None
    with pytest.raises(NotFound):
        store.organisations.delete(org_id)


def test_a_contact_is_saved_with_goals_tags_and_a_first_history_line(store):
    goal = store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    org_id = org(store, "Northwind")
    contact_id = store.contacts.add(
        ContactDraft(
            name=" Priya  Raman ",
            organisation_id=org_id,
            email="priya@example.org",
            tags=["research", "Research"],
            goal_ids=[goal],
        ),
        today=TODAY,
    )
    saved = store.contacts.get(contact_id)
    assert (saved.name, saved.organisation, saved.tags, saved.goal_ids, saved.stage) == (
        "Priya Raman",
        "Northwind",
        ["research"],
        [goal],
        "identified",
    )
    assert saved.last_event_on == TODAY


def test_editing_a_contacts_goals_keeps_the_links_that_stay(store):
    first, second, third = (
        store.goals.add(GoalDraft(title=t), today=TODAY) for t in ("UX", "Data", "Policy")
    )
    contact_id = store.contacts.add(
        ContactDraft(name="Priya", goal_ids=[first, second]), today=TODAY
    )
    kept_link = store.content.rows("contact_goals", ["id", "goal_id"])[0]
    person = store.contacts.get(contact_id)
    store.contacts.update(
        contact_id,
        ContactDraft(name="Priya", goal_ids=[third, first]),
        expected_version=person.version,
    )
    assert sorted(store.contacts.get(contact_id).goal_ids) == sorted([first, third])
    links = store.content.rows("contact_goals", ["id", "goal_id"])
    assert kept_link in links, "the link that stays is the same row"
    assert len(links) == 2


def test_bad_contact_input_saves_nothing(store):
    with pytest.raises(ValidationError) as refused:
        store.contacts.add(ContactDraft(name="", email="nope"), today=TODAY)
    assert set(refused.value.errors) == {"name", "email"}
    assert store.content.row_counts()["contacts"] == 0
    assert store.content.row_counts()["contact_events"] == 0


def test_a_contact_naming_a_deleted_organisation_is_refused(store):
    org_id = org(store, "Gone")
    store.organisations.delete(org_id)
    with pytest.raises(ValidationError) as refused:
        store.contacts.add(ContactDraft(name="Priya", organisation_id=org_id), today=TODAY)
    assert "organisation_id" in refused.value.errors
    assert store.content.row_counts()["contacts"] == 0


def test_likely_duplicates_are_found_by_email_or_by_name_at_the_same_organisation(store):
    org_id = org(store, "Northwind")
    store.contacts.add(
        ContactDraft(name="Priya Raman", organisation_id=org_id, email="P.Raman@example.org"),
        today=TODAY,
    )
    assert store.contacts.likely_duplicates(
        ContactDraft(name="Someone", email="p.raman@EXAMPLE.org")
    ) == ["Priya Raman (Northwind)"]
    assert store.contacts.likely_duplicates(
        ContactDraft(name="priya raman", organisation_id=org_id)
    )
    assert store.contacts.likely_duplicates(ContactDraft(name="Priya Raman")) == []  # elsewhere


def test_the_pipeline_moves_are_kept_as_dated_history(store):
    contact_id = store.contacts.add(ContactDraft(name="Priya"), today=TODAY)
    store.contacts.move(
        contact_id, "requested", happened_at=MORNING, channel="email", summary="Asked for 20 min"
    )
    with pytest.raises(ValidationError):
        store.contacts.move(contact_id, "thanked", happened_at=MORNING)
    contact = store.contacts.get(contact_id)
    assert contact.stage == "requested"
    history = store.contacts.history(contact_id)
    moves = [event for event in history if event.kind == "stage"]
    # (the "Added" event carries the clock's time, so it may sort either side of MORNING)
    assert moves == [
        HistoryEntry(MORNING, "stage", "identified", "requested", "email", "Asked for 20 min")
    ]
    assert len(history) == 2


def test_search_matches_name_role_organisation_and_tags_literally(store):
    org_id = org(store, "100% Research")
    store.contacts.add(ContactDraft(name="Priya", organisation_id=org_id), today=TODAY)
    store.contacts.add(ContactDraft(name="Tom", role="Learning designer"), today=TODAY)
    store.contacts.add(ContactDraft(name="Aisha", tags=["health"]), today=TODAY)
    assert [c.name for c in store.contacts.list(search="100%")] == ["Priya"]
    assert [c.name for c in store.contacts.list(search="%")] == ["Priya"]
    assert [c.name for c in store.contacts.list(search="DESIGN")] == ["Tom"]
    assert [c.name for c in store.contacts.list(search="Health")] == ["Aisha"]
    assert len(store.contacts.list()) == 3


def test_deleting_a_contact_keeps_the_people_they_referred(store):
    priya = store.contacts.add(ContactDraft(name="Priya"), today=TODAY)
    daniel = store.contacts.add(ContactDraft(name="Daniel", referred_by_id=priya), today=TODAY)
    assert store.contacts.get(daniel).referred_by == "Priya"
    store.contacts.delete(priya)
    assert store.contacts.get(daniel).referred_by_id is None
    assert [c.name for c in store.contacts.list()] == ["Daniel"]


def test_the_demo_planner_reads_back_through_the_network_queries(store):
    from planner import demo

    demo.load_demo(store, today=TODAY)
    organisations = store.organisations.list()
    assert organisations[0].name == "Northwind Health" and organisations[0].work_on_now
    assert organisations[-1].in_research_queue
    contacts = store.contacts.list()
    assert len(contacts) == 16
    daniel = next(c for c in contacts if c.name == "Daniel Price")
    assert (daniel.referred_by, daniel.organisation, daniel.stage) == (
        "Priya Raman",
        "Northwind Health",
        "scheduled",
    )
    assert len(store.contacts.list(stages=("requested",))) == 2


def test_research_notes_filter_by_goal_and_kind_and_search_facts(store):
    from planner.research import NoteDraft

    goal = store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    org_id = org(store, "Northwind")
    store.notes.add(
        NoteDraft(
            topic_kind="organisation",
            title="Northwind at a glance",
            noted_on=TODAY,
            goal_id=goal,
            organisation_id=org_id,
            facts=["About 180 staff", "Founded in 2012"],
        ),
        today=TODAY,
    )
    store.notes.add(NoteDraft(title="What researchers do", noted_on=TODAY), today=TODAY)
    assert [n.title for n in store.notes.list(goal_id=goal)] == ["Northwind at a glance"]
    assert [n.title for n in store.notes.list(topic_kind="field")] == ["What researchers do"]
    assert [n.organisation for n in store.notes.list(search="180 STAFF")] == ["Northwind"]
    assert store.notes.known_facts() == ["About 180 staff", "Founded in 2012"]


def test_a_bad_note_saves_nothing(store):
    from planner.research import NoteDraft

    with pytest.raises(ValidationError) as refused:
        store.notes.add(NoteDraft(title="", source_url="ftp://x", noted_on=TODAY), today=TODAY)
    assert set(refused.value.errors) == {"title", "source_url"}
    assert store.notes.list() == []


def test_a_contact_can_bring_a_new_organisation_in_the_same_save(store):
    contact_id = store.contacts.add(
        ContactDraft(name="Priya"), today=TODAY, new_organisation=" Northwind  Health "
    )
    assert store.contacts.get(contact_id).organisation == "Northwind Health"
    [created] = store.organisations.list()
    assert created.in_research_queue


def test_a_bad_contact_does_not_leave_a_new_organisation_behind(store):
    org(store, "Northwind")
    with pytest.raises(ValidationError) as refused:
        store.contacts.add(ContactDraft(name="", email="x"), today=TODAY, new_organisation="Acme")
    assert set(refused.value.errors) == {"name", "email"}
    assert [o.name for o in store.organisations.list()] == ["Northwind"]
    assert store.contacts.list() == []


def test_a_new_organisation_named_like_one_on_the_list_links_to_it(store):
    northwind = org(store, "Northwind Health")
    priya = store.contacts.add(
        ContactDraft(name="Priya"), today=TODAY, new_organisation="  northwind   HEALTH "
    )
    assert store.contacts.get(priya).organisation_id == northwind
    assert [o.name for o in store.organisations.list()] == ["Northwind Health"]


def test_a_sent_request_moves_the_contact_and_starts_the_follow_up_clock(store):
    contact_id = store.contacts.add(ContactDraft(name="Grace"), today=TODAY)
    store.outreach.record_message(
        contact_id,
        "request",
        channel="email",
        subject="A question",
        body="Hello Grace",
        sent_at=datetime(2026, 11, 10, 9),
    )
    assert store.contacts.get(contact_id).stage == "requested"
    [request] = store.outreach.open_requests().requests
    assert request.sent_on == datetime(2026, 11, 10).date()
    store.outreach.record_message(
        contact_id,
        "follow_up",
        channel="email",
        subject="Re: A question",
        body="Bringing this up",
        sent_at=datetime(2026, 11, 19, 9),
    )
    [request] = store.outreach.open_requests().requests
    assert request.followed_up_on == datetime(2026, 11, 19).date()
    assert store.content.row_counts()["outreach"] == 2


def test_a_message_without_text_or_channel_saves_nothing(store):
    contact_id = store.contacts.add(ContactDraft(name="Grace"), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        store.outreach.record_message(
            contact_id, "request", channel="pigeon", subject="", body=" ", sent_at=MORNING
        )
    assert set(refused.value.errors) == {"channel", "body"}
    assert store.contacts.get(contact_id).stage == "identified"
    assert store.content.row_counts()["outreach"] == 0


def test_user_templates_are_kept_and_checked_for_unknown_fields(store):
    store.outreach.add_template("request", "Short ask", "Hi", "Hello {their_name}, could we talk?")
    [template] = store.outreach.templates()
    assert (template.name, template.shipped) == ("Short ask", False)
    with pytest.raises(ValidationError) as refused:
        store.outreach.add_template("request", "Typo", "", "Hello {their_nme}")
    assert "{their_nme}" in refused.value.errors["body"]
