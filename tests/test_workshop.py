"""The facilitator guide of an assessment (``assessments/<id>/workshop/``), in the built site.

The fixture handbook (tests/sites/workshop) has three dimensions: Listening (one of its two
statements has a customer wording, a reverse statement, its own workshop question), Follow-up
(recommendations, no customer wording) and Pace (nothing recommended).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from site_support import SITES, external_loads, links, page_file, parse

from playbook_gen.content.loader import load_handbook
from playbook_gen.i18n import WORDS
from playbook_gen.pages import render

GUIDE = "assessments/team-pulse/workshop/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from browser_support import build_handbook

    return build_handbook(SITES / "workshop", tmp_path_factory.mktemp("workshop") / "site")


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def article(site: Path, url: str) -> str:
    html = page_file(site, url).read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def agenda_rows(html: str) -> list[tuple[str, str, int]]:
    """(time, part, minutes) of each agenda row."""
    body = html[html.index("data-pb-agenda") :]
    body = body[: body.index("</tbody>")]
    rows = re.findall(
        r'<td class="pb-nowrap">([^<]+)</td><td data-minutes="(\d+)">\d+</td>'
        r'<th scope="row">([^<]+)</th>',
        body,
    )
    return [(unescape(time), unescape(part), int(minutes)) for time, minutes, part in rows]


def test_agenda_times_add_up_to_the_stated_total(site):
    html = article(site, GUIDE)
    rows = agenda_rows(html)
    total = int(re.search(r'data-pb-agenda data-minutes="(\d+)"', html)[1])

    assert "A 90-minute session" in html and total == 90
    assert [part for _, part, _ in rows] == [
        "Why we're here",
        "Read the scores",
        "Read the gaps",
        "Choose up to three actions",
        "Commit",
    ]
    assert sum(minutes for _, _, minutes in rows) == total
    start = 0
    for time, _, minutes in rows:  # each part starts where the one before it ended
        begin, end = time.split("–")
        assert begin == f"{start // 60}:{start % 60:02d}"
        start += minutes
        assert end == f"{start // 60}:{start % 60:02d}"
    assert re.search(r"<tfoot><tr><td></td><td>90</td>", html)


def test_without_customer_statements_the_agenda_has_no_gaps_part_and_still_adds_up():
    for has_gaps in (True, False):
        agenda = render.workshop_agenda(has_gaps)
        assert sum(step["minutes"] for step in agenda) == render.WORKSHOP_MINUTES
        assert ("gaps" in [step["key"] for step in agenda]) == has_gaps
        assert agenda[-1]["end"] == "1:30"


def test_every_dimension_has_questions_generated_and_its_own(site):
    html = article(site, GUIDE)
    asked = {}
    for dimension in ("listening", "follow-up", "pace"):
        section = re.search(rf'data-pb-ask="{dimension}".*?</section>', html, re.S)[0]
        asked[dimension] = [text_of(li) for li in re.findall(r"<li>.*?</li>", section, re.S)]
        assert len(asked[dimension]) >= 3, dimension
    listening = asked["listening"]
    assert listening[0] == (
        "Which statement in “Listening” got our lowest answers, and what happened the last time "
        "it went that way?"
    )
    assert (
        "Our customers were asked: “They repeat my request back to me before acting on it.” "
        "What would they have to see from us to answer “Always”?"
    ) in listening
    assert (
        "Agreeing with “We interrupt requesters.” lowers the score. When did it last happen, "
        "and what would have stopped it?"
    ) in listening
    # the assessment's own question comes last, its Markdown rendered
    assert listening[-1] == (
        "Whose request did we last get wrong because we guessed what they meant?"
    )
    assert "<em>guessed</em>" in html
    assert not any("customers were asked" in q for q in asked["pace"])


def test_scores_and_gaps_are_explained_from_the_assessments_own_figures(site):
    text = text_of(article(site, GUIDE))
    assert "answered from 1 (Never) to 7 (Always)" in text
    assert "A dimension scoring below 4 is one to work on" in text
    assert "With fewer than 2 respondents only the count is shown" in text  # min_respondents
    for row in ("Quiet 1 to 3", "Growing above 3, up to 5", "Strong above 5, up to 7"):
        assert row in text
    assert "the customers' score minus the team's own score on the same statements" in text
    assert "“customers rate it 0.8 lower”" in text
    assert "The largest gaps come first" in text
    assert "Each side needs 2 respondents" in text and "“not enough responses”" in text
    assert "Listening 1 of 2 Follow-up 0 of 1 Pace 0 of 1" in text


def test_recommended_links_resolve_in_the_built_site(site):
    html = article(site, GUIDE)
    targets = links(html, GUIDE, region="article")
    wanted = {
        "principles/listen-first/",
        "principles/close-the-loop/",
        "checklists/first-steps/#repeat-back",
        "checklists/first-steps/#review-loop",
        "checklists/first-steps/#send-done-notes",
        "assessments/team-pulse/",
    }
    assert wanted <= targets
    for target in targets:
        url, _, anchor = target.partition("#")
        file = page_file(site, url)
        assert file.is_file(), target
        if anchor:
            found = {a.get("id") for _, a, _ in parse(file.read_text(encoding="utf-8")).tags}
            assert anchor in found, target
    pace = re.search(r'data-pb-pick-from="pace".*?</section>', html, re.S)[0]
    assert "No recommendations are set for this dimension" in text_of(pace)


def test_the_guide_is_linked_from_its_assessment_and_in_the_navigation(site):
    assessment = page_file(site, "assessments/team-pulse/").read_text(encoding="utf-8")
    assert "workshop/" in {
        href
        for tag, attrs, _ in parse(assessment).tags
        if tag == "a"
        for href in [attrs.get("href", "")]
    }
    assert GUIDE in links(assessment, "assessments/team-pulse/", region="nav")
    guide = page_file(site, GUIDE).read_text(encoding="utf-8")
    assert "<title>Workshop guide: Team pulse" in guide
    # no script of ours: the guide is a page to read and print
    assert "assets/playbook/pb-" not in "".join(re.findall(r"<script[^>]*>", guide))
    assert "pb-workshop.css" in guide
    assert external_loads(site) == []


def test_guide_words_exist_in_every_language():
    english = {k for k in WORDS["en"] if k.startswith(("w_", "x_"))}
    assert english and english == {k for k in WORDS["de"] if k.startswith(("w_", "x_"))}


def test_a_german_handbook_gets_a_german_guide(tmp_path):
    from site_support import copy_project

    project = copy_project(SITES / "workshop", tmp_path / "de")
    playbook = project / "content" / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "language: de\n", "utf-8")
    handbook = load_handbook(project / "content")
    site = render.render_site(handbook)
    page = site.pages["assessments/team-pulse/workshop.md"]
    assert "# Workshop-Leitfaden: Team pulse" in page
    assert "Eine Sitzung von 90 Minuten" in page
    assert {"Workshop-Leitfaden": "assessments/team-pulse/workshop.md"} in site.nav[
        [next(iter(e)) for e in site.nav].index("Selbsteinschätzungen")
    ]["Selbsteinschätzungen"]
