"""Step 3, Contacts: the people to talk to, where they come from, where each one stands."""

from functools import partial

import streamlit as st

from planner import guidance, ui
from planner.contacts import ContactDraft
from planner.followup import RULE_LABELS, FollowUpRule
from planner.messages import CHECK_LABELS, MERGE_FIELD_EXAMPLES, MERGE_FIELDS
from planner.steps import contacts, outreach
from planner.vocabulary import CHANNELS, CIRCLES, OUTREACH_KINDS, STAGES, WARMTH

store = ui.page("Contacts")
today = ui.today()
CONTACTS_PER_PAGE = 100
HISTORY_SHOWN = 20  # history entries a page, each with its Edit and Delete
NEW = "new_contact"  # the add form (ui.form_key: it starts empty after a save)
PENDING = "contacts_pending_duplicate"  # (draft, new organisation, look-alikes) to confirm
SELECTED = "contacts_selected"  # the contact opened below the list
PAST_DAY = {"value": today, "max_value": today, "format": "YYYY-MM-DD"}  # a day up to today
ICS = "text/calendar"
# The merge fields typed on the message tab, by widget key suffix.
TYPED = {"connection": "connection", "interest": "interest", "proposed_times": "times",
         "next_step": "next"}  # fmt: skip


def contact_form(key: str, draft: ContactDraft, submit: str, *, new_org: bool):
    """The contact form; returns (typed draft or None, new organisation name, its fields)."""
    f = ui.FormFields(key, org="organisation_id", new_org="new_organisation", li="linkedin_url",
                      referrer="referred_by_id", goals="goal_ids")  # fmt: skip
    goal_help = None if view.goals else "Set a goal on the Goals page to link people to it."
    linked = [g for g in draft.goal_ids if g in view.goals]
    with f.form(submit, versioned=True, type="primary"):
        (a, b), (c, d), (e, g, h), (i, j, k) = (st.columns(n) for n in (2, 2, 3, 3))
        typed = ContactDraft(
            name=f.text(a, "Name", "name", draft.name),
            role=f.text(b, "Role", "role", draft.role),
            organisation_id=f.menu(c, "Organisation", {None: "None or new", **view.organisations},
                                   draft.organisation_id, "org"),
            email=f.text(e, "Email", "email", draft.email),
            linkedin_url=f.text(g, "LinkedIn profile", "li", draft.linkedin_url,
                                placeholder="https://"),
            phone=f.text(h, "Phone", "phone", draft.phone),
            circle=f.menu(i, "Where I know them from", CIRCLES, draft.circle, "circle",
                          help=guidance.text("contacts.circle_help")),
            warmth=f.menu(j, "Warm or cold", WARMTH, draft.warmth, "warmth"),
            referred_by_id=f.menu(k, "Referred by", {None: "Nobody", **view.people},
                                  draft.referred_by_id, "referrer"),
            goal_ids=f.draw(st, "multiselect", "Goals they can help with", "goals",
                            list(view.goals), default=linked, format_func=view.goals.get,
                            help=goal_help),
            tags=ui.list_items(f.text(st, "Tags", "tags", ", ".join(draft.tags),
                                      help=guidance.text("contacts.tags_help"))),
            notes=f.draw(st, "text_area", "Notes", "notes", value=draft.notes, height=80),
        )  # fmt: skip
        ui.preview_button()
        where = "Added to your target organisations"
        org = f.text(d, "Or a new organisation", "new_org", placeholder=where) if new_org else ""
    return (typed if f.sent else None), org, f


def save_new(draft: ContactDraft, organisation: str, fields: ui.FormFields) -> None:
    def add() -> None:
        st.session_state[SELECTED] = contacts.add_contact(
            store, draft, today=today, new_organisation=organisation
        )

    done = f"Added {draft.name.strip()} to your contacts."
    ui.submit(add, messages=fields, form=NEW, forget=[PENDING], done=done)


st.title("Contacts")
st.markdown(guidance.text("contacts.intro"))
view = contacts.load(store, today=today)
# A link from another step opens that person (no menu follows it).
ui.open_from_link("contact", view.people, current_key=SELECTED, menu_key=f"{SELECTED}_menu")

# -- a new contact -----------------------------------------------------------------------
for _ in ui.while_open(
    "Add a contact", expanded=not view.people, icon=":material/person_add:", key="contacts_add"
):
    form = ui.form_key(NEW)
    typed, organisation, fields = contact_form(form, ContactDraft(), "Save contact", new_org=True)
    if typed is not None:
        if found := contacts.likely_duplicates(store, typed):
            st.session_state[PENDING] = (typed, organisation, found)
        else:
            save_new(typed, organisation, fields)
    if (pending := st.session_state.get(PENDING)) is not None:
        draft, organisation, found = pending
        st.warning(ui.md(contacts.duplicate_warning(found)), icon=":material/content_copy:")
        choice = st.container(horizontal=True)
        if choice.button("Save anyway, it is someone else", key="save_duplicate"):
            save_new(draft, organisation, fields)
        choice.button("Do not save", key="drop_duplicate", **ui.sets({PENDING: None}))

ui.import_section(
    "linkedin", "Import your LinkedIn connections", ":material/upload_file:",
    guidance.text("contacts.linkedin_help"), label="Connections.csv", types=["csv"],
    button="Import these connections", run=partial(contacts.import_connections, store, today=today),
    summary=contacts.import_summary, notes=contacts.import_notes,
)  # fmt: skip
vcf = partial(contacts.address_book_file, store)
ui.import_section(
    "vcard", "Your address book (vCard)", ":material/contacts:",
    guidance.text("contacts.address_book_help"), label="Contacts file (.vcf)",
    types=["vcf", "vcard"], button="Import these contacts",
    run=partial(contacts.import_cards, store, today=today),
    summary=contacts.address_book_summary, notes=contacts.import_notes,
    download=("Download every contact (.vcf)", vcf, "contacts.vcf", "text/vcard")
    if view.people else None,
)  # fmt: skip

for _ in ui.while_open("Follow-up rule", icon=":material/schedule:", key="contacts_follow_up_rule"):
    st.markdown(guidance.text("contacts.rule_help"), help=guidance.text("method.3b7"))
    with st.form("follow_up_rule", enter_to_submit=False):
        numbers = {
            name: column.number_input(label, 1, 60, getattr(view.rule, name))
            for column, (name, label) in zip(st.columns(3), RULE_LABELS.items(), strict=True)
        }
        save_rule = st.form_submit_button("Save the rule")
    if save_rule:
        rule = FollowUpRule(**{name: int(n) for name, n in numbers.items()})
        save = partial(contacts.save_follow_up_rule, store, rule)
        ui.submit(save, done="Saved the follow-up rule.")

if not view.people:
    st.info(guidance.text("contacts.empty"), icon=":material/lightbulb:")
    st.stop()

# -- the pipeline --------------------------------------------------------------------------
st.subheader("Pipeline")
for cell, (label, count) in zip(st.columns(len(view.open_counts)), view.open_counts, strict=True):
    cell.metric(label, count)
st.caption("Closed: " + ", ".join(f"{label}: {count}" for label, count in view.closed_counts))
st.page_link("pages/7_Board.py", label="See everyone as cards on the pipeline board",
             icon=":material/view_kanban:")  # fmt: skip
(stage, org_id), search = ui.filter_bar(
    [("Stage", STAGES, "Every stage", "contacts_stage_filter"),
     ("Organisation", view.organisations, "Every organisation", "contacts_org_filter")],
    search="Search names, roles, organisations, tags", key="contacts_search",
)  # fmt: skip
shown = contacts.load_list(store, stage=stage, organisation_id=org_id, search=search)
# A page of the list at a time: the whole table is sent to the browser on every rerun.
page_key = ui.list_key("contacts_page", [str(stage), str(org_id), search])
page = ui.paged(shown, page_key, size=CONTACTS_PER_PAGE)
# Rows are selected by position: other rows shown start with no selection.
table = ui.list_key("contacts_table", [str(p.id) for p in page])
if rows := ui.table_rows(contacts.table_columns(page), key=table, ticks=["Warm"]):
    st.session_state[SELECTED] = page[rows[0]].id
st.caption(f"{len(shown):,} of {len(view.people):,} contacts. Select a row to open it.")
if view.upcoming:
    label, ics = f"All {len(view.upcoming)} upcoming meetings (.ics)", ":material/calendar_month:"
    every = partial(contacts.calendar_file, view.upcoming)
    ui.download_button(st, label, every, view.upcoming_file, ICS, key="ics_all", icon=ics)


# -- one contact -----------------------------------------------------------------------------
selected = st.session_state.get(SELECTED)
opened = contacts.load_contact(store, selected) if selected in view.people else None
if opened is None:
    st.stop()
person = opened.person
st.divider()
st.subheader(ui.md(person.name))
st.markdown(f"{ui.md(person.headline)} · **{person.stage_label}** · {ui.md(person.circle_label)}")
if person.reach:
    st.caption(" · ".join(ui.md(x) for x in person.reach))
if person.notes:
    st.markdown(ui.md(person.notes))

# Keyed, so the open tab stays open when typing in it reruns the page.
history_tab, message_tab, move_tab, meet_tab, edit_tab = st.tabs(
    ["History", "Write a message", "Record a step", "Meetings", "Edit details"],
    key=f"contact_tabs_{person.id}",
    on_change="rerun",
)
with history_tab:
    if not opened.history:
        st.markdown("Nothing recorded yet.")
    history = ui.HistoryCommands(
        can_edit=contacts.can_edit, can_remove=partial(contacts.can_remove, view=opened),
        name=contacts.entry_name, outcome=contacts.removal_outcome,
        remove=partial(contacts.remove_history_entry, store, person),
        correct=partial(contacts.correct_history_entry, store, person.id),
    )  # fmt: skip
    shown = ui.paged(list(opened.history), f"history_page_{person.id}", size=HISTORY_SHOWN)
    ui.history_list(shown, history, channels=CHANNELS, today=today)
    for sent in outreach.load_sent(store, person.id):  # the words as sent, one box each
        with st.expander(ui.md(sent.heading), icon=":material/outgoing_mail:"):
            st.markdown(ui.md(sent.message.body))

with message_tab:
    message = outreach.load_message(store, person.id)
    me = ui.FormFields("msg", my_name="me.name", my_contact="me.contact")
    f = ui.FormFields(f"msg_{person.id}", draft_subject="subject")
    where = st.columns([2, 1])[0]
    picked = f.menu(where, "Template", message.labels, message.suggested, "template")
    chosen, values = message.templates[picked], dict(message.values)
    (a, b), (c, d, e) = st.columns(2), st.columns([1, 2, 2])
    minutes = c.number_input("Minutes", 10, 60, 20, step=5, key=f"{f.prefix}_minutes")
    values["ask_minutes"] = str(minutes)
    for where, (name, suffix) in zip((a, b, d, e), TYPED.items(), strict=True):
        value, hint = values.get(name, ""), MERGE_FIELD_EXAMPLES.get(name)
        values[name] = f.text(where, MERGE_FIELDS[name], suffix, value, placeholder=hint)
    a, b = st.columns(2)
    values["my_name"] = me.text(a, "Your name", "my_name", message.my_name)
    values["my_contact"] = me.text(b, "Your contact line", "my_contact", message.my_contact)
    subject, body = outreach.draft(chosen, values)
    draft_key, subject_key = f"{f.prefix}_draft", f"{f.prefix}_draft_subject"

    def fill_in() -> None:  # the draft is filled only with details the planner keeps
        outreach.save_my_details(store, values["my_name"], values["my_contact"])
        st.session_state[draft_key], st.session_state[subject_key] = body, subject

    if st.button("Fill in the template", key=f"{f.prefix}_fill", icon=":material/edit_note:"):
        ui.submit(fill_in, messages=me)
    st.session_state.setdefault(draft_key, body)
    st.session_state.setdefault(subject_key, subject)
    typed_subject = f.draw(st, "text_input", "Subject", "draft_subject")
    typed_body = st.text_area("Message (edit freely)", height=220, key=draft_key)
    if blanks := outreach.still_to_fill(typed_subject + typed_body):
        st.warning(ui.md(blanks), icon=":material/edit:")
    if chosen.kind == "request":
        checks = outreach.check_request(typed_body, referrer=person.referred_by,
                                        organisation=person.organisation)  # fmt: skip
        lines = [(c.passed, CHECK_LABELS[c.key], c.hint) for c in checks]
        ui.checklist(outreach.check_score(checks), lines)
    with st.popover("Save as my own template", icon=":material/bookmark_add:"):
        own_name = st.text_input("Template name", key=f"{f.prefix}_own_name")
        st.caption("Saved with the subject and message as they are now; keep {fields} in it.")
        if st.button("Save template", key=f"{f.prefix}_own_save"):
            add = partial(outreach.add_template, store, chosen.kind, own_name)
            done = f"Saved your template '{own_name.strip()}'."
            ui.submit(partial(add, typed_subject, typed_body), done=done)
    ui.copy_and_mail(typed_body, what="message", email=person.email, subject=typed_subject)
    kind = OUTREACH_KINDS[chosen.kind].lower()
    button, form = f"Mark this {kind} as sent", f"sent_{person.id}"
    sent, channel, sent_on = ui.sent_form(button, f, CHANNELS, form=form)
    if sent:
        send = partial(outreach.send_message, store, person.id, chosen.kind, channel=channel,
                       subject=typed_subject, body=typed_body, sent_on=sent_on)  # fmt: skip
        done = f"Recorded the {kind} to {person.name}."
        ui.submit(send, messages=f, forget=[draft_key, subject_key], done=done)

with move_tab:
    f = ui.FormFields(f"move_{person.id}", what="summary")
    move_form = f"{f.prefix}_{person.version}"
    ui.say_if_outdated(move_form, f"{f.prefix}_", "contact")
    with f.form("Record this step", key=move_form, versioned=True, type="primary"):
        a, b, c = st.columns(3)
        step = f.menu(a, "What happened", opened.steps, None, "stage")
        happened_on = b.date_input("When", key=f"{f.prefix}_on", **PAST_DAY)
        channel = f.menu(c, "Channel", {"": "Not relevant", **CHANNELS}, "", "channel")
        summary = f.text(st, "What happened", "what", placeholder="e.g. Sent the request by email")
    if f.sent:
        record = partial(contacts.record_step, store, person.id, step, on=happened_on)
        record = partial(record, channel=channel, summary=summary, expected_version=person.version)
        done = contacts.step_recorded(person.name, step, opened.steps[step])
        ui.submit(record, messages=f, done=done)

with meet_tab:
    ui.meeting_list(
        opened.meetings, opened.calendar, opened.calendar_files, who=person.name, today=today,
        calendar_file=contacts.calendar_file,
        move=lambda m, draft: contacts.reschedule_meeting(store, m.id, draft,
                                                          expected_version=m.version),
        cancel=lambda m: contacts.cancel_meeting(store, m.id, expected_version=m.version),
    )  # fmt: skip
    meet_form = f"meet_{person.id}"  # keyed anew after a save, so it starts empty
    f = ui.FormFields(ui.form_key(meet_form), **ui.MEETING_FIELDS)
    with f.form("Schedule it", type="primary"):
        st.markdown("**Schedule a meeting**")
        draft = ui.meeting_fields(f, person.id, today=today, goals=opened.meeting_goals,
                                  goal=opened.meeting_goal)  # fmt: skip
    if f.sent:
        note = contacts.duration_warning(draft.duration_minutes)
        done = f"Scheduled the meeting with {person.name}." + (f" {note}" if note else "")
        book = partial(contacts.schedule_meeting, store, draft)
        ui.submit(book, messages=f, form=meet_form, done=done)

with edit_tab:
    edit_form = f"edit_contact_{person.id}_{person.version}"
    ui.say_if_outdated(edit_form, f"edit_contact_{person.id}_", "contact")
    typed, _, f = contact_form(edit_form, person.as_draft(), "Save changes", new_org=False)
    if typed is not None:
        update = partial(contacts.update_contact, store, person.id, typed)
        done = f"Saved {typed.name.strip()}."
        ui.submit(partial(update, expected_version=person.version), messages=f, done=done)
    with st.popover("Delete this contact", icon=":material/delete:"):
        st.markdown(
            "Their history and messages go with them; meetings and people they referred stay."
        )
        if st.button("Yes, delete", key=f"delete_contact_{person.id}") and ui.submit(
            lambda: contacts.delete_contact(store, person.id), forget=[SELECTED]
        ):
            ui.flash(f"Deleted {person.name}.", "info")
            st.rerun()
