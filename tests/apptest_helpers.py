"""Driving pages under streamlit.testing's AppTest: open, fill, click, find messages."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from planner.store import Database

REPO = Path(__file__).resolve().parent.parent


def open_page(page: str, *, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """``page`` opened as a browser would: Home first, then the page. ``secrets`` and
    ``user`` stand for the server's secrets and the signed-in person (``st.user``)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored_goals(path: Path):
    with Database(path) as db:
        return db.session().goals.list()


def click(at: AppTest, label: str) -> AppTest:
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in at.button]}"
    matches[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def message_after(at: AppTest, key: str) -> str | None:
    """The alert shown right under the widget with ``key`` in the same container (if any)."""

    def search(node):
        children = list(getattr(node, "children", {}).values())
        for index, child in enumerate(children):
            if getattr(child, "key", None) == key:
                for follower in children[index + 1 :]:
                    if follower.type in ("error", "alert") or follower.type == "exception":
                        return follower.value
                    if getattr(follower, "key", None):  # the next field: no message here
                        return None
                return None
            found = search(child)
            if found is not None:
                return found
        return None

    return search(at._tree)


def unescape(text: str) -> str:
    """Markdown from ``ui.md`` read as the browser shows it (separators and escapes gone)."""
    return text.replace(":color[]", "").replace("\\", "")


def widgets(at: AppTest):
    for kind in (
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "selectbox",
        "multiselect",
    ):
        yield from at.get(kind)


# Forms built only while their section or tab is open: a form key's start -> what to open
# (a tab's key and label, or an expander's key and True), in order.
OPENED_FOR = {
    "new_goal": [("goals_add", True)],
    "new_contact": [("contacts_add", True)],
    "new_org": [("research_add_org", True)],
    "new_note": [("research_tabs", "Research notes"), ("research_add_note", True)],
}


def open_form(at: AppTest, prefix: str) -> None:
    """Open the section (and tab) the form ``prefix`` is drawn in, as a user would."""
    for start, steps in OPENED_FOR.items():
        if prefix.startswith(start):
            for key, value in steps:
                if key not in at.session_state or at.session_state[key] != value:
                    at.session_state[key] = value
                    at.run()


def fill(at: AppTest, prefix: str, **values) -> None:
    """Set the widgets keyed ``<prefix>_<name>`` to the values given (opening the section
    their form is drawn in first)."""
    open_form(at, prefix)
    for name, value in values.items():
        widget = next(w for w in widgets(at) if w.key == f"{prefix}_{name}")
        if hasattr(widget, "input") and isinstance(value, str):
            widget.input(value)
        else:
            widget.set_value(value)


def browser_types(
    at: AppTest, key: str, text: str, *, based_on: list[str] | None = None
) -> AppTest:
    """Send ``text`` from the autosaving field ``key`` as the browser does while typing.

    ``based_on`` is what the browser sends as the texts the planner may hold from the
    field; by default the text the page last drew the field with, as after a save.
    AppTest has no public way to set a component's state (``session_state`` changes
    what the script reads but never runs its callback), so this adds the widget state
    the browser would send to the next run, through AppTest's own ``_tree`` and ``_run``.
    """
    element = next(e for e in at.get("bidi_component") if e.key == key)
    sent = getattr(at, "_autosave_sent", 0) + 1
    at._autosave_sent = sent
    if based_on is None:
        based_on = [json.loads(element.proto.json)["value"]]
    state = {**(element.value or {}), "value": text, "rev": f"test-{sent}", "base": based_on}
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=element.proto.id, json_value=json.dumps(state)))
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def autosave_status(at: AppTest, key: str) -> dict:
    """The data the page last passed to the autosaving field ``key`` (value, ack, error)."""
    element = next(e for e in at.get("bidi_component") if e.key == key)
    return json.loads(element.proto.json)


def open_section(at: AppTest, key: str) -> AppTest:
    """Open the expander ``key`` that is built only while open (``ui.opened``)."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open the tab ``label`` of the tabs ``key`` that build only the open one."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
