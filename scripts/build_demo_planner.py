"""Write data/demo_planner.json, the demo planner, from the story told below.

The demo is one person's search, told as rows: Maya, a secondary-school
chemistry teacher in Leeds, testing whether user-experience research or
learning design is her next career. Dates are days before (negative) or after
the anchor date; loading the demo moves them to the real today.

Run after changing the story or the schema:

    .venv/bin/python scripts/build_demo_planner.py

tests/test_demo_data.py fails when the JSON and this story disagree.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from planner import backup  # noqa: E402
from planner.store import Database  # noqa: E402

ANCHOR = date(2026, 11, 22)
OUTPUT = REPO / "data" / "demo_planner.json"
ZONE = "Europe/London"


def day(offset: int) -> date:
    return ANCHOR + timedelta(days=offset)


def at(offset: int, hour: int = 19, minute: int = 0) -> datetime:
    return datetime.combine(day(offset), time(hour, minute))


class Story:
    """Rows per table; ids are handed out in the order rows are told."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(self, table: str, when: datetime, **values: Any) -> int:
        row_id = len(self.rows[table]) + 1
        self.rows[table].append({"id": row_id, "_when": when, **values})
        return row_id


def tell(story: Story) -> None:
    s = story

    # -- goals ---------------------------------------------------------------------
    ux = s.add(
        "goals",
        at(-62),
        title="Find out whether UX research suits a former teacher",
        kind="explore",
        field="User experience research",
        target_roles=["UX researcher", "Research operations"],
        target_organisations=["Northwind Health", "Orbital Games", "Civic Data Lab"],
        learning_aims=[
            "What a normal week of research work looks like",
            "How people moved in from teaching or academia",
            "Which methods I would have to learn first",
            "How junior roles are hired, and what they pay",
        ],
        fit_questions=["succeed", "fit", "want", "future"],
        target_interviews=5,
        target_date=day(45),
        status="active",
    )
    northwind = s.add(
        "goals",
        at(-36),
        title="Evaluate Northwind Health as a place to work",
        kind="employer",
        field="Digital health",
        target_roles=["UX researcher"],
        target_organisations=["Northwind Health"],
        learning_aims=[
            "Whether research changes what the product team builds",
            "How big the research team is and who it reports to",
            "How they treat people without a design degree",
        ],
        fit_questions=["fit", "future"],
        target_interviews=3,
        target_date=day(30),
        status="active",
    )
    learning = s.add(
        "goals",
        at(-95),
        title="Understand what learning designers do day to day",
        kind="change",
        field="Learning design and education technology",
        target_roles=["Learning designer", "Instructional designer"],
        target_organisations=["Brightpath Learning", "Fernhill University"],
        learning_aims=[
            "How much of the job is writing, and how much is people",
            "Whether my lesson-planning experience counts",
        ],
        fit_questions=["succeed", "want"],
        target_interviews=2,
        target_date=None,
        status="achieved",
    )
    civic = s.add(
        "goals",
        at(-50),
        title="Meet people in the Leeds civic tech scene",
        kind="network",
        field="Civic technology",
        target_roles=[],
        target_organisations=["Civic Data Lab", "Leeds City Council"],
        learning_aims=["Which local meetups are worth an evening"],
        fit_questions=[],
        target_interviews=4,
        target_date=None,
        status="paused",
    )

    degree = s.add(
        "goal_assumptions",
        at(-61),
        goal_id=ux,
        statement="Research jobs need a psychology degree",
    )
    transfers = s.add(
        "goal_assumptions",
        at(-61),
        goal_id=ux,
        statement="Watching thirty teenagers learn is a research skill that transfers",
    )
    pay = s.add(
        "goal_assumptions",
        at(-61),
        goal_id=ux,
        statement="A junior research salary would be below what I earn teaching",
    )
    s.add(
        "goal_assumptions",
        at(-35),
        goal_id=northwind,
        statement="Northwind's research team is too small to train a newcomer",
    )

    # -- organisations and research -----------------------------------------------
    org_northwind = s.add(
        "organisations",
        at(-60),
        name="Northwind Health",
        sector="Digital health",
        website="https://northwind-health.example",
        advocacy=True,
        motivation=3,
        posting=3,
        origin="dream",
        notes="Appointment-booking app used by GP surgeries. Hiring a junior researcher.",
    )
    org_orbital = s.add(
        "organisations",
        at(-58),
        name="Orbital Games",
        sector="Video games",
        website="https://orbital-games.example",
        advocacy=True,
        motivation=2,
        posting=2,
        origin="trending",
        notes="Runs playtests every fortnight; research sits in the production team.",
    )
    org_brightpath = s.add(
        "organisations",
        at(-94),
        name="Brightpath Learning",
        sector="Education technology",
        website="https://brightpath.example",
        advocacy=True,
        motivation=2,
        posting=1,
        origin="alumni",
    )
    org_fernhill = s.add(
        "organisations",
        at(-94),
        name="Fernhill University",
        sector="Higher education",
        website="https://fernhill.example",
        advocacy=True,
        motivation=1,
        posting=1,
        origin="alumni",
        notes="Digital education unit; most roles are fixed-term.",
    )
    org_civic = s.add(
        "organisations",
        at(-50),
        name="Civic Data Lab",
        sector="Civic technology (non-profit)",
        website="https://civicdatalab.example",
        advocacy=False,
        motivation=2,
        posting=1,
        origin="trending",
    )
    org_council = s.add(
        "organisations",
        at(-48),
        name="Leeds City Council Digital",
        sector="Public sector",
        advocacy=True,
        motivation=1,
        posting=2,
        origin="posting",
    )
    org_harbour = s.add(
        "organisations",
        at(-45),
        name="Harbour Bank",
        sector="Financial services",
        website="https://harbour-bank.example",
        advocacy=False,
        motivation=0,
        posting=3,
        origin="posting",
        notes="Posting for a research assistant; know nothing about the team yet.",
    )

    s.add(
        "research_notes",
        at(-61),
        goal_id=ux,
        topic_kind="field",
        title="What UX researchers are paid for",
        body=(
            "Researchers find out how people really use a product and bring that back to "
            "the team that builds it. Most of the work is planning studies, talking to "
            "users, and turning hours of notes into a few decisions."
        ),
        source_url="https://careers-guide.example/ux-research",
        noted_on=day(-61),
        facts=[
            "Usability tests and interviews are the most common methods",
            "Many researchers come from psychology, anthropology or teaching",
        ],
    )
    s.add(
        "research_notes",
        at(-59),
        goal_id=ux,
        topic_kind="role",
        title="Junior researcher postings in Leeds",
        body=(
            "Read eleven postings. Nearly all ask for a portfolio with two or three studies; "
            "only two mention a degree subject."
        ),
        noted_on=day(-59),
        facts=["Eleven postings in Leeds this autumn", "Portfolios matter more than degrees"],
    )
    s.add(
        "research_notes",
        at(-40),
        goal_id=northwind,
        organisation_id=org_northwind,
        topic_kind="organisation",
        title="Northwind Health at a glance",
        body=(
            "About 180 staff, two product teams, and a research team of three that reports "
            "to the head of design. Their blog shows a study with receptionists last spring."
        ),
        source_url="https://northwind-health.example/about",
        noted_on=day(-40),
        facts=["About 180 staff", "Research team of three", "Booking app used in 400 surgeries"],
    )
    s.add(
        "research_notes",
        at(-33),
        goal_id=ux,
        topic_kind="person",
        title="Priya Raman's conference talk",
        body="Spoke about running research with nurses on night shifts. Ask about access.",
        noted_on=day(-33),
    )
    s.add(
        "research_notes",
        at(-90),
        goal_id=learning,
        organisation_id=org_brightpath,
        topic_kind="organisation",
        title="Brightpath's course catalogue",
        body="Short professional courses for nurses and carers; they hire former teachers.",
        noted_on=day(-90),
        facts=["Forty courses online", "Team of six learning designers"],
    )
    s.add(
        "research_notes",
        at(-12),
        goal_id=ux,
        organisation_id=org_civic,
        topic_kind="organisation",
        title="Civic Data Lab projects",
        body="Small team; recent work on a bus-timetable service with the council.",
        source_url="https://civicdatalab.example/projects",
        noted_on=day(-12),
    )

    # -- contacts ------------------------------------------------------------------
    def person(
        name: str,
        role: str,
        org: int | None,
        circle: str,
        warmth: str,
        stage: str,
        first_seen: int,
        **extra: Any,
    ) -> int:
        return s.add(
            "contacts",
            at(first_seen),
            name=name,
            role=role,
            organisation_id=org,
            circle=circle,
            warmth=warmth,
            stage=stage,
            **extra,
        )

    priya = person(
        "Priya Raman",
        "Senior UX Researcher",
        org_northwind,
        "friends",
        "warm",
        "keeping_in_touch",
        -58,
        email="priya.raman@mail.example",
        notes="Sister of my friend Anjali. Prefers short emails; free at lunchtime.",
        tags=["research", "health"],
        may_recontact=True,
        check_in_every_days=60,
        next_check_in=day(32),
    )
    tom = person(
        "Tom Okafor",
        "Learning Designer",
        org_brightpath,
        "alumni",
        "cold",
        "keeping_in_touch",
        -92,
        email="tom.okafor@brightpath.example",
        linkedin_url="https://www.linkedin.com/in/tom-okafor-example",
        notes="Same teacher-training course, four years before me.",
        tags=["learning design"],
        may_recontact=True,
        check_in_every_days=60,
        next_check_in=day(-2),
    )
    helen = person(
        "Dr Helen Marsh",
        "Lecturer in Digital Education",
        org_fernhill,
        "alumni",
        "warm",
        "thanked",
        -90,
        email="h.marsh@fernhill.example",
        tags=["learning design", "higher education"],
        may_recontact=True,
        next_check_in=day(30),
    )
    jonas = person(
        "Jonas Weber",
        "Research Operations Lead",
        org_orbital,
        "linkedin",
        "cold",
        "thanked",
        -30,
        linkedin_url="https://www.linkedin.com/in/jonas-weber-example",
        tags=["research", "games"],
        may_recontact=True,
        next_check_in=day(76),
    )
    aisha = person(
        "Aisha Khan",
        "Product Designer",
        org_northwind,
        "referral",
        "cold",
        "interviewed",
        -27,
        referred_by_id=priya,
        referred_in_interview_id=1,
        email="aisha.khan@northwind-health.example",
        tags=["design", "health"],
    )
    daniel = person(
        "Daniel Price",
        "Head of UX Research",
        org_northwind,
        "referral",
        "cold",
        "scheduled",
        -27,
        referred_by_id=priya,
        referred_in_interview_id=1,
        email="daniel.price@northwind-health.example",
        notes="Would be the hiring manager for the junior role.",
        tags=["research", "health"],
    )
    sofia = person(
        "Sofia Álvarez",
        "User Researcher",
        org_civic,
        "event",
        "cold",
        "scheduled",
        -15,
        email="sofia@civicdatalab.example",
        notes="Met at the Leeds research meetup; she offered coffee.",
        tags=["research", "civic tech"],
    )
    grace = person(
        "Grace Liu",
        "Content Designer",
        org_council,
        "coworkers",
        "warm",
        "requested",
        -14,
        email="grace.liu@mail.example",
        notes="Taught English at my school until 2023.",
        tags=["content", "public sector"],
    )
    marcus = person(
        "Marcus Bell",
        "UX Researcher",
        org_harbour,
        "linkedin",
        "cold",
        "requested",
        -6,
        linkedin_url="https://www.linkedin.com/in/marcus-bell-example",
        tags=["research", "finance"],
    )
    nadia = person(
        "Nadia Petrova",
        "Head of Learning",
        org_brightpath,
        "referral",
        "cold",
        "identified",
        -69,
        referred_by_id=tom,
        referred_in_interview_id=2,
        tags=["learning design"],
    )
    owen = person(
        "Owen Hughes",
        "Games User Researcher",
        org_orbital,
        "association",
        "cold",
        "identified",
        -13,
        referred_by_id=jonas,
        referred_in_interview_id=4,
        notes="Jonas says he ran the playtest lab for five years.",
        tags=["research", "games"],
    )
    kwame = person(
        "Kwame Asante",
        "Data Designer",
        org_harbour,
        "event",
        "cold",
        "identified",
        -15,
        notes="Met at the research meetup; moved to Harbour Bank's data team last month.",
        tags=["data", "finance"],
    )
    laura = person(
        "Laura Chen",
        "Service Designer",
        org_council,
        "classmates",
        "warm",
        "declined",
        -48,
        email="laura.chen@mail.example",
        notes="Busy until the spring launch; said to ask again in March.",
        may_recontact=True,
        next_check_in=day(100),
    )
    ben = person(
        "Ben Adeyemi",
        "Research Director",
        org_harbour,
        "linkedin",
        "cold",
        "no_reply",
        -44,
        linkedin_url="https://www.linkedin.com/in/ben-adeyemi-example",
    )
    ruth = person(
        "Ruth Morgan",
        "Education Consultant",
        None,
        "family",
        "warm",
        "not_pursuing",
        -88,
        phone="+44 113 496 0123",
        notes="A friend of my aunt. Consulting turned out not to be the direction for me.",
    )
    # Met yesterday and not yet marked done: what a user finds when they come back.
    kemi = person(
        "Kemi Okoro",
        "Research Operations Lead",
        org_civic,
        "alumni",
        "warm",
        "scheduled",
        -12,
        email="kemi.okoro@civicdatalab.example",
        notes="Fernhill alumna; the alumni office put us in touch.",
        tags=["research ops"],
    )

    for contact, goals in (
        (priya, [ux, northwind]),
        (tom, [learning]),
        (helen, [learning]),
        (jonas, [ux]),
        (aisha, [northwind]),
        (daniel, [northwind, ux]),
        (sofia, [ux, civic]),
        (grace, [civic]),
        (marcus, [ux]),
        (nadia, [learning]),
        (owen, [ux]),
        (kwame, [ux]),
        (laura, [civic]),
        (ben, [ux]),
        (ruth, [learning]),
        (kemi, [ux]),
    ):
        for goal in goals:
            s.add("contact_goals", at(-1), contact_id=contact, goal_id=goal)

    # -- interviews ----------------------------------------------------------------
    def meeting(
        contact: int, goal: int | None, offset: int, hour: int, minute: int, **extra: Any
    ) -> int:
        return s.add(
            "interviews",
            at(offset - 5),
            contact_id=contact,
            goal_id=goal,
            starts_at=at(offset, hour, minute),
            time_zone=ZONE,
            **extra,
        )

    i_priya = meeting(
        priya,
        ux,
        -30,
        12,
        30,
        format="video",
        location="https://meet.example/priya-maya",
        status="done",
        general_notes="Ran five minutes over at her offer. Warm, direct, very generous.",
        thank_you_due=day(-29),
        thank_you_sent_at=at(-30, 18, 10),
    )
    i_tom = meeting(
        tom,
        learning,
        -70,
        17,
        0,
        format="phone",
        duration_minutes=20,
        status="done",
        thank_you_due=day(-69),
        thank_you_sent_at=at(-69, 7, 45),
    )
    i_helen = meeting(
        helen,
        learning,
        -60,
        15,
        30,
        format="in_person",
        location="Fernhill campus café, Hillside Building",
        status="done",
        thank_you_due=day(-59),
        thank_you_sent_at=at(-60, 20, 0),
    )
    i_jonas = meeting(
        jonas,
        ux,
        -14,
        11,
        0,
        format="video",
        location="https://meet.example/orbital-jonas",
        status="done",
        thank_you_due=day(-13),
        thank_you_sent_at=at(-13, 8, 30),
    )
    i_aisha = meeting(
        aisha,
        northwind,
        -3,
        13,
        0,
        format="video",
        location="https://meet.example/northwind-aisha",
        status="done",
        general_notes="Showed me the booking app's new screens. Reflection still to write.",
        thank_you_due=day(-2),
    )
    i_daniel = meeting(
        daniel,
        northwind,
        3,
        16,
        0,
        format="video",
        location="https://meet.example/northwind-daniel",
        status="scheduled",
        thank_you_due=day(4),
    )
    i_sofia = meeting(
        sofia,
        ux,
        9,
        8,
        30,
        format="in_person",
        duration_minutes=45,
        location="Civic Data Lab, 3 Munro Yard, Leeds",
        status="scheduled",
        thank_you_due=day(10),
    )
    meeting(
        ruth,
        learning,
        -80,
        10,
        0,
        format="phone",
        status="cancelled",
        general_notes="Cancelled by me after deciding consulting is not the direction.",
    )
    i_kemi = meeting(
        kemi,
        ux,
        -1,
        12,
        30,
        format="video",
        location="https://meet.example/civic-kemi",
        status="scheduled",
        thank_you_due=day(0),
    )
    assert (i_priya, i_tom, i_jonas) == (1, 2, 4), "referred_in_interview_id above counts on it"

    # -- the history of each contact ---------------------------------------------
    stage_order = [
        # contact, days ago, event kind, new stage, channel, summary
        (priya, -34, "message_sent", "requested", "email", "Asked for 20 minutes about research."),
        (priya, -33, "reply", "scheduled", "email", "Happy to; suggested a lunchtime call."),
        (priya, -30, "meeting", "interviewed", "", "Video call, 35 minutes."),
        (
            priya,
            -30,
            "message_sent",
            "thanked",
            "email",
            "Thank-you with the article she asked for.",
        ),
        (priya, -5, "message_sent", "keeping_in_touch", "email", "Told her I met Aisha."),
        (tom, -78, "message_sent", "requested", "linkedin", "Alumni message via LinkedIn."),
        (tom, -75, "reply", "scheduled", "linkedin", "Offered a phone call after work."),
        (tom, -70, "meeting", "interviewed", "phone", "Phone call, 20 minutes."),
        (tom, -69, "message_sent", "thanked", "email", "Thank-you email."),
        (tom, -40, "message_sent", "keeping_in_touch", "email", "Shared the course I started."),
        (helen, -72, "message_sent", "requested", "email", "Asked via the alumni office."),
        (helen, -68, "reply", "scheduled", "email", "Invited me to campus."),
        (helen, -60, "meeting", "interviewed", "in_person", "Coffee on campus."),
        (helen, -60, "message_sent", "thanked", "email", "Thank-you the same evening."),
        (jonas, -24, "message_sent", "requested", "linkedin", "Cold message after his post."),
        (jonas, -23, "reply", "scheduled", "linkedin", "Yes, next Wednesday works."),
        (jonas, -14, "meeting", "interviewed", "", "Video call, 30 minutes."),
        (jonas, -13, "message_sent", "thanked", "email", "Thank-you with a playtest idea."),
        (aisha, -20, "message_sent", "requested", "email", "Mentioned Priya suggested her."),
        (aisha, -18, "reply", "scheduled", "email", "Agreed to a call."),
        (aisha, -3, "meeting", "interviewed", "", "Video call, 30 minutes."),
        (daniel, -9, "message_sent", "requested", "email", "Priya introduced us by email."),
        (daniel, -6, "reply", "scheduled", "email", "Booked a call for next week."),
        (sofia, -13, "message_sent", "requested", "email", "Followed up on the meetup chat."),
        (sofia, -11, "reply", "scheduled", "email", "Coffee at the Lab's office."),
        (grace, -12, "message_sent", "requested", "email", "Asked about content design."),
        (marcus, -5, "message_sent", "requested", "linkedin", "Short request on LinkedIn."),
        (laura, -30, "message_sent", "requested", "email", "Asked about service design."),
        (laura, -27, "reply", "declined", "email", "Too busy before the March launch."),
        (ben, -40, "message_sent", "requested", "linkedin", "Cold request."),
        (ben, -33, "message_sent", None, "linkedin", "One polite follow-up."),
        (ben, -25, "note", "no_reply", "", "No answer after three weeks; closed it."),
        (ruth, -85, "message_sent", "requested", "phone", "Rang her after my aunt's party."),
        (ruth, -84, "reply", "scheduled", "phone", "Set a call for the next fortnight."),
        (ruth, -80, "note", "not_pursuing", "", "Decided consulting is not for me; cancelled."),
        (kemi, -9, "message_sent", "requested", "email", "Wrote via the alumni office."),
        (kemi, -7, "reply", "scheduled", "email", "A video call at lunchtime."),
    ]
    current: dict[int, str] = {}
    for contact, offset, kind, stage_to, channel, summary in stage_order:
        s.add(
            "contact_events",
            at(offset, 18, 0),
            contact_id=contact,
            happened_at=at(offset, 18, 0),
            kind=kind,
            channel=channel,
            summary=summary,
        )
        if stage_to is not None:
            s.add(
                "contact_events",
                at(offset, 18, 1),
                contact_id=contact,
                happened_at=at(offset, 18, 1),
                kind="stage",
                stage_from=current.get(contact, "identified"),
                stage_to=stage_to,
            )
            current[contact] = stage_to

    # -- messages ------------------------------------------------------------------
    s.add(
        "message_templates",
        at(-80),
        kind="request",
        name="Request: shared connection",
        subject="{their_role} question from {my_name}",
        body=(
            "Hello {their_name},\n\n{connection} suggested I get in touch. I am a teacher "
            "curious about {interest}, and your work at {organisation} is exactly what I want to "
            "understand better. Could I have 20 minutes of your time, on a call or over "
            "coffee, in the next few weeks? I would come with a short list of questions.\n\n"
            "Thank you,\n{my_name}"
        ),
    )
    s.add(
        "message_templates",
        at(-80),
        kind="follow_up",
        name="Gentle follow-up",
        subject="Re: {their_role} question from {my_name}",
        body=(
            "Hello {their_name},\n\nI know inboxes fill up quickly, so I am bringing my note "
            "to the top once more. Twenty minutes at any time that suits you would help me a "
            "great deal. If now is not a good moment, no problem at all.\n\n{my_name}"
        ),
    )
    s.add(
        "message_templates",
        at(-80),
        kind="thank_you",
        name="Thank-you, same day",
        subject="Thank you for today",
        body=(
            "Hello {their_name},\n\nThank you for your time today. {one_thing_learned} "
            "I will {next_step}, and I will let you know how it goes.\n\n{my_name}"
        ),
    )

    for contact, offset, kind, channel, subject, body in (
        (priya, -34, "request", "email", "A research question from Maya", "Anjali said..."),
        (tom, -78, "request", "linkedin", "", "Fellow Fernhill PGCE graduate here..."),
        (helen, -72, "request", "email", "Learning design question", "The alumni office..."),
        (jonas, -24, "request", "linkedin", "", "Your post about playtests..."),
        (aisha, -20, "request", "email", "Priya suggested I write", "Priya Raman said..."),
        (daniel, -9, "request", "email", "Thanks to Priya's introduction", "Thank you for..."),
        (sofia, -13, "request", "email", "Coffee after the meetup?", "It was good to meet..."),
        (grace, -12, "request", "email", "Content design question", "It has been a while..."),
        (marcus, -5, "request", "linkedin", "", "I am a teacher moving into research..."),
        (laura, -30, "request", "email", "Service design question", "I hope the launch..."),
        (ben, -40, "request", "linkedin", "", "I read your piece on research teams..."),
        (ben, -33, "follow_up", "linkedin", "", "Bringing my note back to the top..."),
        (ruth, -85, "request", "phone", "", "Phone call, no written message."),
        (kemi, -9, "request", "email", "A fellow Fernhill graduate", "The alumni office..."),
        (priya, -30, "thank_you", "email", "Thank you for today", "The night-shift story..."),
        (tom, -69, "thank_you", "email", "Thank you", "Your advice about portfolios..."),
        (helen, -60, "thank_you", "email", "Thank you for the coffee", "Seeing the unit..."),
        (jonas, -13, "thank_you", "email", "Thanks for the playtest tour", "The lab tour..."),
        (daniel, -5, "confirmation", "email", "Confirming our call", "Looking forward..."),
        (tom, -40, "check_in", "email", "A course, thanks to you", "I started the course..."),
        (priya, -5, "check_in", "email", "I met Aisha", "Thank you for the introduction..."),
    ):
        s.add(
            "outreach",
            at(offset, 17, 30),
            contact_id=contact,
            kind=kind,
            channel=channel,
            subject=subject,
            body=body,
            sent_at=at(offset, 17, 30),
        )
    s.add(
        "outreach",
        at(-1, 21, 0),
        contact_id=grace,
        kind="follow_up",
        channel="email",
        subject="Re: Content design question",
        body="Hello Grace, I am bringing my question back to the top of your inbox...",
        sent_at=None,
    )

    # -- questions and plans ---------------------------------------------------------
    own_path = s.add(
        "questions",
        at(-35),
        text="What did the first year after your move feel like?",
        category="career_path",
        tiara="insights",
    )
    own_portfolio = s.add(
        "questions",
        at(-35),
        text="Which study in a newcomer's portfolio would make you want to meet them?",
        category="skills",
        tiara="advice",
    )
    own_decisions = s.add(
        "questions",
        at(-35),
        text="When did research last change what the team built?",
        category="organisation",
        tiara="insights",
    )
    s.add(
        "questions",
        at(-60),
        text="Do you enjoy the job?",
        category="fit",
        retired=True,
    )

    def plan(interview: int, offset: int, introduction: str, questions: list[tuple]) -> None:
        plan_id = s.add(
            "question_plans",
            at(offset),
            interview_id=interview,
            introduction=introduction,
        )
        for position, (text, question_id, must, asked, notes) in enumerate(questions, 1):
            s.add(
                "plan_questions",
                at(offset),
                plan_id=plan_id,
                question_id=question_id,
                text=text,
                position=position,
                must_ask=must,
                minutes=4 if must else 3,
                asked=asked,
                answer_notes=notes,
            )

    intro = (
        "I teach chemistry and I am testing whether research is my next step. "
        "I am not looking for a job today; I want to learn how the work really goes."
    )
    plan(
        i_priya,
        -31,
        intro,
        [
            (
                "How did you get into research?",
                None,
                True,
                True,
                "Psychology degree, then a call centre job running customer surveys.",
            ),
            (
                "What did the first year after your move feel like?",
                own_path,
                False,
                True,
                "Lonely; she was the only researcher. Find a community early.",
            ),
            (
                "Which study in a newcomer's portfolio would make you want to meet them?",
                own_portfolio,
                True,
                True,
                "One real study, start to finish, with what changed because of it.",
            ),
            ("Who else should I talk to?", None, True, True, "Aisha (design), Daniel (lead)."),
        ],
    )
    plan(
        i_jonas,
        -16,
        intro,
        [
            ("What does a playtest week look like?", None, True, True, "Two days of sessions."),
            (
                "When did research last change what the team built?",
                own_decisions,
                True,
                True,
                "Tutorial rebuilt after three playtests.",
            ),
            ("What would you read first in my place?", None, False, False, ""),
        ],
    )
    plan(
        i_aisha,
        -4,
        intro,
        [
            (
                "How do designers and researchers split the work at Northwind?",
                None,
                True,
                True,
                "Designers run quick tests; Daniel's team runs the bigger studies.",
            ),
            (
                "When did research last change what the team built?",
                own_decisions,
                True,
                True,
                "Reception staff study moved the cancel button.",
            ),
        ],
    )
    plan(
        i_daniel,
        -1,
        intro,
        [
            ("How is research planned across the two product teams?", None, True, False, ""),
            (
                "When did research last change what the team built?",
                own_decisions,
                True,
                False,
                "",
            ),
            ("What do the first six months look like for a junior?", None, True, False, ""),
            (
                "Which study in a newcomer's portfolio would make you want to meet them?",
                own_portfolio,
                False,
                False,
                "",
            ),
            ("Who else should I talk to?", None, False, False, ""),
        ],
    )
    plan(
        i_kemi,
        -2,
        intro,
        [
            ("What does research operations look after day to day?", None, True, True, ""),
            ("Which skills from teaching carry over to running studies?", None, True, True, ""),
            ("Who else would you suggest I talk to?", None, False, True, ""),
        ],
    )
    plan(
        i_sofia,
        -1,
        "",
        [
            ("How does a small non-profit decide what to research?", None, True, False, ""),
            ("What did the first year after your move feel like?", own_path, False, False, ""),
        ],
    )

    # -- reflections ---------------------------------------------------------------
    def reflect(interview: int, offset: int, fits: dict, skills: dict, **fields: Any) -> int:
        reflection = s.add("reflections", at(offset, 21, 0), interview_id=interview, **fields)
        for question, (rating, why) in fits.items():
            s.add(
                "reflection_fit_ratings",
                at(offset, 21, 0),
                reflection_id=reflection,
                fit_question=question,
                rating=rating,
                why=why,
            )
        for skill, status in skills.items():
            s.add(
                "reflection_skills",
                at(offset, 21, 0),
                reflection_id=reflection,
                skill=skill,
                status=status,
            )
        return reflection

    r_priya = reflect(
        i_priya,
        -30,
        {
            "succeed": (4, "The skills she listed are ones I use every lesson."),
            "fit": (4, "Quiet planning weeks, then busy fieldwork weeks: I like that rhythm."),
            "want": (5, "I came away excited, not just curious."),
            "future": (3, "Senior roles exist, but fewer than in teaching."),
        },
        {
            "Interviewing": "have",
            "Planning a study": "have",
            "Presenting findings": "have",
            "Analysing qualitative data": "gap",
        },
        learned_field="Research teams are small; one researcher often serves two product teams.",
        skills_matter="Running a calm interview and writing findings a busy team will read.",
        advice="Build one real study for a portfolio before applying anywhere.",
        career_story="Psychology degree, a call-centre survey job, then research at two startups.",
        surprised="How much of the job is persuading people, not finding things out.",
        still_unknown="Whether teams hire people without a degree in the field.",
        interest_change="up",
        takeaways=[
            "Do a portfolio study with a local organisation",
            "Join a research community early",
        ],
        themes=["portfolio", "community", "small teams"],
    )
    r_tom = reflect(
        i_tom,
        -69,
        {
            "succeed": (4, "Lesson design is most of the job."),
            "want": (3, "Less contact with learners than I would miss."),
        },
        {"Writing clear instructions": "have", "Authoring tools": "gap"},
        learned_field="Learning designers work with subject experts more than with learners.",
        skills_matter="Writing, and saying no to content that does not help the learner.",
        advice="Learn one authoring tool well rather than three badly.",
        career_story="Taught geography for six years, then moved via a short contract.",
        surprised="How little he sees the people who take the courses.",
        interest_change="same",
        takeaways=["Try a free authoring tool trial"],
        themes=["writing", "less learner contact"],
    )
    r_helen = reflect(
        i_helen,
        -60,
        {
            "fit": (2, "Fixed-term contracts would be a step back for my family."),
            "future": (2, "Progression depends on academic publishing."),
        },
        {"Research ethics": "gap"},
        learned_field="University digital education runs on project funding and short contracts.",
        skills_matter="Knowing the research on how adults learn.",
        advice="Look outside universities if stability matters.",
        interest_change="down",
        takeaways=["Universities are not the right first move for me"],
        themes=["short contracts", "less learner contact"],
    )
    r_jonas = reflect(
        i_jonas,
        -13,
        {
            "succeed": (4, "He said teachers make good playtest moderators."),
            "fit": (3, "Crunch periods before launches."),
            "want": (4, "Fun, but I am not a big gamer."),
        },
        {
            "Moderating sessions": "have",
            "Analysing qualitative data": "gap",
            "Survey design": "gap",
        },
        learned_field="Games research is fast: findings go to the team within two days.",
        skills_matter="Watching without helping, and writing short, clear summaries.",
        advice="Volunteer at a playtest to see the work before deciding.",
        career_story="Started in QA testing, moved to research when the studio grew.",
        surprised="Research reports are one page at most.",
        still_unknown="What the pay is for research operations roles.",
        interest_change="up",
        takeaways=["Volunteer for a playtest", "Practise one-page summaries"],
        themes=["portfolio", "speed", "small teams"],
    )

    for reflection, offset, assumption, verdict in (
        (r_priya, -30, degree, "refuted"),
        (r_priya, -30, transfers, "confirmed"),
        (r_jonas, -13, transfers, "confirmed"),
        (r_jonas, -13, pay, "refuted"),
    ):
        s.add(
            "assumption_checks",
            at(offset, 21),
            reflection_id=reflection,
            assumption_id=assumption,
            verdict=verdict,
        )

    # Motivation before research, and after the conversation that changed it.
    for organisation, offset, motivation, reflection in (
        (org_northwind, -60, 2, None),
        (org_northwind, -30, 3, r_priya),
        (org_fernhill, -94, 2, None),
        (org_fernhill, -60, 1, r_helen),
    ):
        s.add(
            "organisation_motivation_history",
            at(offset, 21),
            organisation_id=organisation,
            motivation=motivation,
            reflection_id=reflection,
            changed_at=at(offset, 21),
        )

    # -- action items ---------------------------------------------------------------
    for goal, reflection, title, kind, due, done in (
        (ux, r_priya, "Ask Priya to introduce me to Daniel", "contact", -28, -27),
        (ux, r_priya, "Join the Leeds research meetup", "read_or_join", -20, -16),
        (
            ux,
            r_priya,
            "Plan a small portfolio study with my school's parents",
            "learn_skill",
            14,
            None,
        ),
        (ux, r_jonas, "Volunteer at an Orbital Games playtest", "other", 20, None),
        (ux, r_jonas, "Practise writing a one-page study summary", "learn_skill", -1, None),
        (ux, None, "Rewrite my CV summary around research skills", "update_materials", -10, -11),
        (learning, r_tom, "Try a free authoring tool for a week", "learn_skill", -55, -50),
        (northwind, None, "Read Northwind's last two product blog posts", "read_or_join", 2, None),
    ):
        s.add(
            "action_items",
            at(-30 if done is None else done - 3),
            goal_id=goal,
            reflection_id=reflection,
            title=title,
            kind=kind,
            due_on=day(due),
            done_on=None if done is None else day(done),
        )


def build() -> str:
    """The demo planner's file text."""
    story = Story()
    tell(story)
    with Database(":memory:") as database:
        store = database.session()
        tables = store.content.tables()
        with store.transaction() as cursor:
            for table, rows in story.rows.items():
                columns = {c.name for c in tables[table]}
                for row in rows:
                    when = row.pop("_when")
                    for stamp in ("created_at", "updated_at"):
                        if stamp in columns:
                            row.setdefault(stamp, when)
                    unknown = set(row) - columns
                    if unknown:
                        raise ValueError(f"{table} has no column(s) {sorted(unknown)}")
                    names = ["owner_id", *row]
                    cursor.execute(
                        f"INSERT INTO {table} ({', '.join(names)}) "
                        f"VALUES ({', '.join('?' * len(names))})",
                        [store.owner_id, *row.values()],
                    )
        document = backup.export_document(store)
    document["anchor_date"] = ANCHOR.isoformat()
    return backup.dumps(document)


def main() -> None:
    backup.write_file(build(), OUTPUT)
    print(f"Wrote {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
