"""What the browser keeps: two tabs merge, a failed save is shown, unreadable state is kept aside.

Assessment and checklist pages store their state with PB.openStore (pb-core.js): format 2, one
entry per question or item plus the time of its last change, merged entry by entry with what is
stored and with other tabs' saves. These tests drive Chromium with two tabs of one browser
context (shared localStorage) and check what a reader sees and what is stored.
"""

from __future__ import annotations

import json

import pytest
from browser_support import ROOT, build_handbook
from playwright.sync_api import expect

FORM = "form[data-pb-assessment]"
ASSESSMENT = "assessments/internal-service/"
CHECKLIST = "checklists/internal-service/"
NOTICE = "[data-pb-notice]"
BLOCK_SAVES = """
Storage.prototype.setItem = function () {
  throw new DOMException("The user denied permission to store data.", "SecurityError");
};
"""
DEAF_TO_OTHER_TABS = """
window.addEventListener("storage", (event) => event.stopImmediatePropagation(), true);
"""
FILL_STORAGE = """() => {
  let size = 1 << 20;
  let count = 0;
  while (size >= 1) {
    try {
      localStorage.setItem("filler:" + count, "x".repeat(size));
      count += 1;
    } catch (error) {
      size = Math.floor(size / 2);
    }
  }
  return count;
}"""


@pytest.fixture(scope="module")
def german_site(tmp_path_factory, serve_site) -> str:
    """The German fixture handbook (tests/sites/assessment7), served from a sub-path."""
    root = tmp_path_factory.mktemp("state-de")
    build_handbook(ROOT / "tests" / "sites" / "assessment7", root / "de")
    return serve_site(root) + "de/"


def open_assessment(pg, base: str, path: str = ASSESSMENT):
    pg.goto(base + path)
    pg.wait_for_selector(f"{FORM}[data-pb-ready]")
    return pg


def open_checklist(pg, base: str, path: str = CHECKLIST):
    pg.goto(base + path)
    pg.wait_for_selector(".pb-list[data-pb-ready]")
    return pg


def radio(qid: str, answer) -> str:
    value = "na" if answer is None else str(answer)
    return f'{FORM} input[type=radio][name="{qid}"][value="{value}"]'


def box(key: str) -> str:
    return f"[data-pb-item='{key}'] input[type=checkbox]"


def checked(pg) -> dict:
    return pg.eval_on_selector_all(
        f"{FORM} input[type=radio]:checked",
        "els => Object.fromEntries(els.map(e => [e.name, e.value]))",
    )


def stored(pg, kind: str, content_id: str):
    raw = pg.evaluate(
        "([kind, id]) => localStorage.getItem(PB.store.key(kind, id))", [kind, content_id]
    )
    return None if raw is None else json.loads(raw)


def backups(pg, kind: str, content_id: str) -> dict[str, str]:
    """Backup key -> the text kept there, for one page's storage key."""
    return pg.evaluate(
        """([kind, id]) => {
            const prefix = PB.store.key(kind, id) + ":backup:";
            return Object.fromEntries(Object.keys(localStorage)
                .filter(key => key.startsWith(prefix))
                .map(key => [key, localStorage.getItem(key)]));
        }""",
        [kind, content_id],
    )


def page_words(pg, data_id: str) -> dict:
    return pg.evaluate(f"JSON.parse(document.getElementById('{data_id}').textContent).t")


def scores(pg) -> dict[str, str]:
    return pg.eval_on_selector_all(
        "[data-pb-score]",
        "els => Object.fromEntries(els.map(e => [e.dataset.pbScore, e.dataset.value]))",
    )


def done_count(pg) -> str:
    return pg.get_attribute("[data-pb-progress]", "data-done")


# -- two tabs --------------------------------------------------------------------------------------


def test_two_tabs_of_an_assessment_keep_each_others_answers(page, default_site):
    first = open_assessment(page, default_site)
    second = open_assessment(page.context.new_page(), default_site)

    first.check(radio("rsp-1", 4))
    second.check(radio("eff-1", 2))
    second.check(radio("rsp-3", 3))
    second.fill("[data-pb-team]", "Payroll")
    first.fill("[data-pb-comment=effort]", "Too many handovers")
    expect(first.locator(radio("eff-1", 2))).to_be_checked()
    expect(second.locator(radio("rsp-1", 4))).to_be_checked()
    expect(first.locator("[data-pb-team]")).to_have_value("Payroll")
    expect(second.locator("[data-pb-comment=effort]")).to_have_value("Too many handovers")

    # The same question in both tabs: the later answer wins everywhere.
    first.check(radio("rsp-2", 1))
    expect(second.locator(radio("rsp-2", 1))).to_be_checked()
    second.check(radio("rsp-2", 5))
    expect(first.locator(radio("rsp-2", 5))).to_be_checked()

    want = {"rsp-1": "4", "rsp-2": "5", "rsp-3": "3", "eff-1": "2"}
    assert checked(first) == checked(second) == want
    expect(first.locator("[data-pb-count]")).to_have_text("4 of 30 questions answered")
    expect(second.locator("[data-pb-answered=responsiveness]")).to_have_text("3 of 4")
    assert scores(first)["responsiveness"] != ""
    assert scores(first) == scores(second)
    value = stored(first, "assessment", "internal-service")
    assert value["answers"] == {"rsp-1": 4, "eff-1": 2, "rsp-3": 3, "rsp-2": 5}
    assert value["team"] == "Payroll"
    assert value["comments"] == {"effort": "Too many handovers"}
    assert first.text_content(NOTICE) == second.text_content(NOTICE) == ""


def test_a_reset_in_one_tab_reaches_the_other_and_stays_reset(page, default_site):
    first = open_assessment(page, default_site)
    second = open_assessment(page.context.new_page(), default_site)
    first.check(radio("rsp-1", 4))
    first.fill("[data-pb-team]", "Payroll")
    expect(second.locator(radio("rsp-1", 4))).to_be_checked()

    first.once("dialog", lambda dialog: dialog.accept())
    first.click("[data-pb-action=reset]")
    expect(second.locator(radio("rsp-1", 4))).not_to_be_checked()
    expect(second.locator("[data-pb-team]")).to_have_value("")
    # The other tab's next answer does not bring the deleted ones back.
    second.check(radio("own-1", 3))
    expect(first.locator(radio("own-1", 3))).to_be_checked()
    value = stored(first, "assessment", "internal-service")
    assert (value["answers"], value["team"], value["comments"]) == ({"own-1": 3}, "", {})
    assert checked(first) == checked(second) == {"own-1": "3"}


def test_two_tabs_of_a_checklist_keep_each_others_ticks(page, default_site):
    first = open_checklist(page, default_site)
    second = open_checklist(page.context.new_page(), default_site)
    total = first.get_attribute("[data-pb-progress]", "data-total")

    first.check(box("internal-service#single-front-door"))
    second.check(box("internal-service#named-owner"))
    expect(first.locator(box("internal-service#named-owner"))).to_be_checked()
    expect(second.locator(box("internal-service#single-front-door"))).to_be_checked()
    expect(first.locator("[data-pb-progress]")).to_have_attribute("data-done", "2")
    expect(second.locator("[data-pb-progress]")).to_have_text(f"2 of {total} done")

    second.uncheck(box("internal-service#single-front-door"))
    expect(first.locator(box("internal-service#single-front-door"))).not_to_be_checked()
    expect(first.locator("[data-pb-progress]")).to_have_attribute("data-done", "1")
    assert list(stored(first, "checklist", "internal-service")["items"]) == ["named-owner"]


def test_an_onboarding_plan_and_a_checklist_in_two_tabs_share_ticks(page, default_site):
    plan = open_checklist(page, default_site, "onboarding/manager/")
    key = plan.get_attribute("[data-pb-item]", "data-pb-item")
    checklist_id, item_id = key.split("#")
    checklist = open_checklist(page.context.new_page(), default_site, f"checklists/{checklist_id}/")

    checklist.check(box(key))
    expect(plan.locator(box(key))).to_be_checked()
    expect(plan.locator("[data-pb-progress]")).to_have_attribute("data-done", "1")
    plan.uncheck(box(key))
    expect(checklist.locator(box(key))).not_to_be_checked()
    assert item_id not in stored(plan, "checklist", checklist_id)["items"]


@pytest.mark.parametrize("kind", ["assessment", "checklist"])
def test_a_save_merges_with_what_another_tab_stored_meanwhile(page, default_site, kind):
    """A tab that has not heard of another tab's change yet keeps it when it saves."""
    deaf = page.context.new_page()
    deaf.add_init_script(DEAF_TO_OTHER_TABS)
    if kind == "assessment":
        open_assessment(page, default_site)
        open_assessment(deaf, default_site)
        page.check(radio("rsp-1", 4))
        deaf.check(radio("eff-1", 2))
        assert checked(deaf) == {"rsp-1": "4", "eff-1": "2"}
        assert stored(page, kind, "internal-service")["answers"] == {"rsp-1": 4, "eff-1": 2}
    else:
        open_checklist(page, default_site)
        open_checklist(deaf, default_site)
        page.check(box("internal-service#single-front-door"))
        deaf.check(box("internal-service#named-owner"))
        assert deaf.is_checked(box("internal-service#single-front-door"))
        items = stored(page, kind, "internal-service")["items"]
        assert sorted(items) == ["named-owner", "single-front-door"]


# -- the stored format -----------------------------------------------------------------------------


def test_stored_format_2_has_a_change_time_per_entry(page, default_site):
    open_assessment(page, default_site)
    before = page.evaluate("Date.now()")
    page.check(radio("rsp-1", 4))
    page.fill("[data-pb-team]", "Payroll")
    value = stored(page, "assessment", "internal-service")
    changed = value.pop("changed")
    assert value == {"v": 2, "answers": {"rsp-1": 4}, "team": "Payroll", "comments": {}}
    assert set(changed) == {"answers/rsp-1", "team"}
    assert all(isinstance(time, int) and time >= before for time in changed.values())
    assert changed["team"] >= changed["answers/rsp-1"]


def test_format_1_answers_are_upgraded_without_losing_anything(page, default_site):
    version_1 = {
        "answers": {"rsp-1": 4, "rsp-2": None, "eff-3": 2},
        "team": "Payroll",
        "comments": {"effort": "Too many handovers"},
        "v": 1,
    }
    page.goto(default_site + ASSESSMENT)
    page.evaluate(
        "v => localStorage.setItem(PB.store.key('assessment', 'internal-service'), v)",
        json.dumps(version_1),
    )
    open_assessment(page, default_site)
    assert checked(page) == {"rsp-1": "4", "rsp-2": "na", "eff-3": "2"}
    assert page.input_value("[data-pb-team]") == "Payroll"
    assert page.input_value("[data-pb-comment=effort]") == "Too many handovers"
    upgraded = stored(page, "assessment", "internal-service")
    assert upgraded == {**version_1, "v": 2, "changed": {}}
    assert backups(page, "assessment", "internal-service") == {}
    assert page.text_content(NOTICE) == ""

    page.check(radio("rsp-3", 5))
    answers = stored(page, "assessment", "internal-service")["answers"]
    assert answers == {"rsp-1": 4, "rsp-2": None, "eff-3": 2, "rsp-3": 5}


def test_format_1_ticks_are_upgraded_without_losing_anything(page, default_site):
    tick = {"done": True, "text": "An old wording of the item.", "at": "2026-01-05"}
    page.goto(default_site + CHECKLIST)
    page.evaluate(
        "v => localStorage.setItem(PB.store.key('checklist', 'internal-service'), v)",
        json.dumps({"v": 1, "items": {"single-front-door": tick, "not-an-item-any-more": tick}}),
    )
    open_checklist(page, default_site)
    assert page.is_checked(box("internal-service#single-front-door"))
    item = page.locator("[data-pb-item='internal-service#single-front-door']")
    expect(item).to_have_class("pb-item pb-changed")
    # Ticks of items this page does not show stay stored: onboarding plans share the store.
    assert stored(page, "checklist", "internal-service") == {
        "v": 2,
        "items": {"single-front-door": tick, "not-an-item-any-more": tick},
        "changed": {},
    }
    assert page.text_content(NOTICE) == ""


# -- saves that fail -------------------------------------------------------------------------------


def test_full_storage_is_shown_and_the_stored_answers_stay(page, default_site):
    open_assessment(page, default_site)
    words = page_words(page, "pb-assessment-data")
    page.check(radio("rsp-1", 4))
    saved = stored(page, "assessment", "internal-service")
    assert page.evaluate(FILL_STORAGE) > 0

    page.check(radio("rsp-2", 2))
    notice = page.locator(NOTICE)
    expect(notice).to_have_text(words["storage_full"])
    expect(notice).to_be_visible()
    assert notice.get_attribute("role") == "alert"
    assert stored(page, "assessment", "internal-service") == saved
    # The page keeps what the reader did, scores included.
    assert checked(page) == {"rsp-1": "4", "rsp-2": "2"}
    assert page.text_content("[data-pb-count]") == "2 of 30 questions answered"

    # Room again: the next change saves the earlier one too, and the notice goes.
    page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('filler:'))"
        ".forEach(k => localStorage.removeItem(k))"
    )
    page.check(radio("rsp-3", 5))
    expect(notice).to_have_text("")
    answers = stored(page, "assessment", "internal-service")["answers"]
    assert answers == {"rsp-1": 4, "rsp-2": 2, "rsp-3": 5}


def test_full_storage_on_a_checklist_is_shown_and_the_stored_ticks_stay(page, default_site):
    open_checklist(page, default_site)
    words = page_words(page, "pb-checklist-data")
    page.check(box("internal-service#single-front-door"))
    saved = stored(page, "checklist", "internal-service")
    page.evaluate(FILL_STORAGE)
    page.check(box("internal-service#named-owner"))
    expect(page.locator(NOTICE)).to_have_text(words["storage_full"])
    expect(page.locator(NOTICE)).to_be_visible()
    assert stored(page, "checklist", "internal-service") == saved
    assert done_count(page) == "2"


def test_blocked_storage_is_shown_in_the_pages_language(page, german_site):
    page.add_init_script(BLOCK_SAVES)
    open_assessment(page, german_site, "assessments/teamklima/")
    assert page.text_content(NOTICE) == ""
    page.check(radio("zu-1", 6))
    notice = page.locator(NOTICE)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Dieser Browser erlaubt dieser Seite nicht, etwas zu speichern")
    assert notice.inner_text() == page_words(page, "pb-assessment-data")["storage_blocked"]
    assert checked(page) == {"zu-1": "6"}
    assert page.evaluate("localStorage.length") == 0


def test_blocked_storage_on_a_checklist_is_shown(page, default_site):
    page.add_init_script(BLOCK_SAVES)
    open_checklist(page, default_site)
    page.check(box("internal-service#single-front-door"))
    words = page_words(page, "pb-checklist-data")
    expect(page.locator(NOTICE)).to_have_text(words["storage_blocked"])
    expect(page.locator(NOTICE)).to_be_visible()
    assert done_count(page) == "1"
    assert stored(page, "checklist", "internal-service") is None


def test_a_tab_that_could_not_save_keeps_its_answer_when_another_tab_saves(page, default_site):
    blocked = page.context.new_page()
    blocked.add_init_script(BLOCK_SAVES)
    open_assessment(blocked, default_site)
    open_assessment(page, default_site)
    blocked.check(radio("rsp-1", 4))
    expect(blocked.locator(NOTICE)).not_to_have_text("")
    page.check(radio("eff-1", 2))
    expect(blocked.locator(radio("eff-1", 2))).to_be_checked()
    assert checked(blocked) == {"rsp-1": "4", "eff-1": "2"}
    assert checked(page) == {"eff-1": "2"}
    assert stored(page, "assessment", "internal-service")["answers"] == {"eff-1": 2}


# -- stored values that cannot be read -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        '{"v": 2, "items": {"single-front-door": {"done": "yes"}}, "changed": {}}',
        '{"v": 1, "items": [1, 2]}',
        '{"v": 3, "items": {}}',
    ],
    ids=["not-json", "bad-tick", "items-array", "newer-version"],
)
def test_unreadable_ticks_are_kept_aside_and_the_page_says_so(page, default_site, raw):
    page.goto(default_site + CHECKLIST)
    page.evaluate(
        "raw => localStorage.setItem(PB.store.key('checklist', 'internal-service'), raw)", raw
    )
    open_checklist(page, default_site)
    kept = backups(page, "checklist", "internal-service")
    assert list(kept.values()) == [raw]
    (backup_key,) = kept
    notice = page.locator(NOTICE)
    expect(notice).to_be_visible()
    assert backup_key in notice.inner_text()
    words = page_words(page, "pb-checklist-data")
    assert notice.inner_text() == words["storage_unreadable"].replace("{key}", backup_key)

    page.check(box("internal-service#single-front-door"))
    assert list(stored(page, "checklist", "internal-service")["items"]) == ["single-front-door"]
    page.reload()
    page.wait_for_selector(".pb-list[data-pb-ready]")
    assert page.text_content(NOTICE) == ""
    assert backups(page, "checklist", "internal-service") == kept
    assert page.is_checked(box("internal-service#single-front-door"))


def test_readable_entries_of_a_damaged_value_are_kept(page, default_site):
    raw = json.dumps(
        {
            "v": 2,
            "answers": {"rsp-1": 4, "rsp-2": "5"},
            "team": "Payroll",
            "comments": {"effort": 7},
            "changed": {"answers/rsp-1": 1, "team": "yesterday"},
        }
    )
    page.goto(default_site + ASSESSMENT)
    page.evaluate(
        "raw => localStorage.setItem(PB.store.key('assessment', 'internal-service'), raw)", raw
    )
    open_assessment(page, default_site)
    assert list(backups(page, "assessment", "internal-service").values()) == [raw]
    assert checked(page) == {"rsp-1": "4"}
    assert page.input_value("[data-pb-team]") == "Payroll"
    expect(page.locator(NOTICE)).to_be_visible()
    value = stored(page, "assessment", "internal-service")
    assert value == {
        "v": 2,
        "answers": {"rsp-1": 4},
        "team": "Payroll",
        "comments": {},
        "changed": {"answers/rsp-1": 1},
    }


def test_unreadable_value_that_cannot_be_kept_aside_is_not_replaced(page, default_site):
    raw = "{not json"
    page.goto(default_site + ASSESSMENT)
    page.evaluate(
        "raw => localStorage.setItem(PB.store.key('assessment', 'internal-service'), raw)", raw
    )
    page.evaluate(FILL_STORAGE)
    open_assessment(page, default_site)
    words = page_words(page, "pb-assessment-data")
    page.check(radio("rsp-1", 4))
    expect(page.locator(NOTICE)).to_have_text(words["storage_full"])
    raw_now = page.evaluate("localStorage.getItem(PB.store.key('assessment', 'internal-service'))")
    assert raw_now == raw
    assert backups(page, "assessment", "internal-service") == {}
    assert checked(page) == {"rsp-1": "4"}
