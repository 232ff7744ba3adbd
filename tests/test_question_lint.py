"""The question lint: each rule on flagged and clean examples, and a labelled set
scored for precision and recall per rule."""

from __future__ import annotations

from collections import Counter

import pytest

from planner.question_lint import RULES, lint

# (question, the rules that should fire). Written for this test, not taken from the bank.
LABELLED: list[tuple[str, set[str]]] = [
    # good open questions
    ("How does a small non-profit decide what to research?", set()),
    ("Which study are you proudest of, and why?", set()),
    ("What drew you to a not-for-profit after the agency years?", set()),
    ("How did your first year in this field compare with what you expected?", set()),
    ("What does a demanding week look like for you?", set()),
    ("Which parts of the work give you the most energy?", set()),
    ("What changes do you see coming to this field over the next five years?", set()),
    ("How do decisions get made on your team?", set()),
    ("What skills took you longest to build?", set()),
    ("If you were starting again, what would you do differently?", set()),
    ("Which communities or groups helped you most early on?", set()),
    ("Who else would be worth talking to about this path?", set()),
    ("What kind of person does well in this role?", set()),
    ("How would you describe the culture on your floor?", set()),
    ("Could you walk me through a recent project you enjoyed?", set()),
    ("Could you tell me how you moved from teaching into research?", set()),
    ("What do newcomers most often misunderstand about this work?", set()),
    ("Where do people in this role usually go next?", set()),
    ("What would you read if you were new to the field today?", set()),
    ("How do you keep your skills current?", set()),
    ("What is a small project I could try to test whether I like this work?", set()),
    ("How has your role changed since you started?", set()),
    ("What surprised you most about working here?", set()),
    ("Why did you choose this organisation over others?", set()),
    ("How do you measure whether your work went well?", set()),
    ("What does progression look like from a junior role?", set()),
    ("When did you know this was the right field for you?", set()),
    ("What would you want someone in my position to ask you?", set()),
    ("How do you split your time between meetings and focused work?", set()),
    ("What challenges is your team working through right now?", set()),
    ("Would you describe a typical project from start to finish?", set()),
    ("What are you most proud of in your career so far?", set()),
    ("Which tools do you use every day?", set()),
    ("Which study are you proudest of, and why did it work?", {"double_barrelled"}),
    ("How do the profits from the new product compare?", {"confidential"}),
    # pay
    ("What is the starting salary for this role?", {"pay"}),
    ("How much do junior researchers get paid?", {"pay"}),
    ("What kind of bonus structure do you have?", {"pay"}),
    ("How generous is the benefits package?", {"pay"}),
    ("What is the typical pay range here?", {"pay"}),
    ("How much does a designer make in their first year?", {"pay"}),
    ("How often do people get a raise?", {"pay"}),
    # job asking
    ("Are you hiring at the moment?", {"job_asking", "closed"}),
    ("What openings do you have on your team?", {"job_asking"}),
    ("Could you refer me to the recruiter?", {"job_asking", "closed"}),
    ("Would you look at my CV before I apply?", {"job_asking", "closed"}),
    ("How can I get a job at your organisation?", {"job_asking"}),
    ("What is the best way to apply for a role like yours?", {"job_asking"}),
    ("Which vacancies are coming up soon?", {"job_asking"}),
    ("Can you put in a good word for me?", {"job_asking", "closed"}),
    # negative framing
    ("Why is turnover so high on your team?", {"negative"}),
    ("What is wrong with the way your company hires?", {"negative"}),
    ("What is the worst thing about your job?", {"negative"}),
    ("How did the layoffs last year affect you?", {"negative"}),
    ("Why do so many people leave after a year?", {"negative"}),
    ("What do people complain about most?", set()),  # open enough; not flagged
    # confidential
    ("What are your profit margins on the main product?", {"confidential"}),
    ("How much revenue does the new app bring in?", {"confidential"}),
    ("What unreleased features are you working on?", {"confidential"}),
    ("What secret projects is the lab running?", {"confidential"}),
    ("Which acquisition plans are being discussed?", {"confidential"}),
    # researchable
    ("What does your company do?", {"researchable"}),
    ("When was the organisation founded?", {"researchable"}),
    ("How many employees work there?", {"researchable"}),
    ("Where is the head office?", {"researchable"}),
    ("Who is the CEO?", {"researchable"}),
    ("What products does the company sell?", {"researchable"}),
    # closed
    ("Do you like your job?", {"closed"}),
    ("Is it a stressful role?", {"closed"}),
    ("Did you study design at university?", {"closed"}),
    ("Would you recommend this career?", {"closed"}),
    ("Have you ever thought about leaving?", {"closed"}),
    ("Can a teacher move into this field?", {"closed"}),
    ("Are the hours long?", {"closed"}),
    ("Was it hard to switch careers?", {"closed"}),
    ("Should I learn to code first?", {"closed"}),
    # double-barrelled
    ("What do you enjoy most, and what would you change?", {"double_barrelled"}),
    ("How did you start? What did you study?", {"double_barrelled"}),
    ("Which skills matter most and how did you learn them?", {"double_barrelled"}),
    ("Where did you work before, and why did you move?", {"double_barrelled"}),
    ("What is your team like or do you mostly work alone?", {"double_barrelled"}),
    # too long
    (
        "Thinking back over the whole of your career so far, from your very first role to "
        "the work you do today, what single piece of advice would you pass on to someone "
        "like me?",
        {"too_long"},
    ),
    (
        "Given everything that has changed in the field with new tools and new ways of "
        "working over the past few years, how do you think the day-to-day work will look "
        "in ten years' time?",
        {"too_long"},
    ),
    # several at once
    (
        "Are you hiring, and what is the salary?",
        {"job_asking", "pay", "closed", "double_barrelled"},
    ),
    ("Is the pay good?", {"pay", "closed"}),
]


def test_the_labelled_set_is_big_enough_and_covers_every_rule():
    assert len(LABELLED) >= 80
    covered = Counter(rule for _, rules in LABELLED for rule in rules)
    assert set(covered) == set(RULES)


def scores() -> dict[str, tuple[float, float]]:
    true_pos, false_pos, false_neg = Counter(), Counter(), Counter()
    for question, expected in LABELLED:
        got = {w.rule for w in lint(question)}
        for rule in RULES:
            if rule in got and rule in expected:
                true_pos[rule] += 1
            elif rule in got:
                false_pos[rule] += 1
            elif rule in expected:
                false_neg[rule] += 1
    return {
        rule: (
            true_pos[rule] / ((true_pos[rule] + false_pos[rule]) or 1),
            true_pos[rule] / ((true_pos[rule] + false_neg[rule]) or 1),
        )
        for rule in RULES
    }


def test_every_rule_is_precise_and_finds_most_of_its_cases():
    report = scores()
    print("\nrule              precision  recall")
    for rule, (precision, recall) in report.items():
        print(f"{rule:<17} {precision:9.2f} {recall:7.2f}")
    for rule, (precision, recall) in report.items():
        assert precision >= 0.8, (rule, precision)
        assert recall >= 0.8, (rule, recall)


def test_a_question_answered_by_my_own_research_is_flagged():
    facts = ["Founded in 1998", "About 180 staff", "Research team of three"]
    [warning] = lint("When did Northwind start out, and when was it founded?", facts=facts)[:1]
    assert warning.rule == "researchable" and "Founded in 1998" in warning.message
    assert lint("How does research shape what the product team builds?", facts=facts) == []


def test_closed_questions_get_an_open_rewrite():
    [warning] = lint("Do you enjoy the travel?")
    assert warning.rewrite == "What do you enjoy most about the travel?"


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_has_a_plain_message(rule):
    examples = [q for q, rules in LABELLED if rule in rules]
    warnings = [w for w in lint(examples[0]) if w.rule == rule]
    assert warnings and warnings[0].message.endswith(".")


def test_the_lint_command_reads_lines_and_knows_my_research(tmp_path):
    import json
    import subprocess
    import sys

    from planner.paths import REPO_ROOT

    db = tmp_path / "p.duckdb"
    run = [sys.executable, "-m", "planner"]
    subprocess.run([*run, "demo", "--db", db], cwd=REPO_ROOT, check=True, capture_output=True)
    questions = "What is the salary?\nHow did you get started?\n\nHow many staff work there?\n"
    plain = subprocess.run(
        [*run, "lint", "-"], input=questions, cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert plain.returncode == 0, plain.stderr
    assert "[pay]" in plain.stdout and "  ok" in plain.stdout
    aware = subprocess.run(
        [*run, "lint", "--db", db, "--goal", "2", "--json"],
        input=questions,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    results = [json.loads(line) for line in aware.stdout.splitlines()]
    assert [r["question"] for r in results] == [
        "What is the salary?",
        "How did you get started?",
        "How many staff work there?",
    ]
    [noted] = results[2]["warnings"]
    assert noted["rule"] == "researchable" and "About 180 staff" in noted["message"]
