"""Hostile text in every kind of content field: the built site shows it and never runs it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from site_support import SITES, copy_project

from playbook_gen.build import build_site
from playbook_gen.content.loader import load_handbook
from playbook_gen.pages.render import handbook_name

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=1</script>',
    "[click](javascript:window.__pwned=1)",
    "Title {onclick=window.__pwned=1}",
    "</textarea><svg onload=window.__pwned=1>",
    "</title><script>window.__pwned=1</script>",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
]


def _poison(value: str, i: int) -> str:
    return f"{value} {PAYLOADS[i % len(PAYLOADS)]}"


def _edit(file: Path, change) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _poison_handbook(content: Path) -> None:
    counter = iter(range(1000))

    def p(text):
        return _poison(text, next(counter))

    def playbook(d):
        d["title"], d["organisation"], d["summary"] = p(d["title"]), p(d["organisation"]), p("x")
        for entry in d["roles"] + d["phases"]:
            entry["name"] = p(entry["name"])

    _edit(content / "playbook.yaml", playbook)
    for file in (content / "principles").glob("*.yaml"):

        def principle(d):
            d["title"], d["summary"], d["why"] = p(d["title"]), p(d["summary"]), p(d["why"])
            d["practices"] = [p(x) for x in d["practices"]]
            d["sources"] = [{"title": p("Source"), "author": p("Someone"), "year": 2000}]

        _edit(file, principle)
    for file in (content / "examples").glob("*.yaml"):

        def example(d):
            for key in ("title", "summary", "story", "lesson"):
                d[key] = p(d[key])

        _edit(file, example)
    for file in (content / "assessments").glob("*.yaml"):

        def assessment(d):
            d["title"], d["intro"] = p(d["title"]), p(d["intro"])
            d["scale"]["labels"] = [p(x) for x in d["scale"]["labels"]]
            for dim in d["dimensions"]:
                dim["title"] = p(dim["title"])
                for q in dim["questions"]:
                    q["text"] = p(q["text"])
            for band in d["bands"]:
                band["name"], band["description"] = p(band["name"]), p(band["description"])

        _edit(file, assessment)
    for file in (content / "checklists").glob("*.yaml"):

        def checklist(d):
            d["title"], d["summary"] = p(d["title"]), p(d["summary"])
            for item in d["items"]:
                item["text"] = p(item["text"])
                item["details"] = p(item.get("details") or "More.")

        _edit(file, checklist)


class _ActiveContent(HTMLParser):
    """Collect elements that would run something: handlers, javascript: URLs, injected tags."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("svg", "img") and any(n == "src" and v == "x" for n, v in attrs):
            self.found.append(f"<{tag}>")

    def handle_data(self, data):
        if "window.__pwned=1" in data and self.lasttag == "script" and "__pwned" in data[:40]:
            self.found.append(f"<script>{data[:40]}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(SITES / "small", tmp_path_factory.mktemp("hostile") / "project")
    _poison_handbook(project / "content")
    return build_site(project / "mkdocs.yml", project / "site")


def test_hostile_text_builds_and_no_page_carries_active_content(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = _ActiveContent()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], f"{page.relative_to(hostile_site)}: {parser.found}"


def test_hostile_text_is_shown_as_text(page, serve_site, hostile_site):
    base = serve_site(hostile_site)
    page.goto(base + "principles/listen-first/")
    heading = page.locator("article h1").inner_text()
    assert heading.startswith("Listen first ") and "<" in heading  # the payload, as text
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert '<img src=x onerror="window.__pwned=1">' in nav
    # <title> shows it as text too, and so the poisoned title and organisation of playbook.yaml
    # that name the handbook
    name = handbook_name(load_handbook(hostile_site.parent / "content").playbook)
    assert "<script>" in name
    assert page.title() == f"{heading} - {name}"


def test_hostile_text_runs_nothing_in_the_browser(page, serve_site, hostile_site):
    base = serve_site(hostile_site)
    page.on("dialog", lambda dialog: dialog.dismiss())
    for file in sorted(hostile_site.rglob("index.html")):
        path = file.parent.relative_to(hostile_site).as_posix()
        page.goto(base + ("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path


def test_searching_for_hostile_text_runs_nothing(page, serve_site, hostile_site):
    base = serve_site(hostile_site)
    page.goto(base)
    page.set_viewport_size({"width": 1300, "height": 900})
    page.locator("input.md-search__input").click()
    page.keyboard.type("listen", delay=30)  # a title that carries a payload
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.evaluate("window.__pwned") is None
