"""The keys stored in the database for each kind of choice, with their labels.

One place for every enumerated value the schema holds, so the store, the
pages, the demo planner and the reports agree. Keys are stored; labels are shown.
"""

from __future__ import annotations

# Where a contact comes from.
CIRCLES: dict[str, str] = {
    "family": "Family",
    "friends": "Friends",
    "classmates": "Classmates",
    "coworkers": "Coworkers",
    "alumni": "Alumni",
    "association": "Professional association",
    "event": "Event",
    "linkedin": "LinkedIn",
    "referral": "Referral",
    "other": "Other",
}

# A contact's place in the pipeline, in journey order; the last three close it.
STAGES: dict[str, str] = {
    "identified": "Identified",
    "requested": "Request sent",
    "scheduled": "Scheduled",
    "interviewed": "Interviewed",
    "thanked": "Thanked",
    "keeping_in_touch": "Keeping in touch",
    "declined": "Declined",
    "no_reply": "No reply",
    "not_pursuing": "Not pursuing",
}
CLOSED_STAGES = ("declined", "no_reply", "not_pursuing")

WARMTH: dict[str, str] = {"warm": "Warm (they know me)", "cold": "Cold (first contact)"}

CHANNELS: dict[str, str] = {
    "email": "Email",
    "linkedin": "LinkedIn message",
    "phone": "Phone",
    "in_person": "In person",
    "other": "Other",
}

CONTACT_EVENT_KINDS: dict[str, str] = {
    "stage": "Stage changed",
    "message_sent": "Message sent",
    "reply": "Reply received",
    "meeting": "Meeting",
    "note": "Note",
}

OUTREACH_KINDS: dict[str, str] = {
    "request": "Request",
    "follow_up": "Follow-up",
    "confirmation": "Meeting confirmation",
    "thank_you": "Thank-you",
    "check_in": "Keeping-in-touch update",
}

INTERVIEW_FORMATS: dict[str, str] = {
    "video": "Video call",
    "phone": "Phone call",
    "in_person": "In person",
}

INTERVIEW_STATUSES: dict[str, str] = {
    "scheduled": "Scheduled",
    "done": "Done",
    "cancelled": "Cancelled",
}

RESEARCH_TOPICS: dict[str, str] = {
    "field": "Field or industry",
    "organisation": "Organisation",
    "role": "Role",
    "person": "Person",
}

ORGANISATION_ORIGINS: dict[str, str] = {
    "dream": "Dream employer",
    "alumni": "Alumni employer",
    "posting": "Has a posting",
    "trending": "Trending",
}

QUESTION_CATEGORIES: dict[str, str] = {
    "career_path": "Career path and background",
    "role": "A typical day and the role",
    "trends": "The field's trends and challenges",
    "organisation": "The organisation and its culture",
    "skills": "Skills and preparation",
    "advice": "Advice for someone starting out",
    "fit": "Fit",
    "resources": "Resources",
    "next_steps": "Next steps and referrals",
}

TIARA: dict[str, str] = {
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
}

INTEREST_CHANGES: dict[str, str] = {
    "up": "My interest went up",
    "same": "My interest stayed the same",
    "down": "My interest went down",
}

SKILL_STATUSES: dict[str, str] = {"have": "I have this", "gap": "A gap"}

ASSUMPTION_VERDICTS: dict[str, str] = {"confirmed": "Confirmed", "refuted": "Refuted"}

ACTION_KINDS: dict[str, str] = {
    "learn_skill": "Learn a skill",
    "read_or_join": "Read or join something",
    "contact": "Contact someone",
    "update_materials": "Update my materials",
    "other": "Other",
}
