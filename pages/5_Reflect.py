"""Step 5, Reflect: what a conversation taught, the thank-you, what to do about it, and
keeping in touch."""

from datetime import datetime
from functools import partial

import streamlit as st

from planner import guidance, ui
from planner.goals import FIT_QUESTIONS
from planner.organisations import MOTIVATION_LEVELS
from planner.reflection import FIT_SCALE, PROMPTS
from planner.steps import interview_day, reflect
from planner.text import NAMES_HINT, SENTENCES_HINT
from planner.thanks import CHECK_IN_RANGE
from planner.vocabulary import ASSUMPTION_VERDICTS, CHANNELS, INTEREST_CHANGES

store = ui.page("Reflect")
SELECTED = "reflect_interview"  # the "Conversation" menu
CURRENT = "reflect_current"  # the conversation open, by id (see ui.record_menu)
VERDICTS = {"": "Not discussed", **ASSUMPTION_VERDICTS}
SKILLS = f"Skills they said matter that I {{}} ({NAMES_HINT})"
SAVED = "Saved your reflection. Next: thank them, and decide what to act on."
DAY = "YYYY-MM-DD"
ICON = ":material/add_task:"
today = ui.today()


def meeting_line(view) -> str:
    item = view.interview
    who = ui.md(item.contact_name or "A deleted contact")
    about = ", ".join(ui.md(x) for x in (item.contact_role, item.organisation) if x)
    line = f"**{who}**" + (f", {about}" if about else "")
    line += f" · met {item.starts_at:%A %d %B %Y} · {view.meeting_format}"
    return line + (f" · goal: {ui.md(view.goal.title)}" if view.goal is not None else "")


def reflection_form(view) -> None:
    form, interview_id = view.form, view.interview.interview_id
    st.markdown(meeting_line(view))
    if view.interview.general_notes:
        with st.expander("Your notes from the day", icon=":material/edit_note:"):
            st.markdown(ui.md(view.interview.general_notes))
    key = f"reflection_{interview_id}_{view.version}"
    ui.say_if_outdated(key, f"reflection_{interview_id}_", "reflection")
    messages = ui.FieldMessages.for_form(key, "Save the reflection")
    prompts, ratings, verdicts = {}, {}, {}
    with st.form(key, enter_to_submit=False):
        st.caption(guidance.text("reflect.prompts_help"))
        messages.under("prompts")
        columns = st.columns(2)
        for index, (name, label) in enumerate(PROMPTS.items()):
            with columns[index % 2]:
                prompts[name] = st.text_area(label, form.prompts[name], 100, key=f"{key}_{name}")
                messages.under(name)
        st.markdown(f"**Fit: what this conversation says** ({FIT_SCALE})")
        for fit, (score, why) in form.ratings.items():
            a, b = st.columns([1, 3])
            score = ui.pick(FIT_QUESTIONS[fit], reflect.RATINGS, score, f"{key}_fit_{fit}", where=a)
            ratings[fit] = (score, b.text_input("Why, in a sentence", why, key=f"{key}_why_{fit}"))
            with b:
                messages.under(f"fit_{fit}")
        label = "After this conversation"
        interest = ui.pick(label, INTEREST_CHANGES, form.interest, f"{key}_interest", radio=True)
        takeaways = f"Key takeaways ({SENTENCES_HINT})"
        takeaways = st.text_area(takeaways, form.takeaways, 90, key=f"{key}_takeaways")
        ui.list_items(takeaways, sentences=True)  # shown as saved (the step reads them)
        messages.under("takeaways")
        a, b = st.columns(2)
        have = a.text_area(SKILLS.format("have"), form.have, 90, key=f"{key}_have")
        gaps = b.text_area(SKILLS.format("lack"), form.gaps, 90, key=f"{key}_gaps")
        for where, text in ((a, have), (b, gaps)):
            with where:
                ui.list_items(text)
        messages.under("skills")
        tip, label = guidance.text("reflect.themes_help"), "Themes (comma-separated)"
        themes = st.text_input(label, form.themes, help=tip, key=f"{key}_themes")
        ui.list_items(themes)
        messages.under("themes")
        if view.assumptions:
            st.markdown("**What you assumed before talking to anyone**")
        for a in view.assumptions:
            label, verdict = ui.md(a.statement), form.verdicts[a.id]
            verdicts[a.id] = ui.pick(
                label, VERDICTS, verdict, f"{key}_assumption_{a.id}", radio=True
            )
        if view.assumptions:
            messages.under("assumptions")
        with st.container(horizontal=True):
            submitted = ui.submit_button("Save the reflection", form=key, type="primary")
            ui.preview_button()
        messages.summary()
    if submitted:
        typed = reflect.ReflectionForm(
            prompts, interest, takeaways, have, gaps, themes, ratings, verdicts
        )
        save = partial(reflect.save_reflection, store, interview_id, typed, view.version)
        ui.submit(save, messages=messages, done=SAVED)


def what_follows(view) -> None:
    item = view.interview
    st.subheader("What follows from it")
    if view.gaps_offered:
        st.markdown("**Skill gaps they mentioned**")
        row = st.container(horizontal=True)
    for skill in view.gaps_offered:
        gap_action_form(view, skill, row)
    if view.organisation is not None:
        motivation(view)
    st.markdown("**People they suggested**")
    st.caption(guidance.text("reflect.referrals_help"))
    ui.referral_form(
        partial(interview_day.add_mentioned_contact, store, item.interview_id, today=ui.today()),
        interview_day.people_suggested(store, item.interview_id),
        item.contact_name,
        form=f"referral_{item.interview_id}",
        button="Add as a contact",
        links_caption="Suggested here:",
    )
    if view.contact is not None:
        allowed = partial(reflect.set_may_recontact, store, view.contact.id)
        label, key = "They said I may contact them again", f"recontact_{view.contact.id}"
        ui.command_checkbox(label, view.may_recontact, key, allowed)


def gap_action_form(view, skill: str, where) -> None:
    """A skill gap as an action item: its title to adjust and an optional due date."""
    title, form = reflect.gap_action_title(skill), f"gap_{view.reflection.id}_{skill}"
    key, messages = ui.form_key(form), ui.FieldMessages()
    opener = where.popover(f"Add an action: {ui.md(title)}", icon=ICON)
    with opener, st.form(key, enter_to_submit=False, border=False):
        typed, due_on = ui.title_and_due(key, messages, title=title, due_on=None, today=today)
        add = st.form_submit_button("Add this action", type="primary")
        messages.summary()
    if add:
        plan = partial(reflect.add_gap_action, store, typed, due_on, *view.action_link)
        done = f"Added the action item: {' '.join(typed.split())}."
        ui.submit(plan, messages=messages, form=form, done=done)


def motivation(view) -> None:
    organisation, reflection_id = view.organisation, view.reflection.id
    name, now = organisation.name, organisation.motivation
    st.markdown(f"**After this conversation, how much do you want to work at {ui.md(name)}?**")
    a, b = st.columns([2, 1], vertical_alignment="bottom")
    key = f"motivation_{reflection_id}_{organisation.version}"
    score = ui.pick("Motivation", MOTIVATION_LEVELS, now, key, where=a)
    if b.button("Update the score", key=f"motivation_save_{reflection_id}"):
        if score == now:
            ui.flash(f"Motivation for {name} stays {score}.", "info")
            st.rerun()
        change = partial(reflect.update_motivation, store, organisation.id, score, reflection_id)
        ui.submit(change, done=f"Motivation for {name} is now {score}.")
    if view.motivation_changes:
        st.caption("History: " + ui.md(view.motivation_changes))


def thank_you(view) -> None:
    contact, fields, interview_id = view.contact, view.thank_you_fields, view.interview.interview_id
    st.markdown(meeting_line(view))
    if contact is None:
        st.info("The contact was deleted, so there is nobody to thank here.")
        return
    if view.thank_you is None:
        thanked = f"You thanked {ui.md(contact.name)} for this conversation."
        st.success(thanked, icon=":material/mark_email_read:")
        if (sent := view.thank_you_sent) is not None:  # what was sent, never a new draft
            box = st.container(border=True)
            box.markdown(f"**{ui.md(sent.subject)}**  \n{ui.md(sent.body)}")
            return
    else:
        st.warning(view.thank_you_reminder, icon=":material/schedule:")
    draft_key = ui.form_key(f"thanks_{interview_id}")
    # The fields prefilled from the reflection follow it when it is saved again;
    # the note itself keeps its key, so a note the user edited is never reset.
    fields_key, body_key = f"{draft_key}_r{view.version}", f"{draft_key}_body"
    a, b = st.columns(2)
    topic = a.text_input("A topic you discussed", fields.topic, key=f"{fields_key}_topic")
    advice = b.text_input("Advice you are taking", fields.advice, key=f"{fields_key}_advice")
    next_step = a.text_input("What you will do next", fields.next_step, key=f"{fields_key}_next")
    my_name = b.text_input("Your name", view.my_name, key=f"{draft_key}_me")
    messages = ui.FieldMessages()
    with b:
        messages.under("my_name")
    if view.reflection is None:
        st.caption(guidance.text("reflect.thanks_before_reflection"))
    note = reflect.draft_thank_you(
        their_name=contact.name, my_name=my_name, topic=topic, advice=advice, next_step=next_step
    )
    redraft = st.button("Draft it again from the fields above", key=f"{draft_key}_redraft")
    subject = st.text_input("Subject", value=note.subject, key=f"{fields_key}_subject")
    messages.under("subject")
    ui.follow_draft(body_key, note.body, redraft=redraft)
    body = st.text_area("Thank-you note (edit freely)", height=220, key=body_key)
    ui.copy_and_mail(body, what="note", email=contact.email, subject=subject)
    if view.thank_you is None:
        return
    button = "Mark the thank-you as sent"
    sent, channel, sent_on = ui.sent_form(
        button, messages, CHANNELS, form=f"{draft_key}_sent", key_prefix=draft_key, type="primary"
    )
    if sent:
        typed = reflect.ThankYouSent(channel, subject, body, sent_on, my_name)
        send = partial(
            reflect.send_thank_you, store, interview_id, contact.id, typed, now=datetime.now()
        )
        ui.submit(send, messages=messages, form=f"thanks_{interview_id}", done=view.thanked)


st.title("Reflect")
st.markdown(guidance.text("reflect.intro"))
labels = reflect.conversation_menu(store)
chosen = ui.record_menu(
    "Conversation", labels, param="interview", current_key=CURRENT, menu_key=SELECTED
)
view = reflect.load_conversation(store, chosen, today=today) if chosen is not None else None
if view is None:
    st.info(guidance.text("reflect.no_interviews"), icon=":material/lightbulb:")
    st.page_link("pages/4_Questions.py", label="Open Questions", icon=":material/quiz:")
tabs = st.tabs(list(reflect.TABS), key=reflect.VIEW_KEY, bind="query-params")
reflect_tab, thanks_tab, actions_tab, touch_tab = tabs

# The reflection and the thank-you are always built, so what is typed in them outlives a
# visit to another tab; the action items and the updates are built only while open (a
# kept update's text comes back as it was left).
if view is None:
    reflect_tab.caption(
        "A reflection belongs to a conversation that has happened: mark one done first."
    )
    thanks_tab.caption("The thank-you is drafted here once a conversation has happened.")
else:
    with reflect_tab:
        reflection_form(view)
        if view.reflection is not None:
            what, delete = f"your reflection on {view.conversation}", reflect.delete_reflection
            key, row = f"reflection_{view.reflection.id}", st.container(horizontal=True)
            delete = partial(delete, store, view)
            ui.edit_and_delete(row, key=key, what=what, delete=delete, editable=False)
            what_follows(view)
    with thanks_tab:
        thank_you(view)

if actions_tab.open:
    with actions_tab:
        st.caption(guidance.text("reflect.actions_help"))
        linked = view is not None and view.reflection is not None
        who = view.interview.contact_name if linked else ""
        add = partial(reflect.add_action, store)
        ui.new_action_form(add, link=view.action_link if linked else (), who=who, today=today)
        commands = ui.ActionCommands(
            add,
            partial(reflect.set_action_done, store),
            partial(reflect.edit_action, store),
            partial(reflect.delete_action, store),
        )
        ui.action_list(reflect.load_actions(store, today=today), commands, today=today)

if touch_tab.open:
    with touch_tab:
        st.caption(guidance.text("reflect.keep_in_touch_help"))
        touch = reflect.load_keep_in_touch(store, today=today)
        if not touch.due_count:
            st.success("Nobody is waiting for an update right now.", icon=":material/check_circle:")
        if touch.more_waiting:
            st.caption(touch.more_waiting)
        for card in touch.cards:
            check_in, box = card.check_in, st.container(border=True)
            organisation = f", {ui.md(check_in.organisation)}" if check_in.organisation else ""
            box.markdown(f"**{ui.md(check_in.contact_name)}**{organisation} · {card.when}")
            box.caption("  \n".join(ui.md(c) for c in card.context))
            body_key = ui.form_key(f"update_{check_in.contact_id}")
            st.session_state.setdefault(body_key, card.update.body)
            ui.keep_typed(body_key)
            body = box.text_area("Update (edit freely)", height=170, key=body_key)
            row = box.container(horizontal=True)
            ui.mail_button(check_in.email, card.update.subject, body, where=row)
            if row.button("Mark the update as sent", key=f"{body_key}_sent"):
                send = partial(reflect.send_update, store, card, body, now=datetime.now())
                done = f"Recorded your update to {check_in.contact_name}."
                with box:
                    ui.submit(send, form=f"update_{check_in.contact_id}", done=done)
        if view is not None and view.contact is not None:
            st.divider()
            contact, every = view.contact, view.check_in_every
            a, b = st.columns([2, 1], vertical_alignment="bottom")
            label = f"Get back in touch with {ui.md(contact.name)} every … days"
            key = f"every_{contact.id}_{every}"
            days = a.number_input(label, *CHECK_IN_RANGE, value=every, key=key)
            if b.button("Save", key=f"every_{contact.id}_save"):
                save = partial(reflect.set_check_in_every, store, contact.id, int(days))
                ui.submit(save, done=f"The planner will suggest an update every {int(days)} days.")
