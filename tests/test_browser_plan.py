"""Onboarding plans in a real browser: due dates, today, overdue, settings, links, calendar.

The fixture handbook (tests/sites/checklists) times its first week at 4 working days, its first
month at 20 and one item ("welcome-call") at 0; "Every quarter" has no due date. Today is fixed
with Playwright's clock. Every test also fails on a console error or a request to another host.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from browser_support import serious_violations
from playwright.sync_api import expect

FIXTURE = Path(__file__).parent / "sites" / "checklists"
PLAN = "onboarding/manager/"
ALEX = PLAN + "?for=Alex%20Kim&start=2027-01-04"
VECTORS = json.loads(
    (Path(__file__).parent / "vectors" / "plan" / "dates.json").read_text(encoding="utf-8")
)["dates"]
WEDNESDAY = "2027-01-13T10:00:00"  # day 8 of a plan that starts on Monday 4 January 2027
BOX = "[data-pb-item='{}'] input[type=checkbox]"


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_site):
    """The fixture handbook, built once, served at <server>/handbook/."""
    from browser_support import build_handbook

    root = tmp_path_factory.mktemp("plan-site")
    build_handbook(FIXTURE, root / "handbook")
    return serve_site(root) + "handbook/"


def dues(pg) -> dict[str, str | None]:
    return pg.eval_on_selector_all(
        "[data-pb-item]",
        "els => Object.fromEntries(els.map(e => [e.dataset.pbItem, e.dataset.pbDue || null]))",
    )


def overdue(pg) -> list[str]:
    return pg.eval_on_selector_all(
        "[data-pb-item][data-pb-overdue]", "els => els.map(e => e.dataset.pbItem)"
    )


def stored_plan(pg) -> dict | None:
    raw = pg.evaluate("localStorage.getItem(PB.store.key('plan', 'manager'))")
    return json.loads(raw) if raw else None


def open_plan(pg, url: str, today: str = WEDNESDAY) -> None:
    pg.clock.set_fixed_time(today)
    pg.goto(url)
    pg.wait_for_selector("[data-pb-onboarding][data-pb-ready]")


# Dates


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Pacific/Auckland"])
def test_browser_due_dates_follow_the_shared_vectors_in_any_time_zone(browser, site, zone):
    context = browser.new_context(timezone_id=zone)
    pg = context.new_page()
    pg.goto(site + PLAN)
    got = pg.evaluate(
        "vs => vs.map(v => PB.dueDate(v.start, v.days, v.count === 'working'))", VECTORS
    )
    context.close()
    assert got == [v["due"] for v in VECTORS]


def test_a_plan_link_shows_due_dates_today_and_what_is_overdue(page, site):
    open_plan(page, site + ALEX)
    assert dues(page) == {
        "onboarding-basics#welcome-call": "2027-01-04",  # its own timing: the start date
        "onboarding-basics#announce": "2027-01-08",  # the first week: 4 working days
        "team-habits#feedback-round": "2027-02-01",  # the first month: 20 working days
        "onboarding-basics#quarterly-review": None,  # a phase without a due date
    }
    assert overdue(page) == ["onboarding-basics#welcome-call", "onboarding-basics#announce"]
    expect(page.locator("[data-pb-plan-head]")).to_have_text(
        "Plan for Alex Kim, starting Mon, Jan 4, 2027"
    )
    expect(page.locator("[data-pb-plan-today]")).to_have_text(
        "Today, Wed, Jan 13, 2027, is day 8 of the plan. Overdue: 2."
    )
    announce = page.locator("[data-pb-item='onboarding-basics#announce'] .pb-due")
    expect(announce).to_have_text(" · due Fri, Jan 8, 2027 (overdue)")
    phases = page.locator("[data-pb-phase]")
    expect(phases).to_have_text(
        ["Due Fri, Jan 8, 2027 · 0 of 2 done", "Due Mon, Feb 1, 2027 · 0 of 1 done", "0 of 1 done"]
    )

    page.check(BOX.format("onboarding-basics#announce"))
    assert overdue(page) == ["onboarding-basics#welcome-call"], "a ticked item is not overdue"
    expect(phases.first).to_have_text("Due Fri, Jan 8, 2027 · 1 of 2 done")
    expect(page.locator("[data-pb-plan-today]")).to_contain_text("Overdue: 1.")


def test_the_due_day_itself_is_not_overdue_and_before_the_start_is_said(page, site):
    open_plan(page, site + ALEX, today="2027-01-08T23:30:00")
    assert overdue(page) == ["onboarding-basics#welcome-call"]
    open_plan(page, site + PLAN + "?for=&start=2027-02-01", today="2027-01-08T09:00:00")
    assert overdue(page) == []
    expect(page.locator("[data-pb-plan-head]")).to_have_text("Plan starting Mon, Feb 1, 2027")
    expect(page.locator("[data-pb-plan-today]")).to_have_text(
        "Today, Fri, Jan 8, 2027, is before the start."
    )


def test_without_a_start_date_the_plan_has_no_dates(page, site):
    open_plan(page, site + PLAN)
    assert set(dues(page).values()) == {None}
    assert overdue(page) == []
    assert page.locator("[data-pb-plan-head]").is_hidden()
    assert page.locator("[data-pb-plan-today]").is_hidden()
    expect(page.locator("[data-pb-phase]").first).to_have_text(
        "Due 4 working days after the start · 0 of 2 done"
    )
    welcome = page.locator("[data-pb-item='onboarding-basics#welcome-call'] .pb-due")
    expect(welcome).to_have_text(" · due on the start date")
    assert stored_plan(page) is None, "nothing is stored until a plan is named"


def test_plan_reads_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site + PLAN)
    text = pg.inner_text("article")
    assert "The person a new joiner reports to, who plans their first weeks." in text
    assert "Due 4 working days after the start" in text
    assert "Due 20 working days after the start" in text
    assert not pg.locator(".pb-plan-form").is_visible()
    context.close()


# Settings


def test_typed_settings_are_remembered_and_copied_as_a_link(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_plan(page, site + PLAN)
    page.fill("[data-pb-plan=for]", "Sam O'Neil")
    page.fill("[data-pb-plan=start]", "2027-01-11")
    page.locator("[data-pb-plan=start]").dispatch_event("change")
    expect(page.locator("[data-pb-plan-head]")).to_have_text(
        "Plan for Sam O'Neil, starting Mon, Jan 11, 2027"
    )
    assert stored_plan(page)["for"] == "Sam O'Neil"
    assert stored_plan(page)["start"] == "2027-01-11"

    page.reload()
    page.wait_for_selector("[data-pb-onboarding][data-pb-ready]")
    assert page.input_value("[data-pb-plan=for]") == "Sam O'Neil"
    assert page.input_value("[data-pb-plan=start]") == "2027-01-11"
    assert dues(page)["onboarding-basics#announce"] == "2027-01-15"

    page.select_option("select[data-pb-filter=when]", "month-1")
    page.click("[data-pb-action=copy-plan]")
    expect(page.locator("[data-pb-status]")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site + PLAN + "?when=month-1&for=Sam+O%27Neil&start=2027-01-11"

    fresh = page.context.browser.new_context()
    other = fresh.new_page()
    open_plan(other, copied)
    assert other.input_value("[data-pb-plan=for]") == "Sam O'Neil"
    shown = other.eval_on_selector_all(
        "[data-pb-item]:not([hidden])", "els => els.map(e => e.dataset.pbItem)"
    )
    assert shown == ["team-habits#feedback-round"]
    assert dues(other)["team-habits#feedback-round"] == "2027-02-08"
    fresh.close()


def test_a_second_tab_follows_the_first(page, site):
    open_plan(page, site + PLAN)
    other = page.context.new_page()
    open_plan(other, site + PLAN)
    page.fill("[data-pb-plan=start]", "2027-01-04")
    page.locator("[data-pb-plan=start]").dispatch_event("change")
    expect(other.locator("[data-pb-plan-head]")).to_have_text("Plan starting Mon, Jan 4, 2027")
    assert other.input_value("[data-pb-plan=start]") == "2027-01-04"


def test_the_phase_filter_narrows_the_plan_and_hides_empty_phases(page, site):
    open_plan(page, site + ALEX)
    page.select_option("select[data-pb-filter=when]", "week-1")
    assert "when=week-1" in page.url
    visible = page.eval_on_selector_all(
        "h2",
        "hs => hs.filter(h => h.checkVisibility()).map(h => h.firstChild.nextSibling.textContent)",
    )
    assert visible == ["First week"]
    expect(page.locator("[data-pb-progress]")).to_have_text("0 of 2 shown items done")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?start=2027-02-30",
            "“2027-02-30” is not a date: write the start date as YYYY-MM-DD, "
            "for example 2027-01-04. Nothing was changed.",
        ),
        (
            "?start=next%20monday&for=Eve",
            "“next monday” is not a date: write the start date as YYYY-MM-DD, "
            "for example 2027-01-04. Nothing was changed.",
        ),
        (
            "?for=" + "x" * 201,
            "The name in this link is too long (at most 200 characters). Nothing was changed.",
        ),
    ],
)
def test_a_bad_plan_link_says_so_and_changes_nothing(page, site, query, message):
    open_plan(page, site + ALEX)
    before = stored_plan(page)
    open_plan(page, site + PLAN + query)
    expect(page.locator("[data-pb-plan-notice]")).to_have_text(message)
    assert stored_plan(page) == before
    expect(page.locator("[data-pb-plan-head]")).to_have_text(
        "Plan for Alex Kim, starting Mon, Jan 4, 2027"
    )


def test_a_name_is_shown_as_text_only(page, site):
    name = "<img src=x onerror=alert(1)>"
    open_plan(
        page, site + PLAN + "?start=2027-01-04&for=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    )
    expect(page.locator("[data-pb-plan-head]")).to_have_text(
        f"Plan for {name}, starting Mon, Jan 4, 2027"
    )
    assert page.locator("article img[src=x]").count() == 0


# Exports and the calendar


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-action={action}]")
    dl = info.value
    return dl.suggested_filename, open(dl.path(), encoding="utf-8", newline="").read()


def test_calendar_file_has_one_event_per_dated_item_and_stable_ids(page, site):
    from icalendar import Calendar

    name = "Kim, Alex; \\ Team"
    open_plan(page, site + PLAN + "?start=2027-01-04&for=Kim%2C%20Alex%3B%20%5C%20Team")
    filename, text = download(page, "export-ics")

    assert filename == "onboarding-manager-kim-alex-team.ics"
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "folded at 75 octets"
    assert "X-WR-CALNAME:Onboarding plan: People manager · Plan for Kim\\, Alex\\; \\\\ Team" in (
        text.replace("\r\n ", "")
    )

    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    got = {str(e["SUMMARY"]): e.decoded("DTSTART").isoformat() for e in events}
    assert got == {
        "Onboarding: Call the new joiner before day one.": "2027-01-04",
        "Onboarding: @team: announce the start date in the team channel.": "2027-01-08",
        "Onboarding: Ask your team: what should I stop doing?": "2027-02-01",
    }
    first = events[0]
    assert str(first["URL"]) == site + "checklists/onboarding-basics/#welcome-call"
    description = str(first["DESCRIPTION"])
    assert description.split("\n") == [
        f"Plan for {name}, starting Mon, Jan 4, 2027",
        "First week",
        "Onboarding basics",
        site + "checklists/onboarding-basics/#welcome-call",
    ]
    assert first.decoded("DTEND").isoformat() == "2027-01-05"
    assert first["DTSTAMP"] is not None
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3

    page.fill("[data-pb-plan=start]", "2027-03-01")
    page.locator("[data-pb-plan=start]").dispatch_event("change")
    _, again = download(page, "export-ics")
    moved = Calendar.from_ical(again).walk("VEVENT")
    assert [str(e["UID"]) for e in moved] == uids, "a re-import updates the same events"
    assert moved[1].decoded("DTSTART").isoformat() == "2027-03-05"


def test_calendar_needs_a_start_date(page, site):
    open_plan(page, site + PLAN)
    page.click("[data-pb-action=export-ics]")
    expect(page.locator("[data-pb-status]")).to_have_text(
        "Enter a start date first: the calendar is made of the due dates."
    )


def test_markdown_and_csv_exports_carry_the_dates(page, site):
    open_plan(page, site + ALEX)
    page.check(BOX.format("onboarding-basics#welcome-call"))
    _, text = download(page, "export-md")
    basics = site + "checklists/onboarding-basics/"
    assert text == (
        "# Onboarding plan: People manager\n"
        "\n"
        "Example Co · Checklist fixture\n"
        "\n"
        "Plan for Alex Kim, starting Mon, Jan 4, 2027\n"
        "\n"
        "## First week\n"
        "\n"
        "- [x] Call the new joiner before day one. (due 2027-01-04) "
        f"([link]({basics}#welcome-call))\n"
        "- [ ] @team: announce the start date in the team channel. (due 2027-01-08) "
        f"([link]({basics}#announce))\n"
        "\n"
        "## First month\n"
        "\n"
        "- [ ] Ask your team: what should I stop doing? (due 2027-02-01) "
        f"([link]({site}checklists/team-habits/#feedback-round))\n"
        "\n"
        "## Every quarter\n"
        "\n"
        f"- [ ] Hold a quarterly review of the goals. ([link]({basics}#quarterly-review))\n"
    )
    _, text = download(page, "export-csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["checklist", "item", "text", "role", "phase", "done", "link", "due"]
    assert [(row[1], row[5], row[7]) for row in rows[1:]] == [
        ("welcome-call", "yes", "2027-01-04"),
        ("announce", "no", "2027-01-08"),
        ("feedback-round", "no", "2027-02-01"),
        ("quarterly-review", "no", ""),
    ]


# Print and accessibility


def test_print_shows_who_when_and_due_dates_but_not_the_form(page, site):
    open_plan(page, site + ALEX)
    page.emulate_media(media="print")
    assert page.locator("[data-pb-plan-head]").is_visible()
    assert not page.locator(".pb-plan-form").is_visible()
    assert page.locator("[data-pb-item='onboarding-basics#announce'] .pb-due").is_visible()
    sign_off = page.evaluate(
        "getComputedStyle(document.querySelector('.md-content__inner'), '::after').content"
    )
    assert "Signed" in sign_off


def test_plan_with_dates_has_no_serious_accessibility_violations(page, site):
    open_plan(page, site + ALEX)
    page.check(BOX.format("onboarding-basics#announce"))
    found = serious_violations(page)
    assert found == [], "\n".join(found)


def test_default_handbook_plan_has_dates(page, default_site):
    open_plan(page, default_site + "onboarding/manager/?start=2027-01-04")
    dated = [v for v in dues(page).values() if v]
    assert dated and all(re.fullmatch(r"2027-\d\d-\d\d", v) for v in dated)


# Shared progress


def shown_ticks(pg) -> list[str]:
    return pg.eval_on_selector_all(
        "[data-pb-item]",
        "els => els.filter(e => e.querySelector('input').checked).map(e => e.dataset.pbItem)",
    )


def our_keys(pg) -> dict[str, str]:
    return pg.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('pb:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


def test_shared_progress_round_trip_is_read_only_and_stores_nothing(page, site, browser):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_plan(page, site + ALEX)
    page.check(BOX.format("onboarding-basics#welcome-call"))
    page.check(BOX.format("team-habits#feedback-round"))
    page.click("[data-pb-action=share]")
    expect(page.locator("[data-pb-status]")).to_have_text("Link copied.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == (
        site + PLAN + "#pb-share=1&role=manager&for=Alex%20Kim&start=2027-01-04&at=2027-01-13"
        "&done=onboarding-basics:welcome-call;team-habits:feedback-round"
    )

    manager = browser.new_context()
    other = manager.new_page()
    open_plan(other, site + PLAN, today="2027-01-20T09:00:00")
    other.check(BOX.format("onboarding-basics#quarterly-review"))  # the manager's own tick
    own = our_keys(other)
    other.goto(link)
    other.wait_for_selector("[data-pb-onboarding][data-pb-ready]")
    expect(other.locator("[data-pb-shared] p")).to_have_text(
        "Progress of Alex Kim, shared on Wed, Jan 13, 2027. Read only: nothing on this page "
        "is saved."
    )
    assert shown_ticks(other) == ["onboarding-basics#welcome-call", "team-habits#feedback-round"]
    expect(other.locator("[data-pb-progress]")).to_have_text("2 of 4 done")
    expect(other.locator("[data-pb-plan-head]")).to_have_text(
        "Plan for Alex Kim, starting Mon, Jan 4, 2027"
    )
    assert overdue(other) == ["onboarding-basics#announce"]
    assert other.get_attribute(BOX.format("onboarding-basics#announce"), "aria-disabled") == "true"
    other.click(BOX.format("onboarding-basics#announce"), force=True)
    assert shown_ticks(other) == ["onboarding-basics#welcome-call", "team-habits#feedback-round"]
    assert not other.locator("[data-pb-action=reset]").is_visible()
    assert our_keys(other) == own, "the manager's own ticks and settings are untouched"

    other.click("[data-pb-shared] a")
    other.wait_for_selector("[data-pb-onboarding][data-pb-ready]")
    assert shown_ticks(other) == ["onboarding-basics#quarterly-review"]
    manager.close()


def test_an_old_shared_link_survives_items_added_and_removed(tmp_path, serve_site, page):
    from browser_support import build_handbook, copy_project

    project = copy_project(FIXTURE, tmp_path / "project")
    build_handbook(project, tmp_path / "web" / "handbook")
    base = serve_site(tmp_path / "web") + "handbook/"
    link = (
        base + PLAN + "#pb-share=1&role=manager&for=Alex%20Kim&start=2027-01-04&at=2027-01-13"
        "&done=onboarding-basics:welcome-call,announce;team-habits:feedback-round"
    )
    basics = project / "content" / "checklists" / "onboarding-basics.yaml"
    text = basics.read_text(encoding="utf-8").replace(
        "  - id: announce\n",
        "  - id: book-desk\n    text: Book a desk.\n    role: manager\n"
        "    when: week-1\n  - id: announce\n",
    )
    basics.write_text(text, encoding="utf-8")
    habits = project / "content" / "checklists" / "team-habits.yaml"
    habits.write_text(
        habits.read_text(encoding="utf-8").replace("role: manager", "role: team-member"),
        encoding="utf-8",
    )
    build_handbook(project, tmp_path / "web" / "handbook")

    open_plan(page, link)
    assert shown_ticks(page) == ["onboarding-basics#welcome-call", "onboarding-basics#announce"]
    assert not page.is_checked(BOX.format("onboarding-basics#book-desk")), "new: unticked"
    expect(page.locator("[data-pb-shared] p")).to_contain_text(
        "Ticks left out, for items no longer in this plan: 1."
    )
    expect(page.locator("[data-pb-progress]")).to_have_text("2 of 4 done")


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("pb-share=1&role=manager&at=2027-01-13&done=" + "a" * 9000, "longer than 8000"),
        ("pb-share=2&role=manager&at=2027-01-13&done=x:y", "a format this handbook does not"),
        ("pb-share=1&role=__proto__&at=2027-01-13&done=", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&done=__proto__:constructor", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&done=onboarding-basics:welc", "damaged"[:0]),
        ("pb-share=1&role=manager&at=yesterday&done=", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&start=2027-13-01&done=", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&done=a:b:c", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&for=" + "y" * 201 + "&done=", "damaged"),
        ("pb-share=1&role=manager&at=2027-01-13&done=%E0%A4%A", "damaged"),
    ],
)
def test_a_damaged_or_hostile_shared_link_says_so_and_changes_nothing(
    page, site, fragment, message
):
    open_plan(page, site + ALEX)
    page.check(BOX.format("onboarding-basics#announce"))
    before = our_keys(page)
    page.goto(site + "checklists/onboarding-basics/")
    open_plan(page, site + PLAN + "#" + fragment)
    if message:
        expect(page.locator("[data-pb-plan-notice]")).to_contain_text(message)
        expect(page.locator("[data-pb-plan-notice]")).to_contain_text("Nothing was changed.")
        assert page.locator("[data-pb-shared]").is_hidden()
        assert shown_ticks(page) == ["onboarding-basics#announce"], "the page's own ticks"
    else:  # a well-formed link with an id this plan does not have: shown, the id counted
        expect(page.locator("[data-pb-shared] p")).to_contain_text("no longer in this plan: 1.")
    assert our_keys(page) == before
    assert page.evaluate("Object.prototype.constructor === Object && !({}).polluted")


def test_a_shared_name_is_text_only(page, site):
    fragment = (
        "pb-share=1&role=manager&for=%3Cscript%3Ewindow.hit%3D1%3C%2Fscript%3E&at=2027-01-13&done="
    )
    open_plan(page, site + PLAN + "#" + fragment)
    expect(page.locator("[data-pb-shared] p")).to_contain_text(
        "Progress of <script>window.hit=1</script>, shared on"
    )
    assert page.evaluate("window.hit") is None


def test_a_shared_tick_under_an_old_item_id_lands_on_the_item(page, site):
    fragment = "pb-share=1&role=manager&at=2027-01-13&done=onboarding-basics:intro-call"
    open_plan(page, site + PLAN + "#" + fragment)
    assert shown_ticks(page) == ["onboarding-basics#welcome-call"]
    expect(page.locator("[data-pb-shared] p")).to_have_text(
        "Progress shared on Wed, Jan 13, 2027. Read only: nothing on this page is saved."
    )


def test_a_plan_that_cannot_be_saved_says_so_and_still_shows_its_dates(page, site):
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('The user denied permission to store data.', 'SecurityError');"
        " };"
    )
    open_plan(page, site + PLAN)
    page.fill("[data-pb-plan=start]", "2027-01-04")
    page.locator("[data-pb-plan=start]").dispatch_event("change")
    expect(page.locator("[data-pb-notice]")).to_contain_text(
        "This browser does not let this page store anything"
    )
    assert dues(page)["onboarding-basics#announce"] == "2027-01-08"
