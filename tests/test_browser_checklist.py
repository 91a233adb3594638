"""Checklist and onboarding pages in a real browser: ticks, filters, links, aliases, exports, print.

The fixture handbook (tests/sites/checklists) is built once and served from a sub-path, like a
handbook published inside an intranet folder. Every test also fails on a console error or on a
request to another host (the ``page`` fixture).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from browser_support import serious_violations
from playwright.sync_api import expect

# Fixtures browser, page, serve_site and default_site come from browser_support via conftest.py.

FIXTURE = Path(__file__).parent / "sites" / "checklists"
BASICS = "checklists/onboarding-basics/"
ITEM = "[data-pb-item='{}'] input[type=checkbox]"
STUB_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_site):
    """The fixture handbook, built once, served at <server>/handbook/."""
    from browser_support import build_handbook

    root = tmp_path_factory.mktemp("checklist-site")
    build_handbook(FIXTURE, root / "handbook")
    return serve_site(root) + "handbook/"


def box(key: str) -> str:
    return ITEM.format(key)


def shown_items(pg) -> list[str]:
    return pg.eval_on_selector_all(
        "[data-pb-item]",
        "els => els.filter(e => !e.hidden).map(e => e.getAttribute('data-pb-item'))",
    )


def progress(pg) -> tuple[str, str, str]:
    el = pg.locator("[data-pb-progress]")
    return el.inner_text(), el.get_attribute("data-done"), el.get_attribute("data-total")


def stored(pg, checklist: str) -> dict | None:
    raw = pg.evaluate(
        "c => localStorage.getItem(PB.store.key('checklist', c))",
        checklist,
    )
    return json.loads(raw) if raw else None


def today() -> str:
    return datetime.date.today().isoformat()


# Ticking


def test_ticks_are_kept_per_site_and_item_id_and_survive_reload(page, site):
    page.goto(site + BASICS)
    assert page.locator("[data-pb-checklist=onboarding-basics][data-pb-ready]").count() == 1
    assert progress(page) == ("0 of 4 done", "0", "4")
    page.check(box("onboarding-basics#welcome-call"))
    assert progress(page) == ("1 of 4 done", "1", "4")

    page.reload()
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    assert not page.is_checked(box("onboarding-basics#announce"))
    assert progress(page) == ("1 of 4 done", "1", "4")
    key = page.evaluate("PB.store.key('checklist', 'onboarding-basics')")
    assert key == "pb:/handbook/:checklist:onboarding-basics"
    value = stored(page, "onboarding-basics")
    changed = value.pop("changed")  # format 2: when each entry last changed (test_browser_state)
    assert value == {
        "v": 2,
        "items": {
            "welcome-call": {
                "done": True,
                "text": "Call the new joiner before day one.",
                "at": today(),
            }
        },
    }
    assert list(changed) == ["items/welcome-call"]


def test_every_checkbox_is_named_by_its_item_and_works_from_the_keyboard(page, site):
    page.goto(site + BASICS)
    names = [
        "Call the new joiner before day one.",
        "@team: announce the start date in the team channel.",
        "Agree three goals for the first quarter.",
        "Hold a quarterly review of the goals.",
    ]
    assert page.get_by_role("checkbox").count() == len(names)
    for name in names:
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1
    goals = page.get_by_role("checkbox", name=names[2], exact=True)
    goals.focus()
    page.keyboard.press("Space")
    assert goals.is_checked()
    assert progress(page)[0] == "1 of 4 done"
    link = page.get_by_role("link", name="Copy link to: " + names[2], exact=True)
    assert link.count() == 1


def test_reset_asks_first_and_clears_only_after_yes(page, site):
    page.goto(site + BASICS)
    page.check(box("onboarding-basics#welcome-call"))
    page.check(box("onboarding-basics#set-goals"))
    messages = []

    def answer(accept):
        def handler(dialog):
            messages.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handler

    page.once("dialog", answer(False))
    page.click("[data-pb-action=reset]")
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    page.once("dialog", answer(True))
    page.click("[data-pb-action=reset]")
    assert messages == ["Clear every tick on this page? This cannot be undone."] * 2
    ticked = "els => els.filter(e => e.checked).length"
    assert page.eval_on_selector_all("[data-pb-item] input", ticked) == 0
    assert progress(page)[1] == "0"
    assert stored(page, "onboarding-basics")["items"] == {}


# Filters and URLs


def test_filter_controls_and_url_round_trip(page, site):
    page.goto(site + BASICS + "#announce")
    page.select_option("select[data-pb-filter=role]", "manager")
    assert page.url == site + BASICS + "?role=manager#announce"
    page.select_option("select[data-pb-filter=when]", "week-1")
    filtered = site + BASICS + "?role=manager&when=week-1#announce"
    assert page.url == filtered
    expected = ["onboarding-basics#welcome-call", "onboarding-basics#announce"]
    assert shown_items(page) == expected
    page.check(box("onboarding-basics#announce"))
    assert progress(page) == ("1 of 2 shown items done", "1", "2")

    page.goto(site + BASICS + "?role=manager&when=week-1")
    assert page.input_value("select[data-pb-filter=role]") == "manager"
    assert page.input_value("select[data-pb-filter=when]") == "week-1"
    assert shown_items(page) == expected

    page.select_option("select[data-pb-filter=role]", "")
    assert page.url == site + BASICS + "?when=week-1"
    page.select_option("select[data-pb-filter=when]", "")
    assert page.url == site + BASICS
    assert len(shown_items(page)) == 4
    assert progress(page) == ("1 of 4 done", "1", "4")


def test_unknown_filter_values_are_ignored(page, site):
    page.goto(site + BASICS + "?role=nobody&when=quarterly&x=1")
    assert page.input_value("select[data-pb-filter=role]") == ""
    assert page.input_value("select[data-pb-filter=when]") == "quarterly"
    assert shown_items(page) == ["onboarding-basics#quarterly-review"]


def test_phase_link_in_an_item_opens_the_filtered_view(page, site):
    page.goto(site + BASICS)
    page.locator("[data-pb-item='onboarding-basics#set-goals'] a", has_text="First month").click()
    page.wait_for_url(site + BASICS + "?when=month-1")
    assert shown_items(page) == ["onboarding-basics#set-goals"]


# Links to items


def highlighted(pg) -> list[str]:
    return pg.eval_on_selector_all(".pb-hit", "els => els.map(e => e.getAttribute('data-pb-item'))")


def test_copied_link_opens_the_highlighted_item(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + BASICS + "?role=manager")
    item = "[data-pb-item='onboarding-basics#quarterly-review']"
    page.click(item + " [data-pb-action=copy-link]")
    expect(page.locator("[data-pb-status]")).to_have_text("Link copied.")  # the write is async
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site + BASICS + "#quarterly-review"
    assert page.url == site + BASICS + "?role=manager", "copying does not navigate"

    other = page.context.new_page()
    other.set_viewport_size({"width": 800, "height": 400})
    other.goto(copied)
    assert highlighted(other) == ["onboarding-basics#quarterly-review"]
    assert other.evaluate("document.activeElement.id") == "quarterly-review"
    assert other.locator(item).is_visible()
    assert other.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        item,
    )


def test_copy_link_without_clipboard_shows_the_url_to_copy(page, site):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(site + BASICS)
    page.click("[data-pb-item='onboarding-basics#announce'] [data-pb-action=copy-link]")
    field = page.locator("[data-pb-copy-field]")
    assert field.is_visible()
    assert field.input_value() == site + BASICS + "#announce"
    assert page.evaluate(
        "document.activeElement === document.querySelector('[data-pb-copy-field]')"
    )
    expect(page.locator("[data-pb-status]")).to_have_text("Copy this link:")


def test_hash_change_highlights_and_shows_an_item_hidden_by_the_filter(page, site):
    page.goto(site + BASICS + "?role=team-member")
    assert shown_items(page) == ["onboarding-basics#set-goals"]
    page.evaluate("location.hash = 'welcome-call'")
    page.wait_for_selector(".pb-hit")
    assert highlighted(page) == ["onboarding-basics#welcome-call"]
    assert "onboarding-basics#welcome-call" in shown_items(page)


def test_old_item_anchor_lands_on_the_renamed_item(page, site):
    page.goto(site + BASICS + "#old-review")
    assert page.url == site + BASICS + "#quarterly-review"
    assert highlighted(page) == ["onboarding-basics#quarterly-review"]


def test_old_checklist_url_redirects_with_query_and_item_alias(page, site):
    page.goto(site + "checklists/first-steps/?role=manager#intro-call")
    page.wait_for_url(re.compile(r".*/onboarding-basics/.*"))
    page.wait_for_selector(".pb-hit")
    assert page.url == site + BASICS + "?role=manager#welcome-call"
    assert highlighted(page) == ["onboarding-basics#welcome-call"]
    assert page.input_value("select[data-pb-filter=role]") == "manager"


def test_old_principle_url_redirects(page, site):
    page.goto(site + "principles/single-owner/")
    page.wait_for_url(site + "principles/one-owner/")
    assert page.locator("h1").inner_text().startswith("One owner")


def test_tick_stored_under_an_old_item_id_moves_to_the_new_id(page, site):
    page.goto(site + BASICS)
    page.evaluate(
        "v => localStorage.setItem(PB.store.key('checklist', 'onboarding-basics'), v)",
        json.dumps(
            {
                "v": 1,
                "items": {
                    "intro-call": {
                        "done": True,
                        "text": "Call the new joiner before day one.",
                        "at": "2026-01-05",
                    }
                },
            }
        ),
    )
    page.reload()
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    assert stored(page, "onboarding-basics")["items"] == {
        "welcome-call": {
            "done": True,
            "text": "Call the new joiner before day one.",
            "at": "2026-01-05",
        }
    }
    assert page.locator(".pb-changed").count() == 0


def test_item_whose_text_changed_since_it_was_ticked_is_marked(page, tmp_path, serve_site):
    from browser_support import build_handbook, copy_project

    project = copy_project(FIXTURE, tmp_path / "project")
    out = build_handbook(project, tmp_path / "www" / "handbook")
    url = serve_site(tmp_path / "www") + "handbook/" + BASICS
    page.goto(url)
    page.check(box("onboarding-basics#welcome-call"))
    page.check(box("onboarding-basics#announce"))

    path = project / "content" / "checklists" / "onboarding-basics.yaml"
    path.write_text(path.read_text().replace("before day one", "in the week before day one"))
    build_handbook(project, out)
    page.reload()

    welcome = page.locator("[data-pb-item='onboarding-basics#welcome-call']")
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    assert "pb-changed" in welcome.get_attribute("class")
    note = welcome.locator(".pb-note")
    assert note.is_visible() and note.inner_text().strip() == "(changed since you ticked it)"
    assert page.locator(".pb-changed").count() == 1, "only the edited item is marked"
    assert page.locator(".pb-note:visible").count() == 1

    page.uncheck(box("onboarding-basics#welcome-call"))
    page.check(box("onboarding-basics#welcome-call"))
    assert "pb-changed" not in welcome.get_attribute("class")
    assert not note.is_visible()
    text = stored(page, "onboarding-basics")["items"]["welcome-call"]["text"]
    assert text == "Call the new joiner in the week before day one."


# Onboarding pages


def plan(pg) -> list[tuple[str, list[str]]]:
    """(phase heading, [item keys]) in page order."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('.md-content h2')].map(h => {
            let el = h.nextElementSibling;
            while (el && !el.matches('ul')) el = el.nextElementSibling;
            return [h.textContent.replace('¶', '').trim(),
                    [...el.querySelectorAll('[data-pb-item]')]
                        .map(e => e.getAttribute('data-pb-item'))];
        })"""
    )


def test_onboarding_pages_group_each_roles_items_by_phase(page, site):
    page.goto(site + "onboarding/manager/")
    assert plan(page) == [
        ["First week", ["onboarding-basics#welcome-call", "onboarding-basics#announce"]],
        ["First month", ["team-habits#feedback-round"]],
        ["Every quarter", ["onboarding-basics#quarterly-review"]],
    ]
    link = page.locator("[data-pb-item='team-habits#feedback-round'] a", has_text="Team habits")
    assert link.get_attribute("href") == "../../checklists/team-habits/#feedback-round"
    assert progress(page) == ("0 of 4 done", "0", "4")
    assert page.get_by_role("checkbox", name="Ask your team: what should I stop doing?").count()

    page.goto(site + "onboarding/team-member/")
    assert plan(page) == [
        ["First week", ["team-habits#weekly-notes"]],
        ["First month", ["onboarding-basics#set-goals"]],
    ]

    page.goto(site + "onboarding/hr/")
    assert "There are no checklist items for this role yet." in page.inner_text("article")
    assert page.locator("[data-pb-item], [data-pb-progress], .pb-bar").count() == 0

    page.goto(site + "onboarding/")
    cards = page.eval_on_selector_all(
        ".pb-card",
        "els => els.map(e => e.querySelector('.pb-card-title').innerText + ' — ' +"
        " e.querySelector('.pb-card-meta').innerText)",
    )
    for line in ("People manager — 4 items", "Team member — 2 items", "People team — 0 items"):
        assert line in cards
    page.click("text=People team")
    page.wait_for_url(site + "onboarding/hr/")


def test_onboarding_ticks_are_shared_with_the_checklists(page, site):
    page.goto(site + "onboarding/manager/")
    page.check(box("onboarding-basics#welcome-call"))
    page.check(box("team-habits#feedback-round"))
    assert progress(page)[0] == "2 of 4 done"

    page.locator("[data-pb-item='team-habits#feedback-round'] a", has_text="Team habits").click()
    page.wait_for_url(site + "checklists/team-habits/#feedback-round")
    assert page.is_checked(box("team-habits#feedback-round"))
    assert highlighted(page) == ["team-habits#feedback-round"]
    page.uncheck(box("team-habits#feedback-round"))
    page.check(box("team-habits#weekly-notes"))

    page.goto(site + BASICS)
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    assert progress(page)[0] == "1 of 4 done"

    page.goto(site + "onboarding/manager/")
    assert page.is_checked(box("onboarding-basics#welcome-call"))
    assert not page.is_checked(box("team-habits#feedback-round"))
    assert progress(page)[0] == "1 of 4 done"
    page.goto(site + "onboarding/team-member/")
    assert page.is_checked(box("team-habits#weekly-notes"))


def test_reset_on_an_onboarding_page_keeps_other_roles_ticks(page, site):
    page.goto(site + BASICS)
    page.check(box("onboarding-basics#set-goals"))  # a team member's item
    page.goto(site + "onboarding/manager/")
    page.check(box("onboarding-basics#welcome-call"))
    page.once("dialog", lambda d: d.accept())
    page.click("[data-pb-action=reset]")
    assert not page.is_checked(box("onboarding-basics#welcome-call"))
    assert list(stored(page, "onboarding-basics")["items"]) == ["set-goals"]


# Exports


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-action={action}]")
    dl = info.value
    return dl.suggested_filename, open(dl.path(), encoding="utf-8", newline="").read()


def test_export_markdown_task_list_follows_ticks_and_filters(page, site):
    page.goto(site + BASICS + "?role=manager")
    page.check(box("onboarding-basics#welcome-call"))
    name, text = download(page, "export-md")
    link = site + BASICS
    assert name == "checklist-onboarding-basics-manager.md"
    assert text == (
        "# Onboarding basics (People manager)\n"
        "\n"
        "Example Co · Checklist fixture\n"
        "\n"
        f"- [x] Call the new joiner before day one. ([link]({link}#welcome-call))\n"
        f"- [ ] @team: announce the start date in the team channel. ([link]({link}#announce))\n"
        f"- [ ] Hold a quarterly review of the goals. ([link]({link}#quarterly-review))\n"
    )


def test_export_markdown_escapes_markup_in_item_text(page, site):
    page.goto(site + "checklists/team-habits/?when=month-1")
    name, text = download(page, "export-md")
    assert name == "checklist-team-habits-month-1.md"
    assert text == (
        "# Team habits (First month)\n"
        "\n"
        "Example Co · Checklist fixture\n"
        "\n"
        "- [ ] Ask your team: what should I stop doing? "
        f"([link]({site}checklists/team-habits/#feedback-round))\n"
    )


def test_export_csv_is_formula_safe_and_exact(page, site):
    page.goto(site + BASICS)
    page.check(box("onboarding-basics#announce"))
    name, text = download(page, "export-csv")
    link = site + BASICS
    assert name == "checklist-onboarding-basics.csv"
    rows = [
        ["checklist", "item", "text", "role", "phase", "done", "link"],
        [
            "Onboarding basics",
            "welcome-call",
            "Call the new joiner before day one.",
            "People manager",
            "First week",
            "no",
            link + "#welcome-call",
        ],
        [
            "Onboarding basics",
            "announce",
            "'@team: announce the start date in the team channel.",
            "People manager",
            "First week",
            "yes",
            link + "#announce",
        ],
        [
            "Onboarding basics",
            "set-goals",
            "Agree three goals for the first quarter.",
            "Team member",
            "First month",
            "no",
            link + "#set-goals",
        ],
        [
            "Onboarding basics",
            "quarterly-review",
            "Hold a quarterly review of the goals.",
            "People manager",
            "Every quarter",
            "no",
            link + "#quarterly-review",
        ],
    ]
    expected = "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows)
    assert text == "\ufeff" + expected


def test_onboarding_exports_keep_phases_and_link_to_checklist_items(page, site):
    page.goto(site + "onboarding/manager/")
    page.check(box("team-habits#feedback-round"))
    name, text = download(page, "export-md")
    assert name == "onboarding-manager.md"
    assert text == (
        "# Onboarding plan: People manager\n"
        "\n"
        "Example Co · Checklist fixture\n"
        "\n"
        "## First week\n"
        "\n"
        f"- [ ] Call the new joiner before day one. ([link]({site}{BASICS}#welcome-call))\n"
        "- [ ] @team: announce the start date in the team channel. "
        f"([link]({site}{BASICS}#announce))\n"
        "\n"
        "## First month\n"
        "\n"
        "- [x] Ask your team: what should I stop doing? "
        f"([link]({site}checklists/team-habits/#feedback-round))\n"
        "\n"
        "## Every quarter\n"
        "\n"
        "- [ ] Hold a quarterly review of the goals. "
        f"([link]({site}{BASICS}#quarterly-review))\n"
    )
    name, text = download(page, "export-csv")
    assert name == "onboarding-manager.csv"
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == '"checklist","item","text","role","phase","done","link"'
    assert lines[3] == (
        '"Team habits","feedback-round","Ask your team: what should I stop doing?",'
        f'"People manager","First month","yes","{site}checklists/team-habits/#feedback-round"'
    )
    assert len(lines) == 6 and lines[-1] == ""


# Print


def printed_look(pg) -> dict:
    """What the print stylesheet does to the page, read with print media emulated."""
    return pg.evaluate(
        """() => {
            const box = document.querySelector('[data-pb-item$="#welcome-call"] input');
            const shown = s => [...document.querySelectorAll(s)]
                .some(e => e.offsetParent !== null);
            return {
                mode: document.documentElement.getAttribute('data-pb-print'),
                printed: window.__printed || 0,
                checked: box.checked,
                tick_drawn: getComputedStyle(box).appearance !== 'none',
                progress: shown('[data-pb-progress]'),
                buttons: shown('.pb-bar button'),
                copy_links: shown('[data-pb-action=copy-link]'),
                items: document.querySelectorAll('[data-pb-item]').length,
            };
        }"""
    )


@pytest.mark.parametrize(
    "mode, tick_drawn, progress_shown", [("ticks", True, True), ("blank", False, False)]
)
def test_print_with_or_without_ticks(page, site, mode, tick_drawn, progress_shown):
    page.add_init_script(STUB_PRINT)
    page.goto(site + BASICS)
    page.check(box("onboarding-basics#welcome-call"))
    page.click(f"[data-pb-action=print][data-pb-print={mode}]")
    page.emulate_media(media="print")
    assert printed_look(page) == {
        "mode": mode,
        "printed": 1,
        "checked": True,
        "tick_drawn": tick_drawn,
        "progress": progress_shown,
        "buttons": False,
        "copy_links": False,
        "items": 4,
    }
    page.emulate_media(media="screen")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.hasAttribute('data-pb-print')") is False


def test_print_of_an_onboarding_plan(page, site):
    page.add_init_script(STUB_PRINT)
    page.goto(site + "onboarding/manager/")
    page.check(box("onboarding-basics#welcome-call"))
    page.click("[data-pb-action=print][data-pb-print=blank]")
    page.emulate_media(media="print")
    look = printed_look(page)
    assert (look["mode"], look["tick_drawn"], look["buttons"]) == ("blank", False, False)


def test_page_reads_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site + BASICS)
    assert pg.locator("[data-pb-item]").count() == 4
    assert not pg.locator(".pb-bar").is_visible(), "controls that need the script stay hidden"
    assert pg.get_by_role("checkbox", name="Call the new joiner before day one.").count() == 1
    context.close()


# Accessibility and the default handbook


@pytest.mark.parametrize(
    "path",
    [
        BASICS + "?role=manager#announce",
        "onboarding/manager/",
        "onboarding/hr/",
        "onboarding/",
    ],
)
def test_no_serious_accessibility_violations(page, site, path):
    page.goto(site + path)
    if page.locator("[data-pb-item]").count():
        page.locator("[data-pb-item] input[type=checkbox]").first.check()
    found = serious_violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "path", ["checklists/internal-service/", "onboarding/manager/", "checklists/feedback-culture/"]
)
def test_default_handbook_pages_work_and_pass_axe(page, default_site, path):
    page.goto(default_site + path + "?role=manager")
    items = page.locator("[data-pb-item]")
    assert items.count() > 0
    first = page.locator("[data-pb-item]:not([hidden]) input[type=checkbox]").first
    first.check()
    assert page.locator("[data-pb-progress]").get_attribute("data-done") == "1"
    found = serious_violations(page)
    assert found == [], "\n".join(found)


def held_at_materials_script(pg, url: str) -> list:
    """Open `url` with Material's script held back: the page is read up to it and nothing that
    starts once the page is read has run. Returns the held request (call ``continue_()``)."""
    held: list = []
    pg.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    pg.goto(url, wait_until="commit")
    return held


def below(pg, selector: str, under: str = "h1") -> float:
    """How far `selector` is below `under` (what Material's own start-up moves, both move)."""
    return pg.evaluate(
        "([a, b]) => document.querySelector(a).getBoundingClientRect().top -"
        " document.querySelector(b).getBoundingClientRect().top",
        [selector, under],
    )


def test_the_bar_is_shown_while_the_page_is_read_and_the_list_stays_put(page, site):
    """The filters and buttons are there from the first paint: the list does not move down
    when the page's script starts."""
    held = held_at_materials_script(page, f"{site}checklists/team-habits/")
    page.wait_for_selector(".pb-bar", state="visible")
    assert page.locator(".pb-list[data-pb-ready]").count() == 0  # not started yet
    first_item = ".pb-checklist > .pb-item"
    before = below(page, first_item)
    held[0].continue_()
    page.wait_for_selector(".pb-list[data-pb-ready]", state="attached")
    assert below(page, first_item) == before
