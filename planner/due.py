"""The due list: everything waiting on the user, each with what they need to act.

Thank-yous owed come first (they are the most time-sensitive), then follow-ups,
reflections not yet written, action items and check-ins due today or overdue and goals
behind pace, then meetings in the next days and meetings ahead with no question planned,
then what waits without a date: referrals never written to, action items without a due
date and target organisations to research before scoring.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from planner.followup import reminders
from planner.goals import PaceGap, behind_pace
from planner.journey import STEPS, page_url
from planner.read_cache import cached_read
from planner.store.records import (
    ActionItem,
    LastMessage,
    MeetingWithoutPlan,
    OrganisationToScore,
    ReferralWaiting,
)
from planner.vocabulary import CHANNELS, CONTACT_EVENT_KINDS, INTERVIEW_FORMATS


@dataclass(frozen=True)
class DueItem:
    kind: str  # thank_you, second_contact, follow_up, give_up, reflection, action, check_in,
    # goal_pace, meeting, unplanned_meeting, referral, undated_action, organisation
    due_on: date | None  # None for what waits without a date
    contact_id: int | None
    name: str
    organisation: str
    text: str  # what to do, plain text
    last_message: str  # plain text, "" when none
    notes: str
    interview_id: int | None = None  # for meetings, thank-yous and reflections
    record: str = ""  # "action-3", "goal-2": the record behind it when it is neither above

    @property
    def identity(self) -> str:
        """What stays the same while the item waits, whatever its wording or date: the
        kind and the interview, contact or record it is about (a calendar event's UID)."""
        if self.interview_id is not None:
            about = f"interview-{self.interview_id}"
        elif self.contact_id is not None:
            about = f"contact-{self.contact_id}"
        else:
            about = self.record  # every other kind names its record
        return f"{self.kind}-{about}"

    def days_late(self, today: date) -> int:
        return days_late(self.due_on, today) if self.due_on is not None else 0

    def when(self, today: date) -> str:
        """'due today', '3 days overdue', 'on Thu 26 Nov', 'no due date' for an action
        item without one, or "" for the rest of what waits without a date."""
        if self.due_on is None:
            return "no due date" if self.kind == "undated_action" else ""
        late = self.days_late(today)
        if late == 0:
            return "due today"
        if late > 0:
            return f"{late} day{'s' if late != 1 else ''} overdue"
        return f"on {self.due_on:%a %d %b}"

    def destination(self) -> tuple[str, str, dict[str, str]]:
        """(journey step key, link label, query parameters) of where to act on it."""
        step, label, view = _WHERE.get(self.kind, ("contacts", "Open Contacts", ""))
        params = {}
        if self.interview_id is not None:
            params["interview"] = str(self.interview_id)
        elif step == "contacts" and self.contact_id is not None:
            params["contact"] = str(self.contact_id)  # the Contacts page opens them
        if view:
            params["reflect_view"] = view  # the Reflect page's tab, bound to the URL
        return step, label, params

    def url(self, base: str) -> str:
        """The address of the page where it is done, on the app at ``base``."""
        step, _, params = self.destination()
        return page_url(base, step, params)

    @property
    def context(self) -> tuple[str, ...]:
        """The last message and the notes, where there are any."""
        return tuple(line for line in (self.last_message, self.notes) if line)

    def as_json(self) -> dict:
        step, label, params = self.destination()
        return {
            **asdict(self),
            "due_on": self.due_on.isoformat() if self.due_on is not None else None,
            "context": list(self.context),
            "page": _PAGES[step],
            "link": label,
            "query": params,
        }


_WHERE = {
    "meeting": ("questions", "Prepare the questions", ""),
    "thank_you": ("reflect", "Write the thank-you", "Thank-you"),
    "reflection": ("reflect", "Reflect now", "Reflection"),
    "action": ("reflect", "Open your action items", "Action items"),
    "check_in": ("reflect", "Write an update", "Keep in touch"),
    "unplanned_meeting": ("questions", "Plan the questions", ""),
    "referral": ("contacts", "Write to them", ""),
    "undated_action": ("reflect", "Give it a due date", "Action items"),
    "organisation": ("research", "Research and score it", ""),
    "goal_pace": ("goals", "Open your goals", ""),
}
_PAGES = {step.key: step.page for step in STEPS}
_LABELS = {step.key: step.label for step in STEPS}
# Thank-yous first, then what is dated, then meetings, then what waits without a date.
_RANK = {
    "thank_you": 0,
    "meeting": 2,
    "unplanned_meeting": 2,
    "referral": 3,
    "undated_action": 4,
    "organisation": 5,
}


@dataclass(frozen=True)
class DueOverview:
    """The due list as read, and how many of each kind it left out (see ``due_overview``)."""

    items: list[DueItem]
    left_out: Counter = field(default_factory=Counter)  # kind: how many not read


def due_list(store, *, today: date, meeting_days: int = 7) -> list[DueItem]:
    """Everything waiting on the user: overdue first, then today's, then meetings, then
    what waits without a date."""
    return due_overview(store, today=today, meeting_days=meeting_days).items


@cached_read
def due_overview(
    store,
    *,
    today: date,
    meeting_days: int = 7,
    per_kind: int | None = None,
    until: date | None = None,
) -> DueOverview:
    """The due list, in order. With ``per_kind``, the kinds that can run to thousands on
    a large planner (referrals, undated action items, organisations to score, meetings
    without a plan) are read only that far, and counted in ``left_out``. ``until`` (a day
    after ``today``) also lists the follow-ups, action items and check-ins that fall due
    by then, for a calendar that shows what is coming."""
    until = max(until or today, today)
    waiting = store.outreach.open_requests()
    rule = store.settings.follow_up_rule()
    chasing = [
        r
        for r in reminders(waiting.requests, waiting.prospects, waiting.answered, rule=rule)
        if r.due_on <= until
    ]
    start = datetime.combine(today, datetime.min.time())
    meetings = store.meetings.upcoming(start, start + timedelta(days=meeting_days + 1))

    owed = store.outreach.thank_yous_owed()
    # One query for every item's last message, however many items there are.
    ids = sorted({r.contact_id for r in chasing} | {m.contact_id for m in meetings})
    people = store.contacts.listed_as(tuple(ids))  # name, organisation, notes
    latest = store.outreach.last_messages(sorted(set(ids) | {o.contact_id for o in owed}))

    items = []
    for reminder in chasing:
        name, organisation, notes = people[reminder.contact_id]
        items.append(
            DueItem(
                reminder.kind,
                reminder.due_on,
                reminder.contact_id,
                name,
                organisation,
                reminder.text,
                _describe(latest.get(reminder.contact_id)),
                notes,
            )
        )
    unplanned = store.meetings.without_plan(start, limit=per_kind)
    no_plan = {m.interview_id for m in unplanned.items}
    for m in meetings:
        if m.interview_id in no_plan:
            continue  # listed once, as a meeting still to plan
        where = f", {m.location}" if m.location else ""
        items.append(
            DueItem(
                "meeting",
                m.starts_at.date(),
                m.contact_id,
                m.name,
                m.organisation,
                f"Meeting with {m.name} on {m.starts_at:%a %d %b at %H:%M} ({m.time_zone}), "
                f"{INTERVIEW_FORMATS.get(m.format, m.format).lower()}{where}.",
                _describe(latest.get(m.contact_id)),
                people[m.contact_id][2] if m.contact_id in people else "",
                m.interview_id,
            )
        )
    for thanks in owed:
        items.append(
            DueItem(
                "thank_you",
                thanks.due_on,
                thanks.contact_id,
                thanks.contact_name,
                thanks.organisation,
                f"Thank {thanks.contact_name} for your conversation on {thanks.met_on:%a %d %b}.",
                _describe(latest.get(thanks.contact_id)),
                "",
                thanks.interview_id,
            )
        )
    for missing in store.reflections.missing():
        who = missing.contact_name or "your contact"
        items.append(
            DueItem(
                "reflection",
                missing.met_on,
                missing.contact_id,
                missing.contact_name,
                missing.organisation,
                f"Reflect on your conversation with {who} while it is fresh.",
                "",
                "",
                missing.interview_id,
            )
        )
    for action in store.actions.list(open_only=True):
        if action.due_on is None or action.due_on > until:
            continue
        source = (
            f"From your conversation with {action.contact_name}." if action.contact_name else ""
        )
        items.append(
            DueItem(
                "action",
                action.due_on,
                None,
                action.contact_name,
                "",
                f"Action: {action.title}",
                source,
                f"Goal: {action.goal_title}" if action.goal_title else "",
                record=f"action-{action.id}",
            )
        )
    for check_in in store.contacts.check_ins_due(today=until):
        context = " ".join(check_in_context(check_in, dates="%Y-%m-%d"))
        done = f"Done since: {'; '.join(check_in.done_since)}." if check_in.done_since else ""
        items.append(
            DueItem(
                "check_in",
                check_in.due_on,
                check_in.contact_id,
                check_in.contact_name,
                check_in.organisation,
                f"Get back in touch with {check_in.contact_name}: a short update keeps the "
                "relationship alive.",
                context,
                done,
            )
        )
    left_out = Counter()
    for kind, found in (
        ("unplanned_meeting", unplanned),
        ("referral", store.contacts.referrals_waiting(limit=per_kind)),
        ("undated_action", store.actions.undated(limit=per_kind)),
        ("organisation", store.organisations.to_score(limit=per_kind)),
    ):
        items.extend(_WAITING[kind](record) for record in found.items)
        left_out[kind] = found.total - len(found.items)
    items.extend(
        _pace_item(gap) for goal in store.goals.list() if (gap := behind_pace(goal, today))
    )
    items.sort(
        key=lambda i: (_RANK.get(i.kind, 1), i.due_on or date.max, i.contact_id or 0, i.text)
    )
    return DueOverview(items, +left_out)


def _unplanned_item(m: MeetingWithoutPlan) -> DueItem:
    return DueItem(
        "unplanned_meeting",
        m.starts_at.date(),
        m.contact_id,
        m.name,
        m.organisation,
        f"Plan your questions for {m.name} on {m.starts_at:%a %d %b at %H:%M} ({m.time_zone}): "
        "none planned yet.",
        "",
        "",
        m.interview_id,
    )


def _referral_item(r: ReferralWaiting) -> DueItem:
    where = f" at {r.organisation}" if r.organisation else ""
    by = f" by {r.referred_by}" if r.referred_by else ""
    on = f" in your conversation on {r.referred_on:%a %d %b}" if r.referred_on else ""
    return DueItem(
        "referral",
        None,
        r.contact_id,
        r.name,
        r.organisation,
        f"Ask {r.name}{where} for a conversation: suggested to you{by}, never written to.",
        f"Suggested{by}{on}." if by or on else "",
        r.notes,
    )


def _undated_action_item(a: ActionItem) -> DueItem:
    return DueItem(
        "undated_action",
        None,
        None,
        a.contact_name,
        "",
        f"Action: {a.title}. Give it a due date so it gets done.",
        f"From your conversation with {a.contact_name}." if a.contact_name else "",
        f"Goal: {a.goal_title}" if a.goal_title else "",
        record=f"action-{a.id}",
    )


def _organisation_item(o: OrganisationToScore) -> DueItem:
    goals = f"Named on your goal{'s' if len(o.goals) != 1 else ''}: " + ", ".join(
        f"'{title}'" for title in o.goals
    )
    return DueItem(
        "organisation",
        None,
        None,
        "",
        o.name,
        f"Research {o.name}, then score how much you want to work there (Motivation 1-3): "
        "until then it waits at Motivation 0, research it first.",
        goals + "." if o.goals else "",
        "",
        record=f"organisation-{o.organisation_id}",
    )


def _pace_item(gap: PaceGap) -> DueItem:
    return DueItem(
        "goal_pace", gap.goal.target_date, None, "", "", gap.describe(), "", "",
        record=f"goal-{gap.goal.id}",
    )  # fmt: skip


_WAITING = {
    "unplanned_meeting": _unplanned_item,
    "referral": _referral_item,
    "undated_action": _undated_action_item,
    "organisation": _organisation_item,
}


def days_late(due_on: date, today: date) -> int:
    """Days past ``due_on`` (0 on the day, negative before it)."""
    return (today - due_on).days


def thank_you_when(due_on: date, today: date) -> str:
    """Where a thank-you stands: 'overdue by 2 days', 'due today' or 'due Thursday 03
    December'."""
    late = days_late(due_on, today)
    if late > 0:
        return f"overdue by {late} day{'s' if late != 1 else ''}"
    if late == 0:
        return "due today"
    return f"due {due_on:%A %d %B}"


def thank_you_reminder(due_on: date, today: date) -> str:
    """The line over a thank-you not yet sent."""
    return (
        f"Thank-you {thank_you_when(due_on, today)}: send it within a day, while they remember you."
    )


def action_when(due_on: date | None) -> str:
    """An action item's due day: 'due Thu 03 Dec' or 'no due date'."""
    return f"due {due_on:%a %d %b}" if due_on is not None else "no due date"


def action_late(due_on: date | None, today: date) -> bool:
    """Whether an open action item is past its due day (an undated one never is)."""
    return due_on is not None and days_late(due_on, today) > 0


def check_in_when(due_on: date, today: date) -> str:
    """When an update was due: 'due 05 Dec 2026', with '(3 days ago)' once past."""
    late = days_late(due_on, today)
    return f"due {due_on:%d %b %Y}" + (f" ({late} days ago)" if late > 0 else "")


def check_in_context(check_in, *, dates: str = "%d %b %Y") -> list[str]:
    """What to remember before writing to someone due an update (a ``CheckInDue``), a
    sentence each: when you were last in touch, your last conversation, their advice.
    ``dates`` is the strftime format of the days."""
    context = [f"Last in touch on {check_in.last_contact:{dates}}."]
    if check_in.last_conversation:
        context.append(f"Last conversation on {check_in.last_conversation:{dates}}.")
    if check_in.advice:
        context.append(f"Their advice: {check_in.advice}")
    return context


def acted_on(done_since: list[str]) -> str:
    """What you did about their advice since you last spoke, or "" when nothing."""
    return f"You acted on it: {'; '.join(done_since)}." if done_since else ""


def _describe(event: LastMessage | None) -> str:
    if event is None:
        return ""
    label = CONTACT_EVENT_KINDS.get(event.kind, event.kind)
    via = f" ({CHANNELS[event.channel]})" if event.channel in CHANNELS else ""
    said = f": {event.summary}" if event.summary else ""
    return f"{label}{via} on {event.happened_at:%Y-%m-%d}{said}"


def more_waiting(hidden: Counter) -> str:
    """The line under a shortened due list: how many items it left out (``hidden``
    counts them by kind) and on which pages they are; "" when it left none out."""
    total = sum(n for n in hidden.values() if n > 0)
    if total <= 0:
        return ""
    steps = {_WHERE.get(kind, ("contacts",))[0] for kind, n in hidden.items() if n > 0}
    pages = [_LABELS[step.key] for step in STEPS if step.key in steps]
    where = pages[0] if len(pages) == 1 else ", ".join(pages[:-1]) + " and " + pages[-1]
    return f"And {total} more on the {where} page{'s' if len(pages) > 1 else ''}."
