"""Step 5, Reflect: what a conversation taught, the thank-you, what to do about it, and
keeping in touch."""

from datetime import datetime

import streamlit as st

from planner import guidance, ui
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import FIT_QUESTIONS
from planner.messages import mailto_link
from planner.organisations import MOTIVATION_LEVELS
from planner.reflection import (
    PROMPTS,
    RATING_RANGE,
    ActionDraft,
    FitRating,
    ReflectionDraft,
    SkillHeard,
    fit_questions_to_rate,
    gap_action_title,
)
from planner.text import setting_problem
from planner.thanks import CHECK_IN_RANGE, draft_thank_you, draft_update
from planner.vocabulary import (
    ACTION_KINDS,
    ASSUMPTION_VERDICTS,
    CHANNELS,
    INTEREST_CHANGES,
    INTERVIEW_FORMATS,
)

store = ui.page("Reflect")
SELECTED = "reflect_interview"  # the "Conversation" menu
CURRENT = "reflect_current"  # the conversation open, by id: saving a reflection changes the
# menu's labels, which makes Streamlit draw a new menu; this keeps the choice
VIEW = "reflect_view"  # the open tab, kept in the URL
OPEN_ACTIONS_SHOWN = 50  # the soonest due; a long list is no plan
CHECK_INS_SHOWN = 10  # the longest waiting

st.title("Reflect")
st.markdown(guidance.text("reflect.intro"))
today = ui.today()
done = [i for i in store.planning_overview() if i.status == "done"]
missing = {m.interview_id for m in store.reflections_missing()}
# Conversations still waiting for a reflection first, then the rest, latest first.
done.sort(key=lambda i: (i.interview_id not in missing, -i.starts_at.timestamp()))
by_id = {i.interview_id: i for i in done}

ui.open_from_link("interview", by_id, current_key=CURRENT, menu_key=SELECTED)


item = None
if done:
    ids = list(by_id)
    current = st.session_state.get(CURRENT)
    chosen = st.selectbox(
        "Conversation",
        ids,
        index=ids.index(current) if current in by_id else 0,
        format_func=lambda i: by_id[i].label() + (" · no reflection yet" if i in missing else ""),
        key=SELECTED,
    )
    st.session_state[CURRENT] = chosen
    item = by_id[chosen]
else:
    st.info(guidance.text("reflect.no_interviews"), icon=":material/lightbulb:")
    st.page_link("pages/4_Questions.py", label="Open Questions", icon=":material/quiz:")

reflect_tab, thanks_tab, actions_tab, touch_tab = st.tabs(
    ["Reflection", "Thank-you", "Action items", "Keep in touch"], key=VIEW, bind="query-params"
)
goal = store.get_goal(item.goal_id) if item is not None and item.goal_id is not None else None
saved = store.reflection_for(item.interview_id) if item is not None else None
contact = (
    store.get_contact(item.contact_id) if item is not None and item.contact_id is not None else None
)


def meeting_line() -> str:
    who = ui.md(item.contact_name or "A deleted contact")
    about = ", ".join(ui.md(x) for x in (item.contact_role, item.organisation) if x)
    form = INTERVIEW_FORMATS.get(item.format, item.format).lower()
    line = f"**{who}**" + (f", {about}" if about else "")
    line += f" · met {item.starts_at:%A %d %B %Y} · {form}"
    if goal is not None:
        line += f" · goal: {ui.md(goal.title)}"
    return line


# -- the reflection -----------------------------------------------------------------------
# Every tab is drawn on every run: a tab left undrawn would drop what was typed in it.
if item is not None:
    with reflect_tab:
        st.markdown(meeting_line())
        if item.general_notes:
            with st.expander("Your notes from the day", icon=":material/edit_note:"):
                st.markdown(ui.md(item.general_notes))
        base = saved or ReflectionDraft()
        ratings = {r.fit_question: r for r in base.fit_ratings}
        fit_keys = fit_questions_to_rate(goal.fit_questions if goal else [], list(ratings))
        assumptions = store.assumptions(item.goal_id) if item.goal_id is not None else []
        key = f"reflection_{item.interview_id}_{saved.version if saved else 0}"
        ui.say_if_outdated(key, f"reflection_{item.interview_id}_", "reflection")
        messages = ui.FieldMessages()
        with st.form(key, enter_to_submit=False):
            st.caption(guidance.text("reflect.prompts_help"))
            messages.under("prompts")
            left, right = st.columns(2)
            typed = {}
            for index, (name, label) in enumerate(PROMPTS.items()):
                column = left if index % 2 == 0 else right
                typed[name] = column.text_area(
                    label, value=getattr(base, name), height=100, key=f"{key}_{name}"
                )
                with column:
                    messages.under(name)
            st.markdown("**Fit: what this conversation says**")
            rated: dict[str, tuple] = {}
            for fit_key in fit_keys:
                a, b = st.columns([1, 3])
                before = ratings.get(fit_key)
                score = a.selectbox(
                    FIT_QUESTIONS[fit_key],
                    [None, *range(RATING_RANGE[0], RATING_RANGE[1] + 1)],
                    index=0 if before is None else before.rating,
                    format_func=lambda r: "Not rated" if r is None else f"{r} of 5",
                    key=f"{key}_fit_{fit_key}",
                )
                why = b.text_input(
                    "Why, in a sentence",
                    value=before.why if before else "",
                    key=f"{key}_why_{fit_key}",
                )
                with b:
                    messages.under(f"fit_{fit_key}")
                rated[fit_key] = (score, why)
            interest = st.radio(
                "After this conversation",
                list(INTEREST_CHANGES),
                index=list(INTEREST_CHANGES).index(base.interest_change),
                format_func=INTEREST_CHANGES.get,
                horizontal=True,
                key=f"{key}_interest",
            )
            takeaways = st.text_area(
                "Key takeaways (one per line)",
                value="\n".join(base.takeaways),
                height=90,
                key=f"{key}_takeaways",
            )
            messages.under("takeaways")
            a, b = st.columns(2)
            have = a.text_area(
                "Skills they said matter that I have (one per line)",
                value="\n".join(s.skill for s in base.skills if s.status == "have"),
                height=90,
                key=f"{key}_have",
            )
            gaps = b.text_area(
                "Skills they said matter that I lack (one per line)",
                value="\n".join(s.skill for s in base.skills if s.status == "gap"),
                height=90,
                key=f"{key}_gaps",
            )
            messages.under("skills")
            themes = st.text_input(
                "Themes (comma-separated)",
                value=", ".join(base.themes),
                help=guidance.text("reflect.themes_help"),
                key=f"{key}_themes",
            )
            messages.under("themes")
            verdicts = {}
            if assumptions:
                st.markdown("**What you assumed before talking to anyone**")
                for assumption in assumptions:
                    choice = st.radio(
                        ui.md(assumption.statement),
                        ["", *ASSUMPTION_VERDICTS],
                        index=["", *ASSUMPTION_VERDICTS].index(
                            base.assumption_verdicts.get(assumption.id, "")
                        ),
                        format_func=lambda v: ASSUMPTION_VERDICTS.get(v, "Not discussed"),
                        horizontal=True,
                        key=f"{key}_assumption_{assumption.id}",
                    )
                    verdicts[assumption.id] = choice
                messages.under("assumptions")
            submitted = ui.submit_button("Save the reflection", form=key, type="primary")
            messages.summary()
        if submitted:
            draft = ReflectionDraft(
                **typed,
                interest_change=interest,
                takeaways=takeaways.splitlines(),
                themes=themes.split(","),
                fit_ratings=[
                    FitRating(k, score or 0, why)
                    for k, (score, why) in rated.items()
                    if score or why.strip()  # a sentence without a rating is asked about
                ],
                skills=[SkillHeard(s, "have") for s in have.splitlines()]
                + [SkillHeard(s, "gap") for s in gaps.splitlines()],
                assumption_verdicts=verdicts,
            )
            try:
                store.save_reflection(
                    item.interview_id, draft, expected_version=saved.version if saved else 0
                )
            except ValidationError as error:
                messages.show(error.errors)
            except (StaleEdit, NotFound) as error:
                st.error(ui.md(str(error)), icon=":material/error:")
            else:
                ui.flash("Saved your reflection. Next: thank them, and decide what to act on.")
                st.rerun()

        if saved is not None:
            st.subheader("What follows from it")
            gaps_heard = [s.skill for s in saved.skills if s.status == "gap"]
            planned = {a.title.casefold() for a in store.action_items(reflection_id=saved.id)}
            offered = [g for g in gaps_heard if gap_action_title(g).casefold() not in planned]
            if offered:
                st.markdown("**Skill gaps they mentioned**")
                row = st.container(horizontal=True)
                for skill in offered:
                    row.button(
                        f"Add an action: {ui.md(gap_action_title(skill))}",
                        key=f"gap_{saved.id}_{skill}",
                        icon=":material/add_task:",
                        on_click=lambda s=skill: ui.report(
                            lambda: store.add_action(
                                ActionDraft(
                                    gap_action_title(s),
                                    "learn_skill",
                                    None,
                                    item.goal_id,
                                    saved.id,
                                )
                            )
                        ),
                    )
            if contact is not None and contact.organisation_id is not None:
                organisation = next(
                    (o for o in store.list_organisations() if o.id == contact.organisation_id),
                    None,
                )
                if organisation is not None:
                    st.markdown(
                        f"**After this conversation, how much do you want to work at "
                        f"{ui.md(organisation.name)}?**"
                    )
                    a, b = st.columns([2, 1], vertical_alignment="bottom")
                    new_score = a.selectbox(
                        "Motivation",
                        list(MOTIVATION_LEVELS),
                        index=list(MOTIVATION_LEVELS).index(organisation.motivation),
                        format_func=MOTIVATION_LEVELS.get,
                        key=f"motivation_{saved.id}_{organisation.version}",
                    )
                    if b.button("Update the score", key=f"motivation_save_{saved.id}"):
                        if new_score == organisation.motivation:
                            ui.flash(
                                f"Motivation for {organisation.name} stays {new_score}.", "info"
                            )
                        elif ui.report(
                            lambda: store.update_motivation(
                                organisation.id, new_score, reflection_id=saved.id
                            )
                        ):
                            ui.flash(f"Motivation for {organisation.name} is now {new_score}.")
                        st.rerun()
                    history = store.motivation_history(organisation.id)
                    if len(history) > 1:
                        st.caption(
                            "History: "
                            + " → ".join(
                                f"{score} ({when:%d %b %Y}"
                                + (f", after {ui.md(who)}" if who else "")
                                + ")"
                                for when, score, who in history
                            )
                        )

            st.markdown("**People they suggested**")
            st.caption(guidance.text("reflect.referrals_help"))
            ui.referral_form(
                lambda **typed: store.add_mentioned_contact(
                    item.interview_id, **typed, today=ui.today()
                ),
                store.mentioned_in(item.interview_id),
                item.contact_name,
                form=f"referral_{item.interview_id}",
                button="Add as a contact",
                links_caption="Suggested here:",
            )
            if contact is not None:
                st.checkbox(
                    "They said I may contact them again",
                    value=store.may_recontact(contact.id),
                    key=f"recontact_{contact.id}",
                    on_change=lambda c=contact.id: ui.report(
                        lambda: store.set_may_recontact(c, st.session_state[f"recontact_{c}"])
                    ),
                )

# -- the thank-you --------------------------------------------------------------------------
if item is not None:
    with thanks_tab:
        st.markdown(meeting_line())
        interview = next(
            (o for o in store.thank_yous_owed() if o.interview_id == item.interview_id), None
        )
        if contact is None:
            st.info("The contact was deleted, so there is nobody to thank here.")
        elif interview is None:
            st.success(
                f"You thanked {ui.md(contact.name)} for this conversation.",
                icon=":material/mark_email_read:",
            )
        else:
            late = (today - interview.due_on).days
            when = (
                f"overdue by {late} day{'s' if late != 1 else ''}"
                if late > 0
                else "due today"
                if late == 0
                else f"due {interview.due_on:%A %d %B}"
            )
            st.warning(
                f"Thank-you {when}: send it within a day, while they remember you.",
                icon=":material/schedule:",
            )
        if contact is not None:
            settings = store.settings()
            open_actions = [
                a
                for a in (store.action_items(reflection_id=saved.id) if saved else [])
                if a.done_on is None
            ]
            draft_key = ui.form_key(f"thanks_{item.interview_id}")
            # The fields prefilled from the reflection follow it when it is saved again;
            # the note itself keeps its key, so a note the user edited is never reset.
            fields_key = f"{draft_key}_r{saved.version if saved else 0}"
            a, b = st.columns(2)
            topic = a.text_input(
                "A topic you discussed",
                value=(saved.themes[0] if saved and saved.themes else ""),
                key=f"{fields_key}_topic",
            )
            advice = b.text_input(
                "Advice you are taking",
                value=saved.advice if saved else "",
                key=f"{fields_key}_advice",
            )
            a, b = st.columns(2)
            next_step = a.text_input(
                "What you will do next",
                value=open_actions[0].title if open_actions else "",
                key=f"{fields_key}_next",
            )
            my_name = b.text_input(
                "Your name", value=settings.get("me.name", ""), key=f"{draft_key}_me"
            )
            name_messages = ui.FieldMessages()
            with b:
                name_messages.under("my_name")
            if saved is None:
                st.caption(guidance.text("reflect.thanks_before_reflection"))
            note = draft_thank_you(
                their_name=contact.name,
                my_name=my_name,
                topic=topic,
                advice=advice,
                next_step=next_step,
            )
            body_key = f"{draft_key}_body"
            drafted_key = f"{draft_key}_drafted"  # the last draft, to know if it was edited
            untouched = st.session_state.get(body_key) == st.session_state.get(drafted_key)
            redraft = st.button("Draft it again from the fields above", key=f"{draft_key}_redraft")
            if redraft or untouched or body_key not in st.session_state:
                st.session_state[body_key] = note.body  # follows the fields until edited
            st.session_state[drafted_key] = note.body
            sent_messages = ui.FieldMessages()
            subject = st.text_input("Subject", value=note.subject, key=f"{fields_key}_subject")
            sent_messages.under("subject")
            body = st.text_area("Thank-you note (edit freely)", height=220, key=body_key)
            st.caption("To copy the note, use the copy icon at the top right of this box.")
            st.code(body, language=None, wrap_lines=True)
            if contact.email:
                st.link_button(
                    "Open in my mail program",
                    mailto_link(contact.email, subject, body),
                    icon=":material/mail:",
                )
            if interview is not None:
                with st.form(f"{draft_key}_sent", enter_to_submit=False):
                    a, b = st.columns(2)
                    channel = a.selectbox(
                        "Sent by",
                        list(CHANNELS),
                        format_func=CHANNELS.get,
                        key=f"{draft_key}_channel",
                    )
                    sent_on = b.date_input(
                        "Sent on",
                        value=today,
                        max_value=today,
                        format="YYYY-MM-DD",
                        key=f"{draft_key}_on",
                    )
                    sent = st.form_submit_button("Mark the thank-you as sent", type="primary")
                    sent_messages.under("body")
                    sent_messages.summary()
                if sent and (problem := setting_problem(my_name)):
                    name_messages.show({"my_name": problem})  # checked first: nothing half-saved
                elif sent:
                    try:
                        store.record_message(
                            contact.id,
                            "thank_you",
                            channel=channel,
                            subject=subject,
                            body=body,
                            sent_at=datetime.combine(sent_on, datetime.now().time()),
                            interview_id=item.interview_id,
                        )
                        if my_name.strip() != settings.get("me.name", ""):
                            store.save_settings({"me.name": my_name.strip()})
                    except ValidationError as error:
                        sent_messages.show(error.errors)
                    except NotFound as error:
                        st.error(ui.md(str(error)), icon=":material/error:")
                    else:
                        ui.form_saved(f"thanks_{item.interview_id}")
                        every = store.check_in_every(contact.id)
                        ui.flash(
                            f"Recorded your thank-you to {contact.name}. The planner will "
                            f"remind you to get back in touch in {every} days."
                        )
                        st.rerun()

if item is None:
    with reflect_tab:
        st.caption("A reflection belongs to a conversation that has happened: mark one done first.")
    with thanks_tab:
        st.caption("The thank-you is drafted here once a conversation has happened.")

# -- action items ----------------------------------------------------------------------------
with actions_tab:
    st.caption(guidance.text("reflect.actions_help"))
    goals = {g.id: g.title for g in store.list_goals()}
    action_key = ui.form_key("action_new")
    action_messages = ui.FieldMessages()
    with st.form(action_key, enter_to_submit=False):
        a, b, c = st.columns([3, 1, 1])
        title = a.text_input("What will you do?", key=f"{action_key}_title")
        with a:
            action_messages.under("title")
        kind = b.selectbox(
            "Kind", list(ACTION_KINDS), format_func=ACTION_KINDS.get, key=f"{action_key}_kind"
        )
        due = c.date_input(
            "Due", value=None, min_value=today, format="YYYY-MM-DD", key=f"{action_key}_due"
        )
        link = st.checkbox(
            f"From this conversation ({ui.md(item.contact_name)})"
            if item is not None and saved is not None and item.contact_name
            else "From this conversation",
            value=item is not None and saved is not None,
            disabled=item is None or saved is None,
            key=f"{action_key}_link",
        )
        add_action = st.form_submit_button("Add the action item", type="primary")
        action_messages.summary()
    if add_action:
        linked = link and item is not None and saved is not None
        try:
            store.add_action(
                ActionDraft(
                    title,
                    kind,
                    due,
                    item.goal_id if linked else None,
                    saved.id if linked else None,
                )
            )
        except ValidationError as error:
            action_messages.show(error.errors)
        except NotFound as error:
            st.error(ui.md(str(error)), icon=":material/error:")
        else:
            ui.form_saved("action_new")
            ui.flash(f"Added the action item: {' '.join(title.split())}.")
            st.rerun()

    every_action = store.action_items()
    open_items = [a for a in every_action if a.done_on is None]
    finished = [a for a in every_action if a.done_on is not None]
    if not every_action:
        st.info("No action items yet: add what you decided to do after a conversation.")
    for action in open_items[:OPEN_ACTIONS_SHOWN]:
        late = action.due_on is not None and action.due_on < today
        when = f"due {action.due_on:%a %d %b}" if action.due_on else "no due date"
        source = f" · from {ui.md(action.contact_name)}" if action.contact_name else ""
        goal_note = f" · {ui.md(action.goal_title)}" if action.goal_title else ""
        label = (
            f"{ui.md(action.title)} :gray[({ACTION_KINDS.get(action.kind, action.kind)}, "
            f"{':red[' + when + ']' if late else when}{source}{goal_note})]"
        )
        st.checkbox(
            label,
            value=False,
            key=f"action_{action.id}_{action.version}",
            on_change=lambda a=action.id: ui.report(lambda: store.set_action_done(a, today)),
        )
    if len(open_items) > OPEN_ACTIONS_SHOWN:
        st.caption(
            f"And {len(open_items) - OPEN_ACTIONS_SHOWN} more, due later or undated: tick off "
            "these first."
        )
    if finished:
        with st.expander(f"Done ({len(finished)})", icon=":material/task_alt:"):
            for action in finished[:OPEN_ACTIONS_SHOWN]:  # the latest done
                st.checkbox(
                    f"{ui.md(action.title)} :gray[(done {action.done_on:%d %b %Y})]",
                    value=True,
                    key=f"action_{action.id}_{action.version}",
                    on_change=lambda a=action.id: ui.report(lambda: store.set_action_done(a, None)),
                )

# -- keeping in touch --------------------------------------------------------------------------
with touch_tab:
    st.caption(guidance.text("reflect.keep_in_touch_help"))
    due_now = store.check_ins_due(today=today)
    settings = store.settings()
    if not due_now:
        st.success("Nobody is waiting for an update right now.", icon=":material/check_circle:")
    if len(due_now) > CHECK_INS_SHOWN:
        st.caption(
            f"{len(due_now)} people are due an update; here are the {CHECK_INS_SHOWN} who have "
            "waited longest."
        )
    for check_in in due_now[:CHECK_INS_SHOWN]:
        with st.container(border=True):
            overdue = (today - check_in.due_on).days
            st.markdown(
                f"**{ui.md(check_in.contact_name)}**"
                + (f", {ui.md(check_in.organisation)}" if check_in.organisation else "")
                + f" · due {check_in.due_on:%d %b %Y}"
                + (f" ({overdue} days ago)" if overdue > 0 else "")
            )
            context = [f"Last in touch on {check_in.last_contact:%d %b %Y}."]
            if check_in.last_conversation:
                context.append(f"Last conversation on {check_in.last_conversation:%d %b %Y}.")
            if check_in.advice:
                context.append(f"Their advice: {check_in.advice}")
            if check_in.done_since:
                context.append("You acted on it: " + "; ".join(check_in.done_since) + ".")
            st.caption("  \n".join(ui.md(c) for c in context))
            update = draft_update(
                their_name=check_in.contact_name,
                my_name=settings.get("me.name", ""),
                done=check_in.done_since,
                advice=check_in.advice,
                organisation=check_in.organisation,
            )
            body_key = ui.form_key(f"update_{check_in.contact_id}")
            st.session_state.setdefault(body_key, update.body)
            body = st.text_area("Update (edit freely)", height=170, key=body_key)
            row = st.container(horizontal=True)
            if check_in.email:
                row.link_button(
                    "Open in my mail program",
                    mailto_link(check_in.email, update.subject, body),
                    icon=":material/mail:",
                )
            if row.button("Mark the update as sent", key=f"{body_key}_sent"):
                if ui.report(
                    lambda c=check_in, b=body, u=update: store.record_message(
                        c.contact_id,
                        "check_in",
                        channel="email" if c.email else "other",
                        subject=u.subject,
                        body=b,
                        sent_at=datetime.now(),
                    )
                ):
                    ui.form_saved(f"update_{check_in.contact_id}")
                    ui.flash(f"Recorded your update to {check_in.contact_name}.")
                st.rerun()
    if contact is not None:
        st.divider()
        every = store.check_in_every(contact.id)
        a, b = st.columns([2, 1], vertical_alignment="bottom")
        days = a.number_input(
            f"Get back in touch with {ui.md(contact.name)} every … days",
            CHECK_IN_RANGE[0],
            CHECK_IN_RANGE[1],
            value=every,
            key=f"every_{contact.id}_{every}",
        )
        if b.button("Save", key=f"every_{contact.id}_save") and ui.report(
            lambda: store.set_check_in_every(contact.id, int(days))
        ):
            ui.flash(f"The planner will suggest an update every {int(days)} days.")
            st.rerun()
