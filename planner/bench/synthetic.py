"""Synthetic planners for the benchmark: sizes S, M and L with the shape of a real search.

A planner is written as a backup document and loaded through the real import path (all
or nothing, checked like any restore), so it takes seconds even at L. Everything is
drawn from one seeded random generator: the same size gives the same planner.

Shapes (from what a job search looks like, not from any real user):
- most contacts are only identified or asked; about three in ten get to a meeting;
  a tenth decline or never answer;
- every contact who was asked has a request; those who met have a thank-you and, mostly,
  a reflection with fit ratings, skills, themes and an action item;
- history runs over the last year, with requests before meetings and thanks after.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from planner import backup
from planner.goals import FIT_QUESTIONS, TARGET_MAX
from planner.question_bank import shipped_bank
from planner.store import Column, Store
from planner.vocabulary import CIRCLES, QUESTION_CATEGORIES, RESEARCH_TOPICS


@dataclass(frozen=True)
class Size:
    name: str
    contacts: int
    interviews: int
    history: int  # contact_events rows
    research_notes: int
    goals: int
    organisations: int


SIZES: dict[str, Size] = {
    "S": Size(
        "S", contacts=20, interviews=6, history=60, research_notes=10, goals=3, organisations=8
    ),
    "M": Size("M", 500, 150, 1_500, 50, 5, 60),
    "L": Size("L", 10_000, 3_000, 30_000, 1_000, 8, 400),
}

# Stages of contacts without a meeting, and how often each occurs among them.
_UNMET_STAGES = {
    "identified": 50,
    "requested": 22,
    "declined": 11,
    "no_reply": 13,
    "not_pursuing": 4,
}
_MET_STAGES = {"scheduled": 10, "interviewed": 27, "thanked": 36, "keeping_in_touch": 27}
_ORG_KINDS = ["Labs", "Health", "Studio", "Council", "Games", "Trust"]
_THANKED = ("thanked", "keeping_in_touch")
_FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jon", "Kemi",
          "Luca", "Maya", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma",
          "Viktor", "Wen", "Yusuf", "Zoe"]  # fmt: skip
_LAST = ["Adams", "Bauer", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito",
         "Jones", "Khan", "Lopez", "Moreau", "Nowak", "Okafor", "Patel", "Rossi", "Silva",
         "Tanaka", "Usman", "Virtanen", "Walsh", "Yilmaz", "Zhang"]  # fmt: skip
_ROLES = ["UX Researcher", "Product Manager", "Data Analyst", "Learning Designer",
          "Engineering Manager", "Policy Advisor", "Research Lead", "Designer"]  # fmt: skip
_FIELDS = ["User experience research", "Learning design", "Data analysis", "Civic technology",
           "Product management", "Health policy", "Game design", "Sustainability"]  # fmt: skip
_SKILLS = ["SQL", "Interviewing", "Survey design", "Statistics", "Writing", "Facilitation",
           "Prototyping", "Stakeholder management", "Python", "Presenting", "Accessibility",
           "Qualitative analysis", "Budgeting", "Storytelling", "Usability testing"]  # fmt: skip
_THEMES = ["portfolio", "small teams", "remote work", "mentoring", "pay", "career change",
           "burnout", "community", "certification", "networking", "side projects", "speed",
           "ethics", "hiring freeze", "domain knowledge"]  # fmt: skip


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _at(day: date, hour: int = 9, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute)).isoformat(timespec="microseconds")


class _Tables:
    """Rows per table as dicts; columns left out take a plain default."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.schema = store.content.tables()
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.schema}
        self.now = now.isoformat(timespec="microseconds")

    def add(self, table: str, **values: Any) -> int:
        rows = self.rows[table]
        values.setdefault("id", len(rows) + 1)
        rows.append(values)
        return values["id"]

    def _default(self, column: Column) -> Any:
        if column.name in ("created_at", "updated_at", "changed_at"):
            return self.now
        if column.name == "version":
            return 1
        if column.nullable:
            return None
        return {"VARCHAR": "", "VARCHAR[]": [], "BOOLEAN": False}.get(column.type, 0)

    def document(self, store: Store) -> dict[str, Any]:
        tables = {}
        for name, columns in self.schema.items():
            names = [c.name for c in columns]
            tables[name] = {
                "columns": names,
                "rows": [
                    [row[c.name] if c.name in row else self._default(c) for c in columns]
                    for row in self.rows[name]
                ],
            }
        return {
            "format": backup.FORMAT,
            "format_version": backup.FORMAT_VERSION,
            "schema_version": store.content.schema_version(),
            "tables": tables,
        }


def build(store: Store, size: Size, *, today: date, seed: int = 7) -> dict[str, int]:
    """Fill an empty planner with a synthetic search of ``size``; returns rows per table."""
    rng = random.Random(seed)
    year_ago = today - timedelta(days=365)
    t = _Tables(store, datetime.combine(today, time(8)))

    goal_ids = []
    for g in range(size.goals):
        status = "active" if g < max(2, size.goals // 2) else rng.choice(["paused", "achieved"])
        goal_ids.append(
            t.add(
                "goals",
                title=f"Find out whether {_FIELDS[g % len(_FIELDS)].lower()} suits me ({g + 1})",
                kind=rng.choice(["explore", "change", "employer", "network"]),
                field=_FIELDS[g % len(_FIELDS)],
                target_roles=rng.sample(_ROLES, 2),
                target_organisations=[],
                learning_aims=["What a normal week looks like", "How people moved in"],
                fit_questions=rng.sample(list(FIT_QUESTIONS), 2 + g % 3),
                target_interviews=min(max(3, size.interviews // size.goals), TARGET_MAX),
                target_date=(today + timedelta(days=30 + 20 * g)).isoformat(),
                status=status,
            )
        )
        for a in range(2):
            t.add(
                "goal_assumptions",
                goal_id=goal_ids[-1],
                statement=f"Assumption {a + 1} about {_FIELDS[g % len(_FIELDS)].lower()}",
            )

    org_ids = [
        t.add(
            "organisations",
            name=f"{rng.choice(_LAST)} {rng.choice(_ORG_KINDS)} {o + 1}",
            sector=rng.choice(_FIELDS),
            website=f"https://org{o + 1}.example.org",
            advocacy=rng.random() < 0.3,
            motivation=rng.randint(0, 3),
            posting=rng.randint(1, 3),
            origin=rng.choice(["dream", "alumni", "posting", "trending"]),
        )
        for o in range(size.organisations)
    ]  # fmt: skip

    for n in range(size.research_notes):
        t.add(
            "research_notes",
            goal_id=rng.choice(goal_ids),
            organisation_id=rng.choice(org_ids) if rng.random() < 0.5 else None,
            topic_kind=rng.choice(list(RESEARCH_TOPICS)),
            title=f"Research note {n + 1}",
            body="What I found: " + " ".join(rng.sample(_THEMES, 5)) + ".",
            source_url=f"https://news.example.org/{n + 1}",
            noted_on=(year_ago + timedelta(days=rng.randrange(365))).isoformat(),
            facts=[f"Fact {n + 1}.{k}" for k in range(rng.randint(0, 3))],
        )

    bank = [q for q in shipped_bank() if q.category in QUESTION_CATEGORIES]
    met_share = size.interviews / size.contacts
    events = 0
    interviews = 0
    contact_ids: list[int] = []
    for c in range(size.contacts):
        first_seen = year_ago + timedelta(days=rng.randrange(300))
        meets = interviews < size.interviews and rng.random() < met_share * 1.05
        stage = _weighted(rng, _MET_STAGES if meets else _UNMET_STAGES)
        goal = rng.choice(goal_ids)
        referrer = rng.choice(contact_ids) if contact_ids and rng.random() < 0.08 else None
        contact = t.add(
            "contacts",
            name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {c + 1}",
            role=rng.choice(_ROLES),
            organisation_id=rng.choice(org_ids) if rng.random() < 0.6 else None,
            company="" if rng.random() < 0.6 else f"{rng.choice(_LAST)} Ltd",
            email=f"person{c + 1}@example.org",
            circle="referral" if referrer else rng.choice([k for k in CIRCLES if k != "referral"]),
            referred_by_id=referrer,
            warmth=rng.choice(["warm", "cold"]),
            notes="Met at a meetup." if rng.random() < 0.3 else "",
            tags=rng.sample(["alumni", "priority", "london", "remote"], rng.randint(0, 2)),
            stage=stage,
            may_recontact=stage in ("thanked", "keeping_in_touch"),
            check_in_every_days=90,
        )
        contact_ids.append(contact)
        t.add("contact_goals", contact_id=contact, goal_id=goal)
        asked = first_seen + timedelta(days=rng.randint(1, 20))
        if stage != "identified":
            t.add(
                "outreach",
                contact_id=contact,
                kind="request",
                channel="email",
                subject="A question about your work",
                body="Could we talk for 20 minutes?",
                sent_at=_at(asked, 10),
            )
        # History: the stage changes that led here, then notes up to the size's total.
        path = {"identified": [], "requested": ["requested"], "declined": ["requested", "declined"],
                "no_reply": ["requested", "no_reply"], "not_pursuing": ["not_pursuing"],
                "scheduled": ["requested", "scheduled"],
                "interviewed": ["requested", "scheduled", "interviewed"],
                "thanked": ["requested", "scheduled", "interviewed", "thanked"],
                "keeping_in_touch": ["requested", "scheduled", "interviewed", "thanked",
                                     "keeping_in_touch"]}[stage]  # fmt: skip
        previous, day = "identified", asked
        for step in path:
            t.add(
                "contact_events",
                contact_id=contact,
                happened_at=_at(day, 11),
                kind="stage",
                stage_from=previous,
                stage_to=step,
                channel="email",
                summary="",
            )
            previous, day, events = step, day + timedelta(days=rng.randint(2, 9)), events + 1
        if meets:
            interviews += 1
            upcoming = stage == "scheduled"
            met_on = (
                today + timedelta(days=rng.randint(1, 30))
                if upcoming
                else min(asked + timedelta(days=rng.randint(5, 25)), today - timedelta(days=2))
            )
            interview = t.add(
                "interviews",
                contact_id=contact,
                goal_id=goal,
                starts_at=_at(met_on, 10),
                time_zone="Europe/London",
                duration_minutes=rng.choice([20, 30, 45]),
                format=rng.choice(["video", "phone", "in_person"]),
                status="scheduled" if upcoming else "done",
                general_notes="They were generous with their time.",
                thank_you_sent_at=(
                    _at(met_on + timedelta(days=1), 18) if stage in _THANKED else None
                ),
            )
            plan = t.add("question_plans", interview_id=interview, minutes_per_question=3)
            for position, question in enumerate(rng.sample(bank, 6)):
                t.add(
                    "plan_questions",
                    plan_id=plan,
                    bank_key=question.key,
                    text=question.text,
                    position=position,
                    must_ask=position < 2,
                    minutes=3,
                    asked=not upcoming,
                    answer_notes="" if upcoming or position % 2 else "Noted.",
                )
            if stage in _THANKED or (stage == "interviewed" and rng.random() < 0.5):
                reflection = t.add(
                    "reflections",
                    interview_id=interview,
                    learned_field="Teams are small and move fast.",
                    advice="Build one real example before applying.",
                    surprised="How much of the job is persuading people.",
                    interest_change=rng.choice(["up", "same", "down"]),
                    takeaways=["Try a small project", "Ask for an introduction"],
                    themes=rng.sample(_THEMES, 2),
                )
                for fit_key in rng.sample(list(FIT_QUESTIONS), 2):
                    t.add(
                        "reflection_fit_ratings",
                        reflection_id=reflection,
                        fit_question=fit_key,
                        rating=rng.randint(1, 5),
                        why="From what they said about the work.",
                    )
                for skill in rng.sample(_SKILLS, 2):
                    t.add(
                        "reflection_skills",
                        reflection_id=reflection,
                        skill=skill,
                        status=rng.choice(["have", "gap"]),
                    )
                if rng.random() < 0.6:
                    due = met_on + timedelta(days=rng.randint(7, 60))
                    t.add(
                        "action_items",
                        goal_id=goal,
                        reflection_id=reflection,
                        title=f"Follow up on advice from conversation {interviews}",
                        kind=rng.choice(["learn_skill", "read_or_join", "contact", "other"]),
                        due_on=due.isoformat(),
                        done_on=due.isoformat() if due < today and rng.random() < 0.6 else None,
                    )
            if stage in _THANKED:
                t.add(
                    "outreach",
                    contact_id=contact,
                    interview_id=interview,
                    kind="thank_you",
                    channel="email",
                    subject="Thank you",
                    body="Thank you for your time.",
                    sent_at=_at(met_on + timedelta(days=1), 18),
                )

    # Fill the history up to its size with replies and notes, spread over the year.
    while events < size.history:
        t.add(
            "contact_events",
            contact_id=rng.choice(contact_ids),
            happened_at=_at(year_ago + timedelta(days=rng.randrange(365)), 15),
            kind=rng.choice(["note", "reply", "message_sent"]),
            channel="email",
            summary="A short exchange.",
        )
        events += 1

    return backup.import_document(store, t.document(store), today=today)
