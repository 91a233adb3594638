"""The default handbook's reading pages in a real browser: accessible, quiet, private."""

from __future__ import annotations

import pytest
from browser_support import print_preview

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


@pytest.fixture(scope="module")
def new_site(tmp_path_factory, serve_site) -> tuple[str, list[str]]:
    """A handbook made by `playbook-gen new` (Material's default palette), built and served:
    (base URL, the path of every page that is not a redirect)."""
    from browser_support import build_handbook
    from click.testing import CliRunner

    from playbook_gen.cli import cli

    root = tmp_path_factory.mktemp("new-handbook")
    assert CliRunner().invoke(cli, ["new", str(root / "project")]).exit_code == 0
    site = build_handbook(root / "project", root / "www")
    paths = sorted(
        "" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
        for page in site.rglob("index.html")
        if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    )
    return serve_site(site), paths


def test_every_page_of_a_new_handbook_passes_axe(page, new_site):
    """Whatever the palette, links in running text are told apart by more than colour."""
    from axe_playwright_python.sync_playwright import Axe

    base, paths = new_site
    assert {"", "principles/", "assessments/", "checklists/", "onboarding/"} <= set(paths)
    found = {}
    for path in paths:
        page.goto(base + path)
        violations = Axe().run(page, context={"exclude": [[".md-search"]]}).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    assert found == {}


OUR_FILES = """() => performance.getEntriesByType("resource")
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes("/assets/playbook/"))
    .map((path) => path.split("/").pop())"""
"""The names of our files (assets/playbook/) the page has loaded."""

ASSESSMENT, CHECKLIST = "pb-assessment.js", "pb-checklist.js"  # each with the core in it
PLAN = "pb-plan.js"  # the core, the checklist's code and the plan's
REVIEW = "pb-review.js"
"""On a page with a review date (every page of the default handbook's own files): a few lines
that show the "due for review" notice, judged by the reader's clock. The assessment's and the
checklist's scripts carry them: one file of ours per page."""
SCRIPTS_BY_PAGE = {
    "": set(),
    "principles/": set(),
    "principles/serve-inside-out/": {REVIEW},
    "examples/zappos/": {REVIEW},
    "tags/": set(),
    "sources/": set(),
    "editing/": set(),
    "whats-new/": set(),
    "assessments/": set(),
    "assessments/internal-service/": {ASSESSMENT},
    "checklists/internal-service/": {CHECKLIST},
    "onboarding/": set(),
    "onboarding/service-owner/": {PLAN},
}


def test_each_page_loads_only_the_scripts_it_uses(page, default_site):
    loaded = {}
    for path in SCRIPTS_BY_PAGE:
        page.goto(default_site + path, wait_until="load")
        files = page.evaluate(OUR_FILES)
        assert "pb.css" in files, path  # the styles are on every page
        loaded[path] = {name for name in files if name.endswith(".js")}
    assert loaded == SCRIPTS_BY_PAGE


# Counts what the page formats in the reader's language with the browser's locale data.
COUNT_LOCALE_FORMATTING = """
window.__pbLocaleFormatting = 0;
const counted = (target) => new Proxy(target, {
  apply(fn, self, args) { window.__pbLocaleFormatting += 1; return Reflect.apply(fn, self, args); },
  construct(fn, args) { window.__pbLocaleFormatting += 1; return Reflect.construct(fn, args); },
});
for (const name of ["NumberFormat", "DateTimeFormat", "PluralRules", "RelativeTimeFormat"]) {
  Intl[name] = counted(Intl[name]);
}
for (const name of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]) {
  Date.prototype[name] = counted(Date.prototype[name]);
}
Number.prototype.toLocaleString = counted(Number.prototype.toLocaleString);
"""


def test_pages_with_nothing_saved_are_ready_without_the_browsers_locale_data(page, default_site):
    """A tab's first number or date formatted in words loads Chromium's locale data, 20-30 ms
    before the page can be used: the assessment and checklist, opened with nothing saved, show
    no such figure and are ready without it. A printout is dated when it is printed."""
    page.add_init_script(COUNT_LOCALE_FORMATTING)
    for path, ready in (
        ("principles/serve-inside-out/", None),
        ("assessments/internal-service/", "form[data-pb-assessment][data-pb-ready]"),
        ("checklists/internal-service/", "[data-pb-checklist][data-pb-ready]"),
    ):
        page.goto(default_site + path, wait_until="load")
        if ready:
            page.wait_for_selector(ready)
        assert page.evaluate("window.__pbLocaleFormatting") == 0, path
    print_preview(page)
    assert page.evaluate("window.__pbLocaleFormatting") == 1


def test_error_page_loads_none_of_our_scripts(page, default_site):
    page.goto(default_site + "404.html", wait_until="load")
    assert [name for name in page.evaluate(OUR_FILES) if name.endswith(".js")] == []


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory, serve_site) -> str:
    """The default handbook exported, then built by plain MkDocs (no playbook plugin), served."""
    from browser_support import ROOT
    from site_support import run_mkdocs

    from playbook_gen.build import export_site

    root = tmp_path_factory.mktemp("exported")
    project = export_site(ROOT / "mkdocs.yml", root / "project")
    www = root / "www"
    run_mkdocs(
        "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(www), cwd=root, check=True
    )
    return serve_site(root / "www")


def test_exported_project_pages_load_their_scripts_and_work(page, exported_site):
    page.goto(exported_site + "principles/serve-inside-out/", wait_until="load")
    assert [name for name in page.evaluate(OUR_FILES) if name.endswith(".js")] == [REVIEW]
    page.goto(exported_site + "assessments/internal-service/")
    page.wait_for_selector("form[data-pb-assessment][data-pb-ready]")
    for question, answer in {"rsp-1": 4, "rsp-2": 5, "rsp-3": 2, "rsp-4": 3}.items():
        page.check(f"input[name='{question}'][value='{answer}']")
    assert page.get_attribute('[data-pb-score="responsiveness"]', "data-value") == "4"
    page.goto(exported_site + "checklists/internal-service/")
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    page.locator("[data-pb-item] input[type=checkbox]").first.check()
    assert page.get_attribute("[data-pb-progress]", "data-done") == "1"


# -- Material's instant navigation -----------------------------------------------------------------


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory) -> str:
    """The default handbook with navigation.instant on, served at its site_url.

    Material navigates instantly only to addresses in sitemap.xml, which it matches by host and
    port: the site is built for the port it is then served on.
    """
    import functools
    import http.server
    import socket
    import threading

    from browser_support import ROOT, _QuietHandler, build_handbook, copy_project

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = tmp_path_factory.mktemp("instant")
    project = copy_project(ROOT, root / "project")
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("    - navigation.prune\n", "    - navigation.instant\n", 1)
    settings = f"site_url: http://127.0.0.1:{port}/\n" + settings
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
    site = build_handbook(project, root / "www")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


def navigate_instantly(pg, href_end: str) -> None:
    """Follow a link to `href_end` in the page; fail if the browser loaded a new document."""
    # Material intercepts links only once it has read sitemap.xml (to know the site's pages):
    # on a busy machine a click right after loading would still be an ordinary page load.
    pg.wait_for_load_state("networkidle")
    pg.evaluate("window.__samePage = true")
    pg.evaluate("end => document.querySelector(`a[href$='${end}']`).click()", href_end)
    pg.wait_for_function("end => location.href.endsWith(end)", arg=href_end)
    pg.wait_for_load_state("load")
    assert pg.evaluate("window.__samePage") is True, "a full page load, not instant navigation"


def test_instant_navigation_starts_every_page_and_keeps_its_state(page, instant_site):
    """Scripts, page data and stored state across pages Material swaps in without a reload."""
    form = "form[data-pb-assessment][data-pb-ready]"
    score = '[data-pb-score="responsiveness"]'
    page.goto(instant_site + "principles/")
    navigate_instantly(page, "assessments/internal-service/")
    page.wait_for_selector(form)
    for question, answer in {"rsp-1": 4, "rsp-2": 5, "rsp-3": 2, "rsp-4": 3}.items():
        page.check(f"{form} input[name='{question}'][value='{answer}']")
    assert page.get_attribute(score, "data-value") == "4"

    navigate_instantly(page, "checklists/internal-service/")
    page.wait_for_selector(".pb-list[data-pb-ready]")
    page.locator("[data-pb-item] input[type=checkbox]").first.check()
    assert page.get_attribute("[data-pb-progress]", "data-done") == "1"

    navigate_instantly(page, "assessments/internal-service/")
    page.wait_for_selector(form)
    assert page.is_checked(f"{form} input[name='rsp-3'][value='2']")
    assert page.get_attribute(score, "data-value") == "4"
    assert page.locator("[data-pb-notice]").count() == 1

    navigate_instantly(page, "onboarding/service-owner/")
    page.wait_for_selector(".pb-list[data-pb-ready]")
    navigate_instantly(page, "principles/serve-inside-out/")
    # page fixture: no console errors (none refused by the CSP either)
