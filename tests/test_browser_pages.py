"""The default handbook's reading pages in a real browser: accessible, quiet, private."""

from __future__ import annotations

import pytest

READING_PAGES = [
    "",
    "principles/",
    "principles/serve-inside-out/",
    "examples/",
    "examples/zappos/",
    "examples/mechanic-double-warranty/",
    "onboarding/",
    "tags/",
    "sources/",
    "editing/",
]


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_page_has_no_accessibility_violations(page, default_site, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(default_site + path)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    # page fixture: no console errors and no request to another host


def test_search_dialog_has_an_accessible_name(page, default_site):
    page.goto(default_site)
    assert page.get_attribute(".md-search", "aria-label") == "Search"


def test_principle_page_links_to_its_examples_and_back(page, default_site):
    page.goto(default_site + "principles/serve-inside-out/")
    article = page.get_by_role("article")
    article.get_by_role("link", name="Zappos, where the service culture is the product").click()
    page.wait_for_url("**/examples/zappos/")
    principle = page.locator("article a[href$='principles/serve-inside-out/']")
    assert (
        principle.inner_text()
        == "Serve colleagues as customers, because internal service sets the ceiling"
    )
    principle.click()
    page.wait_for_url("**/principles/serve-inside-out/")


@pytest.mark.parametrize(
    "path, control",
    [
        ("assessments/internal-service/", "input[type=radio][value='3']"),
        ("checklists/internal-service/", "[data-pb-item] input[type=checkbox]"),
        ("onboarding/service-owner/", "[data-pb-item] input[type=checkbox]"),
    ],
)
def test_letter_keys_on_our_controls_do_not_trigger_page_shortcuts(
    page, default_site, path, control
):
    page.goto(default_site + path)
    page.focus(control)
    for key in ("n", "p", "s", "/", "."):
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == default_site + path
    assert page.evaluate(f"document.activeElement.matches({control!r})")
    page.keyboard.press("Space")
    assert page.is_checked(control)
