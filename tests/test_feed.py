"""The private calendar feed: what it holds, UIDs that stay put, the token, and hostile text.
(Served over HTTP by the running app: tests/browser/test_feed_over_http.py.)"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from planner import demo, feed
from planner.__main__ import main
from planner.due import due_overview
from planner.steps import home
from planner.store import Database, Store

from . import hostile
from .conftest import TODAY

BASE = "http://localhost:8501"
# What a reminder or meeting in the feed may carry; anything else would be injected.
EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL",
                    "TRANSP", "LOCATION", "SEQUENCE", "STATUS"}  # fmt: skip


def events(store: Store, today: date = TODAY) -> dict[str, dict]:
    """The feed's events by UID: summary, start and description."""
    calendar = Calendar.from_ical(feed.feed_bytes(store, today=today, base=BASE))
    return {
        str(e["UID"]): {
            "summary": str(e["SUMMARY"]),
            "start": e["DTSTART"].dt,
            "description": str(e.get("DESCRIPTION", "")),
            "alarms": [str(a["TRIGGER"].to_ical(), "ascii") for a in e.walk("VALARM")],
        }
        for e in calendar.walk("VEVENT")
    }


def in_feed(store: Store, today: date) -> list:
    """The due items the feed should hold on ``today``."""
    until = today + timedelta(days=feed.AHEAD_DAYS)
    oldest = today - timedelta(days=feed.PAST_DAYS)
    return [
        i
        for i in due_overview(store, today=today, until=until).items
        if i.kind in feed.KINDS and i.due_on >= oldest
    ]


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.load_demo(store, today=TODAY)
    return store


def test_the_feed_holds_the_meetings_ahead_with_their_reminder(demo_store: Store):
    found = events(demo_store)
    start = datetime.combine(TODAY, datetime.min.time())
    ahead = demo_store.meetings.calendar_entries(since=start)
    assert ahead, "the demo has meetings ahead"
    for meeting in ahead:
        event = found[meeting.uid]
        assert event["summary"] == meeting.title and event["alarms"] == ["-PT30M"]
        assert f"Plan your questions: {BASE}/Questions?interview=" in event["description"]
    past = [m for m in demo_store.meetings.list(status="done")]
    assert past and not any(f"interview-{m.id}-local@interview-planner" in found for m in past)


def test_every_due_item_is_an_all_day_event_on_its_day_with_a_link_back(demo_store: Store):
    found = events(demo_store)
    due = in_feed(demo_store, TODAY)
    kinds = {i.kind for i in due}
    assert {"thank_you", "reflection", "action", "check_in", "follow_up"} <= kinds
    assert any(i.due_on > TODAY for i in due), "what falls due later is there too"
    for item in due:
        event = found[f"{item.identity}-local@interview-planner"]
        assert event["summary"] == item.text
        assert event["start"] == item.due_on and not isinstance(event["start"], datetime)
        assert item.url(BASE) in event["description"]
        assert all(line in event["description"] for line in item.context)
    assert len(found) == len(due) + len(
        demo_store.meetings.calendar_entries(since=datetime.combine(TODAY, datetime.min.time()))
    )


def test_uids_stay_put_from_day_to_day_and_done_items_leave(demo_store: Store):
    today, tomorrow = events(demo_store), events(demo_store, TODAY + timedelta(days=1))
    kept = set(today) & set(tomorrow)
    assert len(kept) >= len(today) - 2, "a calendar app updates the same events in place"
    action = next(a for a in demo_store.actions.list(open_only=True) if a.due_on is not None)
    uid = f"action-action-{action.id}-local@interview-planner"
    assert uid in today
    demo_store.actions.set_done(action.id, TODAY)
    after = events(demo_store)
    assert uid not in after and set(after) == set(today) - {uid}


def test_a_reminder_overdue_for_over_a_month_leaves_the_calendar_not_home(demo_store: Store):
    action = next(a for a in demo_store.actions.list(open_only=True) if a.due_on is not None)
    uid = f"action-action-{action.id}-local@interview-planner"
    last_day = action.due_on + timedelta(days=feed.PAST_DAYS)
    assert uid in events(demo_store, last_day)
    assert uid not in events(demo_store, last_day + timedelta(days=1))
    later = due_overview(demo_store, today=last_day + timedelta(days=1)).items
    assert any(i.identity == f"action-action-{action.id}" for i in later), "still on Home"


def test_the_feed_asks_to_be_refreshed_hourly_and_is_named():
    with Database(":memory:") as db:
        calendar = Calendar.from_ical(feed.feed_bytes(db.session(), today=TODAY, base=BASE))
    assert str(calendar["X-WR-CALNAME"]) == "Informational interviews"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert str(calendar["METHOD"]) == "PUBLISH" and calendar.walk("VEVENT") == []


# -- the token ---------------------------------------------------------------------------


def test_a_link_is_made_once_and_a_new_one_replaces_it(store: Store):
    assert home.calendar_link(store, base=BASE) == "" and feed.stored_token(store) == ""
    first = home.make_calendar_link(store, base=BASE)
    token = feed.stored_token(store)
    assert first == f"{BASE}/feed/{token}.ics" and len(token) >= 43
    assert home.calendar_link(store, base=BASE + "/") == first
    second = home.make_calendar_link(store, base=BASE)
    assert second != first and feed.token_matches(feed.stored_token(store), second[-47:-4])
    assert not feed.token_matches(feed.stored_token(store), token)


def test_each_persons_link_opens_their_own_planner_only(database: Database):
    """On a shared database the address alone says whose feed it is."""
    ann, bob = database.session("ann"), database.session("bob")
    ann_token = feed.make_token(ann)
    bob_token = feed.make_token(bob)
    lookup = database.session("someone else")
    assert feed.owner_of(lookup, ann_token) == "ann"
    assert feed.owner_of(lookup, bob_token) == "bob"
    assert feed.owner_of(lookup, feed.new_token()) is None
    newer = feed.make_token(ann)  # the old address stops working at once
    assert feed.owner_of(lookup, ann_token) is None and feed.owner_of(lookup, newer) == "ann"
    assert feed.token_matches(feed.stored_token(ann), newer)
    assert not feed.token_matches(feed.stored_token(bob), newer)


def test_a_link_made_before_the_update_still_works_after_it(backend, request, tmp_path):
    """Migration 0004 files the hash of every token already made, on both backends."""
    from planner.store import open_database

    if backend == "duckdb":
        target = tmp_path / "planner.duckdb"
    else:
        import psycopg

        target = request.getfixturevalue("postgres_url")
        with psycopg.connect(target, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    with open_database(target, schema_version=3) as old:
        token = feed.new_token()
        old.session("ann").settings.save({feed.TOKEN_SETTING: token})
    with open_database(target) as new:
        assert feed.owner_of(new.session(), token) == "ann"


@pytest.mark.parametrize("offered", ["", "x", "A" * 43, "../../etc/passwd"])
def test_only_the_stored_token_matches(offered: str):
    assert not feed.token_matches("", offered), "no link made: nothing matches"
    assert not feed.token_matches(feed.new_token(), offered)


def test_the_command_line_prints_the_link_and_makes_a_new_one(tmp_path, capsys):
    path = str(tmp_path / "p.duckdb")
    assert main(["feed", "--db", path]) == 0
    first = capsys.readouterr().out.strip()
    assert first.startswith("http://localhost:8501/feed/") and first.endswith(".ics")
    assert main(["feed", "--db", path, "--base", "http://127.0.0.1:8600/"]) == 0
    assert capsys.readouterr().out.strip() == first.replace(BASE, "http://127.0.0.1:8600")
    assert main(["feed", "--db", path, "--new-link"]) == 0
    assert capsys.readouterr().out.strip() != first


# -- hostile text --------------------------------------------------------------------------


def test_hostile_text_adds_no_event_and_no_property(store: Store):
    hostile.fill(store, today=TODAY, strings=hostile.SHORT)
    today = TODAY + timedelta(days=30)
    calendar = Calendar.from_ical(feed.feed_bytes(store, today=today, base=BASE))
    vevents = calendar.walk("VEVENT")
    due = in_feed(store, today)
    start = datetime.combine(today, datetime.min.time())
    assert due, "the hostile planner has something due"
    assert len(vevents) == len(due) + len(store.meetings.calendar_entries(since=start))
    assert {c.name for c in calendar.subcomponents} <= {"VEVENT", "VTIMEZONE"}
    for event in vevents:
        assert set(event.keys()) <= EVENT_PROPERTIES, set(event.keys()) - EVENT_PROPERTIES
        assert [a.name for a in event.subcomponents] in ([], ["VALARM"])
        if "TRANSP" in event:  # a reminder: its one link leads back to the planner
            assert str(event["URL"]).startswith(BASE + "/")


def test_a_backup_leaves_the_token_out_and_a_restore_asks_for_a_new_link(store: Store):
    from planner import backup

    store.settings.save({"me.name": "Maya"})
    link = home.make_calendar_link(store, base=BASE)
    text = backup.export_text(store)
    assert feed.stored_token(store) not in text and '"me.name"' in text
    with Database(":memory:") as other:
        restored = other.session()
        backup.import_text(restored, text)
        assert home.calendar_link(restored, base=BASE) == ""
        assert restored.settings.all()["me.name"] == "Maya"
        assert backup.export_text(restored) == text, "the backup round-trips as before"
    assert home.calendar_link(store, base=BASE) == link
