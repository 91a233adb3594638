"""The action plan on the assessment page, and the facilitator guide, in a real browser.

The fixture handbook (tests/sites/workshop) recommends five things over three dimensions; with
every answer at 2 (threshold 4), Listening, Follow-up and Pace are all low. The plan's code
(pb-actions.js) is loaded only when the team opens the plan. Every test also fails on a console
error or a request to another host.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from browser_support import build_handbook, serious_violations
from playwright.sync_api import expect
from site_support import SITES

from playbook_gen.i18n import WORDS

FORM = "form[data-pb-assessment]"
ASSESSMENT = "assessments/team-pulse/"
GUIDE = "assessments/team-pulse/workshop/"
PANEL = "[data-pb-actions-panel]"
CHOICE = ".pb-choices [data-pb-choice='{}'] input"
FIELD = "[data-pb-commitment='{}'] [data-pb-field={}]"
ALERT = "[data-pb-actions-alert]"
LISTEN = "principle:listen-first"
LOOP = "principle:close-the-loop"
NOTES = "item:first-steps#send-done-notes"
REPEAT = "item:first-steps#repeat-back"


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_site) -> str:
    root = tmp_path_factory.mktemp("actions-site")
    build_handbook(SITES / "workshop", root / "handbook")
    return serve_site(root) + "handbook/"


def open_assessment(pg, site: str, *, answer: bool = True):
    pg.goto(site + ASSESSMENT)
    pg.wait_for_selector(f"{FORM}[data-pb-ready]")
    if answer:
        for question in ("lis-repeat", "lis-interrupt", "fol-note", "pac-same-day"):
            pg.check(f"input[name='{question}'][value='2']")
    return pg


def open_plan(pg, *, unfold: bool = True):
    """Open the plan; with `unfold`, also the recommendations for the dimensions not low now."""
    pg.click("[data-pb-action=action-plan]")
    pg.wait_for_selector(f"{PANEL}[data-pb-ready]")
    if unfold and pg.locator(".pb-other-choices").count():
        pg.click(".pb-other-choices summary")
    return pg


def commitments(pg) -> list[str]:
    return pg.eval_on_selector_all(
        "[data-pb-commitment]", "els => els.map(e => e.dataset.pbCommitment)"
    )


def stored(pg) -> dict:
    raw = pg.evaluate("localStorage.getItem(PB.store.key('actions', 'team-pulse'))")
    return json.loads(raw) if raw else {}


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-plan-action={action}]")
    dl = info.value
    return dl.suggested_filename, open(dl.path(), encoding="utf-8", newline="").read()


def test_the_plans_code_loads_only_when_the_plan_is_opened(page, site):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url.rsplit("/", 1)[-1]))
    open_assessment(page, site)
    assert "pb-actions.js" not in loaded
    expect(page.locator(PANEL)).to_have_count(0)
    open_plan(page, unfold=False)
    assert "pb-actions.js" in loaded and "pb-actions.css" in loaded
    expect(page.locator("#pb-h-actions")).to_be_focused()
    expect(page.locator("[data-pb-action=action-plan]")).to_be_hidden()
    # Follow-up and Pace score low (Listening scores 4, the threshold): Follow-up's
    # recommendations are offered, the others folded away
    offered = page.eval_on_selector_all(
        ".pb-choices [data-pb-choice]", "els => els.map(e => e.dataset.pbChoice)"
    )
    assert offered == [LOOP, NOTES, LISTEN, REPEAT, "item:first-steps#review-loop"]
    visible = [c for c in offered if page.locator(CHOICE.format(c)).is_visible()]
    assert visible == [LOOP, NOTES]
    expect(page.locator(".pb-other-choices summary")).to_have_text(
        "Recommendations for the other dimensions (3)"
    )


def test_three_commitments_at_most_and_removing_one_frees_a_place(page, site):
    open_plan(open_assessment(page, site))
    for choice in (LOOP, NOTES, LISTEN):
        page.check(CHOICE.format(choice))
    assert commitments(page) == [LOOP, NOTES, LISTEN]
    expect(page.locator("[data-pb-actions-count]")).to_have_text("Your commitments (3 of 3)")

    page.click(CHOICE.format(REPEAT))  # a fourth
    expect(page.locator(ALERT)).to_have_text(
        "You have chosen 3 commitments already. Remove one to choose another."
    )
    expect(page.locator(CHOICE.format(REPEAT))).not_to_be_checked()
    assert commitments(page) == [LOOP, NOTES, LISTEN]
    assert page.get_attribute(ALERT, "role") == "alert"

    page.click(f"[data-pb-remove='{NOTES}']")
    expect(page.locator("[data-pb-actions-status]")).to_have_text(
        "Removed “Send a note whenever a request is done.”."
    )
    page.check(CHOICE.format(REPEAT))
    assert commitments(page) == [LOOP, LISTEN, REPEAT]
    expect(page.locator(ALERT)).to_have_text("")
    assert sorted(stored(page)["picks"]) == sorted([LOOP, LISTEN, REPEAT])


def test_owners_dates_and_notes_are_kept_after_a_reload(page, site):
    open_plan(open_assessment(page, site))
    page.check(CHOICE.format(LOOP))
    page.check(CHOICE.format(REPEAT))
    page.fill(FIELD.format(LOOP, "owner"), "Alex Kim")
    page.fill(FIELD.format(LOOP, "due"), "2027-02-01")
    page.fill(FIELD.format(REPEAT, "note"), "Start with the help desk")

    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    # the plan opens again by itself, where it is, without moving the reader to it
    page.wait_for_selector(f"{PANEL}[data-pb-ready]")
    expect(page.locator(PANEL)).to_be_visible()
    assert page.evaluate("document.activeElement === document.body")
    assert commitments(page) == [LOOP, REPEAT]
    expect(page.locator(FIELD.format(LOOP, "owner"))).to_have_value("Alex Kim")
    expect(page.locator(FIELD.format(LOOP, "due"))).to_have_value("2027-02-01")
    expect(page.locator(FIELD.format(REPEAT, "note"))).to_have_value("Start with the help desk")
    # beside the answers, which are kept too
    expect(page.locator("input[name='fol-note'][value='2']")).to_be_checked()


def test_two_tabs_keep_each_others_commitments(page, site):
    first = open_plan(open_assessment(page, site))
    second = open_plan(open_assessment(page.context.new_page(), site, answer=False))

    first.check(CHOICE.format(LOOP))
    expect(second.locator(CHOICE.format(LOOP))).to_be_checked()
    second.check(CHOICE.format(LISTEN))
    first.fill(FIELD.format(LOOP, "owner"), "Alex")
    expect(second.locator(FIELD.format(LOOP, "owner"))).to_have_value("Alex")
    second.fill(FIELD.format(LOOP, "due"), "2027-03-01")  # the same commitment, another field
    second.fill(FIELD.format(LISTEN, "owner"), "Sam")

    for tab in (first, second):
        expect(tab.locator(FIELD.format(LOOP, "owner"))).to_have_value("Alex")
        expect(tab.locator(FIELD.format(LOOP, "due"))).to_have_value("2027-03-01")
        expect(tab.locator(FIELD.format(LISTEN, "owner"))).to_have_value("Sam")
        assert commitments(tab) == [LOOP, LISTEN]
    value = stored(first)
    assert value["owner"] == {LOOP: "Alex", LISTEN: "Sam"}
    assert value["due"] == {LOOP: "2027-03-01"}


def test_a_save_that_fails_says_so(page, site):
    open_plan(open_assessment(page, site))
    page.evaluate(
        """() => { Storage.prototype.setItem = function () {
          throw new DOMException("The user denied permission to store data.", "SecurityError");
        }; }"""
    )
    page.check(CHOICE.format(LOOP))
    expect(page.locator("[data-pb-notice]")).to_have_text(WORDS["en"]["storage_blocked"])
    assert commitments(page) == [LOOP]  # the change stays on the page


def make_plan(pg, site):
    open_plan(open_assessment(pg, site))
    pg.fill("[data-pb-team]", "Pay; roll, \\ team")
    pg.check(CHOICE.format(LOOP))
    pg.check(CHOICE.format(REPEAT))
    pg.check(CHOICE.format(LISTEN))
    pg.fill(FIELD.format(LOOP, "owner"), "=Alex Kim")
    pg.fill(FIELD.format(LOOP, "due"), "2027-02-01")
    long_note = "Ask the help desk, payroll and the Zürich office – every one of them – " * 3
    pg.fill(FIELD.format(LOOP, "note"), long_note.strip())
    pg.fill(FIELD.format(REPEAT, "owner"), "Sam")
    pg.fill(FIELD.format(REPEAT, "due"), "2027-02-15")
    return long_note.strip()


def test_exports_as_csv_markdown_and_calendar(page, site):
    from icalendar import Calendar

    note = make_plan(page, site)
    url = site + "principles/close-the-loop/"

    name, text = download(page, "export-csv")
    assert name.startswith("team-pulse-action-plan-pay-roll-team-") and name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "Commitment", "Kind", "Dimension", "Owner", "Date", "Note (optional)", "Link", "Team name",
    ]  # fmt: skip
    assert rows[1] == [
        "Close the loop", "Principle", "Follow-up", "'=Alex Kim", "2027-02-01", note, url,
        "Pay; roll, \\ team",
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == [
        "Close the loop",
        "Repeat the next request you get back to the person who asked.",
        "Listen first",
    ]
    assert rows[3][3:6] == ["", "", ""]

    _, markdown = download(page, "export-md")
    lines = markdown.splitlines()
    assert lines[0] == "# Action plan: Team pulse"
    assert lines[2].startswith("Team name: Pay; roll, \\\\ team · Date: ")
    assert lines[4] == f"1. **[Close the loop](<{url}>)** (Principle · Follow-up)"
    assert lines[5] == "   - Owner: =Alex Kim"
    assert lines[6] == "   - Date: 2027-02-01"
    assert lines[7].startswith("   - Note (optional): Ask the help desk")

    name, text = download(page, "export-ics")
    assert name.endswith(".ics")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 2  # "Listen first" has no date
    first = events[0]
    assert str(first["SUMMARY"]) == "Action: Close the loop"
    assert first.decoded("DTSTART").isoformat() == "2027-02-01"
    assert first.decoded("DTEND").isoformat() == "2027-02-02"
    assert str(first["URL"]) == url
    assert str(first["DESCRIPTION"]).split("\n") == [
        "Principle · Follow-up", "Owner: =Alex Kim", note, url,
    ]  # fmt: skip
    uids = [str(e["UID"]) for e in events]

    # a new date moves the event: the same ids
    page.fill(FIELD.format(LOOP, "due"), "2027-02-08")
    _, again = download(page, "export-ics")
    moved = Calendar.from_ical(again).walk("VEVENT")
    assert [str(e["UID"]) for e in moved] == uids
    assert moved[0].decoded("DTSTART").isoformat() == "2027-02-08"


def test_a_calendar_needs_a_date(page, site):
    open_plan(open_assessment(page, site))
    page.check(CHOICE.format(LOOP))
    page.click("[data-pb-plan-action=export-ics]")
    expect(page.locator(ALERT)).to_have_text(
        "No commitment has a date yet, so there is nothing for a calendar."
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_plan_and_the_guide_pass_axe_and_fit_a_phone(page, site, scheme):
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=scheme)
    make_plan(page, site)
    assert serious_violations(page) == []
    widths = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    scroll, client = page.evaluate(widths)
    assert scroll <= client

    page.goto(site + GUIDE)
    assert serious_violations(page) == []
    scroll, client = page.evaluate(widths)
    assert scroll <= client


def test_the_plan_prints_alone(page, site):
    make_plan(page, site)
    page.evaluate("document.documentElement.setAttribute('data-pb-print', 'actions')")
    page.emulate_media(media="print")
    assert page.locator(PANEL).evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    expect(page.locator(".pb-choices")).to_be_hidden()
    expect(page.locator(FIELD.format(LOOP, "owner"))).to_be_visible()
