"""The Progress step's own arithmetic and words: the scope a goal picks, the pace the
goals need, the referral tree's layout and the sentence under each chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from planner import progress
from planner.goals import GoalDraft
from planner.metrics import (
    CareerFit,
    CircleResponse,
    Referral,
    SkillCount,
    StageCount,
    ThemeCount,
    WeekActivity,
)
from planner.store.records import Assumption

from .conftest import TODAY


def test_a_goal_narrows_every_number_to_it(store, hand_built):
    everything = progress.load(store, today=TODAY)
    ux = progress.load(store, today=TODAY, goal_id=hand_built["ux"])
    assert everything.scope_label == "All goals" and ux.scope_label == "Explore UX"
    assert sum(s.contacts for s in everything.pipeline) == 4
    assert sum(s.contacts for s in ux.pipeline) == 2  # Ann and Bob
    assert [g.title for g in ux.goals] == ["Explore UX"]
    assert [s.skill for s in ux.skills] == ["python"]
    # fit compares every career whatever the goal
    assert ux.fits == everything.fits and len({f.career for f in ux.fits}) == 2
    assert (ux.referred, ux.contacts) == (0, 2)
    assert [(n.name, n.depth) for n in everything.tree.nodes] == [("Ann", 0), ("Dan", 1)]


def test_an_unknown_goal_shows_everything(store, hand_built):
    assert progress.load(store, today=TODAY, goal_id=999).goal is None


def test_the_pace_needed_adds_up_the_active_goals_with_dates(store):
    soon = store.goals.add(
        GoalDraft(title="Soon", target_interviews=4, target_date=date(2026, 12, 6)), today=TODAY
    )
    store.goals.add(GoalDraft(title="Open-ended", target_interviews=3), today=TODAY)
    later = store.goals.add(
        GoalDraft(title="Later", target_interviews=5, target_date=date(2027, 1, 3)), today=TODAY
    )
    goals = store.goals.list()
    # 4 in two weeks (2 a week) + 5 in six weeks (5/6 a week)
    assert progress.pace_needed(goals, TODAY) == 2 + 5 / 6
    store.goals.set_status(later, "paused")
    assert progress.pace_needed(store.goals.list(), TODAY) == 2
    store.goals.set_status(soon, "paused")
    assert progress.pace_needed(store.goals.list(), TODAY) is None


def test_a_referral_chain_is_laid_out_left_to_right_without_crossings():
    edges = [
        Referral(1, "Ann", 2, "Bea"),
        Referral(1, "Ann", 3, "Cy"),
        Referral(2, "Bea", 4, "Di"),
        Referral(5, "Ed", 6, "Flo"),
    ]
    tree = progress.referral_tree(edges)
    place = {n.name: (n.depth, n.row) for n in tree.nodes}
    assert place == {
        "Di": (2, 0.0),
        "Bea": (1, 0.0),
        "Cy": (1, 1.0),
        "Ann": (0, 0.5),  # level with the middle of the people she referred
        "Flo": (1, 2.0),
        "Ed": (0, 2.0),
    }
    assert tree.people == 6 and tree.longest == ["Ann", "Bea", "Di"]
    assert len(tree.links) == 4


def test_a_referral_loop_is_drawn_once_and_ends():
    tree = progress.referral_tree([Referral(1, "Ann", 2, "Bea"), Referral(2, "Bea", 1, "Ann")])
    assert sorted(n.name for n in tree.nodes) == ["Ann", "Bea"]
    assert len(tree.links) == 1 and tree.longest == ["Ann", "Bea"]


def test_a_large_referral_network_keeps_its_largest_chains_whole():
    edges = [Referral(1, "Root", 100 + i, f"P{i}") for i in range(10)]  # 11 people
    edges += [Referral(200 + i, f"R{i}", 300 + i, f"Q{i}") for i in range(40)]  # 40 pairs
    tree = progress.referral_tree(edges, limit=21)
    names = {n.name for n in tree.nodes}
    assert "Root" in names and {f"P{i}" for i in range(10)} <= names
    assert len(tree.nodes) == 21 and tree.people == 91
    assert "Showing the largest chains (21 people)" in progress.tree_sentence(tree)


def counts(stages: dict[str, int]) -> list[StageCount]:
    return [StageCount(stage, n) for stage, n in stages.items()]


def test_the_pipeline_sentence_counts_and_nudges():
    stages = dict.fromkeys(
        ["identified", "requested", "scheduled", "interviewed", "thanked", "keeping_in_touch"], 0
    )
    text = progress.pipeline_sentence(counts({**stages, "identified": 4}))
    assert text.startswith("4 contacts: 4 not asked yet, 0 waiting for an answer")
    assert "send the next request" in text
    text = progress.pipeline_sentence(counts({**stages, "requested": 5, "thanked": 1}))
    assert "1 met" in text and "follow up on the oldest" in text


def test_the_activity_sentence_compares_the_last_weeks_with_the_pace():
    weeks = [WeekActivity(date(2026, 10, 5) + timedelta(weeks=i), 2, 1, 1) for i in range(6)]
    text = progress.activity_sentence(weeks, pace=0.5)
    assert "8 requests sent, 4 meetings held, 4 thank-yous sent" in text
    assert "about 0.5 meetings a week" in text and "you are on pace" in text
    assert "behind that pace" in progress.activity_sentence(weeks, pace=2.0)
    assert "pace" not in progress.activity_sentence(weeks, pace=None)


def test_the_fit_sentence_compares_only_averages_from_two_interviews_or_more():
    fits = [
        CareerFit("UX", "want", 4.5, 2),
        CareerFit("UX", "succeed", 3.0, 3),
        CareerFit("Teaching", "succeed", 2.0, 1),
    ]
    text = progress.fit_sentence(fits)
    assert (
        "Highest so far: \u201cDo I want to do this?\u201d for UX (4.5 of 5 from 2 interviews)"
        in text
    )
    assert "Lowest: \u201cCould I succeed there?\u201d for UX (3.0 of 5 from 3 interviews)" in text
    assert "Teaching" not in text
    assert "fewer than 2 interviews are left out" in text


def test_one_conversation_gives_no_fit_verdict_but_says_how_many_are_needed():
    text = progress.fit_sentence([CareerFit("UX", "want", 5.0, 1), CareerFit("Law", "want", 1, 1)])
    assert text == (
        "Ratings from 1 conversation a career so far: too few to say what fits best. "
        "Rate 2 conversations about one career and its averages are compared here."
    )


def test_skills_themes_and_assumptions_sentences():
    skills = [SkillCount("SQL", 1, 3), SkillCount("Writing", 2, 0)]
    assert progress.skills_sentence(skills) == (
        "Heard most: SQL (4 conversations). Your most-heard gap is SQL: a good first action item."
    )
    assert "Every skill" in progress.skills_sentence([SkillCount("Writing", 1, 0)])
    assert progress.themes_sentence(
        [ThemeCount("pay", 3), ThemeCount("travel", 2), ThemeCount("food", 1)]
    ).endswith("pay, travel.")
    assert "No theme has come up twice" in progress.themes_sentence([ThemeCount("pay", 1)])
    verdicts = [
        Assumption(1, 1, "a", 2, 0),
        Assumption(2, 1, "b", 0, 1),
        Assumption(3, 1, "c", 1, 1),
    ]
    assert progress.assumptions_sentence(verdicts) == (
        "1 confirmed, 1 refuted, 1 still open. Ask about it in your next conversation."
    )


def test_no_open_assumption_means_nothing_to_ask_about():
    settled = [Assumption(1, 1, "a", 2, 0), Assumption(2, 1, "b", 0, 1)]
    assert progress.assumptions_sentence(settled) == "1 confirmed, 1 refuted, 0 still open."
    untested = [Assumption(1, 1, "a", 0, 0), Assumption(2, 1, "b", 0, 0)]
    assert progress.assumptions_sentence(untested).endswith(
        "Ask about the open ones in your next conversation."
    )


def test_the_network_sentence_reads_the_numbers(store, hand_built):
    text = progress.network_sentence(progress.load(store, today=TODAY))
    assert text == (
        "1 of 4 contacts (25%) came through a referral. 2 of 3 requests (67%) got an answer. "
        "Half of the answers came within 2 business days: follow up after that, not before."
    )


def network_of(store, responses, median_days, *, referred=1, contacts=1):
    """Progress numbers for a network of ``contacts`` with these answers by circle."""
    empty = progress.load(store, today=TODAY)
    return replace(
        empty,
        responses=responses,
        median_reply_days=median_days,
        referred=referred,
        contacts=contacts,
    )


def test_every_share_comes_with_its_counts(store):
    data = network_of(store, [CircleResponse("friends", 1, 1)], 1.0)
    text = progress.network_sentence(data)
    assert text.startswith(
        "1 of 1 contact (100%) came through a referral. 1 of 1 request (100%) got an answer."
    )
    assert data.network_figures() == ("1 of 1 (100%)", "1 of 1 (100%)", "1 business day")


def test_answers_on_the_day_asked_are_said_so_not_as_zero_days(store):
    data = network_of(store, [CircleResponse("friends", 2, 2)], 0.0)
    text = progress.network_sentence(data)
    assert text.endswith("Half of the answers came the same day you asked.")
    assert "0 business days" not in text
    assert data.network_figures()[2] == "same day"
    assert "within 1 business day:" in progress.network_sentence(
        network_of(store, [CircleResponse("friends", 2, 2)], 0.5)
    )


def test_the_best_circle_is_named_only_among_circles_asked_more_than_once(store):
    once = [CircleResponse("friends", 1, 1), CircleResponse("alumni", 4, 1)]
    assert "best from" not in progress.network_sentence(network_of(store, once, None))
    twice = [CircleResponse("friends", 2, 2), CircleResponse("alumni", 4, 1)]
    assert "; best from Friends: 2 of 2 (100%)." in progress.network_sentence(
        network_of(store, twice, None)
    )


def test_a_single_chain_larger_than_the_limit_is_cut_to_it():
    edges = [Referral(1, "Hub", 100 + i, f"P{i}") for i in range(100)]
    tree = progress.referral_tree(edges, limit=60)
    assert len(tree.nodes) == 60 and tree.people == 101
    assert "Showing the largest chains (60 people)" in progress.tree_sentence(tree)
    deep = [
        Referral(i, f"N{i}", i + 1, f"N{i + 1}") for i in range(1_500)
    ]  # no recursion limit hit
    assert len(progress.referral_tree(deep).nodes) == progress.TREE_NODES_MAX


def test_a_search_younger_than_four_weeks_is_paced_on_its_own_weeks():
    weeks = [WeekActivity(date(2026, 11, 16), 2, 2, 0)]
    text = progress.activity_sentence(weeks, pace=2.0)
    assert text.startswith("In this week:") and "at 2.0 a week you are on pace" in text


def test_the_network_figures_read_as_shown(store, hand_built):
    assert progress.load(store, today=TODAY).network_figures() == (
        "1 of 4 (25%)",
        "2 of 3 (67%)",
        "2 business days",
    )
    assert progress.load(store, today=TODAY, goal_id=999).network_figures()[1:] == ("-", "-")


def test_the_goals_sentence_counts_one_day_as_one_day(store):
    store.goals.add(
        GoalDraft(title="UX", target_interviews=3, target_date=TODAY + timedelta(days=1)),
        today=TODAY,
    )
    text = progress.goals_sentence(store.goals.list(), TODAY)
    assert text.endswith(", 1 day left.") and "1 days" not in text
    later = TODAY + timedelta(days=2)
    assert progress.goals_sentence(store.goals.list(), later).endswith(
        ", 1 day past the target date."
    )
