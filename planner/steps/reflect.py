"""Step 5, Reflect: what a conversation taught, the thank-you, what to do about it, and
keeping in touch.

Reads, one per part of the page: ``load_conversations`` (the menu of conversations
that happened), ``load_conversation`` (the one open, for the Reflection and Thank-you
tabs), ``load_actions`` (the Action items tab) and ``load_keep_in_touch`` (the Keep in
touch tab). Commands: one per user action, each in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner import due
from planner.contacts import Contact
from planner.errors import ValidationError
from planner.goals import Goal
from planner.organisations import Organisation
from planner.question_plans import PlanInterview
from planner.read_cache import cached_read
from planner.reflection import (
    PROMPTS,
    RATING_RANGE,
    ActionDraft,
    FitRating,
    Reflection,
    ReflectionDraft,
    SkillHeard,
    fit_questions_to_rate,
    gap_action_title,
    gaps_to_offer,
)
from planner.store import Store
from planner.store.records import (
    ActionItem,
    Assumption,
    CheckInDue,
    MotivationChange,
    SentMessage,
    ThankYouDue,
)
from planner.text import setting_problem, split_lines, split_list
from planner.thanks import Draft, draft_thank_you, draft_update
from planner.vocabulary import ACTION_KINDS, INTERVIEW_FORMATS, SKILL_STATUSES

# The page reaches these rules through its step.
__all__ = ["draft_thank_you", "gap_action_title"]

TABS = ("Reflection", "Thank-you", "Action items", "Keep in touch")  # the page's tabs
VIEW_KEY = "reflect_view"  # the open tab, kept in the URL (due.py links to a tab by name)
OPEN_ACTIONS_SHOWN = 20  # the soonest due; a long list is no plan
DONE_ACTIONS_SHOWN = 20  # the latest done
CHECK_INS_SHOWN = 10  # the longest waiting
MY_NAME = "me.name"  # the setting that signs messages
RATINGS = {None: "Not rated"} | {
    r: f"{r} of {RATING_RANGE[1]}" for r in range(RATING_RANGE[0], RATING_RANGE[1] + 1)
}  # the choices of a fit rating, None for not rated


# -- the conversations -----------------------------------------------------------------


@dataclass(frozen=True)
class Conversation:
    """A conversation that happened, as the menu lists it."""

    interview: PlanInterview
    reflected: bool

    @property
    def id(self) -> int:
        return self.interview.interview_id

    def label(self) -> str:
        return self.interview.label() + ("" if self.reflected else " · no reflection yet")


@cached_read
def conversation_menu(store: Store) -> dict[int, str]:
    """The menu of conversations: each one's label by interview id, in the menu's order
    (worked out once until the next write: a planner holds thousands)."""
    return {c.id: c.label() for c in load_conversations(store)}


@cached_read
def load_conversations(store: Store) -> tuple[Conversation, ...]:
    """Every conversation that happened: those still waiting for a reflection first,
    then the rest, latest first."""
    done = [i for i in store.plans.overview() if i.status == "done"]
    missing = {m.interview_id for m in store.reflections.missing()}
    done.sort(key=lambda i: i.starts_at, reverse=True)  # latest first, then (stable sort)
    done.sort(key=lambda i: i.interview_id not in missing)  # those waiting first
    return tuple(Conversation(i, i.interview_id not in missing) for i in done)


# -- one conversation: its reflection and its thank-you -------------------------------


@dataclass(frozen=True)
class ThankYouFields:
    """What the thank-you's fields start with, taken from the reflection."""

    topic: str = ""
    advice: str = ""
    next_step: str = ""


@dataclass(frozen=True)
class ConversationView:
    interview: PlanInterview
    goal: Goal | None
    reflection: Reflection | None  # None until one is saved
    form: ReflectionForm  # what the reflection form starts with
    assumptions: tuple[Assumption, ...]  # the goal's, to mark confirmed or refuted
    gaps_offered: tuple[str, ...]  # skill gaps heard with no action planned yet
    contact: Contact | None  # None when deleted
    organisation: Organisation | None  # the contact's, when it is in the planner
    motivation_history: tuple[MotivationChange, ...]
    may_recontact: bool
    thank_you: ThankYouDue | None  # None once thanked (or nobody to thank)
    thank_you_reminder: str  # "Thank-you overdue by 2 days: ...", "" when none is owed
    thank_you_sent: SentMessage | None  # the thank-you as recorded sent, its words kept
    thank_you_fields: ThankYouFields
    my_name: str
    check_in_every: int | None  # days, None without a contact

    @property
    def thanked(self) -> str:
        """What the page says once the thank-you is recorded."""
        return (
            f"Recorded your thank-you to {self.contact.name}. The planner will remind you to "
            f"get back in touch in {self.check_in_every} days."
        )

    @property
    def motivation_changes(self) -> str:
        """The organisation's Motivation history in one line, "" until it has changed:
        "3 (01 Dec 2026) → 4 (05 Dec 2026, after Aisha Khan)"."""
        if len(self.motivation_history) < 2:
            return ""
        return " → ".join(
            f"{h.motivation} ({h.changed_at:%d %b %Y}"
            + (f", after {h.moved_by})" if h.moved_by else ")")
            for h in self.motivation_history
        )

    @property
    def meeting_format(self) -> str:
        """How they met ("video call"), for the line above each tab."""
        item = self.interview
        return INTERVIEW_FORMATS.get(item.format, item.format).lower()

    @property
    def action_link(self) -> tuple[int | None, int | None]:
        """(goal id, reflection id) of an action item from this conversation."""
        if self.reflection is None:
            return None, None
        return self.interview.goal_id, self.reflection.id

    @property
    def conversation(self) -> str:
        """The conversation in words: "the conversation with Aisha Khan on 02 Dec 2026"."""
        who = self.interview.contact_name or "a deleted contact"
        return f"the conversation with {who} on {self.interview.starts_at:%d %b %Y}"

    @property
    def version(self) -> int:
        """The reflection's version (0 before the first save), for the edit check."""
        return self.reflection.version if self.reflection is not None else 0


@cached_read
def load_conversation(store: Store, interview_id: int, *, today: date) -> ConversationView:
    """Everything the Reflection and Thank-you tabs show about one conversation."""
    item = store.plans.interview(interview_id)
    goal = store.goals.get(item.goal_id) if item.goal_id is not None else None
    saved = store.reflections.for_interview(interview_id)
    contact = store.contacts.get(item.contact_id) if item.contact_id is not None else None
    rated = [r.fit_question for r in saved.fit_ratings] if saved is not None else []
    assumptions = tuple(store.goals.assumptions(item.goal_id)) if item.goal_id is not None else ()
    fit_questions = fit_questions_to_rate(goal.fit_questions if goal else [], rated)
    planned = store.actions.list(reflection_id=saved.id) if saved is not None else []
    organisation = None
    if contact is not None and contact.organisation_id is not None:
        organisation = next(
            (o for o in store.organisations.list() if o.id == contact.organisation_id), None
        )
    owed = next(
        (o for o in store.outreach.thank_yous_owed() if o.interview_id == interview_id), None
    )
    open_actions = [a for a in planned if a.done_on is None]
    return ConversationView(
        interview=item,
        goal=goal,
        reflection=saved,
        form=reflection_form(saved, fit_questions, [a.id for a in assumptions]),
        assumptions=assumptions,
        gaps_offered=tuple(gaps_to_offer(saved, [a.title for a in planned])) if saved else (),
        contact=contact,
        organisation=organisation,
        motivation_history=tuple(store.organisations.motivation_history(organisation.id))
        if organisation is not None
        else (),
        may_recontact=store.contacts.may_recontact(contact.id) if contact is not None else False,
        thank_you=owed,
        thank_you_reminder=due.thank_you_reminder(owed.due_on, today) if owed else "",
        thank_you_sent=next(
            (m for m in store.outreach.sent(interview_id=interview_id) if m.kind == "thank_you"),
            None,
        ),
        thank_you_fields=ThankYouFields(
            topic=saved.themes[0] if saved and saved.themes else "",
            advice=saved.advice if saved else "",
            next_step=open_actions[0].title if open_actions else "",
        ),
        my_name=store.settings.all().get(MY_NAME, ""),
        check_in_every=store.contacts.check_in_every(contact.id) if contact is not None else None,
    )


@dataclass(frozen=True)
class ReflectionForm:
    """A reflection as its form holds it: takeaways and skills one per line, themes
    comma-separated, each fit question to rate as (rating or None, why) in order, each
    assumption's verdict ("" when not discussed)."""

    prompts: dict[str, str]
    interest: str
    takeaways: str
    have: str
    gaps: str
    themes: str
    ratings: dict[str, tuple[int | None, str]]
    verdicts: dict[int, str]


def reflection_form(
    saved: ReflectionDraft | None, fit_questions: list[str], assumptions: list[int]
) -> ReflectionForm:
    """What the form starts with: the saved reflection (or an empty one), asking about
    ``fit_questions`` and the goal's ``assumptions`` (ids)."""
    base = saved or ReflectionDraft()
    ratings = {r.fit_question: (r.rating, r.why) for r in base.fit_ratings}
    skills = {
        status: [s.skill for s in base.skills if s.status == status] for status in SKILL_STATUSES
    }
    return ReflectionForm(
        prompts={name: getattr(base, name) for name in PROMPTS},
        interest=base.interest_change,
        takeaways="\n".join(base.takeaways),
        have="\n".join(skills["have"]),
        gaps="\n".join(skills["gap"]),
        themes=", ".join(base.themes),
        ratings={key: ratings.get(key, (None, "")) for key in fit_questions},
        verdicts={a: base.assumption_verdicts.get(a, "") for a in assumptions},
    )


def reflection_draft(typed: ReflectionForm) -> ReflectionDraft:
    """The reflection typed in the form. A sentence without a rating is kept (as rated
    0), so the user is asked to rate it rather than have it dropped."""
    return ReflectionDraft(
        **typed.prompts,
        interest_change=typed.interest,
        takeaways=split_lines(typed.takeaways),
        themes=split_list(typed.themes),
        fit_ratings=[
            FitRating(key, score or 0, why)
            for key, (score, why) in typed.ratings.items()
            if score or why.strip()
        ],
        skills=[SkillHeard(s, "have") for s in split_list(typed.have)]
        + [SkillHeard(s, "gap") for s in split_list(typed.gaps)],
        assumption_verdicts=typed.verdicts,
    )


def save_reflection(
    store: Store, interview_id: int, typed: ReflectionForm, expected_version: int
) -> int:
    """Save the reflection typed in the form, unless another window saved one since the
    form was drawn (``expected_version``). Returns its id."""
    draft = reflection_draft(typed)
    return store.reflections.save(interview_id, draft, expected_version=expected_version)


def delete_reflection(store: Store, view: ConversationView) -> str:
    """Delete the conversation's reflection (the one ``view`` shows); returns the
    sentence saying so."""
    store.reflections.delete(view.reflection.id, expected_version=view.version)
    return f"Deleted your reflection on {view.conversation}."


def add_gap_action(
    store: Store, title: str, due_on: date | None, goal_id: int | None, reflection_id: int
) -> int:
    """Plan to build up a skill gap a reflection heard, as an action item from it:
    ``title`` as the user left it (``gap_action_title`` to start with), due on
    ``due_on`` or undated."""
    draft = ActionDraft(title, "learn_skill", due_on, goal_id, reflection_id)
    return store.actions.add(draft)


def update_motivation(
    store: Store, organisation_id: int, motivation: int, reflection_id: int
) -> None:
    """Change an organisation's Motivation score after this conversation."""
    store.organisations.update_motivation(organisation_id, motivation, reflection_id=reflection_id)


def set_may_recontact(store: Store, contact_id: int, allowed: bool) -> None:
    store.contacts.set_may_recontact(contact_id, allowed)


@dataclass(frozen=True)
class ThankYouSent:
    """The thank-you as the user sent it."""

    channel: str  # a planner.vocabulary.CHANNELS key
    subject: str
    body: str
    sent_on: date
    my_name: str  # what it was signed with, remembered for the next message


def send_thank_you(
    store: Store, interview_id: int, contact_id: int, sent: ThankYouSent, *, now: datetime
) -> None:
    """Record the thank-you for a conversation as sent on ``sent.sent_on`` (at ``now``'s
    time of day): the message is kept, the interview marked thanked, an interviewed
    contact moved to 'thanked', and the name it was signed with remembered; all or
    nothing."""
    if problem := setting_problem(sent.my_name):
        raise ValidationError({"my_name": problem})  # checked first: nothing half-saved
    remembered = store.settings.all().get(MY_NAME, "")
    with store.transaction():
        store.outreach.record_message(
            contact_id,
            "thank_you",
            channel=sent.channel,
            subject=sent.subject,
            body=sent.body,
            sent_at=datetime.combine(sent.sent_on, now.time()),
            interview_id=interview_id,
        )
        if sent.my_name.strip() != remembered:
            store.settings.save({MY_NAME: sent.my_name.strip()})


# -- action items ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionLine:
    """An open action item with when it is due ("due Thu 03 Dec", "no due date")."""

    action: ActionItem
    when: str
    late: bool

    @property
    def kind(self) -> str:
        """The kind of action, in words."""
        return ACTION_KINDS.get(self.action.kind, self.action.kind)


@dataclass(frozen=True)
class ActionsView:
    open: tuple[ActionLine, ...]  # the OPEN_ACTIONS_SHOWN soonest due
    more_open: int  # open ones not shown
    done: tuple[ActionItem, ...]  # the DONE_ACTIONS_SHOWN latest done
    done_count: int

    @property
    def empty(self) -> bool:
        return not self.open and not self.done_count


@cached_read
def load_actions(store: Store, *, today: date) -> ActionsView:
    every = store.actions.list()
    still_open = [a for a in every if a.done_on is None]
    finished = [a for a in every if a.done_on is not None]
    return ActionsView(
        open=tuple(
            ActionLine(a, due.action_when(a.due_on), due.action_late(a.due_on, today))
            for a in still_open[:OPEN_ACTIONS_SHOWN]
        ),
        more_open=max(len(still_open) - OPEN_ACTIONS_SHOWN, 0),
        done=tuple(finished[:DONE_ACTIONS_SHOWN]),
        done_count=len(finished),
    )


def add_action(store: Store, draft: ActionDraft) -> int:
    return store.actions.add(draft)


def edit_action(store: Store, action: ActionItem, title: str, due_on: date | None) -> None:
    """Change an action item's title and due date (None: undated), unless another
    window changed it since ``action`` was read."""
    store.actions.update(action.id, title, due_on, expected_version=action.version)


def delete_action(store: Store, action: ActionItem) -> str:
    """Delete an action item for good; returns the sentence saying so."""
    store.actions.delete(action.id)
    return f"Deleted the action item '{action.title}'."


def set_action_done(store: Store, action_id: int, done_on: date | None) -> None:
    """Tick an action item off on ``done_on``, or reopen it with None."""
    store.actions.set_done(action_id, done_on)


# -- keeping in touch --------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInCard:
    """Someone due an update: when it was due, what to remember, and a draft."""

    check_in: CheckInDue
    when: str  # "due 05 Dec 2026 (3 days ago)"
    context: tuple[str, ...]  # a sentence each
    update: Draft


@dataclass(frozen=True)
class KeepInTouchView:
    due_count: int
    cards: tuple[CheckInCard, ...]  # the CHECK_INS_SHOWN who have waited longest

    @property
    def more_waiting(self) -> str:
        """Said when more people are due an update than are shown, else ""."""
        if self.due_count <= len(self.cards):
            return ""
        return (
            f"{self.due_count} people are due an update; here are the {len(self.cards)} who "
            "have waited longest."
        )


@cached_read
def load_keep_in_touch(store: Store, *, today: date) -> KeepInTouchView:
    due_now = store.contacts.check_ins_due(today=today)
    my_name = store.settings.all().get(MY_NAME, "")
    cards = []
    for check_in in due_now[:CHECK_INS_SHOWN]:
        context = due.check_in_context(check_in)
        if acted := due.acted_on(check_in.done_since):
            context.append(acted)
        update = draft_update(
            their_name=check_in.contact_name,
            my_name=my_name,
            done=check_in.done_since,
            advice=check_in.advice,
            organisation=check_in.organisation,
        )
        cards.append(
            CheckInCard(check_in, due.check_in_when(check_in.due_on, today), tuple(context), update)
        )
    return KeepInTouchView(len(due_now), tuple(cards))


def send_update(store: Store, card: CheckInCard, body: str, *, now: datetime) -> None:
    """Record the update (``body``, as edited) to someone due one as sent now: by email
    when the planner has their address."""
    store.outreach.record_message(
        card.check_in.contact_id,
        "check_in",
        channel="email" if card.check_in.email else "other",
        subject=card.update.subject,
        body=body,
        sent_at=now,
    )


def set_check_in_every(store: Store, contact_id: int, days: int) -> None:
    """How often to suggest getting back in touch with this contact, in days."""
    store.contacts.set_check_in_every(contact_id, days)
