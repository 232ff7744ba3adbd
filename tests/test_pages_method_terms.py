"""The method's terms (LAMP, 3B7, TIARA) are explained in the app where they appear: a
help tooltip beside the text or menu that names them, in the words the guidance ships."""

from __future__ import annotations

from planner import guidance

from .apptest_helpers import open_page, open_section


def tooltips(at) -> set[str]:
    elements = [*at.markdown, *at.selectbox]
    return {element.help for element in elements if getattr(element, "help", "")}


def shown(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_research_names_lamp_and_explains_it(planner_file):
    at = open_page("pages/2_Research.py")
    assert "LAMP" in shown(at)
    explained = guidance.text("method.lamp")
    assert explained in tooltips(at)
    assert all(word in explained for word in ("Advocacy", "Motivation", "Posting"))


def test_the_follow_up_rule_names_3b7_and_explains_it(planner_file):
    at = open_section(open_page("pages/3_Contacts.py"), "contacts_follow_up_rule")
    assert "3B7" in shown(at)
    explained = guidance.text("method.3b7")
    assert explained in tooltips(at)
    assert "3 business days" in explained and "7 business days" in explained


def test_the_question_bank_explains_tiara_beside_its_menu_and_intro(planner_file):
    at = open_page("pages/4_Questions.py")
    at.session_state["questions_view"] = "Question bank"
    at.run()
    assert not at.exception
    explained = guidance.text("method.tiara")
    [menu] = [s for s in at.selectbox if s.label == "TIARA"]
    assert menu.help == explained
    assert explained in {m.help for m in at.markdown if "TIARA" in m.value}
    for element in ("Trends", "Insights", "Advice", "Resources", "Assignments"):
        assert element in explained
