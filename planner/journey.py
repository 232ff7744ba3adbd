"""The journey's table of contents, each step's state, and the next best actions.

Only steps whose page exists are listed: a later step joins when it is built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from planner.goals import Goal, progress


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    page: str  # path from the repository root, as st.page_link takes it
    icon: str  # a Material icon; emoji render as empty boxes in headless browsers
    purpose: str


HOME = Step("home", "Home", "app.py", ":material/home:", "Where you stand and what to do next.")

STEPS: tuple[Step, ...] = (
    Step(
        "goals",
        "Goals",
        "pages/1_Goals.py",
        ":material/flag:",
        "Say what you want to learn, from how many conversations, by when.",
    ),
    Step(
        "research",
        "Research",
        "pages/2_Research.py",
        ":material/travel_explore:",
        "Learn what you can on your own; rank the organisations you care about.",
    ),
    Step(
        "contacts",
        "Contacts",
        "pages/3_Contacts.py",
        ":material/group:",
        "List the people you could ask and follow each one from request to thank-you.",
    ),
    Step(
        "questions",
        "Questions",
        "pages/4_Questions.py",
        ":material/quiz:",
        "Plan what to ask in the time you have, print it, and take notes on the day.",
    ),
    Step(
        "reflect",
        "Reflect",
        "pages/5_Reflect.py",
        ":material/psychology:",
        "Write down what each conversation taught you, thank them, act on it, keep in touch.",
    ),
    Step(
        "progress",
        "Progress",
        "pages/6_Progress.py",
        ":material/monitoring:",
        "See the whole search in charts and take a reflection report with you.",
    ),
)

TOOLS: tuple[Step, ...] = (
    Step(
        "board",
        "Pipeline board",
        "pages/7_Board.py",
        ":material/view_kanban:",
        "Every contact as a card by stage; move one along in a click.",
    ),
    Step(
        "backup",
        "Backup",
        "pages/9_Backup.py",
        ":material/save:",
        "Download your whole planner as one file, or restore it.",
    ),
)

# Where people sign in (a shared deployment), the sidebar links each to their account.
ACCOUNT = Step(
    "account",
    "Your account",
    "pages/8_Account.py",
    ":material/manage_accounts:",
    "Who is signed in; download everything, or delete your planner.",
)


DEFAULT_BASE = "http://localhost:8501"  # where scripts/start serves the planner


def app_base(seen: str | None = None) -> str:
    """The planner's address for links that must work outside the page (the digest, the
    calendar feed): PLANNER_BASE_URL when set (behind a proxy), else ``seen`` (where the
    browser or calendar reached the app), else where scripts/start serves it."""
    return (os.environ.get("PLANNER_BASE_URL") or seen or DEFAULT_BASE).rstrip("/")


def page_url(base: str, key: str, query: dict[str, str] | None = None) -> str:
    """The address of step ``key``'s page on the app at ``base`` ("http://localhost:8501"),
    with ``query``: Streamlit serves pages/5_Reflect.py at /Reflect."""
    page = next((s.page for s in (HOME, *STEPS, *TOOLS) if s.key == key), HOME.page)
    stem = page.removeprefix("pages/").removesuffix(".py")
    path = "" if page == HOME.page else stem.split("_", 1)[-1]
    return f"{base.rstrip('/')}/{path}" + (f"?{urlencode(query)}" if query else "")


@dataclass(frozen=True)
class StepState:
    summary: str
    started: bool


def step_states(counts: dict[str, int]) -> dict[str, StepState]:
    """What each built step holds for this user, from ``Store.journey_counts()``."""
    goals = counts["goals"]
    if not goals:
        goal_state = StepState("No goals yet", False)
    else:
        parts = [f"{counts['goals_active']} active"]
        if counts["goals_paused"]:
            parts.append(f"{counts['goals_paused']} paused")
        if counts["goals_achieved"]:
            parts.append(f"{counts['goals_achieved']} achieved")
        goal_state = StepState(", ".join(parts), True)
    notes, organisations = counts["research_notes"], counts["organisations"]
    if not notes and not organisations:
        research_state = StepState("Nothing researched yet", False)
    else:
        research_state = StepState(
            f"{_count(notes, 'note')}, {_count(organisations, 'target organisation')}", True
        )
    contacts = counts["contacts"]
    contact_state = (
        StepState(_count(contacts, "contact"), True)
        if contacts
        else StepState("No contacts yet", False)
    )
    plans = counts["question_plans"]
    meetings = counts["interviews_scheduled"] + counts["interviews_done"]
    if plans:
        question_state = StepState(
            f"{_count(plans, 'plan')} for {_count(meetings, 'meeting')}", True
        )
    elif meetings:
        question_state = StepState(f"{_count(meetings, 'meeting')}, no plan yet", False)
    else:
        question_state = StepState("No meetings to plan yet", False)
    reflections, held = counts["reflections"], counts["interviews_done"]
    if reflections:
        reflect_state = StepState(
            f"{_count(reflections, 'reflection')} on {_count(held, 'conversation')}", True
        )
    elif held:
        reflect_state = StepState(f"{_count(held, 'conversation')}, no reflection yet", False)
    else:
        reflect_state = StepState("No conversations held yet", False)
    if held:
        progress_state = StepState(f"Report on {_count(held, 'conversation')} ready", True)
    elif contacts:
        progress_state = StepState("Charts of your pipeline so far", True)
    else:
        progress_state = StepState("Nothing to chart yet", False)
    return {
        "goals": goal_state,
        "research": research_state,
        "contacts": contact_state,
        "questions": question_state,
        "reflect": reflect_state,
        "progress": progress_state,
    }


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Action:
    text: str  # plain text; may contain the user's goal titles
    step: str  # the key of the step where it is done
    urgency: int  # lower comes first


def next_actions(goals: list[Goal], *, today: date, soon_days: int = 14) -> list[Action]:
    """The few things most worth doing now, most urgent first."""
    actions: list[Action] = []
    if not goals:
        return [
            Action("Set your first goal: what do you want to find out, and by when?", "goals", 0)
        ]
    active = [g for g in goals if g.status == "active"]
    if not active:
        actions.append(
            Action("No goal is active. Resume a paused goal or set a new one.", "goals", 1)
        )
    for goal in active:
        done = progress(goal)
        if done.remaining == 0:
            actions.append(
                Action(
                    f"'{goal.title}' reached its target of {goal.target_interviews} interviews: "
                    "mark it achieved, or raise the target if you still have questions.",
                    "goals",
                    2,
                )
            )
            continue
        if goal.target_date is None:
            continue
        days = (goal.target_date - today).days
        if days < 0:
            actions.append(
                Action(
                    f"'{goal.title}' passed its target date ({goal.target_date.isoformat()}) "
                    f"with {done.describe()}: set a new date or pause it.",
                    "goals",
                    0,
                )
            )
        elif days <= soon_days:
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            actions.append(
                Action(
                    f"'{goal.title}' is due {when}: {done.describe()}, {done.remaining} to go.",
                    "goals",
                    1,
                )
            )
    actions.sort(key=lambda a: a.urgency)
    return actions
