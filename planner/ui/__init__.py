"""The Streamlit side of the planner: the one package in planner/ that imports streamlit.

Every page starts with ``store = ui.page("Title")``: page config, the shared sidebar,
the demo banner, and a Store for this session. Pages write ``from planner import ui``
and call what is re-exported here:

- ``session``: which planner this session uses (its own or the demo), its Store,
  ``flash`` (a message shown once at the top of the next run) and ``today``.
- ``page_setup``: ``page`` and the sidebar.
- ``escaping``: ``md``, user text made inert for Markdown and labels.
- ``forms``: the one form idiom: ``FormFields``/``FieldMessages`` put a message under
  each field, ``submit`` runs a form's command and shows a refusal where it belongs,
  ``report`` does it from callbacks, ``announce`` says what a command did; ``form_key``,
  ``submit_button``, ``say_if_outdated``.
- ``widgets``: menus, the filter row, selectable tables, boxes, paging, downloads, an
  expander that builds its body only while open.
- ``feedback``: a checklist, a warning line with the rewrite to try.
- ``lists``: list fields read one way everywhere, their items shown before saving.
- ``navigation``: the record menu, links that open a record, a card whose title wraps.
- ``sending``: a message the user sends: copy it, open it in their mail, record it sent.
- ``action_items``: the action items listed, added, ticked off, edited, deleted.
- ``record_edits``: Edit and Delete beside a record, the fields of an action item.
- ``command_widgets``: checkboxes and buttons that run a command at once, ``confirm``.
- ``autosave``: the notes field that saves while typing; ``drafts``: drafted text.
- ``history``: a contact's history, each entry corrected where it is listed.
- ``referral``: the "someone they suggested" form.
- ``meetings``: a contact's meetings (reschedule, cancel, calendar files), the meeting form.
- ``choosing``: a keyboard-usable list of checkboxes, in sections.
- ``corrections``: a text reworded in place, a proposed rewrite applied, Undo.
"""

from __future__ import annotations

from planner.ui.action_items import ActionCommands, action_list, new_action_form
from planner.ui.autosave import autosave_text_area
from planner.ui.calendar_feed import app_address, calendar_feed_section
from planner.ui.choosing import tick_list
from planner.ui.command_widgets import (
    command_button,
    command_checkbox,
    confirm,
    order_buttons,
    saves,
    sets,
)
from planner.ui.corrections import editable_line, undo_notice, warning_with_rewrite
from planner.ui.drafts import DraftArea, follow_draft
from planner.ui.escaping import md
from planner.ui.feedback import checklist, warning_line
from planner.ui.forms import (
    FieldMessages,
    FormFields,
    announce,
    field_error,
    form_key,
    form_saved,
    report,
    say_if_outdated,
    submit,
    submit_button,
)
from planner.ui.history import HistoryCommands, history_list
from planner.ui.imports import import_section
from planner.ui.lists import list_items, preview_button, show_list
from planner.ui.meetings import MEETING_FIELDS, meeting_fields, meeting_list
from planner.ui.navigation import card, contact_links, open_from_link, record_menu
from planner.ui.page_setup import APP_ICON, APP_NAME, page, sidebar
from planner.ui.record_edits import done_editing, edit_and_delete, title_and_due
from planner.ui.referral import referral_form
from planner.ui.sending import copy_and_mail, mail_button, sent_form
from planner.ui.session import (
    current_store,
    enter_demo,
    flash,
    in_demo,
    keep_typed,
    kept_on_a_server,
    leave_demo,
    own_and_demo_stores,
    signed_in_account,
    today,
)
from planner.ui.widgets import (
    PAGE_SIZE,
    boxed,
    download_button,
    filter_bar,
    list_key,
    menu,
    paged,
    pick,
    table_rows,
    while_open,
)

__all__ = [
    "APP_ICON",
    "APP_NAME",
    "MEETING_FIELDS",
    "PAGE_SIZE",
    "ActionCommands",
    "DraftArea",
    "FieldMessages",
    "FormFields",
    "HistoryCommands",
    "action_list",
    "announce",
    "app_address",
    "autosave_text_area",
    "boxed",
    "calendar_feed_section",
    "card",
    "checklist",
    "command_button",
    "command_checkbox",
    "confirm",
    "contact_links",
    "copy_and_mail",
    "current_store",
    "done_editing",
    "download_button",
    "edit_and_delete",
    "editable_line",
    "enter_demo",
    "field_error",
    "filter_bar",
    "flash",
    "follow_draft",
    "form_key",
    "form_saved",
    "history_list",
    "import_section",
    "in_demo",
    "keep_typed",
    "kept_on_a_server",
    "leave_demo",
    "list_items",
    "list_key",
    "mail_button",
    "md",
    "meeting_fields",
    "meeting_list",
    "menu",
    "new_action_form",
    "open_from_link",
    "order_buttons",
    "own_and_demo_stores",
    "page",
    "paged",
    "pick",
    "preview_button",
    "record_menu",
    "referral_form",
    "report",
    "saves",
    "say_if_outdated",
    "sent_form",
    "sets",
    "show_list",
    "sidebar",
    "signed_in_account",
    "submit",
    "submit_button",
    "table_rows",
    "tick_list",
    "title_and_due",
    "today",
    "undo_notice",
    "warning_line",
    "warning_with_rewrite",
    "while_open",
]
