"""The store's reflections and what follows from them: assumptions checked, motivation,
action items, thank-yous owed, check-ins, fit evidence, and one owner's privacy."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.due import due_list
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.organisations import OrganisationDraft
from planner.reflection import ActionDraft, FitRating, ReflectionDraft, SkillHeard

from .conftest import TODAY

BOOKED = datetime(2026, 1, 5, 9, tzinfo=UTC)  # when every meeting was put in the calendar
FRIDAY = date(2026, 11, 20)
MONDAY = date(2026, 11, 23)
REFLECTION_TABLES = ("reflections", "reflection_fit_ratings", "reflection_skills")


def person(store, name: str, *, goal: int | None = None, org: int | None = None) -> int:
    draft = ContactDraft(name=name, organisation_id=org, goal_ids=[goal] if goal else [])
    return store.contacts.add(draft, today=TODAY)


def booked(store, contact: int, on: date, *, goal: int | None = None) -> int:
    return store.meetings.schedule(
        MeetingDraft(contact, on, time(16), "UTC", goal_id=goal), now=BOOKED
    )


def met(store, contact: int, on: date, *, goal: int | None = None) -> int:
    """A meeting at 16:00 UTC on ``on``, marked done at 17:00."""
    interview = booked(store, contact, on, goal=goal)
    store.meetings.mark_done(interview, now=datetime.combine(on, time(17), tzinfo=UTC))
    return interview


def thank(store, contact: int, on: date, interview: int | None = None) -> None:
    store.outreach.record_message(
        contact,
        "thank_you",
        channel="email",
        subject="Thank you",
        body="Thank you for your time.",
        sent_at=datetime.combine(on, time(9)),
        interview_id=interview,
    )


def counts(store, tables=(*REFLECTION_TABLES, "assumption_checks")) -> dict[str, int]:
    every = store.content.row_counts()
    return {table: every[table] for table in tables}


@pytest.fixture
def goal(store) -> int:
    return store.goals.add(GoalDraft(title="Explore research"), today=TODAY)


@pytest.fixture
def priya(store, goal) -> tuple[int, int]:
    """(contact, interview): Priya Raman, met on Friday 20 November for the goal."""
    contact = person(store, "Priya Raman", goal=goal)
    return contact, met(store, contact, FRIDAY, goal=goal)


# -- saving a reflection ------------------------------------------------------------------


def test_only_a_done_interview_can_be_reflected_on(store, goal):
    contact = person(store, "Daniel Price", goal=goal)
    upcoming = booked(store, contact, date(2026, 12, 1), goal=goal)
    with pytest.raises(ValidationError) as refused:
        store.reflections.save(upcoming, ReflectionDraft(advice="Start small"))
    assert "Mark the interview done first" in refused.value.errors["prompts"]
    assert store.reflections.for_interview(upcoming) is None
    assert all(n == 0 for n in counts(store).values())
    with pytest.raises(NotFound):
        store.reflections.save(999, ReflectionDraft(advice="Start small"))


def test_a_reflection_is_saved_with_its_ratings_skills_and_checks(store, goal, priya):
    _, interview = priya
    assumption = store.goals.add_assumption(goal, "  Research roles   need a PhD ")
    draft = ReflectionDraft(
        learned_field=" Ops is half the job \n",
        advice="Start with one small study",
        interest_change="up",
        takeaways=["", "Ask about the guild"],
        themes=["Data ethics", "data ETHICS", "Ops"],
        fit_ratings=[FitRating("succeed", 4, " She moved from support "), FitRating("want", 5)],
        skills=[SkillHeard("SQL", "have"), SkillHeard("Interviewing", "gap")],
        assumption_verdicts={assumption: "refuted"},
    )
    reflection_id = store.reflections.save(interview, draft)
    saved = store.reflections.for_interview(interview)
    assert (saved.id, saved.interview_id, saved.version) == (reflection_id, interview, 1)
    assert saved.learned_field == "Ops is half the job"
    assert (saved.advice, saved.interest_change) == ("Start with one small study", "up")
    assert saved.takeaways == ["Ask about the guild"]
    assert saved.themes == ["Data ethics", "Ops"]
    assert saved.fit_ratings == [
        FitRating("succeed", 4, "She moved from support"),
        FitRating("want", 5, ""),
    ]
    assert saved.skills == [SkillHeard("SQL", "have"), SkillHeard("Interviewing", "gap")]
    assert saved.assumption_verdicts == {assumption: "refuted"}
    assert [a.statement for a in store.goals.assumptions(goal)] == ["Research roles need a PhD"]


def test_saving_again_replaces_the_ratings_skills_and_checks(store, goal, priya):
    _, interview = priya
    phd = store.goals.add_assumption(goal, "Research roles need a PhD")
    admin = store.goals.add_assumption(goal, "Ops work is mostly admin")
    first = store.reflections.save(
        interview,
        ReflectionDraft(
            advice="Start small",
            fit_ratings=[FitRating("succeed", 2), FitRating("fit", 3)],
            skills=[SkillHeard("SQL", "gap"), SkillHeard("Figma", "have")],
            assumption_verdicts={phd: "confirmed", admin: "confirmed"},
        ),
    )
    again = store.reflections.save(
        interview,
        ReflectionDraft(
            advice="Start with one study",
            fit_ratings=[FitRating("succeed", 4, "Not as hard as I thought")],
            skills=[SkillHeard("sql", "have")],
            assumption_verdicts={phd: "refuted"},
        ),
        expected_version=1,
    )
    assert again == first, "the same reflection, edited"
    saved = store.reflections.for_interview(interview)
    assert saved.version == 2
    assert saved.advice == "Start with one study"
    assert saved.fit_ratings == [FitRating("succeed", 4, "Not as hard as I thought")]
    assert saved.skills == [SkillHeard("sql", "have")]
    assert saved.assumption_verdicts == {phd: "refuted"}
    assert counts(store) == {
        "reflections": 1,
        "reflection_fit_ratings": 1,
        "reflection_skills": 1,
        "assumption_checks": 1,
    }
    tallies = {a.id: (a.confirmed, a.refuted) for a in store.goals.assumptions(goal)}
    assert tallies == {phd: (0, 1), admin: (0, 0)}


def test_a_stale_edit_is_refused_and_the_saved_reflection_kept(store, priya):
    _, interview = priya
    with pytest.raises(StaleEdit):
        store.reflections.save(interview, ReflectionDraft(advice="x"), expected_version=1)
    assert store.reflections.for_interview(interview) is None, "no first reflection at version 1"
    store.reflections.save(
        interview, ReflectionDraft(advice="Start small", fit_ratings=[FitRating("fit", 3)])
    )
    for stale in (0, 2):  # another window saved first / a version from the future
        with pytest.raises(StaleEdit) as refused:
            store.reflections.save(
                interview,
                ReflectionDraft(advice="Overwritten", fit_ratings=[FitRating("fit", 1)]),
                expected_version=stale,
            )
        assert "reload the page" in str(refused.value)
    saved = store.reflections.for_interview(interview)
    assert (saved.advice, saved.version, saved.fit_ratings) == (
        "Start small",
        1,
        [FitRating("fit", 3, "")],
    )


def test_a_refused_reflection_saves_nothing(store, goal, priya):
    _, interview = priya
    bad = ReflectionDraft(
        advice="Start small",
        themes=["Ops"],
        fit_ratings=[FitRating("succeed", 4), FitRating("want", 6)],
        skills=[SkillHeard("SQL", "gap")],
    )
    with pytest.raises(ValidationError) as refused:
        store.reflections.save(interview, bad)
    assert set(refused.value.errors) == {"fit_want"}
    assert store.reflections.for_interview(interview) is None
    assert all(n == 0 for n in counts(store).values())
    assert [m.interview_id for m in store.reflections.missing()] == [interview]
    assert store.reflections.fit_evidence(goal) == []


def test_a_refused_edit_keeps_the_reflection_as_it_was(store, priya):
    _, interview = priya
    store.reflections.save(
        interview,
        ReflectionDraft(advice="Start small", fit_ratings=[FitRating("succeed", 4)]),
    )
    with pytest.raises(ValidationError):
        store.reflections.save(
            interview,
            ReflectionDraft(advice="Changed", skills=[SkillHeard("SQL", "unsure")]),
            expected_version=1,
        )
    saved = store.reflections.for_interview(interview)
    assert (saved.advice, saved.version) == ("Start small", 1)
    assert saved.fit_ratings == [FitRating("succeed", 4, "")]


def test_an_assumption_from_another_goal_is_refused(store, goal, priya):
    _, interview = priya
    other_goal = store.goals.add(GoalDraft(title="Teach data science"), today=TODAY)
    elsewhere = store.goals.add_assumption(other_goal, "Teaching pays badly")
    with pytest.raises(ValidationError) as refused:
        store.reflections.save(
            interview,
            ReflectionDraft(
                advice="Start small",
                fit_ratings=[FitRating("fit", 4)],
                assumption_verdicts={elsewhere: "confirmed"},
            ),
        )
    assert set(refused.value.errors) == {"assumptions"}
    assert all(n == 0 for n in counts(store).values())
    assert [(a.confirmed, a.refuted) for a in store.goals.assumptions(other_goal)] == [(0, 0)]


def test_a_conversation_with_no_goal_checks_no_assumption(store, goal):
    contact = person(store, "Sam Okafor")
    interview = met(store, contact, FRIDAY)
    assumption = store.goals.add_assumption(goal, "Research roles need a PhD")
    with pytest.raises(ValidationError):
        store.reflections.save(
            interview, ReflectionDraft(advice="x", assumption_verdicts={assumption: "refuted"})
        )
    store.reflections.save(interview, ReflectionDraft(advice="x"))
    assert store.reflections.for_interview(interview).assumption_verdicts == {}


def test_done_interviews_without_a_reflection_are_listed_until_one_is_saved(store, goal, priya):
    _, friday = priya
    org = store.organisations.add(OrganisationDraft(name="Northwind Health", motivation=2))
    daniel = person(store, "Daniel Price", goal=goal, org=org)
    thursday = met(store, daniel, date(2026, 11, 19), goal=goal)
    booked(store, person(store, "Sam Okafor"), date(2026, 12, 3))  # not yet happened
    missing = store.reflections.missing()
    assert [(m.interview_id, m.contact_name, m.organisation, m.met_on) for m in missing] == [
        (friday, "Priya Raman", "", FRIDAY),
        (thursday, "Daniel Price", "Northwind Health", date(2026, 11, 19)),
    ]
    store.reflections.save(friday, ReflectionDraft(surprised="How much is ops"))
    assert [m.interview_id for m in store.reflections.missing()] == [thursday]
    store.reflections.save(thursday, ReflectionDraft(advice="Join the guild"))
    assert store.reflections.missing() == []
    assert [i.kind for i in due_list(store, today=TODAY) if i.kind == "reflection"] == []


# -- assumptions --------------------------------------------------------------------------


def test_assumptions_are_tallied_across_conversations(store, goal, priya):
    _, first = priya
    phd = store.goals.add_assumption(goal, "Research roles need a PhD")
    admin = store.goals.add_assumption(goal, "Ops work is mostly admin")
    quiet = store.goals.add_assumption(goal, "Everyone works remotely")
    daniel = person(store, "Daniel Price", goal=goal)
    second = met(store, daniel, date(2026, 11, 19), goal=goal)
    store.reflections.save(
        first, ReflectionDraft(advice="x", assumption_verdicts={phd: "refuted", admin: "confirmed"})
    )
    store.reflections.save(
        second, ReflectionDraft(advice="y", assumption_verdicts={phd: "refuted", admin: ""})
    )
    other_goal = store.goals.add(GoalDraft(title="Teach data science"), today=TODAY)
    elsewhere = store.goals.add_assumption(other_goal, "Teaching pays badly")
    tally = [(a.id, a.statement, a.confirmed, a.refuted) for a in store.goals.assumptions(goal)]
    assert tally == [
        (phd, "Research roles need a PhD", 0, 2),
        (admin, "Ops work is mostly admin", 1, 0),
        (quiet, "Everyone works remotely", 0, 0),
    ]
    assert [a.id for a in store.goals.assumptions()] == [phd, admin, quiet, elsewhere]


def test_an_assumption_is_one_line_said_once_per_goal(store, goal):
    store.goals.add_assumption(goal, "Research roles need a PhD")
    with pytest.raises(ValidationError) as twice:
        store.goals.add_assumption(goal, "  research ROLES need a phd ")
    assert twice.value.errors == {"statement": "This goal already has that assumption."}
    with pytest.raises(ValidationError):
        store.goals.add_assumption(goal, "   ")
    with pytest.raises(ValidationError):
        store.goals.add_assumption(goal, "x" * 201)
    with pytest.raises(NotFound):
        store.goals.add_assumption(999, "Anything")
    other_goal = store.goals.add(GoalDraft(title="Teach data science"), today=TODAY)
    store.goals.add_assumption(other_goal, "Research roles need a PhD")  # another goal may
    assert len(store.goals.assumptions()) == 2


def test_removing_an_assumption_removes_its_checks(store, goal, priya):
    _, interview = priya
    phd = store.goals.add_assumption(goal, "Research roles need a PhD")
    admin = store.goals.add_assumption(goal, "Ops work is mostly admin")
    store.reflections.save(
        interview,
        ReflectionDraft(advice="x", assumption_verdicts={phd: "refuted", admin: "confirmed"}),
    )
    store.goals.remove_assumption(phd)
    assert [a.id for a in store.goals.assumptions(goal)] == [admin]
    assert store.reflections.for_interview(interview).assumption_verdicts == {admin: "confirmed"}
    assert counts(store, ("assumption_checks",)) == {"assumption_checks": 1}
    with pytest.raises(NotFound):
        store.goals.remove_assumption(phd)
    # the reflection can be saved again without the removed assumption
    store.reflections.save(interview, ReflectionDraft(advice="x"), expected_version=1)


# -- motivation -----------------------------------------------------------------------------


def test_a_conversation_that_moves_motivation_is_kept_in_its_history(store, goal):
    org = store.organisations.add(OrganisationDraft(name="Northwind Health", motivation=1))
    contact = person(store, "Priya Raman", goal=goal, org=org)
    interview = met(store, contact, FRIDAY, goal=goal)
    reflection = store.reflections.save(interview, ReflectionDraft(advice="x"))
    store.organisations.update_motivation(org, 3, reflection_id=reflection)
    store.organisations.update_motivation(
        org, 3, reflection_id=reflection
    )  # unchanged: no new line
    store.organisations.update_motivation(org, 2, reflection_id=None)
    history = store.organisations.motivation_history(org)
    assert [(h.motivation, h.moved_by) for h in history] == [
        (1, ""),
        (3, "Priya Raman"),
        (2, ""),
    ]
    assert history[0].changed_at <= history[1].changed_at <= history[2].changed_at
    assert store.organisations.list()[0].motivation == 2
    with pytest.raises(ValidationError):
        store.organisations.update_motivation(org, 4, reflection_id=reflection)
    with pytest.raises(NotFound):
        store.organisations.update_motivation(999, 2, reflection_id=None)
    assert len(store.organisations.motivation_history(org)) == 3


# -- action items ---------------------------------------------------------------------------


def test_action_items_come_open_by_due_date_undated_last_then_done_latest_first(store, goal, priya):
    _, interview = priya
    reflection = store.reflections.save(interview, ReflectionDraft(advice="x"))
    later = store.actions.add(ActionDraft("Later", due_on=date(2026, 12, 20)))
    undated = store.actions.add(ActionDraft("Whenever"))
    sooner = store.actions.add(
        ActionDraft(
            "  Write   to Daniel ",
            kind="contact",
            due_on=date(2026, 12, 1),
            goal_id=goal,
            reflection_id=reflection,
        )
    )
    done_early = store.actions.add(ActionDraft("Done early", due_on=date(2026, 11, 1)))
    done_late = store.actions.add(ActionDraft("Done late"))
    store.actions.set_done(done_early, date(2026, 11, 10))
    store.actions.set_done(done_late, date(2026, 11, 21))
    listed = store.actions.list()
    assert [a.id for a in listed] == [sooner, later, undated, done_late, done_early]
    first = listed[0]
    assert (first.title, first.kind, first.goal_title, first.contact_name) == (
        "Write to Daniel",
        "contact",
        "Explore research",
        "Priya Raman",
    )
    assert (listed[1].goal_title, listed[1].contact_name) == ("", "")
    assert [a.id for a in store.actions.list(open_only=True)] == [sooner, later, undated]
    assert [a.id for a in store.actions.list(reflection_id=reflection)] == [sooner]


def test_an_action_item_is_ticked_off_reopened_and_deleted(store):
    action = store.actions.add(ActionDraft("Read the handbook", due_on=date(2026, 11, 30)))
    [fresh] = store.actions.list()
    store.actions.set_done(action, date(2026, 11, 25))
    [ticked] = store.actions.list()
    assert (ticked.done_on, ticked.version) == (date(2026, 11, 25), fresh.version + 1)
    assert store.actions.list(open_only=True) == []
    store.actions.set_done(action, None)
    [reopened] = store.actions.list(open_only=True)
    assert (reopened.done_on, reopened.due_on) == (None, date(2026, 11, 30))
    store.actions.delete(action)
    assert store.actions.list() == []
    with pytest.raises(NotFound):
        store.actions.set_done(action, date(2026, 11, 25))
    with pytest.raises(NotFound):
        store.actions.delete(action)


def test_an_action_is_refused_without_a_title_a_known_kind_or_what_it_belonged_to(store, goal):
    with pytest.raises(ValidationError) as refused:
        store.actions.add(ActionDraft("   ", kind="chore"))
    assert set(refused.value.errors) == {"title", "kind"}
    with pytest.raises(NotFound):
        store.actions.add(ActionDraft("Read", goal_id=999))
    with pytest.raises(NotFound):
        store.actions.add(ActionDraft("Read", goal_id=goal, reflection_id=999))
    assert store.actions.list() == []


def test_action_items_due_today_or_overdue_are_on_the_due_list(store, goal, priya):
    _, interview = priya
    reflection = store.reflections.save(interview, ReflectionDraft(advice="x"))
    overdue = ActionDraft("Overdue", due_on=date(2026, 11, 20), reflection_id=reflection)
    store.actions.add(overdue)
    store.actions.add(ActionDraft("Today", due_on=TODAY, goal_id=goal))
    store.actions.add(ActionDraft("Next week", due_on=date(2026, 11, 30)))
    store.actions.add(ActionDraft("Undated"))
    done = store.actions.add(ActionDraft("Done", due_on=date(2026, 11, 1)))
    store.actions.set_done(done, date(2026, 11, 2))
    due = [i for i in due_list(store, today=TODAY) if i.kind == "action"]
    assert [(i.text, i.due_on, i.name) for i in due] == [
        ("Action: Overdue", date(2026, 11, 20), "Priya Raman"),
        ("Action: Today", TODAY, ""),
    ]
    assert due[1].notes == "Goal: Explore research"


# -- thank-yous ----------------------------------------------------------------------------


def test_a_thank_you_is_owed_until_one_is_recorded(store, goal, priya):
    contact, interview = priya
    booked(store, person(store, "Sam Okafor"), date(2026, 12, 3))  # not yet happened
    [owed] = store.outreach.thank_yous_owed()
    assert (owed.interview_id, owed.contact_name, owed.met_on, owed.due_on) == (
        interview,
        "Priya Raman",
        FRIDAY,
        MONDAY,
    ), "a Friday meeting's thank-you is due on Monday"
    assert store.contacts.get(contact).stage == "interviewed"
    assert store.content.rows("interviews", ["id", "thank_you_sent_at"])[0] == (interview, None)

    thank(store, contact, date(2026, 11, 21))
    assert store.outreach.thank_yous_owed() == []
    assert store.contacts.get(contact).stage == "thanked"
    sent = dict(store.content.rows("interviews", ["id", "thank_you_sent_at"]))
    assert sent[interview] == datetime(2026, 11, 21, 9)
    assert [i for i in due_list(store, today=TODAY) if i.kind == "thank_you"] == []


def test_thank_yous_owed_come_oldest_due_first(store, goal, priya):
    _, friday = priya
    daniel = person(store, "Daniel Price", goal=goal)
    thursday = met(store, daniel, date(2026, 11, 19), goal=goal)
    owed = store.outreach.thank_yous_owed()
    assert [(o.interview_id, o.due_on) for o in owed] == [
        (thursday, FRIDAY),
        (friday, MONDAY),
    ]


def test_a_thank_you_for_a_named_conversation_marks_only_that_one(store, goal, priya):
    contact, _ = priya
    thank(store, contact, date(2026, 11, 21))
    second = met(store, contact, date(2026, 12, 2), goal=goal)
    third = met(store, contact, date(2026, 12, 9), goal=goal)
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [second, third]
    thank(store, contact, date(2026, 12, 3), interview=second)
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [third]
    assert store.contacts.get(contact).stage == "thanked"


# -- check-ins ------------------------------------------------------------------------------


@pytest.fixture
def thanked(store, priya) -> int:
    """Priya, met on 20 November, thanked on the 21st, who replied on 1 December."""
    contact, _ = priya
    thank(store, contact, date(2026, 11, 21))
    store.contacts.record_event(
        contact, "reply", happened_at=datetime(2026, 12, 1, 18), channel="email"
    )
    return contact


def test_a_check_in_is_due_the_interval_after_the_last_contact(store, thanked):
    assert store.contacts.check_ins_due(today=date(2027, 2, 28)) == []
    [due] = store.contacts.check_ins_due(today=date(2027, 3, 1))
    assert (due.contact_id, due.contact_name, due.every_days) == (thanked, "Priya Raman", 90)
    assert (due.last_contact, due.due_on, due.last_conversation) == (
        date(2026, 12, 1),
        date(2027, 3, 1),
        FRIDAY,
    )
    [late] = store.contacts.check_ins_due(today=date(2027, 4, 1))
    assert late.due_on == date(2027, 3, 1), "still due, from the same day"


def test_a_newer_message_restarts_the_clock(store, thanked):
    store.contacts.record_event(thanked, "message_sent", happened_at=datetime(2027, 2, 15, 9))
    assert store.contacts.check_ins_due(today=date(2027, 3, 1)) == []
    assert store.contacts.check_ins_due(today=date(2027, 5, 15)) == []
    [due] = store.contacts.check_ins_due(today=date(2027, 5, 16))
    assert (due.last_contact, due.due_on) == (date(2027, 2, 15), date(2027, 5, 16))


def test_a_note_is_not_contact(store, thanked):
    store.contacts.record_event(
        thanked, "note", happened_at=datetime(2027, 2, 15, 9), summary="Moved"
    )
    [due] = store.contacts.check_ins_due(today=date(2027, 3, 1))
    assert due.last_contact == date(2026, 12, 1)


def test_a_changed_interval_moves_the_check_in(store, thanked):
    store.contacts.set_check_in_every(thanked, 30)
    assert store.contacts.check_ins_due(today=date(2026, 12, 30)) == []
    [due] = store.contacts.check_ins_due(today=date(2026, 12, 31))
    assert (due.due_on, due.every_days) == (date(2026, 12, 31), 30)
    store.contacts.set_check_in_every(thanked, 365)
    assert store.contacts.check_ins_due(today=date(2027, 11, 30)) == []
    assert len(store.contacts.check_ins_due(today=date(2027, 12, 1))) == 1


@pytest.mark.parametrize("days", [0, 13, 366, -30])
def test_an_interval_out_of_range_is_refused(store, thanked, days):
    with pytest.raises(ValidationError) as refused:
        store.contacts.set_check_in_every(thanked, days)
    assert refused.value.errors == {"check_in_every_days": "Choose 14-365 days."}
    assert store.contacts.check_ins_due(today=date(2027, 3, 1))[0].every_days == 90


def test_the_shortest_interval_is_allowed_and_an_unknown_contact_is_not_found(store, thanked):
    store.contacts.set_check_in_every(thanked, 14)
    assert store.contacts.check_ins_due(today=date(2026, 12, 15))[0].every_days == 14
    with pytest.raises(NotFound):
        store.contacts.set_check_in_every(999, 30)


def test_only_thanked_contacts_and_those_kept_in_touch_get_check_ins(store, goal, priya):
    contact, _ = priya  # interviewed, not yet thanked
    far = date(2028, 1, 1)
    assert store.contacts.check_ins_due(today=far) == []
    thank(store, contact, date(2026, 11, 21))
    assert [c.contact_id for c in store.contacts.check_ins_due(today=far)] == [contact]
    store.outreach.record_message(
        contact,
        "check_in",
        channel="email",
        subject="An update",
        body="Here is how things went.",
        sent_at=datetime(2027, 3, 1, 9),
    )
    assert store.contacts.get(contact).stage == "keeping_in_touch"
    assert [c.contact_id for c in store.contacts.check_ins_due(today=far)] == [contact]


def test_sending_the_check_in_itself_restarts_the_clock(store, thanked):
    assert len(store.contacts.check_ins_due(today=date(2027, 3, 1))) == 1
    store.outreach.record_message(
        thanked,
        "check_in",
        channel="email",
        subject="An update",
        body="Here is how things went.",
        sent_at=datetime(2027, 3, 1, 9),
    )
    assert store.contacts.get(thanked).stage == "keeping_in_touch"
    assert store.contacts.check_ins_due(today=date(2027, 3, 1)) == []


def test_the_thank_you_counts_as_the_last_contact(store, priya):
    contact, _ = priya
    thank(store, contact, MONDAY)
    assert store.contacts.check_ins_due(today=date(2027, 2, 18)) == []  # 90 days after the meeting
    [due] = store.contacts.check_ins_due(today=date(2027, 2, 21))  # 90 days after the thank-you
    assert due.last_contact == MONDAY


def test_a_check_in_lists_what_i_did_since_we_last_spoke(store, goal, thanked):
    [interview] = [m.id for m in store.meetings.list(contact_id=thanked)]
    reflection = store.reflections.save(interview, ReflectionDraft(advice="Start small"))

    def action(title: str, done_on: date | None, from_her: bool = True) -> None:
        draft = ActionDraft(title, reflection_id=reflection if from_her else None)
        action_id = store.actions.add(draft)
        if done_on:
            store.actions.set_done(action_id, done_on)

    action("Before she replied", date(2026, 11, 25))
    action("Built a portfolio piece", date(2027, 1, 20))
    action("Joined the guild", date(2026, 12, 1))  # the day of her reply counts
    action("Still open", None)
    action("Not from her conversation", date(2027, 1, 5), from_her=False)
    [due] = store.contacts.check_ins_due(today=date(2027, 3, 1))
    assert due.done_since == ["Joined the guild", "Built a portfolio piece"]
    assert due.advice == "Start small"


def test_a_check_in_carries_the_advice_from_the_latest_conversation(store, goal, priya):
    contact, first = priya
    store.reflections.save(first, ReflectionDraft(advice="Start small"))
    thank(store, contact, date(2026, 11, 21))
    second = met(store, contact, date(2027, 1, 11), goal=goal)
    store.reflections.save(second, ReflectionDraft(advice="Apply to the fellowship"))
    thank(store, contact, date(2027, 1, 12))
    assert store.contacts.check_ins_due(today=date(2027, 4, 11)) == [], "the thank-you counts"
    [due] = store.contacts.check_ins_due(today=date(2027, 4, 12))
    assert (due.advice, due.last_conversation, due.last_contact) == (
        "Apply to the fellowship",
        date(2027, 1, 11),
        date(2027, 1, 12),
    )


def test_a_check_in_falls_back_to_the_latest_reflection_there_is(store, goal, priya):
    contact, first = priya
    store.reflections.save(first, ReflectionDraft(advice="Start small"))
    thank(store, contact, date(2026, 11, 21))
    met(store, contact, date(2027, 1, 11), goal=goal)  # not reflected on (yet)
    thank(store, contact, date(2027, 1, 12))
    [due] = store.contacts.check_ins_due(today=date(2027, 4, 12))
    assert due.advice == "Start small"


def test_check_ins_due_appear_on_the_due_list(store, thanked):
    [item] = [i for i in due_list(store, today=date(2027, 3, 1)) if i.kind == "check_in"]
    assert (item.contact_id, item.due_on) == (thanked, date(2027, 3, 1))
    assert item.last_message == "Last in touch on 2026-12-01. Last conversation on 2026-11-20."


def test_may_recontact_is_recorded(store, priya):
    contact, _ = priya
    assert store.contacts.may_recontact(contact) is False
    store.contacts.set_may_recontact(contact, True)
    assert store.contacts.may_recontact(contact) is True
    store.contacts.set_may_recontact(contact, False)
    assert store.contacts.may_recontact(contact) is False
    assert store.contacts.may_recontact(999) is False
    with pytest.raises(NotFound):
        store.contacts.set_may_recontact(999, True)


def test_someone_they_mentioned_is_owed_nothing_yet(store, goal, priya):
    contact, interview = priya
    daniel = store.plans.add_mentioned_contact(interview, name="Daniel Price", today=TODAY)
    thank(store, contact, date(2026, 11, 21))
    assert store.contacts.get(daniel).stage == "identified"
    assert store.outreach.thank_yous_owed() == []
    assert [m.contact_id for m in store.reflections.missing()] == [contact]
    assert [c.contact_id for c in store.contacts.check_ins_due(today=date(2028, 1, 1))] == [contact]


# -- fit evidence ---------------------------------------------------------------------------


def test_fit_evidence_averages_each_question_across_a_goals_conversations(store, goal, priya):
    _, priya_met = priya
    daniel = person(store, "Daniel Price", goal=goal)
    daniel_met = met(store, daniel, date(2026, 12, 2), goal=goal)
    store.reflections.save(
        priya_met,
        ReflectionDraft(
            advice="x",
            fit_ratings=[
                FitRating("future", 3, "Leads to research lead"),
                FitRating("succeed", 4, "She moved from support"),
                FitRating("want", 5, "I lit up"),
            ],
        ),
    )
    store.reflections.save(
        daniel_met,
        ReflectionDraft(advice="y", fit_ratings=[FitRating("succeed", 1, "Needs a PhD")]),
    )
    other_goal = store.goals.add(GoalDraft(title="Teach data science"), today=TODAY)
    sam = person(store, "Sam Okafor", goal=other_goal)
    sam_met = met(store, sam, date(2026, 12, 5), goal=other_goal)
    store.reflections.save(
        sam_met, ReflectionDraft(advice="z", fit_ratings=[FitRating("succeed", 5, "Loved it")])
    )

    evidence = store.reflections.fit_evidence(goal)
    assert [(e.fit_question, e.average, e.ratings, e.leaning) for e in evidence] == [
        ("succeed", 2.5, 2, "leaning no"),
        ("want", 5.0, 1, "leaning yes"),
        ("future", 3.0, 1, "mixed"),
    ]
    assert evidence[0].sentences == [
        ("Daniel Price", 1, "Needs a PhD"),
        ("Priya Raman", 4, "She moved from support"),
    ], "newest conversation first"
    assert evidence[0].label == "Could I succeed there?"
    [theirs] = store.reflections.fit_evidence(other_goal)
    assert (theirs.average, theirs.sentences) == (5.0, [("Sam Okafor", 5, "Loved it")])


def test_fit_evidence_follows_an_edited_reflection(store, goal, priya):
    _, interview = priya
    store.reflections.save(
        interview, ReflectionDraft(advice="x", fit_ratings=[FitRating("fit", 2)])
    )
    store.reflections.save(
        interview,
        ReflectionDraft(advice="x", fit_ratings=[FitRating("fit", 4, "Thought again")]),
        expected_version=1,
    )
    [fit] = store.reflections.fit_evidence(goal)
    assert (fit.average, fit.ratings, fit.sentences) == (
        4.0,
        1,
        [("Priya Raman", 4, "Thought again")],
    )


# -- owners -----------------------------------------------------------------------------------


def test_another_owner_sees_and_touches_none_of_it(database, store, goal, priya):
    contact, interview = priya
    org = store.organisations.add(OrganisationDraft(name="Northwind Health", motivation=1))
    assumption = store.goals.add_assumption(goal, "Research roles need a PhD")
    reflection = store.reflections.save(
        interview,
        ReflectionDraft(
            advice="Start small",
            fit_ratings=[FitRating("succeed", 4)],
            assumption_verdicts={assumption: "refuted"},
        ),
    )
    store.organisations.update_motivation(org, 3, reflection_id=reflection)
    action = store.actions.add(ActionDraft("Read", goal_id=goal, reflection_id=reflection))
    store.contacts.set_may_recontact(contact, True)
    thank(store, contact, date(2026, 11, 21))
    far = date(2028, 1, 1)
    mine = (
        store.reflections.for_interview(interview),
        store.goals.assumptions(),
        store.actions.list(),
        store.contacts.check_ins_due(today=far),
        store.reflections.fit_evidence(goal),
        store.organisations.motivation_history(org),
    )

    other = database.session("someone-else")
    assert other.reflections.for_interview(interview) is None
    assert other.reflections.missing() == []
    assert other.goals.assumptions() == [] and other.goals.assumptions(goal) == []
    assert other.actions.list() == []
    assert other.outreach.thank_yous_owed() == []
    assert other.contacts.check_ins_due(today=far) == []
    assert other.reflections.fit_evidence(goal) == []
    assert other.organisations.motivation_history(org) == []
    assert other.contacts.may_recontact(contact) is False
    with pytest.raises(NotFound):
        other.reflections.save(interview, ReflectionDraft(advice="Mine now"))
    with pytest.raises(NotFound):
        other.goals.add_assumption(goal, "Anything")
    with pytest.raises(NotFound):
        other.goals.remove_assumption(assumption)
    with pytest.raises(NotFound):
        other.actions.add(ActionDraft("Mine", reflection_id=reflection))
    with pytest.raises(NotFound):
        other.actions.set_done(action, date(2026, 12, 1))
    with pytest.raises(NotFound):
        other.actions.delete(action)
    with pytest.raises(NotFound):
        other.contacts.set_check_in_every(contact, 30)
    with pytest.raises(NotFound):
        other.contacts.set_may_recontact(contact, False)
    with pytest.raises(NotFound):
        other.organisations.update_motivation(org, 0, reflection_id=None)
    assert all(n == 0 for n in other.content.row_counts().values())

    assert (
        store.reflections.for_interview(interview),
        store.goals.assumptions(),
        store.actions.list(),
        store.contacts.check_ins_due(today=far),
        store.reflections.fit_evidence(goal),
        store.organisations.motivation_history(org),
    ) == mine
    assert store.contacts.may_recontact(contact) is True


def test_each_owner_has_their_own_check_ins(database, store, thanked):
    other = database.session("someone-else")
    their_goal = other.goals.add(GoalDraft(title="Explore research"), today=TODAY)
    theirs = person(other, "Priya Raman", goal=their_goal)
    met(other, theirs, date(2026, 10, 1), goal=their_goal)
    thank(other, theirs, date(2026, 10, 2))
    assert [c.contact_id for c in other.contacts.check_ins_due(today=date(2027, 3, 1))] == [theirs]
    assert [c.contact_id for c in store.contacts.check_ins_due(today=date(2027, 3, 1))] == [thanked]
    assert other.contacts.check_ins_due(today=date(2026, 12, 30)) == []
    assert [c.last_contact for c in other.contacts.check_ins_due(today=date(2026, 12, 31))] == [
        date(2026, 10, 2)
    ]


# -- from an independent review -----------------------------------------------------------


def test_a_thank_you_recorded_as_a_step_clears_the_thank_you_owed(store, goal, priya):
    contact, interview = priya
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [interview]
    store.contacts.move(
        contact,
        "thanked",
        happened_at=datetime(2026, 11, 21, 18),
        channel="in_person",
        summary="A card after the coffee",
    )
    assert store.outreach.thank_yous_owed() == []


def test_the_thank_you_due_day_follows_the_business_day_rule_whatever_was_stored(store, goal):
    contact = person(store, "Sam Okafor", goal=goal)
    saturday = met(store, contact, date(2026, 11, 21), goal=goal)
    [owed] = [o for o in store.outreach.thank_yous_owed() if o.interview_id == saturday]
    assert owed.due_on == date(2026, 11, 23), "a Saturday meeting is thanked on Monday"


def test_editing_a_reflection_keeps_ratings_the_goal_no_longer_asks():
    from planner.reflection import fit_questions_to_rate

    assert fit_questions_to_rate(["fit"], []) == ["fit"]
    assert fit_questions_to_rate(["fit"], ["future"]) == ["fit", "future"]
    assert fit_questions_to_rate([], []) == ["succeed", "fit", "want", "future"]
