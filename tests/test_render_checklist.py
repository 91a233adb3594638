"""Checklist and onboarding pages as rendered Markdown/HTML: hooks, anchors, aliases, grouping."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from playbook_gen.content.loader import load_handbook
from playbook_gen.pages.render import (
    checklist_data,
    onboarding_plan,
    redirect_page,
    redirects,
    render_site,
)

FIXTURE = Path(__file__).parent / "sites" / "checklists"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(FIXTURE / "content")


@pytest.fixture(scope="module")
def site(handbook):
    return render_site(handbook)


class Elements(HTMLParser):
    """Every start tag of a page, as (tag, attributes), plus the visible text of each <label>."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self._hidden: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag == "label":
            self._label = attrs.get("for", "")
            self.labels[self._label] = ""
        elif "hidden" in attrs and self._label is not None:
            self._hidden = tag

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        elif tag == self._hidden:
            self._hidden = None

    def handle_data(self, data):
        if self._label is not None and self._hidden is None:
            self.labels[self._label] += data

    def having(self, attr: str) -> list[dict]:
        return [a for _, a in self.tags if attr in a]

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]


def page_data(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="pb-checklist-data">(.*?)</script>', page
    )
    assert match, "page data is missing"
    return json.loads(match.group(1))


def test_checklist_items_carry_hook_anchor_and_labelled_checkbox(site):
    page = Elements(site.pages["checklists/onboarding-basics.md"])
    items = page.having("data-pb-item")
    assert [a["data-pb-item"] for a in items] == [
        "onboarding-basics#welcome-call",
        "onboarding-basics#announce",
        "onboarding-basics#set-goals",
        "onboarding-basics#quarterly-review",
    ]
    assert [a["id"] for a in items] == ["welcome-call", "announce", "set-goals", "quarterly-review"]
    boxes = [a for tag, a in page.tags if tag == "input" and a.get("type") == "checkbox"]
    assert len(boxes) == 4
    assert page.labels[boxes[0]["id"]].strip() == "Call the new joiner before day one."
    assert page.labels[boxes[3]["id"]] == "Hold a quarterly review of the goals."


def test_item_aliases_are_extra_anchors_on_the_checklist_page_only(site):
    ids = Elements(site.pages["checklists/onboarding-basics.md"]).ids()
    assert "intro-call" in ids and "old-review" in ids
    assert len(ids) == len(set(ids)), "anchors must be unique on the page"
    onboarding_ids = Elements(site.pages["onboarding/manager.md"]).ids()
    assert "intro-call" not in onboarding_ids and "welcome-call" not in onboarding_ids


def test_copy_link_and_item_meta_link_pages_as_markdown_links_do(site):
    """Raw HTML links a page by its .md path, relative to the page's Markdown file: Zensical
    and (through rawhtml.py) MkDocs both turn that into the page's address."""
    page = Elements(site.pages["checklists/onboarding-basics.md"])
    copy = [a for a in page.having("data-pb-action") if a["data-pb-action"] == "copy-link"]
    assert copy[0]["href"] == "onboarding-basics.md#welcome-call"
    assert copy[0]["aria-label"] == "Copy link to: Call the new joiner before day one."
    hrefs = [a["href"] for tag, a in page.tags if tag == "a"]
    assert "../onboarding/manager.md" in hrefs
    assert "../principles/one-owner.md" in hrefs
    assert "?when=week-1" in hrefs


def test_filter_menus_offer_the_roles_and_phases_the_checklist_uses_in_playbook_order(site):
    source = site.pages["checklists/team-habits.md"]
    role = re.search(r'<select data-pb-filter="role">(.*?)</select>', source).group(1)
    when = re.search(r'<select data-pb-filter="when">(.*?)</select>', source).group(1)
    assert re.findall(r'value="([^"]*)"', role) == ["", "manager", "team-member"]
    assert re.findall(r'value="([^"]*)"', when) == ["", "week-1", "month-1"]
    assert ">All roles<" in role and ">All phases<" in when


def test_page_controls_show_from_the_start_and_hide_without_javascript(site):
    """The page is laid out once with its bar, and its script runs once the page is read; an
    onboarding plan's bar waits for the plan's start (tests/test_browser_checklist.py)."""
    source = site.pages["checklists/onboarding-basics.md"]
    bar = re.search(r'<div class="pb-bar"[^>]*>', source).group(0)
    assert "hidden" not in bar and "data-pb-js" in bar
    assert (
        "<noscript><style>[data-pb-js], .pb-js { display: none; } "
        ".pb-nojs { display: block; }</style></noscript>"
    ) in source
    assert re.search(r'<script src="[^"]*pb-checklist\.js" defer>', source)
    plan = site.pages["onboarding/manager.md"]
    assert re.search(r'<div class="pb-bar" data-pb-js hidden>', plan) and "<noscript>" not in plan
    for action in ("export-md", "export-csv", "print", "reset"):
        assert f'data-pb-action="{action}"' in source
    assert 'data-pb-print="blank"' in source and 'data-pb-print="ticks"' in source
    assert re.search(r'data-pb-progress data-done="0" data-total="4">0 of 4 done<', source)


def test_checklist_data_holds_plain_text_aliases_and_names(handbook):
    data = checklist_data(handbook, handbook.checklists["onboarding-basics"])
    assert data["kind"] == "checklist" and data["file"] == "checklist-onboarding-basics"
    review = data["items"][3]
    assert review == {
        "checklist": "onboarding-basics",
        "id": "quarterly-review",
        "text": "Hold a quarterly review of the goals.",
        "role": "manager",
        "when": "quarterly",
        "aliases": ["old-review"],
    }
    assert data["roles"] == {"manager": "People manager", "team-member": "Team member"}
    assert data["phases"]["quarterly"] == "Every quarter"
    assert data["t"]["progress"] == "{done} of {total} done"


def test_onboarding_plan_groups_by_phase_in_playbook_order(handbook):
    plan = onboarding_plan(handbook, "manager")
    assert [(g["phase"].id, [(c.id, i.id) for c, i in g["entries"]]) for g in plan] == [
        ("week-1", [("onboarding-basics", "welcome-call"), ("onboarding-basics", "announce")]),
        ("month-1", [("team-habits", "feedback-round")]),
        ("quarterly", [("onboarding-basics", "quarterly-review")]),
    ]
    plan = onboarding_plan(handbook, "team-member")
    assert [(g["phase"].id, [i.id for _, i in g["entries"]]) for g in plan] == [
        ("week-1", ["weekly-notes"]),
        ("month-1", ["set-goals"]),
    ]
    assert onboarding_plan(handbook, "hr") == []


def test_onboarding_page_links_each_item_to_its_checklist_anchor(site):
    source = site.pages["onboarding/manager.md"]
    page = Elements(source)
    assert [a["data-pb-item"] for a in page.having("data-pb-item")] == [
        "onboarding-basics#welcome-call",
        "onboarding-basics#announce",
        "team-habits#feedback-round",
        "onboarding-basics#quarterly-review",
    ]
    hrefs = [a["href"] for tag, a in page.tags if tag == "a"]
    assert "../checklists/team-habits.md#feedback-round" in hrefs
    assert "../checklists/onboarding-basics.md#quarterly-review" in hrefs
    headings = re.findall(r'^## <span id="([^"]+)"></span>(.+)$', source, re.M)
    assert headings == [
        ("week-1", "First week"),
        ("month-1", "First month"),
        ("quarterly", "Every quarter"),
    ]
    data = page_data(source)
    assert data["kind"] == "onboarding" and data["title"] == "Onboarding plan: People manager"
    assert [i["id"] for i in data["items"]] == [
        "welcome-call",
        "announce",
        "feedback-round",
        "quarterly-review",
    ]


def test_role_without_items_gets_a_page_that_says_so(site):
    source = site.pages["onboarding/hr.md"]
    assert "There are no checklist items for this role yet." in source
    assert "data-pb-item" not in source and "data-pb-progress" not in source
    assert "onboarding/hr.md" in json.dumps(site.nav), "the empty plan is still linked"


def test_onboarding_index_lists_roles_with_item_counts(site):
    cards = _cards(site.pages["onboarding/index.md"])
    assert cards["manager.md"] == ("People manager", "4 items")
    assert cards["team-member.md"] == ("Team member", "2 items")
    assert cards["hr.md"] == ("People team", "0 items")


def test_checklists_index_counts_items(site):
    cards = _cards(site.pages["checklists/index.md"])
    assert cards["onboarding-basics.md"] == ("Onboarding basics", "4 items")
    assert cards["team-habits.md"] == ("Team habits", "2 items")


def _cards(source: str) -> dict[str, tuple[str, str]]:
    """{link: (title, count)} of each card on an index page (see test_cards for the rest)."""
    found = re.findall(
        r'<li class="pb-card">\n<h2 class="pb-card-title"><a href="([^"]+)">([^<]*)</a></h2>\n'
        r'(?:.*?\n)*?<p class="pb-card-meta">([^<]*)</p>\n</li>',
        source,
    )
    return {href: (title, count) for href, title, count in found}


def test_entity_aliases_get_redirect_files_where_the_old_page_was(handbook):
    assert redirects(handbook) == {
        "checklists/first-steps/index.html": "checklists/onboarding-basics.md",
        "principles/single-owner/index.html": "principles/one-owner.md",
    }
    assert redirects(handbook, directory_urls=False) == {
        "checklists/first-steps.html": "checklists/onboarding-basics.md",
        "principles/single-owner.html": "principles/one-owner.md",
    }


def test_redirect_page_keeps_query_and_hash(handbook):
    t = {"redirect": "This page has moved to"}
    page = redirect_page("checklists/first-steps/index.html", "checklists/x.md", True, t, "de")
    assert '<html lang="de">' in page
    assert 'location.replace("../x/" + location.search + location.hash)' in page
    assert 'content="0; url=../x/"' in page and '<a href="../x/">' in page
    flat = redirect_page("checklists/first-steps.html", "checklists/x.md", False, t)
    assert 'location.replace("x.html" + location.search + location.hash)' in flat


def test_item_text_cannot_break_out_of_the_page_data(tmp_path):
    content = shutil.copytree(FIXTURE / "content", tmp_path / "content")
    path = content / "checklists" / "team-habits.yaml"
    path.write_text(
        path.read_text().replace(
            "Share three lines of weekly notes.", "Share </script><script>alert(1)</script> notes."
        )
    )
    source = render_site(load_handbook(content)).pages["checklists/team-habits.md"]
    data_block = re.search(r'id="pb-checklist-data">(.*?)</script>', source, re.S).group(1)
    assert "<" not in data_block
    assert page_data(source)["items"][0]["text"].startswith("Share </script><script>")
    assert "<script>alert" not in source


def test_labels_follow_the_handbook_language(tmp_path):
    content = shutil.copytree(FIXTURE / "content", tmp_path / "content")
    playbook = content / "playbook.yaml"
    playbook.write_text(playbook.read_text() + "language: de\n")
    site = render_site(load_handbook(content))
    source = site.pages["checklists/onboarding-basics.md"]
    assert "0 von 4 erledigt" in source and ">Alle Rollen<" in source
    assert (
        page_data(source)["t"]["progress_shown"]
        == "{done} von {total} angezeigten Punkten erledigt"
    )
    assert "Für diese Rolle gibt es noch keine Checklistenpunkte." in site.pages["onboarding/hr.md"]


def test_built_site_keeps_anchors_hooks_and_redirects(tmp_path):
    from browser_support import build_handbook, copy_project

    project = copy_project(FIXTURE, tmp_path / "project")
    out = build_handbook(project, tmp_path / "site")
    html = (out / "checklists" / "onboarding-basics" / "index.html").read_text()
    page = Elements(html)
    ids = page.ids()
    for anchor in ("welcome-call", "intro-call", "quarterly-review", "old-review"):
        assert anchor in ids
    assert len(page.having("data-pb-item")) == 4
    assert page_data(html)["items"][0]["id"] == "welcome-call"
    assert (out / "checklists" / "first-steps" / "index.html").is_file()
    assert (out / "principles" / "single-owner" / "index.html").is_file()
    plan = Elements((out / "onboarding" / "manager" / "index.html").read_text()).ids()
    assert {"week-1", "month-1", "quarterly"} <= set(plan), "phase anchors survive Markdown"
    onboarding = (out / "onboarding" / "hr" / "index.html").read_text()
    assert "There are no checklist items for this role yet." in onboarding
    # Links in raw HTML, resolved by the plugin as MkDocs resolves Markdown links
    copy = [a["href"] for a in page.having("data-pb-action") if "href" in a]
    assert copy[0] == "./#welcome-call"
    hrefs = [a["href"] for tag, a in page.tags if tag == "a"]
    assert "../../onboarding/manager/" in hrefs and "../../principles/one-owner/" in hrefs
    manager = Elements((out / "onboarding" / "manager" / "index.html").read_text())
    assert "../../checklists/team-habits/#feedback-round" in [
        a["href"] for tag, a in manager.tags if tag == "a"
    ]
    assert '<script src="../../assets/playbook/pb-checklist.js" defer>' in html


def test_links_work_without_directory_urls(handbook, tmp_path):
    from browser_support import build_handbook, copy_project

    project = copy_project(FIXTURE, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"))
    out = build_handbook(project, tmp_path / "site")
    checklist = Elements((out / "checklists" / "onboarding-basics.html").read_text())
    copy = [a["href"] for a in checklist.having("data-pb-action") if "href" in a]
    assert copy[0] == "onboarding-basics.html#welcome-call"
    plan = Elements((out / "onboarding" / "manager.html").read_text())
    hrefs = [a["href"] for tag, a in plan.tags if tag == "a"]
    assert "../checklists/team-habits.html#feedback-round" in hrefs
    site = render_site(handbook, directory_urls=False)
    assert "checklists/first-steps.html" in site.files
