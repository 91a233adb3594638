"""Sources done properly: every work the default handbook cites is listed, in full, on the page
that cites it and on the Sources page, which names the pages that cite each work."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml
from site_support import ROOT, page_file

from playbook_gen.build import build_site
from playbook_gen.content.loader import load_handbook
from playbook_gen.content.model import Checklist, ChecklistItem

CITATION = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.:-]*(?:[ -][a-z]{1,3})?(?:[ ,&]+|\s+and\s+)?)+?(?: et al\.)?)"
    r"(?:,\s*|\s+\()(?P<year>(?:19|20)\d\d)[a-z]?\b"
)
"""A citation in the text: "(Heskett et al., 1994)", "Cronin & Taylor (1992)", "(US Army, 1993)"."""


def texts(node, skip=("sources",)):
    """Every string in a content file's data, except inside its sources lists."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def listed_sources(node) -> list[dict]:
    """Every source listed anywhere in a content file (its own and its items')."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += value if key == "sources" else listed_sources(value)
    elif isinstance(node, list):
        for value in node:
            found += listed_sources(value)
    return found


def content_files() -> list[Path]:
    return sorted(
        f for f in (ROOT / "content").rglob("*.yaml") if f.parent.name not in ("results",)
    )


def citations(text: str):
    for match in CITATION.finditer(text):
        who = match["who"].strip(" ,&(")
        yield re.split(r"[ ,&]", who)[0], int(match["year"]), match.group()


def lists(sources: list[dict], name: str, year: int) -> bool:
    return any(
        s.get("year") == year and any(name in (s.get(f) or "") for f in ("author", "publisher"))
        for s in sources
    )


def test_the_citation_pattern_finds_the_forms_the_handbook_uses():
    found = [(name, year) for name, year, _ in citations(
        "as (Heskett et al., 1994) and Cronin & Taylor (1992) said; (US Army, 1993); "
        "(Kluger & DeNisi, 1996; Scott, 2017); Consortium for Service Innovation, 2019"
    )]  # fmt: skip
    assert found == [
        ("Heskett", 1994), ("Cronin", 1992), ("US", 1993), ("Kluger", 1996), ("Scott", 2017),
        ("Consortium", 2019),
    ]  # fmt: skip


@pytest.mark.parametrize("file", content_files(), ids=lambda f: f.relative_to(ROOT).as_posix())
def test_every_work_a_page_cites_is_in_that_pages_sources(file):
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    sources = listed_sources(data)
    missing = sorted(
        {cited for text in texts(data) for name, year, cited in citations(text)
         if not lists(sources, name, year)}
    )  # fmt: skip
    assert missing == []


@pytest.mark.parametrize("file", content_files(), ids=lambda f: f.relative_to(ROOT).as_posix())
def test_every_source_has_a_title_and_a_publisher_or_a_link(file):
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    incomplete = [
        s.get("title") for s in listed_sources(data)
        if not s.get("title") or not (s.get("publisher") or s.get("url"))
    ]  # fmt: skip
    assert incomplete == []


def test_checklists_their_items_and_assessments_may_list_sources():
    handbook = load_handbook(ROOT / "content")
    assessment = handbook.assessments["internal-service"]
    assert [s.author for s in assessment.sources][:3] == [
        "Parasuraman, A., Zeithaml, V. A., & Berry, L. L.",
        "Frost, F. A., & Kumar, M.",
        "Cronin, J. J., & Taylor, S. A.",
    ]
    items = {i.id: i for i in handbook.checklists["feedback-culture"].items}
    assert [s.title for s in items["after-action-review"].sources] == [
        "TC 25-20: A Leader's Guide to After-Action Reviews"
    ]
    assert "sources" in Checklist.model_fields and "sources" in ChecklistItem.model_fields


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sources") / "site"
    build_site(ROOT / "mkdocs.yml", out, strict=True)
    return out


def source_lists(html: str) -> list[list[str]]:
    """The <li> elements of each list of sources on a page, as HTML."""
    return [
        re.findall(r"<li>(.*?)</li>", block, re.S)
        for block in re.findall(r'<ul class="pb-sources">(.*?)</ul>', html, re.S)
    ]


def text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_sources_page_lists_each_work_once_with_its_publisher_and_the_pages_citing_it(site):
    page = page_file(site, "sources/")
    (entries,) = source_lists(page.read_text(encoding="utf-8"))
    shown = [text(li) for li in entries]
    assert [t for t in shown if "Measuring Service Quality" in t] == [
        "Cronin, J. J., & Taylor, S. A. (1992). Measuring Service Quality: A Reexamination and "
        "Extension . Journal of Marketing, 56(3) Cited on: Internal service self-assessment"
    ]
    army = next(li for li in entries if "After-Action Reviews" in li)
    cited = re.findall(r'<a href="([^"]+)">', army.split('class="pb-cited"')[1])
    assert cited == [
        "../principles/safe-to-speak/",
        "../checklists/feedback-culture/#after-action-review",
    ]
    works = [t.split(" Cited on:")[0] for t in shown]
    assert len(works) == len(set(works)), "a work is listed twice"
    assert all(" Cited on: " in t for t in shown)
    for href in re.findall(r'href="([^"#]+)[^"]*"', "".join(entries)):
        if not href.startswith("https://"):
            assert (page.parent / href / "index.html").resolve().is_file(), href


def test_checklist_and_assessment_pages_show_the_works_they_cite(site):
    checklist = page_file(site, "checklists/feedback-culture/").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="sources">Sources', checklist)
    (listed,) = source_lists(checklist)
    assert [re.search(r"<cite>(.*?)</cite>", li)[1] for li in listed] == [
        "Radical Candor",
        "TC 25-20: A Leader's Guide to After-Action Reviews",
        "Psychological Safety and Learning Behavior in Work Teams",
        "The Net Promoter System's inner loop",
        "The Effects of Feedback Interventions on Performance",
    ]
    assessment = page_file(site, "assessments/internal-service/").read_text(encoding="utf-8")
    (listed,) = source_lists(assessment)
    assert "Cronin, J. J., &amp; Taylor, S. A. (1992)" in listed[2]


# -- made-up stories say so ----------------------------------------------------------------------


def test_an_illustrative_scenario_carries_a_badge_and_a_company_example_does_not(site):
    badge = '<span class="pb-badge">Illustrative scenario</span>'
    mechanic = page_file(site, "examples/mechanic-double-warranty/").read_text(encoding="utf-8")
    article = mechanic.split("<article", 1)[1]
    assert article.index(badge) < article.index('class="pb-summary"')
    assert badge not in page_file(site, "examples/dell/").read_text(encoding="utf-8")
