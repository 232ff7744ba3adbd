"""The reflection report in each format: what it says on the demo planner, that the PDF
opens, and that hostile text (markup, formula prefixes, 100,000 characters, emoji,
right-to-left) comes out inert and well-formed everywhere."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from xml.etree import ElementTree

import pypdf
import pytest

from planner import backup, demo, report
from planner.contacts import ContactDraft
from planner.errors import NotFound
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.paths import REPO_ROOT
from planner.reflection import ActionDraft, FitRating, ReflectionDraft, SkillHeard
from planner.store import Database
from tests.fixtures import load_as_hand_edited

TODAY = date(2026, 11, 24)
SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
LINK = "[click me](javascript:alert(1))"
FORMULA = '=HYPERLINK("http://evil.example","hi")'
RTL = "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c"
EMOJI = "\U0001f680 e\u0301\u200b"
LONG = ("A long note, with <b>tags</b> & ampersands.\n" * 3000)[:100_000]


class Tags(HTMLParser):
    """Every start tag with its attributes, and whether the document nests properly."""

    VOID = frozenset({"meta", "img", "br", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert not tags.problems, tags.problems[:5]
    assert tags.open == [], tags.open
    return tags


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    # pypdf reads some fallback fonts' two-byte codes with a NUL between characters
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    database = Database(path)
    store = database.session()
    demo.load_demo(store, today=TODAY)
    yield store
    database.close()


@pytest.fixture(scope="module")
def demo_report(demo_store):
    return report.build(demo_store, today=TODAY)


def test_the_markdown_report_holds_every_part_for_the_demo(demo_store, demo_report):
    text = report.markdown(demo_report)
    for goal in demo_store.goals.list():
        assert f"## Goal: {goal.title}" in text.replace("\\", "")
    for heading in ("## Summary", "## Conversations", "## Skills", "## Action plan"):
        assert heading in text
    assert "**Interviews held:** 5 (4 reflected on)" in text
    assert "### Priya Raman, Northwind Health (25 October 2026)" in text
    assert "Build one real study for a portfolio before applying anywhere" in text
    assert "Thank Aisha Khan for the conversation on 21 November" in text
    assert "- [x] " in text and "- [ ] " in text  # done and open actions
    assert "**Could I succeed there?** 4.0 of 5, leaning yes (2 ratings)" in text


def test_the_html_report_is_one_self_contained_page_with_its_charts(demo_store, demo_report):
    html = report.html(demo_report)
    tags = parsed(html)
    images = [attrs for tag, attrs in tags.tags if tag == "img"]
    assert len(images) == 9  # every chart has something to show on the demo
    assert all(attrs["src"].startswith("data:image/svg+xml;base64,") for attrs in images)
    assert not [t for t, _ in tags.tags if t in ("script", "link", "iframe", "object")]
    assert "default-src 'none'" in html  # nothing loads, even if something slipped in
    for goal in demo_store.goals.list():
        assert goal.title in html


def test_the_pdf_report_opens_and_reads(demo_report):
    data = report.pdf(demo_report)
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_text(data).split())
    assert "Reflection report: All goals" in text
    assert "Find out whether UX research suits a former teacher" in text
    assert "Priya Raman" in text and "Pipeline" in text


def test_a_goal_report_keeps_to_that_goal(demo_store):
    goal = next(g for g in demo_store.goals.list() if g.title.startswith("Find out"))
    narrow = report.build(demo_store, today=TODAY, goal_id=goal.id)
    assert [s.goal.title for s in narrow.sections] == [goal.title]
    assert {c.goal_title for c in narrow.conversations} == {goal.title}
    listed = narrow.open_actions.shown + narrow.done_actions.shown
    assert listed and all(a.goal_id == goal.id for a in listed)
    assert report.filename(narrow, "pdf") == (
        "reflection-report-2026-11-24-find-out-whether-ux-research-suits-a.pdf"
    )
    with pytest.raises(NotFound):
        report.build(demo_store, today=TODAY, goal_id=9999)


def test_an_empty_planner_gets_a_report_that_says_what_is_missing(store):
    empty = report.build(store, today=TODAY)
    text = report.markdown(empty)
    assert "No interviews held yet." in text and "No action items yet." in text
    html = report.html(empty)
    assert "<img" not in html
    parsed(html)
    assert "Reflection report: All goals" in " ".join(pdf_text(report.pdf(empty)).split())


@pytest.fixture
def hostile_store(store):
    goal = store.goals.add(
        GoalDraft(
            title=f"{SCRIPT} {RTL}",
            field=FORMULA,
            target_roles=[IMAGE],
            learning_aims=[LINK, EMOJI],
        ),
        today=TODAY,
    )
    referrer = store.contacts.add(
        ContactDraft(name=f"{RTL} {IMAGE}", role=SCRIPT, company=FORMULA, goal_ids=[goal]),
        today=TODAY,
    )
    store.contacts.add(
        ContactDraft(name=f"@SUM(1) {EMOJI}", circle="referral", referred_by_id=referrer),
        today=TODAY,
    )
    from datetime import UTC, datetime, time

    interview = store.meetings.schedule(
        MeetingDraft(referrer, date(2026, 11, 10), time(10), "UTC", goal_id=goal),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    reflection = store.reflections.save(
        interview,
        ReflectionDraft(
            advice="short for now",
            surprised=f"{LINK}\n# not a heading\n1. not a list\n| not | a table |",
            takeaways=[SCRIPT, FORMULA],
            themes=[IMAGE, EMOJI],
            skills=[SkillHeard(SCRIPT, "gap"), SkillHeard(RTL, "have")],
            fit_ratings=[FitRating("succeed", 4, f"{SCRIPT} {EMOJI}")],
        ),
    )
    store.goals.add_assumption(goal, f"-1+1 {IMAGE}")
    store.actions.add(ActionDraft(title=f"+{SCRIPT}", goal_id=goal, reflection_id=reflection))
    # The pages and the restore keep text far shorter; a hand-edited file may hold any.
    document = backup.export_document(store)
    reflections = document["tables"]["reflections"]
    reflections["rows"][0][reflections["columns"].index("advice")] = LONG
    load_as_hand_edited(store, document, replace=True)
    return store


def test_hostile_text_is_inert_in_html(hostile_store):
    html = report.html(report.build(hostile_store, today=TODAY))
    tags = parsed(html)
    assert {t for t, _ in tags.tags} <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li",
        "dl", "dt", "dd", "div", "span", "section", "b", "figure", "figcaption", "img",
    }  # fmt: skip
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert LONG.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html
    assert RTL in html and EMOJI in html and FORMULA.replace('"', "&#34;") in html
    images = [a for t, a in tags.tags if t == "img"]
    assert images and all(a["src"].startswith("data:image/svg+xml;base64,") for a in images)
    # The charts carry user text too (names in the referral tree, skills, themes):
    # escaped inside the SVG, which an <img> never runs anyway.
    drawings = [base64.b64decode(a["src"].split(",", 1)[1]).decode() for a in images]
    for drawing in drawings:
        elements = list(ElementTree.fromstring(drawing).iter())  # well-formed XML
        names = {e.tag.rsplit("}", 1)[-1] for e in elements}
        assert not names & {"script", "foreignObject", "img", "iframe", "a"}, names
        assert not [k for e in elements for k in e.attrib if k.lower().startswith("on")]
    assert any("&lt;script&gt;" in d for d in drawings)


def test_hostile_text_is_inert_in_markdown(hostile_store):
    text = report.markdown(report.build(hostile_store, today=TODAY))
    assert not re.search(r"(?<!\\)<", text)  # every < the user typed is escaped
    assert "\\<script\\>" in text
    assert not re.search(r"(?<!\\)\[click me", text) and "\\[click me\\]" in text
    lines = text.splitlines()
    assert not any(line.startswith(("# not", "1. not", "| not")) for line in lines)
    assert RTL in text and "\U0001f680" in text
    assert text.count("A long note") == LONG.count("A long note")


def test_hostile_text_gives_a_pdf_that_opens(hostile_store):
    data = report.pdf(report.build(hostile_store, today=TODAY))
    text = pdf_text(data)
    assert "<script>alert('x')</script>" in text  # shown as typed, not run
    # The emoji needs an emoji font to show (a box without one); the text is all there.
    assert "A long note, with <b>tags</b> & ampersands." in text


def test_the_pdf_fetches_nothing_that_user_text_names(hostile_store, monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError(f"the PDF tried to fetch {args!r}")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    report.pdf(report.build(hostile_store, today=TODAY))


def test_report_file_names_are_safe():
    assert report.filename_for('../../"evil"\\name:con', TODAY, "md") == (
        "reflection-report-2026-11-24-evil-name-con.md"
    )
    assert report.filename_for("שלום עולם", TODAY, "html").endswith("-שלום-עולם.html")
    assert report.filename_for("***", TODAY, "pdf") == "reflection-report-2026-11-24-goal.pdf"


@pytest.mark.parametrize("kind", ["md", "html", "pdf"])
def test_the_report_command_writes_each_format(tmp_path, kind):
    db = tmp_path / "planner.duckdb"
    out = tmp_path / f"report.{kind}"
    run = [sys.executable, "-m", "planner"]
    subprocess.run(
        [*run, "demo", "--db", db, "--today", TODAY.isoformat()], check=True, cwd=REPO_ROOT
    )
    done = subprocess.run(
        [*run, "report", "--db", db, "--format", kind, "-o", out, "--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote the reflection report (All goals)" in done.stdout
    data = out.read_bytes()
    if kind == "pdf":
        assert "Reflection report" in pdf_text(data)
    else:
        assert "Find out whether UX research suits a former teacher" in data.decode("utf-8")


def test_the_report_command_refuses_an_unknown_goal(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "planner", "report", "--db", tmp_path / "p.duckdb",
         "--format", "md", "--goal", "7", "-o", tmp_path / "r.md"],
        capture_output=True, text=True, cwd=REPO_ROOT,
    )  # fmt: skip
    assert done.returncode == 1 and "No goal 7." in done.stderr
    assert not (tmp_path / "r.md").exists()


def test_a_deleted_contact_is_named_as_such_and_not_to_be_thanked(store):
    from datetime import UTC, datetime, time

    ann = store.contacts.add(ContactDraft(name="Ann"), today=TODAY)
    interview = store.meetings.schedule(
        MeetingDraft(ann, date(2026, 11, 12), time(10), "UTC"),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 12, 12, tzinfo=UTC))
    store.contacts.delete(ann)
    written = report.build(store, today=TODAY)
    assert not written.to_thank.shown
    text = report.markdown(written)
    assert "### A deleted contact (12 November 2026)" in text and "Thank  for" not in text
    assert "A deleted contact" in report.html(written, with_figures=False)


def test_the_report_says_what_the_fit_scale_means_and_reads_its_charts_like_the_page(
    demo_store, demo_report
):
    from planner import progress
    from planner.reflection import FIT_SCALE

    assert FIT_SCALE == "1 = a poor fit for me, 5 = a great fit"
    text = report.markdown(demo_report)
    assert f"_Ratings: {FIT_SCALE}._" in text
    page = progress.load(demo_store, today=TODAY)
    # The same data-driven sentence under each chart as on the Progress page.
    assert f"- **Pipeline:** {progress.pipeline_sentence(page.pipeline)}" in text
    assert "- **Answers by circle:** 4 of 16 contacts (25%) came through a referral." in text
    html = report.html(demo_report)
    assert f"Ratings: {FIT_SCALE}." in html
    for sentence in demo_report.sentences.values():
        escaped = sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert f'<p class="said">{escaped.replace(chr(34), "&#34;")}</p>' in html
    assert len(demo_report.sentences) == 9


def test_a_fit_question_rated_once_does_not_lean_yet(store):
    goal = store.goals.add(GoalDraft(title="UX"), today=TODAY)
    contact = store.contacts.add(ContactDraft(name="Ann", goal_ids=[goal]), today=TODAY)
    from datetime import UTC, datetime, time

    interview = store.meetings.schedule(
        MeetingDraft(contact, date(2026, 11, 10), time(10), "UTC", goal_id=goal),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    store.reflections.save(
        interview, ReflectionDraft(advice="Try it.", fit_ratings=[FitRating("succeed", 5)])
    )
    text = report.markdown(report.build(store, today=TODAY))
    assert (
        "**Could I succeed there?** 5.0 of 5, too early to lean either way (1 rating; 2 needed)"
    ) in text
    assert "leaning yes" not in text


# -- a report of any size: a period, the most recent in full, the rest counted -------------


def test_the_most_recent_conversations_are_told_in_full_and_the_rest_counted_by_month(
    demo_store,
):
    written = report.build(demo_store, today=TODAY, in_full=2)
    held = written.conversations
    assert [c.met_on for c in written.in_full] == sorted(c.met_on for c in held)[-2:]
    assert sum(m.held for m in written.summarised) == len(held) - 2
    assert sum(m.reflected for m in written.summarised) == sum(c.reflected for c in held[:-2])
    text = report.markdown(written)
    assert "_The 2 most recent in full; the 3 before them counted by month" in text
    assert "### Earlier conversations, by month" in text
    oldest = held[0]
    assert f"| {oldest.met_on:%B %Y} |" in text
    assert f"({oldest.met_on:%d %B %Y})" not in text  # not told in full
    assert f"({held[-1].met_on:%d %B %Y})" in text
    html = report.html(written, with_figures=False)
    assert "Earlier conversations, by month" in html and f"<td>{oldest.met_on:%B %Y}</td>" in html


def test_a_period_keeps_the_conversations_held_in_it_and_says_so(demo_store, demo_report):
    days = sorted(c.met_on for c in demo_report.conversations)
    since, until = days[1], days[-2]
    written = report.build(demo_store, today=TODAY, since=since, until=until)
    assert [c.met_on for c in written.conversations] == days[1:-1]
    assert written.period == f"from {since:%d %B %Y} to {until:%d %B %Y}"
    assert f"Conversations {written.period}; the charts" in report.markdown(written)
    later = report.build(demo_store, today=TODAY, since=date(2030, 1, 1))
    assert later.conversations == [] and later.in_full == []
    assert "No interviews held in this period." in report.markdown(later)


def test_a_period_that_ends_before_it_starts_is_refused(demo_store):
    from planner.errors import ValidationError

    with pytest.raises(ValidationError, match="swap the two dates"):
        report.build(demo_store, today=TODAY, since=date(2026, 10, 1), until=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="from 0 to 500"):
        report.build(demo_store, today=TODAY, in_full=-1)


def test_long_lists_show_their_first_entries_and_count_the_rest(store):
    goal = store.goals.add(GoalDraft(title="UX"), today=TODAY)
    for n in range(report.LISTED + 7):
        due = date(2026, 12, 1 + n % 28)
        store.actions.add(ActionDraft(title=f"Task {n}", goal_id=goal, due_on=due))
    written = report.build(store, today=TODAY)
    assert len(written.open_actions.shown) == report.LISTED and written.open_actions.more == 7
    dues = [a.due_on for a in written.open_actions.shown]
    assert dues == sorted(dues)  # the soonest due first
    assert "_and 7 more open, due later" in report.markdown(written)


def test_the_report_command_takes_a_period_and_refuses_one_backwards(tmp_path):
    db, out = tmp_path / "planner.duckdb", tmp_path / "report.md"
    run = [sys.executable, "-m", "planner"]
    subprocess.run(
        [*run, "demo", "--db", db, "--today", TODAY.isoformat()], check=True, cwd=REPO_ROOT
    )
    command = [*run, "report", "--db", db, "--format", "md", "-o", out]
    command += ["--today", TODAY.isoformat(), "--in-full", "1", "--since", "2026-01-01"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "Conversations from 01 January 2026 on" in text
    assert "_The 1 most recent in full" in text
    out.unlink()
    backwards = [*command, "--until", "2025-12-01"]
    done = subprocess.run(backwards, capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 1 and "swap the two dates" in done.stderr
    assert not out.exists()
