"""The Progress step: everything its charts and the report show, gathered for one goal
or all of them, and a sentence for each saying what to read from it.

Plain Python: the numbers come from the store (counted in DuckDB); this module picks
them for a scope, works out the pace the goals need and lays out the referral tree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from planner import date_window
from planner.goals import FIT_QUESTIONS, Goal, progress
from planner.metrics import (
    CareerFit,
    CircleResponse,
    Referral,
    SkillCount,
    StageCount,
    ThemeCount,
    WeekActivity,
    share,
    weekly_pace_needed,
)
from planner.read_cache import cached_read
from planner.store import Store
from planner.store.records import Assumption
from planner.vocabulary import CIRCLES, CLOSED_STAGES, STAGES

TREE_NODES_MAX = 60  # a bigger referral tree is drawn as its largest chains
RECENT_WEEKS = 4
FIT_READING_AFTER = 2  # interviews behind a fit average before a sentence compares it


@dataclass(frozen=True)
class TreeNode:
    contact_id: int
    name: str
    depth: int  # 0 for someone nobody in the planner referred
    row: float  # vertical place; a referrer sits level with the middle of its referrals


@dataclass(frozen=True)
class TreeLink:
    from_id: int
    to_id: int


@dataclass(frozen=True)
class ReferralTree:
    nodes: list[TreeNode]
    links: list[TreeLink]
    people: int  # everyone in a chain, shown or not
    longest: list[str]  # names along the longest chain, first referrer first


@dataclass(frozen=True)
class ProgressData:
    """Everything the Progress page and the report show for one scope."""

    goal: Goal | None  # None: every goal
    goals: list[Goal]  # the goals in scope
    today: date
    pipeline: list[StageCount]
    weeks: list[WeekActivity]
    chart_window: tuple[date, date]  # the activity chart's first and last day
    not_charted: int  # activity dated outside it (a typo, a hand-edited file)
    pace_needed: float | None  # meetings a week the open goals in scope need
    fits: list[CareerFit]
    skills: list[SkillCount]
    themes: list[ThemeCount]
    assumptions: list[Assumption]
    referred: int
    contacts: int
    responses: list[CircleResponse]
    median_reply_days: float | None
    tree: ReferralTree

    @property
    def scope_label(self) -> str:
        return self.goal.title if self.goal else "All goals"

    @property
    def requests_sent(self) -> int:
        return sum(r.requested for r in self.responses)

    @property
    def requests_answered(self) -> int:
        return sum(r.answered for r in self.responses)

    def network_figures(self) -> tuple[str, str, str]:
        """(contacts referred, requests answered, median wait) as shown, each share with
        its counts ("1 of 4 (25%)"), "-" where there is nothing to count yet."""
        referred = of(self.referred, self.contacts) if self.contacts else "-"
        sent = self.requests_sent
        answered = of(self.requests_answered, sent) if sent else "-"
        days = self.median_reply_days
        return referred, answered, "-" if days is None else wait(days)


@cached_read
def load(store: Store, *, today: date, goal_id: int | None = None) -> ProgressData:
    """The numbers for one goal (or all goals when ``goal_id`` is None)."""
    goals = store.goals.list()
    goal = next((g for g in goals if g.id == goal_id), None) if goal_id is not None else None
    in_scope = [goal] if goal else goals
    share = store.metrics.referral_share(goal_id)
    window = date_window.charted(today)
    return ProgressData(
        goal=goal,
        goals=in_scope,
        today=today,
        pipeline=store.metrics.pipeline(goal_id),
        weeks=store.metrics.weekly_activity(goal_id, through=today, window=window),
        chart_window=window,
        not_charted=store.metrics.activity_outside(goal_id, window),
        pace_needed=pace_needed(in_scope, today),
        fits=store.metrics.fit_by_career(),
        skills=store.metrics.skills_heard(goal_id),
        themes=store.metrics.themes_ranked(goal_id),
        assumptions=store.goals.assumptions(goal_id),
        referred=share.referred,
        contacts=share.contacts,
        responses=store.metrics.response_by_circle(goal_id),
        median_reply_days=store.metrics.median_business_days_to_reply(goal_id),
        tree=referral_tree(store.metrics.referral_edges(goal_id)),
    )


def pace_needed(goals: list[Goal], today: date) -> float | None:
    """Meetings a week the active goals need, together, to reach their targets by their
    dates; None when no active goal has a date and something left to do."""
    paces = [
        weekly_pace_needed(
            remaining=progress(goal).remaining, today=today, target_date=goal.target_date
        )
        for goal in goals
        if goal.status == "active"
    ]
    known = [p for p in paces if p is not None]
    return sum(known) if known else None


# -- the referral tree -------------------------------------------------------------------


def referral_tree(edges: list[Referral], *, limit: int = TREE_NODES_MAX) -> ReferralTree:
    """Lay out who led to whom as a tree drawn left to right: each first referrer at
    depth 0, the people they led to one step right, and so on. Rows follow the order of
    the leaves so no two branches cross. Past ``limit`` people, the largest chains are
    kept whole and the rest left out; a single chain larger than that is cut to ``limit``
    (``people`` still counts everyone)."""
    names: dict[int, str] = {}
    children: dict[int, list[int]] = defaultdict(list)
    referred: set[int] = set()
    for edge in edges:
        names[edge.referrer_id], names[edge.contact_id] = edge.referrer, edge.contact
        children[edge.referrer_id].append(edge.contact_id)
        referred.add(edge.contact_id)
    roots = [person for person in names if person not in referred]
    sizes = {}
    reached: set[int] = set()
    for root in roots:
        sizes[root] = len(_walk(root, children, reached))
    # A loop (A referred B, B referred A) has no root; start it at its first person.
    for person in names:
        if person not in reached:
            roots.append(person)
            sizes[person] = len(_walk(person, children, reached))
    roots.sort(key=lambda r: (-sizes[r], names[r].casefold()))
    kept: list[int] = []  # the largest chains that fit; the first is cut to fit if need be
    for root in roots:
        if kept and sum(sizes[r] for r in kept) + sizes[root] > limit:
            continue
        kept.append(root)

    nodes: list[TreeNode] = []
    links: list[TreeLink] = []
    next_row = [0.0]

    placed = [0]  # people given a place, at most ``limit`` (which also bounds recursion)

    def place(person: int, depth: int, seen: set[int]) -> float:
        seen.add(person)
        placed[0] += 1
        rows = []
        for child in children.get(person, []):
            if child in seen or placed[0] >= limit:
                continue
            links.append(TreeLink(person, child))
            rows.append(place(child, depth + 1, seen))
        if rows:
            row = (rows[0] + rows[-1]) / 2
        else:
            row = next_row[0]
            next_row[0] += 1
        nodes.append(TreeNode(person, names[person], depth, row))
        return row

    for root in kept:
        place(root, 0, set())
    return ReferralTree(
        nodes=sorted(nodes, key=lambda n: (n.row, n.depth)),
        links=links,
        people=len(names),
        longest=_longest_chain(roots, children, names),
    )


def _walk(root: int, children: dict[int, list[int]], reached: set[int]) -> set[int]:
    """Everyone ``root`` led to (``root`` included) not already in ``reached``; adds them
    to ``reached``, so every person is walked once however many chains there are."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        person = stack.pop()
        if person not in seen and person not in reached:
            seen.add(person)
            stack.extend(children.get(person, []))
    reached |= seen
    return seen


def _longest_chain(
    roots: list[int], children: dict[int, list[int]], names: dict[int, str]
) -> list[str]:
    best: list[int] = []
    for root in roots:
        stack = [(root, [root])]
        while stack:
            person, path = stack.pop()
            if len(path) > len(best):
                best = path
            stack.extend(
                (child, [*path, child]) for child in children.get(person, []) if child not in path
            )
    return [names[p] for p in best]


# -- what to read from each chart ----------------------------------------------------------


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def of(part: int, whole: int, noun: str = "") -> str:
    """A share with the counts it comes from: "1 of 1 (100%)", or with ``noun`` "1 of 4
    contacts (25%)"; never a bare percentage (100% of one request says little)."""
    counted = _plural(whole, noun) if noun else str(whole)
    return f"{part} of {counted} ({share(part, whole):.0%})"


def wait(business_days: float) -> str:
    """A median wait in words: "same day", "1 business day", "3 business days". A median
    between two days (2.5) is said as the next whole day: half the answers came by then."""
    days = math.ceil(business_days)
    return "same day" if days == 0 else _plural(days, "business day")


def pipeline_sentence(pipeline: list[StageCount]) -> str:
    counts = {s.stage: s.contacts for s in pipeline}
    total = sum(counts.values())
    waiting = counts.get("requested", 0)
    booked = counts.get("scheduled", 0)
    met = sum(counts.get(s, 0) for s in ("interviewed", "thanked", "keeping_in_touch"))
    closed = sum(counts.get(s, 0) for s in CLOSED_STAGES)
    text = (
        f"{_plural(total, 'contact')}: {counts.get('identified', 0)} not asked yet, "
        f"{waiting} waiting for an answer, {booked} booked, {met} met"
        + (f", {closed} closed." if closed else ".")
    )
    if counts.get("identified", 0) and not waiting and not booked:
        text += " Nobody is waiting on you: send the next request."
    elif waiting > 2 * max(booked + met, 1):
        text += " Most requests are still unanswered: follow up on the oldest."
    return text


def activity_sentence(
    weeks: list[WeekActivity],
    pace: float | None,
    *,
    not_charted: int = 0,
    window: tuple[date, date] | None = None,
) -> str:
    recent = weeks[-RECENT_WEEKS:]
    requests = sum(w.requests for w in recent)
    meetings = sum(w.meetings for w in recent)
    thanks = sum(w.thank_yous for w in recent)
    span = "this week" if len(recent) == 1 else f"the last {len(recent)} weeks"
    text = (
        f"In {span}: {_plural(requests, 'request')} sent, "
        f"{_plural(meetings, 'meeting')} held, {_plural(thanks, 'thank-you')} sent."
    )
    if pace is not None:
        per_week = meetings / max(len(recent), 1)
        verdict = "on pace" if per_week >= pace else "behind that pace"
        text += (
            f" To reach your targets by their dates you need about {pace:.1f} meetings a "
            f"week (the dashed line); at {per_week:.1f} a week you are {verdict}."
        )
    if not_charted and window:
        since, until = window
        what = _plural(
            not_charted, "request, meeting or thank-you", "requests, meetings and thank-yous"
        )
        verb, whose = ("is", "its date looks") if not_charted == 1 else ("are", "their dates look")
        text += (
            f" {what} dated before {since.isoformat()} or after {until.isoformat()} {verb} "
            f"left out of the chart; {whose} mistyped."
        )
    return text


def goals_sentence(goals: list[Goal], today: date) -> str:
    active = [g for g in goals if g.status == "active"]
    if not active:
        return "No active goal: reopen one or add a new one on the Goals page."
    parts = []
    for goal in active:
        done = progress(goal)
        part = f"{goal.title}: {done.describe()}"
        if goal.target_date and done.remaining:
            days = (goal.target_date - today).days
            part += (
                f", {_plural(days, 'day')} left"
                if days >= 0
                else f", {_plural(-days, 'day')} past the target date"
            )
        parts.append(part)
    return "; ".join(parts) + "."


def fit_sentence(fits: list[CareerFit]) -> str:
    """The highest and lowest fit averages, compared only where ``FIT_READING_AFTER``
    interviews back them: one conversation is a hint, not a verdict."""
    backed = [f for f in fits if f.interviews >= FIT_READING_AFTER]
    if not backed:
        most = max(f.interviews for f in fits)
        return (
            f"Ratings from {_plural(most, 'conversation')} a career so far: too few to say "
            f"what fits best. Rate {FIT_READING_AFTER} conversations about one career and "
            "its averages are compared here."
        )
    best = max(backed, key=lambda f: (f.average, f.interviews))
    worst = min(backed, key=lambda f: (f.average, -f.interviews))
    text = (
        f"Highest so far: \u201c{_question(best)}\u201d for {best.career} "
        f"({best.average:.1f} of 5 from {_plural(best.interviews, 'interview')})."
    )
    if worst != best:
        text += (
            f" Lowest: \u201c{_question(worst)}\u201d for {worst.career} "
            f"({worst.average:.1f} of 5 from {_plural(worst.interviews, 'interview')})."
        )
    if len(backed) < len(fits):
        text += (
            f" Averages from fewer than {FIT_READING_AFTER} interviews are left out of "
            "this comparison: one conversation is a hint, not a verdict."
        )
    return text


def _question(fit: CareerFit) -> str:
    return FIT_QUESTIONS.get(fit.fit_question, fit.fit_question)


def skills_sentence(skills: list[SkillCount]) -> str:
    top = skills[0]
    gaps = sorted((s for s in skills if s.gap), key=lambda s: (-s.gap, s.skill.casefold()))
    text = f"Heard most: {top.skill} ({_plural(top.total, 'conversation')})."
    if gaps:
        text += f" Your most-heard gap is {gaps[0].skill}: a good first action item."
    else:
        text += " Every skill they named is one you have."
    return text


def themes_sentence(themes: list[ThemeCount]) -> str:
    backed = [t.theme for t in themes if t.conversations > 1]
    if not backed:
        return "No theme has come up twice yet; a pattern needs more than one conversation."
    return f"Backed by more than one conversation: {', '.join(backed[:5])}."


def assumptions_sentence(assumptions: list[Assumption]) -> str:
    confirmed = sum(1 for a in assumptions if a.confirmed > a.refuted)
    refuted = sum(1 for a in assumptions if a.refuted > a.confirmed)
    open_ = len(assumptions) - confirmed - refuted
    text = f"{confirmed} confirmed, {refuted} refuted, {open_} still open."
    if open_:
        ask = "it" if open_ == 1 else "the open ones"
        text += f" Ask about {ask} in your next conversation."
    return text


def network_sentence(data: ProgressData) -> str:
    text = f"{of(data.referred, data.contacts, 'contact')} came through a referral."
    if asked := data.requests_sent:
        text += f" {of(data.requests_answered, asked, 'request')} got an answer"
        # A circle asked once is a hint: compare only circles asked more than once.
        compared = [r for r in data.responses if r.requested >= 2]
        if len(compared) > 1:
            best = max(compared, key=lambda r: (r.rate, r.requested))
            text += (
                f"; best from {CIRCLES.get(best.circle, best.circle)}: "
                f"{of(best.answered, best.requested)}"
            )
        text += "."
    days = data.median_reply_days
    if days is not None and math.ceil(days) == 0:
        text += " Half of the answers came the same day you asked."
    elif days is not None:
        text += f" Half of the answers came within {wait(days)}: follow up after that, not before."
    return text


def tree_sentence(tree: ReferralTree) -> str:
    text = f"{_plural(tree.people, 'person', 'people')} in referral chains."
    if len(tree.longest) > 2:
        text += " Longest chain: " + " \u2192 ".join(tree.longest) + "."
    shown = len(tree.nodes)
    if shown < tree.people:
        text += f" Showing the largest chains ({shown} people)."
    return text


def chart_sentences(data: ProgressData, drawn: set[str]) -> dict[str, str]:
    """What to read from each chart in ``drawn`` (the charts with something to show),
    said the same on the page and in the report."""
    say: dict[str, Callable[[], str]] = {
        "pipeline": lambda: pipeline_sentence(data.pipeline),
        "goals": lambda: goals_sentence(data.goals, data.today),
        "activity": lambda: activity_sentence(
            data.weeks, data.pace_needed, not_charted=data.not_charted, window=data.chart_window
        ),
        "fit": lambda: fit_sentence(data.fits),
        "skills": lambda: skills_sentence(data.skills),
        "themes": lambda: themes_sentence(data.themes),
        "assumptions": lambda: assumptions_sentence(data.assumptions),
        "network": lambda: network_sentence(data),
        "tree": lambda: tree_sentence(data.tree),
    }
    return {key: sentence() for key, sentence in say.items() if key in drawn}


def stage_label(stage: str) -> str:
    return STAGES.get(stage, stage)
