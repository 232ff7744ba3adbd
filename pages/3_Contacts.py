"""Step 3, Contacts: the people to talk to, where they come from, where each one stands."""

from datetime import UTC, datetime
from zoneinfo import available_timezones

import pandas as pd
import streamlit as st

from planner import guidance, ui
from planner.calendar_export import calendar_bytes, ics_filename
from planner.contacts import OPEN_STAGES, ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.linkedin import LinkedInFileError, parse_connections
from planner.meetings import DURATION_DEFAULT, MeetingDraft, duration_warning
from planner.messages import (
    CHECK_LABELS,
    MERGE_FIELDS,
    check_request,
    fields_in_brackets,
    fill,
    mailto_link,
    shipped_templates,
    suggested_template,
)
from planner.vocabulary import (
    CHANNELS,
    CIRCLES,
    CONTACT_EVENT_KINDS,
    INTERVIEW_FORMATS,
    INTERVIEW_STATUSES,
    OUTREACH_KINDS,
    STAGES,
    WARMTH,
)

store = ui.page("Contacts")
CONTACTS_PER_PAGE = 100
FORMS = "contacts_form_counter"  # bumped after a save so the add form starts empty
PENDING = "contacts_pending_duplicate"  # (draft, new organisation) awaiting "save anyway"
SELECTED = "contacts_selected"

st.title("Contacts")
st.markdown(guidance.text("contacts.intro"))
counter = st.session_state.setdefault(FORMS, 0)
today = ui.today()

organisations = {o.id: o.name for o in store.list_organisations()}
goals = {g.id: g.title for g in store.list_goals()}
everyone = store.list_contacts()
names = {c.id: c.name for c in everyone}
wanted = st.query_params.get("contact")  # a link from another step opens that person
if wanted is not None:
    if wanted.isdigit() and int(wanted) in names:
        st.session_state[SELECTED] = int(wanted)
    del st.query_params["contact"]


def contact_form(key: str, draft: ContactDraft, submit: str, *, allow_new_org: bool):
    """The contact form; returns (typed draft, new organisation name) when submitted."""
    messages = ui.FieldMessages()
    with st.form(key, enter_to_submit=False):
        a, b = st.columns(2)
        name = a.text_input("Name", value=draft.name, key=f"{key}_name")
        with a:
            messages.under("name")
        role = b.text_input("Role", value=draft.role, key=f"{key}_role")
        with b:
            messages.under("role")
        a, b = st.columns(2)
        org_ids = [None, *organisations]
        organisation_id = a.selectbox(
            "Organisation",
            org_ids,
            index=org_ids.index(draft.organisation_id) if draft.organisation_id in org_ids else 0,
            format_func=lambda o: "None or new" if o is None else organisations[o],
            key=f"{key}_org",
        )
        with a:
            messages.under("organisation_id")
        new_org = ""
        if allow_new_org:
            new_org = b.text_input(
                "Or a new organisation",
                placeholder="Added to your target organisations",
                key=f"{key}_new_org",
            )
            with b:
                messages.under("new_organisation")
        a, b, c = st.columns(3)
        email = a.text_input("Email", value=draft.email, key=f"{key}_email")
        with a:
            messages.under("email")
        linkedin = b.text_input(
            "LinkedIn profile", value=draft.linkedin_url, placeholder="https://", key=f"{key}_li"
        )
        with b:
            messages.under("linkedin_url")
        phone = c.text_input("Phone", value=draft.phone, key=f"{key}_phone")
        with c:
            messages.under("phone")
        a, b, c = st.columns(3)
        circle = a.selectbox(
            "Where I know them from",
            list(CIRCLES),
            index=list(CIRCLES).index(draft.circle),
            format_func=CIRCLES.get,
            help=guidance.text("contacts.circle_help"),
            key=f"{key}_circle",
        )
        warmth = b.selectbox(
            "Warm or cold",
            list(WARMTH),
            index=list(WARMTH).index(draft.warmth),
            format_func=WARMTH.get,
            key=f"{key}_warmth",
        )
        people = [None, *names]
        referred_by = c.selectbox(
            "Referred by",
            people,
            index=people.index(draft.referred_by_id) if draft.referred_by_id in people else 0,
            format_func=lambda p: "Nobody" if p is None else names[p],
            key=f"{key}_referrer",
        )
        with c:
            messages.under("referred_by_id")
        linked = st.multiselect(
            "Goals they can help with",
            list(goals),
            help=None if goals else "Set a goal on the Goals page to link people to it.",
            default=[g for g in draft.goal_ids if g in goals],
            format_func=goals.get,
            key=f"{key}_goals",
        )
        messages.under("goal_ids")
        tags = st.text_input(
            "Tags",
            value=", ".join(draft.tags),
            help=guidance.text("contacts.tags_help"),
            key=f"{key}_tags",
        )
        messages.under("tags")
        notes = st.text_area("Notes", value=draft.notes, height=80, key=f"{key}_notes")
        messages.under("notes")
        submitted = ui.submit_button(submit, form=key, type="primary")
        messages.summary()
    if not submitted:
        return None, "", messages
    typed = ContactDraft(
        name=name,
        role=role,
        organisation_id=organisation_id,
        email=email,
        linkedin_url=linkedin,
        phone=phone,
        circle=circle,
        referred_by_id=referred_by,
        warmth=warmth,
        notes=notes,
        tags=tags.split(","),
        goal_ids=linked,
    )
    return typed, new_org, messages


def save_new(draft: ContactDraft, new_org: str, messages) -> None:
    try:
        contact_id = store.add_contact(draft, today=today, new_organisation=new_org)
    except ValidationError as error:
        messages.show(error.errors)
        return
    st.session_state[FORMS] = counter + 1
    st.session_state.pop(PENDING, None)
    st.session_state[SELECTED] = contact_id
    ui.flash(f"Added {draft.name.strip()} to your contacts.")
    st.rerun()


# -- a new contact -----------------------------------------------------------------------
with st.expander("Add a contact", expanded=not everyone, icon=":material/person_add:"):
    typed, new_org, messages = contact_form(
        f"new_contact_{counter}", ContactDraft(), "Save contact", allow_new_org=True
    )
    if typed is not None:
        duplicates = store.likely_duplicates(typed)
        if duplicates:
            st.session_state[PENDING] = (typed, new_org)
        else:
            save_new(typed, new_org, messages)
    pending = st.session_state.get(PENDING)
    if pending is not None:
        draft, pending_org = pending
        found = store.likely_duplicates(draft)
        st.warning(
            ui.md(guidance.text("contacts.duplicate") + " " + "; ".join(found) + "."),
            icon=":material/content_copy:",
        )
        choice = st.container(horizontal=True)
        if choice.button("Save anyway, it is someone else", key="save_duplicate"):
            save_new(draft, pending_org, messages)
        if choice.button("Do not save", key="drop_duplicate"):
            st.session_state.pop(PENDING, None)
            st.rerun()

with st.expander("Import your LinkedIn connections", icon=":material/upload_file:"):
    st.markdown(guidance.text("contacts.linkedin_help"))
    upload = st.file_uploader("Connections.csv", type=["csv"], key="linkedin_file")
    if upload is not None and st.button("Import these connections", key="linkedin_import"):
        try:
            report = store.import_connections(parse_connections(upload.getvalue()), today=today)
        except LinkedInFileError as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            summary = f"Imported {len(report.added)} new contacts from LinkedIn."
            if report.skipped:
                summary += f" Skipped {len(report.skipped)} already in your planner."
            ui.flash(summary)
            if report.problems or report.skipped:
                st.session_state["linkedin_report"] = report
            st.rerun()
    report = st.session_state.get("linkedin_report")
    if report is not None:
        if report.skipped:
            st.caption(ui.md("Already in your planner: " + ", ".join(report.skipped[:50])))
        for problem in report.problems[:20]:
            st.caption(ui.md(problem))

with st.expander("Follow-up rule", icon=":material/schedule:"):
    rule = store.follow_up_rule()
    st.markdown(guidance.text("contacts.rule_help"))
    with st.form("follow_up_rule", enter_to_submit=False):
        a, b, c = st.columns(3)
        second = a.number_input(
            "Second person after (business days)", 1, 60, rule.second_contact_after
        )
        again = b.number_input("Follow up after (business days)", 1, 60, rule.follow_up_after)
        give_up = c.number_input(
            "Mark no reply after the follow-up (days)", 1, 60, rule.give_up_after_days
        )
        if st.form_submit_button("Save the rule"):
            store.save_settings(
                {
                    "follow_up.second_contact_after": str(int(second)),
                    "follow_up.follow_up_after": str(int(again)),
                    "follow_up.give_up_after_days": str(int(give_up)),
                }
            )
            ui.flash("Saved the follow-up rule.")
            st.rerun()

if not everyone:
    st.info(guidance.text("contacts.empty"), icon=":material/lightbulb:")
    st.stop()

# -- the pipeline --------------------------------------------------------------------------
counts = pd.Series([c.stage for c in everyone]).value_counts()
st.subheader("Pipeline")
cells = st.columns(len(OPEN_STAGES))
for cell, stage in zip(cells, OPEN_STAGES, strict=True):
    cell.metric(STAGES[stage], int(counts.get(stage, 0)))
closed = ", ".join(f"{STAGES[s]}: {int(counts.get(s, 0))}" for s in STAGES if s not in OPEN_STAGES)
st.caption(f"Closed: {closed}")

a, b, c = st.columns([1, 1, 2])
stage_filter = a.selectbox(
    "Stage",
    [None, *STAGES],
    format_func=lambda s: "Every stage" if s is None else STAGES[s],
    key="contacts_stage_filter",
)
org_filter = b.selectbox(
    "Organisation",
    [None, *organisations],
    format_func=lambda o: "Every organisation" if o is None else organisations[o],
    key="contacts_org_filter",
)
search = c.text_input("Search names, roles, organisations, tags", key="contacts_search")
shown = store.list_contacts(
    stages=None if stage_filter is None else (stage_filter,),
    organisation_id=org_filter,
    search=search,
)
# A page of the list at a time: the whole table is sent to the browser on every rerun.
page = ui.paged(
    shown,
    ui.list_key("contacts_page", [str(stage_filter), str(org_filter), search]),
    size=CONTACTS_PER_PAGE,
)
table = pd.DataFrame(
    {
        "Name": [p.name for p in page],
        "Role": [p.role for p in page],
        "Organisation": [p.organisation for p in page],
        "Stage": [p.stage_label for p in page],
        "From": [p.circle_label for p in page],
        "Warm": [p.warmth == "warm" for p in page],
        "Last activity": [p.last_event_on for p in page],
        "Tags": [", ".join(p.tags) for p in page],
    }
)
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    column_config={"Warm": st.column_config.CheckboxColumn("Warm")},
    # Rows are selected by position: other rows shown start with no selection.
    key=ui.list_key("contacts_table", [str(p.id) for p in page]),
)
st.caption(f"{len(shown):,} of {len(everyone):,} contacts. Select a row to open it.")
upcoming = store.calendar_entries(since=datetime.combine(today, datetime.min.time()))
if upcoming:
    st.download_button(
        f"All {len(upcoming)} upcoming meetings (.ics)",
        data=lambda: calendar_bytes(upcoming, now=datetime.now(UTC)),  # made on click
        file_name=ics_filename("interviews", today),
        mime="text/calendar",
        icon=":material/calendar_month:",
        on_click="ignore",
        key="ics_all",
    )
rows = event.selection.rows if event else []
if rows:
    st.session_state[SELECTED] = page[rows[0]].id

# -- one contact -----------------------------------------------------------------------------
selected = st.session_state.get(SELECTED)
if selected not in names:
    st.stop()
person = store.get_contact(selected)
st.divider()
st.subheader(ui.md(person.name))
facts = [x for x in (person.role, person.organisation) if x]
line = " at ".join(ui.md(x) for x in facts) if facts else "No role or organisation yet"
st.markdown(f"{line} · **{person.stage_label}** · {ui.md(person.circle_label)}")
referral = f"Referred by {person.referred_by}" if person.referred_by else ""
details = [ui.md(x) for x in (person.email, person.phone, person.linkedin_url, referral) if x]
if details:
    st.caption(" · ".join(details))
if person.notes:
    st.markdown(ui.md(person.notes))

# Keyed, so the open tab stays open when typing in it reruns the page.
history_tab, message_tab, move_tab, meet_tab, edit_tab = st.tabs(
    ["History", "Write a message", "Record a step", "Meetings", "Edit details"],
    key=f"contact_tabs_{person.id}",
    on_change="rerun",
)
with history_tab:
    history = store.contact_history(person.id)
    lines = []
    for happened_at, kind, stage_from, stage_to, channel, summary in history:
        what = (
            f"{STAGES.get(stage_from, stage_from)} → {STAGES.get(stage_to, stage_to)}"
            if kind == "stage"
            else CONTACT_EVENT_KINDS.get(kind, kind)
        )
        via = f" ({CHANNELS.get(channel, channel)})" if channel else ""
        said = f": {ui.md(summary)}" if summary else ""
        lines.append(f"- **{happened_at:%Y-%m-%d}** {ui.md(what)}{ui.md(via)}{said}")
    st.markdown("\n".join(lines) if lines else "Nothing recorded yet.")

with message_tab:
    templates = [*shipped_templates(), *store.user_templates()]
    by_key = {t.key: t for t in templates}
    a, b = st.columns([2, 1])
    fitting = suggested_template(
        templates, stage=person.stage, referred=person.referred_by_id is not None
    )
    chosen = by_key[
        a.selectbox(
            "Template",
            list(by_key),
            index=list(by_key).index(fitting.key),
            format_func=lambda k: by_key[k].name + ("" if by_key[k].shipped else " (mine)"),
            key=f"msg_{person.id}_template",
        )
    ]
    settings = store.settings()
    values = {
        "their_name": person.name.split()[0],
        "their_role": person.role,
        "organisation": person.organisation,
        "connection": person.referred_by,
    }
    booked = store.meetings(contact_id=person.id, status="scheduled")
    if booked:
        _, _, _, _, starts_at, zone_name, _, form, place = booked[-1][:9]
        values["meeting_when"] = f"{starts_at:%A %d %B at %H:%M} ({zone_name})"
        values["meeting_place"] = place or INTERVIEW_FORMATS.get(form, form).lower()
    a, b = st.columns(2)
    values["connection"] = a.text_input(
        MERGE_FIELDS["connection"], value=values["connection"], key=f"msg_{person.id}_connection"
    )
    values["interest"] = b.text_input(MERGE_FIELDS["interest"], key=f"msg_{person.id}_interest")
    a, b, c = st.columns([1, 2, 2])
    values["ask_minutes"] = str(
        a.number_input("Minutes", 10, 60, 20, step=5, key=f"msg_{person.id}_minutes")
    )
    values["proposed_times"] = b.text_input(
        MERGE_FIELDS["proposed_times"],
        placeholder="e.g. Tuesday or Thursday after 4pm would suit me.",
        key=f"msg_{person.id}_times",
    )
    values["next_step"] = c.text_input(MERGE_FIELDS["next_step"], key=f"msg_{person.id}_next")
    a, b = st.columns(2)
    me_messages = ui.FieldMessages()
    my_name = a.text_input("Your name", value=settings.get("me.name", ""), key="msg_my_name")
    with a:
        me_messages.under("me.name")
    my_contact = b.text_input(
        "Your contact line", value=settings.get("me.contact", ""), key="msg_my_contact"
    )
    with b:
        me_messages.under("me.contact")
    values |= {"my_name": my_name, "my_contact": my_contact}
    subject = fill(chosen.subject, values)
    body = fill(chosen.body, values)
    draft_key = f"msg_{person.id}_draft"
    if st.button("Fill in the template", key=f"msg_{person.id}_fill", icon=":material/edit_note:"):
        try:  # the draft is filled only with details the planner keeps
            if (my_name, my_contact) != (settings.get("me.name"), settings.get("me.contact")):
                store.save_settings({"me.name": my_name, "me.contact": my_contact})
        except ValidationError as error:
            me_messages.show(error.errors)
        else:
            st.session_state[draft_key] = body.text
            st.session_state[f"{draft_key}_subject"] = subject.text
    st.session_state.setdefault(draft_key, body.text)
    st.session_state.setdefault(f"{draft_key}_subject", subject.text)
    messages = ui.FieldMessages()
    typed_subject = st.text_input("Subject", key=f"{draft_key}_subject")
    messages.under("subject")
    typed_body = st.text_area("Message (edit freely)", height=220, key=draft_key)
    gaps = fields_in_brackets(typed_subject + typed_body)
    if gaps:
        blanks = "; ".join(MERGE_FIELDS[g].lower() for g in gaps)
        st.warning(ui.md(f"Still to fill in: {blanks}."), icon=":material/edit:")
    if chosen.kind == "request":
        checks = check_request(
            typed_body, referrer=person.referred_by, organisation=person.organisation
        )
        passed = sum(c.passed for c in checks)
        st.markdown(f"**Request check: {passed} of {len(checks)}**")
        st.markdown(
            "\n".join(
                f"- :material/check_circle: {CHECK_LABELS[c.key]}"
                if c.passed
                else f"- :material/cancel: {CHECK_LABELS[c.key]}: {ui.md(c.hint)}"
                for c in checks
            )
        )
    with st.popover("Save as my own template", icon=":material/bookmark_add:"):
        own_name = st.text_input("Template name", key=f"msg_{person.id}_own_name")
        st.caption("Saved with the subject and message as they are now; keep {fields} in it.")
        if st.button("Save template", key=f"msg_{person.id}_own_save"):
            try:
                store.add_template(chosen.kind, own_name, typed_subject, typed_body)
            except ValidationError as error:
                st.error(ui.md(" ".join(error.errors.values())), icon=":material/error:")
            else:
                ui.flash(f"Saved your template '{own_name.strip()}'.")
                st.rerun()
    st.caption("To copy the message, use the copy icon at the top right of this box.")
    st.code(typed_body, language=None, wrap_lines=True)
    if person.email:
        st.link_button(
            "Open in my mail program",
            mailto_link(person.email, typed_subject, typed_body),
            icon=":material/mail:",
        )
    with st.form(f"sent_{person.id}", enter_to_submit=False):
        a, b = st.columns(2)
        channel = a.selectbox(
            "Sent by", list(CHANNELS), format_func=CHANNELS.get, key=f"sent_{person.id}_channel"
        )
        with a:
            messages.under("channel")
        sent_on = b.date_input(
            "Sent on", value=today, max_value=today, format="YYYY-MM-DD", key=f"sent_{person.id}_on"
        )
        sent = st.form_submit_button(f"Mark this {OUTREACH_KINDS[chosen.kind].lower()} as sent")
        messages.under("body")
        messages.summary()
    if sent:
        try:
            store.record_message(
                person.id,
                chosen.kind,
                channel=channel,
                subject=typed_subject,
                body=typed_body,
                sent_at=datetime.combine(sent_on, datetime.now().time()),
            )
        except ValidationError as error:
            messages.show(error.errors)
        except NotFound as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            st.session_state.pop(draft_key, None)
            st.session_state.pop(f"{draft_key}_subject", None)
            ui.flash(f"Recorded the {OUTREACH_KINDS[chosen.kind].lower()} to {person.name}.")
            st.rerun()

with move_tab:
    # Moves along the pipeline first, then entries that keep the stage as it is.
    options = {f"stage:{s}": f"Move to: {STAGES[s]}" for s in person.next_stages}
    options |= {
        "event:message_sent": "I sent a message (e.g. a follow-up)",
        "event:reply": "They replied",
        "event:note": "A note",
    }
    messages = ui.FieldMessages()
    move_form = f"move_{person.id}_{person.version}"
    ui.say_if_outdated(move_form, f"move_{person.id}_", "contact")
    with st.form(move_form, enter_to_submit=False):
        a, b, c = st.columns(3)
        step = a.selectbox(
            "What happened", list(options), format_func=options.get, key=f"move_{person.id}_stage"
        )
        with a:
            messages.under("stage")
        happened_on = b.date_input(
            "When", value=today, max_value=today, format="YYYY-MM-DD", key=f"move_{person.id}_on"
        )
        channel = c.selectbox(
            "Channel",
            ["", *CHANNELS],
            format_func=lambda k: CHANNELS.get(k, "Not relevant"),
            key=f"move_{person.id}_channel",
        )
        with c:
            messages.under("channel")
        summary = st.text_input(
            "What happened",
            placeholder="e.g. Sent the request by email",
            key=f"move_{person.id}_what",
        )
        messages.under("summary")
        moved = ui.submit_button("Record this step", form=move_form, type="primary")
        messages.summary()
    if moved:
        kind, value = step.split(":")
        happened_at = datetime.combine(happened_on, datetime.now().time())
        try:
            if kind == "stage":
                store.move_contact(
                    person.id,
                    value,
                    happened_at=happened_at,
                    channel=channel,
                    summary=summary,
                    expected_version=person.version,
                )
            else:
                store.record_event(
                    person.id, value, happened_at=happened_at, channel=channel, summary=summary
                )
        except ValidationError as error:
            messages.show(error.errors)
        except (StaleEdit, NotFound) as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            advice = guidance.text("contacts.after_decline") if step == "stage:declined" else ""
            ui.flash(f"Recorded for {person.name}: {options[step]}. {advice}".strip())
            st.rerun()

with meet_tab:
    for row in store.meetings(contact_id=person.id):
        interview_id, _, _, _, starts_at, zone_name, minutes, form, place, status = row[:10]
        line = (
            f"**{starts_at:%a %d %b %Y, %H:%M}** ({ui.md(zone_name)}), {minutes} min, "
            f"{INTERVIEW_FORMATS.get(form, form).lower()}"
        )
        if place:
            line += f", {ui.md(place)}"
        a, b = st.columns([4, 1], vertical_alignment="center")
        a.markdown(f"{line} · {INTERVIEW_STATUSES.get(status, status)}")
        if status == "scheduled":
            entries = store.calendar_entries(since=starts_at, contact_id=person.id)
            mine = [e for e in entries if e.uid.startswith(f"interview-{interview_id}-")]
            b.download_button(
                "Calendar file",
                data=lambda mine=mine: calendar_bytes(mine, now=datetime.now(UTC)),
                file_name=ics_filename(person.name, starts_at.date()),
                mime="text/calendar",
                icon=":material/event:",
                on_click="ignore",
                key=f"ics_{interview_id}",
            )
    messages = ui.FieldMessages()
    browser_zone = st.context.timezone or "UTC"
    zones = sorted(available_timezones())
    with st.form(f"meet_{person.id}", enter_to_submit=False):
        st.markdown("**Schedule a meeting**")
        a, b, c = st.columns(3)
        on = a.date_input(
            "Day", value=None, min_value=today, format="YYYY-MM-DD", key=f"meet_{person.id}_on"
        )
        with a:
            messages.under("on")
        at = b.time_input("Start", value=None, step=900, key=f"meet_{person.id}_at")
        with b:
            messages.under("at")
        zone_name = c.selectbox(
            "Time zone",
            zones,
            index=zones.index(browser_zone) if browser_zone in zones else zones.index("UTC"),
            key=f"meet_{person.id}_zone",
        )
        with c:
            messages.under("time_zone")
        a, b, c = st.columns(3)
        minutes = a.number_input(
            "Minutes",
            value=DURATION_DEFAULT,
            step=5,
            help="20-30 minutes is usual; more than 60 asks a lot.",
            key=f"meet_{person.id}_minutes",
        )
        with a:
            messages.under("duration_minutes")
        form = b.selectbox(
            "Format",
            list(INTERVIEW_FORMATS),
            format_func=INTERVIEW_FORMATS.get,
            key=f"meet_{person.id}_format",
        )
        goal_choice = c.selectbox(
            "For goal",
            [None, *person.goal_ids],
            format_func=lambda g: "No goal" if g is None else goals.get(g, "A goal"),
            key=f"meet_{person.id}_goal",
        )
        place = st.text_input(
            "Link or place", placeholder="https://… or an address", key=f"meet_{person.id}_where"
        )
        messages.under("location")
        booked = st.form_submit_button("Schedule it", type="primary")
        messages.summary()
    if booked:
        draft = MeetingDraft(
            contact_id=person.id,
            on=on,
            at=at,
            time_zone=zone_name,
            duration_minutes=int(minutes or 0),
            format=form,
            location=place,
            goal_id=goal_choice,
        )
        try:
            store.schedule_meeting(draft, now=datetime.now(UTC))
        except ValidationError as error:
            messages.show(error.errors)
        except NotFound as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            for key in [k for k in st.session_state if str(k).startswith(f"meet_{person.id}_")]:
                del st.session_state[key]  # the next meeting starts from an empty form
            note = duration_warning(draft.duration_minutes)
            ui.flash(f"Scheduled the meeting with {person.name}." + (f" {note}" if note else ""))
            st.rerun()

with edit_tab:
    edit_form = f"edit_contact_{person.id}_{person.version}"
    ui.say_if_outdated(edit_form, f"edit_contact_{person.id}_", "contact")
    typed, _, messages = contact_form(
        edit_form,
        person.as_draft(),
        "Save changes",
        allow_new_org=False,
    )
    if typed is not None:
        try:
            store.update_contact(person.id, typed, expected_version=person.version)
        except ValidationError as error:
            messages.show(error.errors)
        except (StaleEdit, NotFound) as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            ui.flash(f"Saved {typed.name.strip()}.")
            st.rerun()
    with st.popover("Delete this contact", icon=":material/delete:"):
        st.markdown(
            "Their history and messages go with them; meetings and people they referred stay."
        )
        if st.button("Yes, delete", key=f"delete_contact_{person.id}"):
            store.delete_contact(person.id)
            st.session_state.pop(SELECTED, None)
            ui.flash(f"Deleted {person.name}.", "info")
            st.rerun()
