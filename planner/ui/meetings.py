"""A contact's meetings: each with its calendar file, and for one still to come a form to
move it and a question before cancelling it; and the fields of the meeting form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

import streamlit as st

from planner.calendar_export import Meeting, time_zone_names
from planner.guidance import text as guidance_text
from planner.meetings import DURATION_DEFAULT, MeetingDraft, called_off, cancel_question, moved
from planner.store.records import MeetingEntry
from planner.ui.escaping import md
from planner.ui.forms import FormFields, say_if_outdated, submit
from planner.ui.widgets import download_button
from planner.vocabulary import INTERVIEW_FORMATS

# Form field names of the widgets whose key suffix differs (see FormFields).
MEETING_FIELDS = {"zone": "time_zone", "minutes": "duration_minutes", "where": "location"}
_ZONES = {name: name for name in time_zone_names()}
_BADGES = {"scheduled": "blue", "done": "green", "cancelled": "gray"}
_ICS = "text/calendar"


def _browser_zone() -> str:
    """The time zone the browser reports, when it is one the planner knows; else UTC."""
    return st.context.timezone if st.context.timezone in _ZONES else "UTC"


def meeting_fields(
    f: FormFields,
    contact_id: int,
    *,
    today: date,
    goals: dict[int | None, str] | None = None,
    goal: int | None = None,
    was: MeetingEntry | None = None,
) -> MeetingDraft:
    """The meeting form's fields (drawn inside ``f.form``): empty for a new meeting, in the
    browser's time zone, asking which of ``goals`` it is for (starting at ``goal``); or
    holding the meeting ``was`` when it is being moved (its goal stays)."""
    (a, b, c), (d, e, g) = st.columns(3), st.columns(3)
    day = None if was is None else was.starts_at.date()
    earliest = today if day is None else min(day, today)  # a late meeting can still move
    return MeetingDraft(
        contact_id=contact_id,
        on=f.draw(a, "date_input", "Day", "on", value=day, min_value=earliest,
                  format="YYYY-MM-DD"),
        at=f.draw(b, "time_input", "Start", "at", value=was and was.starts_at.time(), step=900),
        time_zone=f.menu(c, "Time zone", _ZONES, was.time_zone if was else _browser_zone(), "zone"),
        duration_minutes=int(f.draw(d, "number_input", "Minutes", "minutes", step=5,
                                    value=was.duration_minutes if was else DURATION_DEFAULT,
                                    help=guidance_text("contacts.meeting_minutes_help")) or 0),
        format=f.menu(e, "Format", INTERVIEW_FORMATS, was and was.format, "format"),
        goal_id=f.menu(g, "For goal", goals, goal, "goal") if goals else None,
        location=f.text(st, "Link or place", "where", was.location if was else "",
                        placeholder="https://… or an address"),
    )  # fmt: skip


def meeting_list(
    meetings: Sequence[MeetingEntry],
    calendar: dict[int, Meeting],
    files: dict[int, str],
    *,
    who: str,
    today: date,
    calendar_file: Callable[[list[Meeting]], bytes],
    move: Callable[[MeetingEntry, MeetingDraft], object],
    cancel: Callable[[MeetingEntry], object],
) -> None:
    """One line per meeting with ``who``: when, where and how it stands, the download of
    its ``calendar`` entry (``calendar_file`` makes the file named ``files[id]``), and for
    a meeting still to come a "Reschedule" form (``move(meeting, draft)``) and a "Cancel meeting"
    question (``cancel(meeting)``)."""
    for m in meetings:
        line, actions = st.columns(2, vertical_alignment="center")
        when = f"{m.starts_at:%a %d %b %Y, %H:%M}"
        when = f"~~{when}~~" if m.status == "cancelled" else when
        status = f":{_BADGES.get(m.status, 'gray')}-badge[{md(m.status_label)}]"
        line.markdown(f"**{when}** {md(m.details)} {status}")
        buttons = actions.container(horizontal=True)
        if m.id in calendar:
            make = partial(calendar_file, [calendar[m.id]])
            gone = m.status == "cancelled"
            label = "Cancellation file" if gone else "Calendar file"
            icon = ":material/event_busy:" if gone else ":material/event:"
            download_button(buttons, label, make, files[m.id], _ICS, key=f"ics_{m.id}", icon=icon)
        if m.status == "scheduled":
            _reschedule_form(m, buttons, who=who, today=today, move=move)
            _cancel_question(m, buttons, who=who, cancel=cancel)


_CLOSING = "meetings:closing"  # reschedule popovers to close in the next run


def _reschedule_form(m: MeetingEntry, where, *, who: str, today: date, move) -> None:
    """A popover with the meeting's form, filled in with the meeting as it is now (its
    widgets keyed by version, so a change made elsewhere shows up here)."""
    record = f"resched_{m.id}_"
    f = FormFields(f"{record}{m.version}", **MEETING_FIELDS)
    tip = f"Move the meeting of {m.starts_at:%a %d %b %Y} to another time"
    icon = ":material/edit_calendar:"
    opened = f"{record}open"
    if opened in st.session_state.get(_CLOSING, ()):
        st.session_state[_CLOSING].discard(opened)
        st.session_state[opened] = False  # set before the popover is drawn: it closes
    with where.popover("Reschedule", icon=icon, key=opened, help=tip, on_change="rerun"):
        say_if_outdated(f.prefix, record, "meeting")
        with f.form("Save the new time", versioned=True, type="primary"):
            draft = meeting_fields(f, m.contact_id, today=today, was=m)
        if f.sent:

            def move_it() -> None:
                move(m, draft)
                # Moved: the popover closes in the run that says so (refused, it stays
                # open with the message under the field).
                st.session_state.setdefault(_CLOSING, set()).add(opened)

            submit(move_it, messages=f, done=moved(who, draft))


def _cancel_question(m: MeetingEntry, where, *, who: str, cancel) -> None:
    """A popover asking before the meeting is cancelled, naming the person and the day."""
    tip = f"Cancel the meeting of {m.starts_at:%a %d %b %Y}"
    with where.popover(
        "Cancel meeting", icon=":material/event_busy:", key=f"cancel_{m.id}_open", help=tip
    ):
        st.markdown(md(cancel_question(who, m.starts_at, m.time_zone)))
        if st.button("Yes, cancel the meeting", key=f"cancel_{m.id}", type="primary"):
            submit(lambda: cancel(m), done=called_off(who))
