"""Question plans and the interview day: questions in order, minutes, notes, the
people mentioned, the printable sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from planner.contacts import (
    ContactDraft,
    validate_contact,
)
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import (
    FIT_QUESTIONS,
)
from planner.interview_sheet import InterviewSheet, SheetQuestion
from planner.question_plans import (
    INTRODUCTION_MAX,
    MINUTES_RANGE,
    NOTES_MAX,
    Plan,
    PlanInterview,
    PlannedQuestion,
    PlanQuestion,
)
from planner.questions import (
    ALREADY_IN_BANK,
    QuestionDraft,
    same_question,
    validate_question,
)
from planner.read_cache import cached_read
from planner.store.plan_order import PlanOrder, text_problem
from planner.store.records import NewPlanQuestion, SuggestedContact
from planner.text import check_text
from planner.vocabulary import INTERVIEW_FORMATS

BACKGROUND_MAX = 300


_INTRODUCTION_CHANGED = (
    "The introduction was changed in another window since you opened it, so yours was "
    "not saved. It is still in the box: copy what you want to keep, then load the saved one."
)


_NOTES_CHANGED = (
    "these notes were changed in another window since this one opened them. Reload the "
    "page: it shows those notes with yours added below, to tidy up."
)


_NOTES_GONE = {
    "plan_questions": "That question was removed from the plan.",
    "interviews": "That interview was deleted.",
}


def _minutes_problem(minutes: int) -> str | None:
    low, high = MINUTES_RANGE
    if not isinstance(minutes, int) or not low <= minutes <= high:
        return f"Allow {low}-{high} minutes for a question."
    return None


class PlanRepository(PlanOrder):
    """Question plans and the interview day: questions in order, minutes, notes, the
    people mentioned, the printable sheet.
    """

    @cached_read
    def overview(self) -> list[PlanInterview]:
        """Every interview not cancelled, upcoming first (soonest first), then past ones
        (latest first), each with its plan's question count and minutes."""
        rows = self._rows(
            """
            SELECT i.id, c.id, coalesce(c.name, ''), coalesce(c.role, ''), o.id,
                   coalesce(o.name, c.company, ''), i.goal_id, coalesce(g.title, ''),
                   i.starts_at, i.time_zone, i.duration_minutes, i.format, i.location,
                   i.status, i.general_notes, p.id,
                   coalesce(q.n, 0), coalesce(q.minutes, 0), coalesce(q.asked, 0), i.version
            FROM interviews i
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            LEFT JOIN goals g ON g.owner_id = i.owner_id AND g.id = i.goal_id
            LEFT JOIN question_plans p ON p.owner_id = i.owner_id AND p.interview_id = i.id
            LEFT JOIN (
                SELECT plan_id, count(*) AS n, sum(minutes) AS minutes,
                       count(*) FILTER (WHERE asked) AS asked
                FROM plan_questions WHERE owner_id = $o GROUP BY plan_id
            ) q ON q.plan_id = p.id
            WHERE i.owner_id = $o AND i.status <> 'cancelled'
            ORDER BY (i.status = 'scheduled') DESC,
                     CASE WHEN i.status = 'scheduled' THEN extract(epoch FROM i.starts_at)
                          ELSE -extract(epoch FROM i.starts_at) END,
                     i.id
            """,
            {"o": self.owner_id},
        )
        return [PlanInterview(*row) for row in rows]

    def interview(self, interview_id: int) -> PlanInterview:
        """One interview as the overview shows it; NotFound when it is gone or cancelled."""
        for item in self.overview():
            if item.interview_id == interview_id:
                return item
        raise NotFound("That interview was deleted or cancelled.")

    def plan_for(self, interview_id: int) -> int:
        """The interview's plan id, made empty on first use."""
        with self.transaction() as cur:
            return self._ensure_plan(cur, interview_id)

    def _ensure_plan(self, cur, interview_id: int) -> int:
        found = cur.execute(
            "SELECT count(*) FROM interviews WHERE owner_id = ? AND id = ?",
            [self.owner_id, interview_id],
        ).fetchone()[0]
        if not found:
            raise NotFound("That interview was deleted.")
        row = cur.execute(
            "SELECT id FROM question_plans WHERE owner_id = ? AND interview_id = ?",
            [self.owner_id, interview_id],
        ).fetchone()
        if row is not None:
            return row[0]
        plan_id = self._next_id(cur, "question_plans")
        now = self._now()
        cur.execute(
            "INSERT INTO question_plans (id, owner_id, interview_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [plan_id, self.owner_id, interview_id, now, now],
        )
        return plan_id

    def get(self, plan_id: int) -> Plan:
        row = self._one(
            "SELECT id, interview_id, introduction, minutes_per_question, version "
            "FROM question_plans WHERE owner_id = ? AND id = ?",
            [self.owner_id, plan_id],
        )
        if row is None:
            raise NotFound("That question plan was deleted.")
        return Plan(*row)

    @cached_read
    def questions(self, plan_id: int) -> list[PlanQuestion]:
        """The plan's questions in order (the order is their priority)."""
        return [
            PlanQuestion(*row)
            for row in self._rows(
                """
                SELECT id, text, minutes, must_ask, asked, answer_notes, bank_key,
                       question_id, version
                FROM plan_questions WHERE owner_id = ? AND plan_id = ?
                ORDER BY position, id
                """,
                [self.owner_id, plan_id],
            )
        ]

    def planned(self, plan_id: int) -> list[PlannedQuestion]:
        return [q.planned() for q in self.questions(plan_id)]

    def save_settings(self, plan_id: int, *, minutes_per_question: int) -> None:
        """Save the minutes new questions in the plan start with."""
        if message := _minutes_problem(minutes_per_question):
            raise ValidationError({"minutes_per_question": message})
        with self.transaction() as cur:
            updated = cur.execute(
                """
                UPDATE question_plans SET minutes_per_question = ?, updated_at = ?,
                    version = version + 1
                WHERE owner_id = ? AND id = ? RETURNING id
                """,
                [minutes_per_question, self._now(), self.owner_id, plan_id],
            ).fetchall()
            if not updated:
                raise NotFound("That question plan was deleted.")

    def save_introduction(
        self,
        interview_id: int,
        introduction: str,
        *,
        background: str,
        based_on: str | None = None,
    ) -> None:
        """Save the plan's introduction and the user's one-line background (used to draft
        the next one) together; the plan is made if the interview has none yet.
        ``based_on`` is the saved introduction the edit started from: if another window
        has saved a different one since, StaleEdit and nothing is saved."""
        introduction, background = introduction.strip(), background.strip()
        errors: dict[str, str] = {}
        if message := check_text(introduction, limit=INTRODUCTION_MAX):
            errors["introduction"] = message
        if message := check_text(background, limit=BACKGROUND_MAX, single_line=True):
            errors["background"] = message
        if errors:
            raise ValidationError(errors)
        with self.transaction() as cur:
            plan_id = self._ensure_plan(cur, interview_id)
            (saved,) = cur.execute(
                "SELECT introduction FROM question_plans WHERE owner_id = ? AND id = ?",
                [self.owner_id, plan_id],
            ).fetchone()
            if based_on is not None and saved not in (based_on.strip(), introduction):
                raise StaleEdit(_INTRODUCTION_CHANGED)
            self._store.settings.put(cur, {"me.background": background})
            cur.execute(
                "UPDATE question_plans SET introduction = ?, updated_at = ?, "
                "version = version + 1 WHERE owner_id = ? AND id = ?",
                [introduction, self._now(), self.owner_id, plan_id],
            )

    def add_written_question(
        self,
        interview_id: int,
        text: str,
        *,
        minutes: int,
        must_ask: bool = False,
        bank_category: str | None = None,
    ) -> bool:
        """Add a question the user wrote to the interview's plan and, with
        ``bank_category``, to their bank as well, in one transaction. Returns whether it
        went into the bank (False when the bank already holds it)."""
        draft = QuestionDraft(text, bank_category or "career_path").normalised()
        with self.transaction() as cur:
            plan_id = self._ensure_plan(cur, interview_id)
            self._insert_questions(cur, plan_id, [NewPlanQuestion(text, minutes, must_ask)])
            if bank_category is None:
                return False
            errors = validate_question(draft, others=self._store.bank.texts(cur, except_ref=""))
            if errors.get("text") == ALREADY_IN_BANK and len(errors) == 1:
                return False
            if errors:
                raise ValidationError({"bank_category": " ".join(errors.values())})
            self._store.bank.insert(cur, draft, bank_key="", retired=False)
            return True

    def add_question(
        self,
        plan_id: int,
        text: str,
        *,
        minutes: int | None = None,
        must_ask: bool = False,
        bank_key: str = "",
        question_id: int | None = None,
    ) -> int:
        """Add a question at the end of the plan (the lowest priority); ``minutes``
        defaults to the plan's minutes per question. Returns its id."""
        [new_id] = self.add_questions(
            plan_id,
            [NewPlanQuestion(text, minutes, must_ask, bank_key, question_id)],
        )
        return new_id

    def add_questions(self, plan_id: int, questions: list[NewPlanQuestion]) -> list[int]:
        """Add several questions at the end of the plan, in order, all or none."""
        with self.transaction() as cur:
            return self._insert_questions(cur, plan_id, questions)

    def _insert_questions(self, cur, plan_id: int, questions: list[NewPlanQuestion]) -> list[int]:
        errors: dict[str, Any] = {}
        cleaned = []
        for question in questions:
            text = " ".join(question.text.split())
            if message := text_problem(text):
                errors["text"] = message
            if question.minutes is not None and (message := _minutes_problem(question.minutes)):
                errors["minutes"] = message
            cleaned.append(replace(question, text=text))
        if errors:
            raise ValidationError(errors)
        plan = cur.execute(
            "SELECT minutes_per_question FROM question_plans WHERE owner_id = ? AND id = ?",
            [self.owner_id, plan_id],
        ).fetchone()
        if plan is None:
            raise NotFound("That question plan was deleted.")
        present = {
            same_question(t)
            for (t,) in cur.execute(
                "SELECT text FROM plan_questions WHERE owner_id = ? AND plan_id = ?",
                [self.owner_id, plan_id],
            ).fetchall()
        }
        (last,) = cur.execute(
            "SELECT coalesce(max(position), 0) FROM plan_questions "
            "WHERE owner_id = ? AND plan_id = ?",
            [self.owner_id, plan_id],
        ).fetchone()
        now = self._now()
        added = []
        for question in cleaned:
            if same_question(question.text) in present:
                raise ValidationError(
                    {"text": f"Already in the plan: {question.text}"}
                    if len(cleaned) > 1
                    else {"text": "This question is already in the plan."}
                )
            present.add(same_question(question.text))
            last += 1
            new_id = self._next_id(cur, "plan_questions")
            cur.execute(
                """
                INSERT INTO plan_questions (id, owner_id, plan_id, question_id, bank_key,
                    text, position, must_ask, minutes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    new_id,
                    self.owner_id,
                    plan_id,
                    question.question_id,
                    question.bank_key,
                    question.text,
                    last,
                    question.must_ask,
                    plan[0] if question.minutes is None else question.minutes,
                    now,
                    now,
                ],
            )
            added.append(new_id)
        return added

    def update_question(
        self,
        question_id: int,
        *,
        minutes: int | None = None,
        must_ask: bool | None = None,
        asked: bool | None = None,
    ) -> None:
        """Change a planned question's minutes, must-ask mark or asked tick."""
        if minutes is not None and (message := _minutes_problem(minutes)):
            raise ValidationError({"minutes": message})
        with self.transaction() as cur:
            updated = cur.execute(
                """
                UPDATE plan_questions SET minutes = coalesce(?, minutes),
                    must_ask = coalesce(?, must_ask), asked = coalesce(?, asked),
                    updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ? RETURNING id
                """,
                [minutes, must_ask, asked, self._now(), self.owner_id, question_id],
            ).fetchall()
            if not updated:
                raise NotFound("That question was removed from the plan.")

    def save_answer_notes(
        self, question_id: int, notes: str, *, based_on: Sequence[str] | None = None
    ) -> None:
        """Keep what was noted against one question, exactly as typed. ``based_on``: the
        texts the field may have been saved as (see ``_save_notes``)."""
        self._save_notes("plan_questions", "answer_notes", question_id, notes, based_on)

    def save_interview_notes(
        self, interview_id: int, notes: str, *, based_on: Sequence[str] | None = None
    ) -> None:
        """Keep the interview's general notes, exactly as typed."""
        self._save_notes("interviews", "general_notes", interview_id, notes, based_on)

    def _save_notes(
        self, table: str, column: str, row_id: int, notes: str, based_on: Sequence[str] | None
    ) -> None:
        """Save a notes field that saves while the user types. ``based_on`` lists the texts
        this field has shown or sent; when the saved text is none of them, another window
        wrote it and saving over it would lose that, so StaleEdit and nothing is saved.
        None skips the check (a caller with no field, such as an import)."""
        if message := check_text(notes, limit=NOTES_MAX):
            raise ValidationError({column: message})
        with self.transaction() as cur:
            row = cur.execute(
                f"SELECT {column} FROM {table} WHERE owner_id = ? AND id = ?",
                [self.owner_id, row_id],
            ).fetchone()
            if row is None:
                raise NotFound(_NOTES_GONE[table])
            if based_on is not None and row[0] not in (*based_on, notes):
                raise StaleEdit(_NOTES_CHANGED)
            cur.execute(
                f"UPDATE {table} SET {column} = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [notes, self._now(), self.owner_id, row_id],
            )

    def add_mentioned_contact(
        self,
        interview_id: int,
        *,
        name: str,
        role: str = "",
        organisation: str = "",
        notes: str = "",
        today,
    ) -> int:
        """Someone the interviewee suggested, saved as a contact they referred (from this
        interview, for its goal) in one step. An organisation that matches one of the
        user's target organisations links to it; any other is kept as their employer."""
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT i.contact_id, i.goal_id, c.id IS NOT NULL FROM interviews i "
                "LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id "
                "WHERE i.owner_id = ? AND i.id = ?",
                [self.owner_id, interview_id],
            ).fetchone()
            if row is None:
                raise NotFound("That interview was deleted.")
            referrer, goal_id, referrer_exists = row
            organisation = " ".join(organisation.split())
            match = cur.execute(
                "SELECT id FROM organisations WHERE owner_id = ? AND lower(name) = lower(?)",
                [self.owner_id, organisation],
            ).fetchone()
            draft = ContactDraft(
                name=name,
                role=role,
                organisation_id=match[0] if match else None,
                company="" if match else organisation,
                circle="referral",
                warmth="warm",
                referred_by_id=referrer if referrer_exists else None,
                notes=notes,
                goal_ids=[goal_id] if goal_id is not None else [],
            ).normalised()
            errors = validate_contact(draft)
            if "company" in errors:
                errors["organisation"] = errors.pop("company")
            if errors:
                raise ValidationError(errors)
            known = self._same_person(cur, draft)
            if known:
                raise ValidationError(
                    {"name": f"{known} is already in your contacts; open Contacts to update them."}
                )
            return self._store.contacts.insert(
                cur, draft, today=today, referred_in_interview_id=interview_id
            )

    def _same_person(self, cur, draft: ContactDraft) -> str | None:
        row = cur.execute(
            """
            SELECT name FROM contacts WHERE owner_id = ? AND lower(name) = lower(?)
              AND organisation_id IS NOT DISTINCT FROM ? AND lower(company) = lower(?)
            LIMIT 1
            """,
            [self.owner_id, draft.name, draft.organisation_id, draft.company],
        ).fetchone()
        return row[0] if row else None

    def mentioned_in(self, interview_id: int) -> list[SuggestedContact]:
        """The people suggested in this interview, in the order captured."""
        rows = self._rows(
            "SELECT id, name FROM contacts WHERE owner_id = ? AND referred_in_interview_id = ? "
            "ORDER BY id",
            [self.owner_id, interview_id],
        )
        return [SuggestedContact(*row) for row in rows]

    @cached_read
    def sheet(self, interview_id: int) -> InterviewSheet:
        """Everything the printable interview sheet shows, for one interview."""
        item = self.interview(interview_id)
        plan = self.get(item.plan_id) if item.plan_id is not None else None
        questions = self.questions(plan.id) if plan is not None else []
        fit_keys: list[str] = []
        aims: list[str] = []
        if item.goal_id is not None:
            found = self._one(
                "SELECT fit_questions, learning_aims FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, item.goal_id],
            )
            if found is not None:
                fit_keys, aims = found
        return InterviewSheet(
            contact_name=item.contact_name,
            contact_role=item.contact_role,
            organisation=item.organisation,
            starts_at=item.starts_at,
            time_zone=item.time_zone,
            duration_minutes=item.duration_minutes,
            format=INTERVIEW_FORMATS.get(item.format, item.format),
            location=item.location,
            goal_title=item.goal_title,
            learning_aims=list(aims),
            fit_questions=[FIT_QUESTIONS[k] for k in fit_keys if k in FIT_QUESTIONS],
            introduction=plan.introduction if plan is not None else "",
            questions=[
                SheetQuestion(q.text, q.minutes, q.must_ask, q.asked, q.answer_notes)
                for q in questions
            ],
            general_notes=item.general_notes,
        )
