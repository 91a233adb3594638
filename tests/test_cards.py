"""Cards: the home page greets each group of readers with a card, index pages show one card per
entry with its summary, and the navigation uses short titles while pages keep the full one."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from browser_support import serious_violations
from site_support import ROOT, SITES, copy_project, page_file, run_mkdocs

from playbook_gen.build import build_site, export_site
from playbook_gen.content.loader import load_handbook
from playbook_gen.pages.render import render_site


class _Cards(HTMLParser):
    """Read the cards of a page: for each, its heading's level, link and text, its group line,
    its text and its count, and how many links it holds; and the page's H1, <title> and the
    primary navigation's link texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self.grids: list[str] = []
        self.h1 = ""
        self.title = ""
        self.nav: list[str] = []
        self._in: list[str] = []  # what the text goes to
        self._card_depth = 0
        self._depth = 0
        self._nav_depth = 0
        self._nav_link_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._depth += 1
        if "pb-cards" in classes:
            self.grids.append(tag)
        if "pb-card" in classes:
            self.cards.append(
                {
                    "level": "",
                    "href": "",
                    "title": "",
                    "group": "",
                    "text": "",
                    "meta": "",
                    "links": 0,
                }  # fmt: skip
            )
            self._card_depth = self._depth
        card = self.cards[-1] if self._card_depth else None
        if card is not None and tag == "a":
            card["links"] += 1
        if card is not None and "pb-card-title" in classes:
            card["level"] = tag
        if card is not None and tag == "a" and self._in and self._in[-1] == "title":
            card["href"] = a.get("href", "")
        for part in ("title", "group", "text", "meta"):
            if f"pb-card-{part}" in classes and card is not None:
                self._in.append(part)
                self._in_depth = self._depth
        if tag == "h1" and not self.h1:
            self._in.append("h1")
            self._in_depth = self._depth
        if tag == "title":
            self._in.append("tab")
            self._in_depth = self._depth
        if tag == "nav" and "md-nav--primary" in classes:
            self._nav_depth = self._depth
        if self._nav_depth and tag == "a":
            self.nav.append("")
            self._nav_link_depth = self._depth

    def handle_endtag(self, tag):
        if self._in and self._depth == self._in_depth:
            self._in.pop()
        if self._card_depth and self._depth == self._card_depth:
            self._card_depth = 0
        if self._nav_depth and self._depth == self._nav_depth:
            self._nav_depth = 0
        if self._nav_link_depth and self._depth == self._nav_link_depth:
            self._nav_link_depth = 0
        self._depth -= 1

    def handle_data(self, data):
        if self._nav_link_depth:
            self.nav[-1] += data
        if not self._in:
            return
        where = self._in[-1]
        if where == "h1":
            self.h1 += data
        elif where == "tab":
            self.title += data
        else:
            self.cards[-1][where] += data


def read(site: Path, url: str) -> _Cards:
    parser = _Cards()
    parser.feed(page_file(site, url).read_text(encoding="utf-8"))
    for card in parser.cards:
        for key in ("title", "group", "text", "meta"):
            card[key] = " ".join(card[key].split())
    parser.h1 = " ".join(parser.h1.split()).removesuffix("¶").strip()
    parser.nav = [" ".join(n.split()) for n in parser.nav]
    return parser


def target(url: str, href: str) -> str:
    """The site-relative page a link on the page at `url` leads to."""
    return urlsplit(urljoin("http://site.invalid/" + url, href)).path.lstrip("/")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's default handbook, built."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("cards") / "site")


def _edit(file: Path, change) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# -- the home page ---------------------------------------------------------------------------------


def test_home_page_greets_each_group_with_a_card_that_links_to_an_existing_page(site):
    home = read(site, "")
    assert home.grids == ["ul"]
    assert [(c["group"], c["title"], c["meta"]) for c in home.cards] == [
        ("For everyone", "Read the principles", "12 principles"),
        ("For everyone", "Learn from examples", "9 examples"),
        ("For teams", "Take the self-assessment", "30 questions"),
        ("For managers", "Work through a checklist", "2 checklists"),
        ("For new colleagues", "Open your onboarding plan", "7 roles"),
    ]
    assert [target("", c["href"]) for c in home.cards] == [
        "principles/",
        "examples/",
        "assessments/internal-service/",
        "checklists/",
        "onboarding/",
    ]
    for card in home.cards:
        assert card["level"] == "h3", "under the home page's 'Where to start' (h2)"
        assert card["links"] == 1, f"{card['title']}: one link per card, none inside another"
        assert card["text"], card["title"]
        assert page_file(site, target("", card["href"])).is_file(), card["href"]
    assert home.h1 == "Service Culture Playbook"
    summary = page_file(site, "").read_text(encoding="utf-8")
    assert summary.index("This handbook describes how we serve") < summary.index("pb-cards")


def test_results_get_a_card_only_when_there_are_results(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    assessment = load_handbook(project / "content").assessments["internal-service"]
    answers = {q.id: 3 for d in assessment.dimensions for q in d.questions}
    (project / "content/results").mkdir()
    for n, team in enumerate(["Payroll", "Payroll", "Facilities"]):
        result = {
            "format": "playbook-assessment-result",
            "version": 1,
            "assessment": "internal-service",
            "team": team,
            "date": "2026-11-20",
            "answers": answers,
        }
        (project / f"content/results/r{n}.json").write_text(json.dumps(result), encoding="utf-8")
    site = build_site(project / "mkdocs.yml", tmp_path / "site")
    last = read(site, "").cards[-1]
    assert (last["group"], last["title"], last["meta"]) == (
        "For HR and leads",
        "See the results",
        "2 teams",
    )
    assert target("", last["href"]) == "results/"
    assert page_file(site, "results/").is_file()


def test_a_handbook_without_assessments_or_checklists_has_no_card_for_them(project):
    shutil.rmtree(project / "content/assessments")
    shutil.rmtree(project / "content/checklists")
    site = render_site(load_handbook(project / "content"))
    home = site.pages["index.md"]
    assert "Read the principles" in home and "Learn from examples" in home
    for absent in ("self-assessment", "checklist", "onboarding plan", "results"):
        assert absent not in home.lower(), absent


def test_several_assessments_share_one_card_that_leads_to_their_index(project):
    source = project / "content/assessments/team-pulse.yaml"
    shutil.copy(source, source.with_name("second-pulse.yaml"))
    home = render_site(load_handbook(project / "content")).pages["index.md"]
    assert '<a href="assessments/index.md">Take a self-assessment</a>' in home
    assert '<p class="pb-card-meta">2 self-assessments</p>' in home


def test_a_german_handbook_has_german_cards(project):
    _edit(project / "content/playbook.yaml", lambda d: d.update(language="de"))
    home = render_site(load_handbook(project / "content")).pages["index.md"]
    assert ">Die Prinzipien lesen</a>" in home
    assert '<p class="pb-card-group">Für alle</p>' in home
    assert "2 Prinzipien" in home


# -- index pages -----------------------------------------------------------------------------------


INDEXES = [
    ("principles/", "principles"),
    ("examples/", "examples"),
    ("assessments/", "assessments"),
    ("checklists/", "checklists"),
]


@pytest.mark.parametrize(("url", "kind"), INDEXES)
def test_index_pages_have_one_card_per_entry_with_its_summary(site, url, kind):
    handbook = load_handbook(ROOT / "content")
    entities = list(handbook.entities(kind).values())
    page = read(site, url)
    assert len(page.cards) == len(entities)
    for card, entity in zip(page.cards, entities, strict=True):
        assert card["level"] == "h2"
        assert card["links"] == 1
        assert card["title"] == entity.title, "cards show the full title"
        assert target(url, card["href"]) == f"{kind}/{entity.id}/"
        assert page_file(site, target(url, card["href"])).is_file()
        summary = getattr(entity, "summary", None) or entity.intro
        first_words = " ".join(summary.split()[:6]).replace("**", "")
        assert card["text"].startswith(first_words), (card["text"], first_words)


def test_principles_keep_their_order_in_a_numbered_grid(site):
    assert read(site, "principles/").grids == ["ol"]


def test_example_cards_name_the_company_and_situations_none(site):
    cards = {c["title"]: c for c in read(site, "examples/").cards}
    assert cards["Dell's direct model, an advantage built into the design"]["group"] == "Dell"
    assert cards["The mechanic who doubles the warranty"]["group"] == ""


def test_assessment_and_checklist_cards_count_what_is_in_them(site):
    (assessment,) = read(site, "assessments/").cards
    assert assessment["meta"] == "30 questions in 7 dimensions"
    checklists = read(site, "checklists/").cards
    handbook = load_handbook(ROOT / "content")
    assert [c["meta"] for c in checklists] == [
        f"{len(c.items)} items" for c in handbook.checklists.values()
    ]


def test_onboarding_index_has_a_card_per_role_with_its_item_count(site):
    page = read(site, "onboarding/")
    handbook = load_handbook(ROOT / "content")
    assert [c["title"] for c in page.cards] == [r.name for r in handbook.playbook.roles]
    first = handbook.playbook.roles[0].id
    count = sum(i.role == first for c in handbook.checklists.values() for i in c.items)
    assert count > 1 and page.cards[0]["meta"] == f"{count} items"
    for card in page.cards:
        assert page_file(site, target("onboarding/", card["href"])).is_file()


def test_a_role_description_shows_on_its_card(project):
    def describe(d):
        d["roles"][0]["description"] = "Leads a *team* day to day.\n\nMore about it."

    _edit(project / "content/playbook.yaml", describe)
    page = render_site(load_handbook(project / "content")).pages["onboarding/index.md"]
    assert "<p>Leads a <em>team</em> day to day.</p>" in page
    assert "More about it." not in page, "a card shows the first paragraph"


def test_card_links_work_in_an_export_built_with_plain_mkdocs(tmp_path):
    out = export_site(ROOT / "mkdocs.yml", tmp_path / "export")
    site = tmp_path / "site"
    run_mkdocs(
        "build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(site), cwd=tmp_path, check=True
    )
    for url in ("", "principles/", "examples/", "checklists/", "onboarding/"):
        cards = read(site, url).cards
        assert cards, url
        for card in cards:
            assert not card["href"].endswith(".md"), card["href"]
            assert page_file(site, target(url, card["href"])).is_file(), (url, card["href"])


# -- short titles ----------------------------------------------------------------------------------


def test_navigation_shows_short_titles_and_the_page_keeps_its_full_title(site):
    page = read(site, "principles/serve-inside-out/")
    full = "Serve colleagues as customers, because internal service sets the ceiling"
    assert page.h1 == full
    assert page.title.startswith(full + " - ")
    assert "Serve colleagues as customers" in page.nav
    assert full not in page.nav
    assert "Remove the reasons people need help" in page.nav, "no short title: the title"


def test_every_navigation_entry_of_the_default_handbook_fits_two_lines():
    """About 27 characters fit on a line of the navigation at 1280 px: no entry takes three."""
    handbook = load_handbook(ROOT / "content")
    for kind in ("principles", "examples", "assessments", "checklists"):
        for entity in handbook.entities(kind).values():
            shown = entity.short_title or entity.title
            assert len(shown) <= 45, f"{kind}/{entity.id}: give it a short_title"


def test_short_title_is_optional_on_every_kind_and_used_in_the_nav(project):
    for path in (
        "principles/listen-first.yaml",
        "examples/help-desk.yaml",
        "assessments/team-pulse.yaml",
        "checklists/first-steps.yaml",
    ):
        _edit(project / "content" / path, lambda d: d.update(short_title="Short *one*"))
    site = render_site(load_handbook(project / "content"))
    nav = json.dumps(site.nav)
    assert nav.count('"Short one"') == 4
    for page in (
        "principles/listen-first.md",
        "examples/help-desk.md",
        "assessments/team-pulse.md",
        "checklists/first-steps.md",
    ):
        assert "Short" not in site.pages[page].split("\n# ", 1)[1].split("\n", 1)[0]


# -- hostile text ----------------------------------------------------------------------------------

PAYLOAD = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    project = copy_project(SITES / "small", tmp_path_factory.mktemp("hostile-cards") / "project")
    for file in (project / "content").glob("*/*.yaml"):

        def poison(d):
            for key in ("title", "summary", "organisation"):
                if key in d:
                    d[key] = f"{d[key]} {PAYLOAD}"
            if "title" in d:
                d["short_title"] = f"S {PAYLOAD}"[:60]

        _edit(file, poison)
    return build_site(project / "mkdocs.yml", project / "site")


@pytest.mark.parametrize("url", ["", "principles/", "examples/", "checklists/", "assessments/"])
def test_hostile_titles_and_summaries_stay_text_on_cards(hostile, url):
    html = page_file(hostile, url).read_text(encoding="utf-8")
    assert "<img" not in html.split('class="md-content"', 1)[1]
    for card in read(hostile, url).cards:
        if url:
            assert card["title"].endswith(PAYLOAD), card
            assert card["links"] == 1


def test_hostile_short_titles_stay_text_in_the_nav(hostile):
    page = read(hostile, "principles/listen-first/")
    assert f"S {PAYLOAD}"[:60] in page.nav
    assert page.h1.endswith(PAYLOAD)


def test_links_in_a_summary_do_not_nest_inside_the_card_link(project):
    def linked(d):
        d["title"] = "Listen [first](https://example.org/a)"
        d["summary"] = "See [the study](https://example.org/b)."

    _edit(project / "content/principles/listen-first.yaml", linked)
    page = render_site(load_handbook(project / "content")).pages["principles/index.md"]
    (card,) = [c for c in page.split('<li class="pb-card">') if 'href="listen-first.md"' in c]
    heading = card.split("</h2>")[0]
    assert heading.count("<a ") == 1 and "example.org/a" not in heading
    assert 'href="https://example.org/b"' in card, "a link in the text is kept"
    assert 'href="listen-first.md"' in heading


# -- in the browser -------------------------------------------------------------------------------

PAGES = ["", "principles/", "examples/", "assessments/", "checklists/", "onboarding/"]


@pytest.mark.parametrize("width", [390, 1280])
def test_cards_never_scroll_sideways_and_fill_one_to_three_columns(page, default_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url in PAGES:
        page.goto(default_site + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url or 'home'} at {width} px scrolls sideways by {overflow} px"
        lefts = page.eval_on_selector_all(
            ".pb-card", "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
        )
        columns = len(set(lefts))
        if width == 390:
            assert columns == 1, url
        elif len(lefts) >= 3 and url not in ("assessments/", "checklists/"):
            assert columns in (2, 3), url


def test_a_click_anywhere_on_a_card_follows_its_one_link(page, default_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(default_site)
    card = page.locator(".pb-card", has_text="Work through a checklist")
    box = card.locator(".pb-card-meta").bounding_box()  # the count, away from the heading
    assert box
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    page.wait_for_url(default_site + "checklists/")
    assert page.locator("article h1").inner_text().startswith("Checklists")


def test_cards_are_reached_with_the_keyboard_one_stop_each(page, default_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(default_site)
    page.locator(".pb-card-title a").first.focus()
    titles = []
    for _ in range(5):
        titles.append(page.evaluate("document.activeElement.textContent"))
        page.keyboard.press("Tab")
    assert titles == [
        "Read the principles",
        "Learn from examples",
        "Take the self-assessment",
        "Work through a checklist",
        "Open your onboarding plan",
    ]
    page.locator(".pb-card-title a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(default_site + "principles/")


@pytest.mark.parametrize("system", ["light", "dark"])
def test_home_and_every_index_page_pass_axe(page, default_site, system):
    """tests/test_themes.py checks the home page and one index page in every theme; here every
    index page (their cards differ: a company line, Markdown text, counts) in both schemes."""
    page.emulate_media(color_scheme=system)
    found = {}
    for url in PAGES:
        page.goto(default_site + url)
        page.wait_for_selector(".pb-card")
        serious = serious_violations(page)
        if serious:
            found[url or "home"] = serious
    assert found == {}
