"""The default handbook's checklists tell the right people the right timing: a one-off task sits
in an onboarding phase (first week, month, quarter), a habit in a recurring one, and neither
reads as the other. Onboarding plans are built from these phases, so a slip here tells a new
joiner to do a habit once, or a set-up task on every request."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from site_support import ROOT

from playbook_gen.content.loader import load_handbook

HANDBOOK = load_handbook(ROOT / "content")
ONE_OFF = {"week-1", "month-1", "quarter-1"}
"""The phases counted from someone's start: what is done once."""

RECURRING = re.compile(
    r"\b(every|each (?:day|week|month|quarter|year|time|request)|all the time|always|whenever"
    r"|repeat)\b",
    re.I,
)
SET_UP = re.compile(
    r"\b(sets? (?:this|it) up|builds? the|in (?:the|your) first (?:week|month|quarter))\b", re.I
)

ITEMS = [(c.id, item) for c in HANDBOOK.checklists.values() for item in c.items]


def test_the_phases_are_the_onboarding_ones_and_the_recurring_ones():
    phases = [p.id for p in HANDBOOK.playbook.phases]
    assert ONE_OFF < set(phases)
    assert set(phases) - ONE_OFF == {
        "every-request",
        "each-event",
        "weekly",
        "monthly",
        "quarterly",
        "yearly",
    }


@pytest.mark.parametrize("checklist, item", ITEMS, ids=[f"{c}#{i.id}" for c, i in ITEMS])
def test_an_item_reads_as_what_its_phase_says(checklist, item):
    words = f"{item.text} {item.details or ''}"
    if item.when in ONE_OFF:
        assert not RECURRING.search(item.text), f"a one-off task reads as a habit: {item.text}"
    else:
        assert not SET_UP.search(words), f"a habit reads as a one-off set-up: {words}"


def test_the_rules_catch_the_slips_they_were_written_for():
    assert RECURRING.search("Every leader does this all the time")
    assert SET_UP.search("The service owner sets this up and reads the comments")
    assert SET_UP.search("The service owner builds the form in the first month.")


# -- the pages a team copies from -----------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from playbook_gen.build import build_site

    out = tmp_path_factory.mktemp("content") / "site"
    build_site(ROOT / "mkdocs.yml", out, strict=True)
    return out


@pytest.mark.parametrize(
    "page, headings",
    [
        (
            "templates",
            [
                "A one-page service catalogue",
                "Acknowledge, update, close",
                "A decision-rights matrix",
                "An after-action review record",
                '"You asked, we changed, not now because"',
            ],
        ),
        ("glossary", []),
    ],
)
def test_the_templates_and_the_glossary_are_pages_whose_links_all_land(site, page, headings):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    shown = [html_lib.unescape(h).replace("¶", "").strip() for h in found]
    assert shown[: len(headings)] == headings
    targets = re.findall(r'href="(\.\./[^"]+)"', html)
    assert len(targets) > 5
    for href in targets:
        path, _, anchor = href.partition("#")
        target = (site / page / path).resolve()
        file = target / "index.html" if target.is_dir() else target
        assert file.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), href
    if page == "glossary":
        terms = re.findall(r"<dt>(.*?)</dt>", html)
        assert "Internal customer" in [re.sub(r"<[^>]+>", "", t) for t in terms]
        assert len(terms) >= 20
