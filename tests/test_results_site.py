"""The results dashboard (results/): built from content/results/, with the right figures and
links; absent without result files; a bad result file stops the build like any content problem;
team names from result files show as text and run nothing."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml
from browser_support import serious_violations
from click.testing import CliRunner
from site_support import (
    ROOT,
    SITES,
    copy_project,
    external_loads,
    ids,
    leftovers,
    links,
    page_file,
    parse,
    run_mkdocs,
    tree_hashes,
)

from playbook_gen.build import build_site, export_site
from playbook_gen.cli import cli
from playbook_gen.content.loader import load_handbook
from playbook_gen.pages.render import render_site
from playbook_gen.results import questionnaire, scoring

HOSTILE_TEAM = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> {onclick=x}'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """tests/sites/results, copied and built once with --strict; returns the project."""
    project = copy_project(SITES / "results", tmp_path_factory.mktemp("results") / "project")
    build_site(project / "mkdocs.yml", project / "site", strict=True)
    return project


def html(project: Path, url: str) -> str:
    return page_file(project / "site", url).read_text(encoding="utf-8")


def rows(page: str, table: dict[str, str]) -> list[list[tuple[dict, str]]]:
    """Return the rows of the first <table> whose attributes include `table`: [(attrs, text)]."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside = self.done = False
            self.rows: list = []
            self.cell = None

        def handle_starttag(self, tag, attrs):
            attrs = {k: v or "" for k, v in attrs}
            if tag == "table" and not self.done and table.items() <= attrs.items():
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.cell = [attrs, ""]

        def handle_endtag(self, tag):
            if tag == "table" and self.inside:
                self.inside, self.done = False, True
            elif self.inside and tag in ("td", "th") and self.cell:
                self.rows[-1].append((self.cell[0], " ".join(self.cell[1].split())))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell[1] += data

    parser = Rows()
    parser.feed(page)
    assert parser.done, f"no table with {table}"
    return parser.rows


def texts(row) -> list[str]:
    return [text for _, text in row]


def charts(page: str) -> dict:
    """Return what the charts of a team's page draw, read from their SVG.

    ``bars``: per bar chart its name, where bars start (``x``) and their full length (``track``),
    each bar (dimension, width), the threshold marks' x and the chart's notes (texts other than
    the labels, values and scale). ``trend``: its name, the points (date, y), the lines, the
    threshold's y and the notes; None without a trend chart.
    """
    from html.parser import HTMLParser

    class Charts(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.bars: list[dict] = []
            self.trend: dict | None = None
            self.chart: dict | None = None
            self.text: list | None = None

        def handle_starttag(self, tag, attrs):
            a = {k: v or "" for k, v in attrs}
            kind = a.get("class", "")
            if tag == "svg" and "data-pb-chart" in a:
                self.chart = {"name": a["aria-label"], "role": a["role"], "notes": []}
                if a["data-pb-chart"] == "bars":
                    self.chart.update(x=float(a["data-x"]), track=float(a["data-track"]))
                    self.chart.update(bars=[], thresholds=[])
                    self.bars.append(self.chart)
                else:
                    self.chart.update(points=[], lines=[], thresholds=[])
                    self.trend = self.chart
            elif self.chart is None:
                return
            elif tag == "rect" and "pb-chart-bar" in kind:
                self.chart["bars"].append(
                    {"dimension": a["data-dimension"], "width": float(a["width"]), "class": kind}
                )
            elif tag == "line" and "pb-chart-threshold" in kind:
                x1, x2, y1, y2 = (float(a[k]) for k in ("x1", "x2", "y1", "y2"))
                self.chart["thresholds"].append(x1 if x1 == x2 else y1)
                assert x1 == x2 or y1 == y2
            elif tag == "circle":
                self.chart["points"].append({"date": a["data-date"], "y": float(a["cy"])})
            elif tag == "polyline":
                self.chart["lines"].append(a["points"])
            elif tag == "text":
                self.text = [kind, ""]

        handle_startendtag = handle_starttag

        def handle_endtag(self, tag):
            if tag == "svg":
                self.chart = None
            elif tag == "text" and self.text is not None and self.chart is not None:
                if "pb-chart-note" in self.text[0]:
                    self.chart["notes"].append(self.text[1])
                self.text = None

        def handle_data(self, data):
            if self.text is not None:
                self.text[1] += data

    parser = Charts()
    parser.feed(page)
    return {"bars": parser.bars, "trend": parser.trend}


# -- the page -------------------------------------------------------------------------------------


PAYROLL = "results/team-pulse/team-payroll/"
FACILITIES = "results/team-pulse/team-facilities/"


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def test_dashboard_lists_each_teams_latest_result(built):
    """Team pulse keeps the default min_respondents (3): Facilities, one respondent, shows its
    count only; Payroll, three, shows its overall score and band, and Listening as its weakest
    dimension: Follow-up, which only two of them scored, has no score to compare."""
    page = html(built, "results/")
    assert "Scores are shown where at least 3 respondents have them" in page
    table = rows(page, {"data-pb-results": "team-pulse"})
    assert texts(table[0]) == ["Team", "Overall score", "Weakest dimension"]
    assert [texts(r) for r in table[1:]] == [
        ["Facilities 2026-11-20 · Respondents: 1", "Fewer than 3 respondents"],
        ["Payroll 2026-11-22 · Respondents: 3", "5.0 Growing", "Listening 5.0"],
    ]
    facilities, payroll = table[1], table[2]
    assert [attrs.get("data-value") for attrs, _ in facilities] == [None, None]
    assert [attrs.get("data-value") for attrs, _ in payroll] == [None, "5.0", None]


def test_each_team_page_shows_its_results_by_date_with_respondents_and_spread(built):
    page = html(built, PAYROLL)
    latest = rows(page, {"data-team": "team-payroll", "data-date": "2026-11-22"})
    assert [texts(r) for r in latest] == [
        ["Dimension", "Score", "Respondents", "Spread"],
        ["Listening", "5.0", "3", "4.0–6.0"],
        ["Follow-up", "Fewer than 3 respondents", "2", ""],
    ]
    assert "2026-11-22 · Overall score: 5.0 (Growing) · Respondents: 3" in page
    assert page.index('data-date="2026-11-22"') < page.index('<h3 id="2026-05-04"')
    for team, date in (("payroll", "2026-05-04"), ("facilities", "2026-11-20")):
        page = html(built, f"results/team-pulse/team-{team}/")
        assert (
            f'<p data-team="team-{team}" data-date="{date}" data-withheld>{date} · '
            "Respondents: 1 · Fewer than 3 respondents: no scores are shown, so that no one's "
            "answers can be worked out.</p>"
        ) in unescape(page)
        with pytest.raises(AssertionError, match="no table"):
            rows(page, {"data-team": f"team-{team}", "data-date": date})


def test_dashboard_gives_no_figure_of_a_team_or_dimension_below_min_respondents(built):
    """Not hidden by style: the figures are not in the page. Facilities scores 7.0 everywhere,
    Payroll in May 2.0, 3.0 and 2.5 overall, and Payroll's Follow-up in November would be 5.5
    (Anna 5, Cleo 6); with them, the overall would be 5.25. Nor is any drawn: a withheld score
    has no bar and no point in the charts, only the word."""
    pages = [article(html(built, url)) for url in ("results/", PAYROLL, FACILITIES)]
    for text in pages:
        shown = unescape(re.sub(r"<[^>]*>", " ", text))  # what a reader sees
        for figure in ("7.0", "2.0", "3.0", "2.5", "5.5", "5.2", "5.3", "6.0–6.0"):
            assert figure not in shown, figure
        assert "Strong" not in shown and "Quiet" not in shown
    values = [{v for v in re.findall(r'data-value="([^"]*)"', text)} for text in pages]
    assert values == [{"5.0"}, {"", "5.0"}, set()]
    payroll = charts(html(built, PAYROLL))
    assert [bar["dimension"] for bar in payroll["bars"][0]["bars"]] == ["listening"]
    assert payroll["bars"][0]["notes"] == ["threshold 4", "withheld"]
    assert [p["date"] for p in payroll["trend"]["points"]] == ["2026-11-22"]
    assert payroll["trend"]["lines"] == []
    assert "withheld" in payroll["trend"]["notes"]
    assert charts(html(built, FACILITIES)) == {"bars": [], "trend": None}


def test_min_respondents_1_shows_every_team_and_dimension(project):
    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "min_respondents: 1\n")
    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    page = html(project, "results/")
    table = rows(page, {"data-pb-results": "team-pulse"})
    assert [texts(r) for r in table[1:]] == [
        ["Facilities 2026-11-20 · Respondents: 1", "7.0 Strong", "Listening 7.0"],
        ["Payroll 2026-11-22 · Respondents: 3", "5.2 Strong", "Listening 5.0"],
    ]
    payroll = html(project, PAYROLL)
    latest = rows(payroll, {"data-team": "team-payroll", "data-date": "2026-11-22"})
    assert [texts(r) for r in latest[1:]] == [
        ["Listening", "5.0", "3", "4.0–6.0"],
        ["Follow-up", "5.5", "2", "5.0–6.0"],
    ]
    earlier = rows(payroll, {"data-team": "team-payroll", "data-date": "2026-05-04"})
    assert [texts(r) for r in earlier[1:]] == [
        ["Listening", "2.0", "1", "2.0–2.0"],
        ["Follow-up", "3.0", "1", "3.0–3.0"],
    ]
    assert "2026-05-04 · Overall score: 2.5 (Quiet) · Respondents: 1" in payroll
    for page in (html(project, "results/"), payroll, html(project, FACILITIES)):
        assert "Scores are shown where" not in page and "data-withheld" not in page


def test_a_teams_chart_draws_each_score_against_the_threshold(project):
    """Team pulse: scale 1 to 7, here with threshold 5.25 and every score shown. Payroll's
    latest bars are Listening 5.0 and Follow-up 5.5, each as long as its score's distance from
    the scale's minimum; the threshold is marked where 5.25 is, and Listening, below it, is
    drawn as low. The earlier result (May) is a table only."""
    assessment = project / "content/assessments/team-pulse.yaml"
    text = assessment.read_text().replace("threshold: 4\n", "threshold: 5.25\n")
    assessment.write_text(text + "min_respondents: 1\n")
    assert CliRunner().invoke(cli, ["build", "--strict"]).exit_code == 0
    (chart,) = charts(html(project, PAYROLL))["bars"]
    assert chart["role"] == "img"
    assert [b["dimension"] for b in chart["bars"]] == ["listening", "follow-up"]
    for bar, score in zip(chart["bars"], [5.0, 5.5], strict=True):
        assert bar["width"] == pytest.approx((score - 1) / 6 * chart["track"], abs=0.01)
    assert chart["thresholds"] == [pytest.approx(chart["x"] + 4.25 / 6 * chart["track"])] * 2
    assert ["pb-low" in b["class"] for b in chart["bars"]] == [True, False]
    assert chart["name"] == (
        "Bar chart of the scores of Payroll by dimension on 2026-11-22, against the threshold of "
        "5.25; the table below has the same figures"
    )
    assert chart["notes"] == ["threshold 5.25"]


def test_a_teams_trend_draws_the_overall_score_by_date(project):
    """Payroll's overall score: 2.5 in May, 5.25 in November (min_respondents 1); oldest first,
    on the scale from 1 (bottom) to 7 (top), joined by a line; the table has the same figures."""
    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "min_respondents: 1\n")
    assert CliRunner().invoke(cli, ["build", "--strict"]).exit_code == 0
    page = html(project, PAYROLL)
    trend = charts(page)["trend"]
    may, november = trend["points"]
    assert (may["date"], november["date"]) == ("2026-05-04", "2026-11-22")
    bottom, top = trend["thresholds"][0] + 3 / 6 * 110, trend["thresholds"][0] - 3 / 6 * 110
    assert may["y"] == pytest.approx(bottom - 1.5 / 6 * (bottom - top), abs=0.01)
    assert november["y"] == pytest.approx(bottom - 4.25 / 6 * (bottom - top), abs=0.01)
    assert len(trend["lines"]) == 1 and trend["lines"][0].count(",") == 2
    table = rows(page, {"data-pb-trend": "team-payroll"})
    assert [texts(r) for r in table] == [
        ["Date", "Respondents", "Overall score", "Band"],
        ["2026-05-04", "1", "2.5", "Quiet"],
        ["2026-11-22", "3", "5.2", "Strong"],
    ]


def test_a_team_with_one_date_shows_its_figure_and_no_line(project):
    page = html(project, FACILITIES)
    assert "One result so far, so there is no trend yet." in page
    assert charts(page)["trend"] is None
    table = rows(page, {"data-pb-trend": "team-facilities"})
    assert [texts(r) for r in table[1:]] == [["2026-11-20", "1", "Fewer than 3 respondents"]]
    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "min_respondents: 1\n")
    assert CliRunner().invoke(cli, ["build", "--strict"]).exit_code == 0
    page = html(project, FACILITIES)
    assert charts(page)["trend"] is None
    table = rows(page, {"data-pb-trend": "team-facilities"})
    assert [texts(r) for r in table[1:]] == [["2026-11-20", "1", "7.0", "Strong"]]


def test_team_slugs_are_unique_short_and_safe():
    from playbook_gen.results.aggregate import _unique_slug

    used: set[str] = set()
    names = ["Payroll", "Payroll!", "con", "index", "経理", "経理 Süd", "x" * 200, HOSTILE_TEAM]
    slugs = [_unique_slug(name, used) for name in names]
    assert slugs[:4] == ["team-payroll", "team-payroll-2", "team-con", "team-index"]
    assert re.fullmatch(r"team-[0-9a-f]{8}", slugs[4]) and slugs[5] == "team-sud"
    assert slugs[6] == "team-" + "x" * 48
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 60
    assert _unique_slug("経理", set()) == slugs[4]  # the same in every build


def test_dashboard_links_to_the_assessment_and_to_each_teams_page(built):
    page = html(built, "results/")
    targets = links(page, "results/", region="article")
    assert "assessments/team-pulse/" in targets
    team_pages = {t for t in targets if t.startswith("results/")}
    assert team_pages == {PAYROLL, FACILITIES}
    for url in team_pages:
        assert page_file(built / "site", url).is_file()
    # A team's page links back to the overview, to the assessment and to each dimension on it.
    assessment_ids = ids(html(built, "assessments/team-pulse/"))
    targets = links(html(built, PAYROLL), PAYROLL, region="article")
    assert {"results/", "assessments/team-pulse/"} <= targets
    for dimension in ("listening", "follow-up"):
        assert f"assessments/team-pulse/#{dimension}" in targets
        assert dimension in assessment_ids


def test_old_links_to_a_team_on_the_dashboard_still_land_on_its_row(built):
    """Before team pages, `results/#<assessment>-<slug>` led to a team's tables on the one page;
    it now lands on the team's row of the overview, which links to the team's page."""
    page = html(built, "results/")
    assert {"team-pulse-team-payroll", "team-pulse-team-facilities"} <= ids(page)
    row = page.split('id="team-pulse-team-payroll"', 1)[1].split("</tr>", 1)[0]
    assert 'href="team-pulse/team-payroll/"' in row


def test_dashboard_is_in_the_navigation_and_loads_nothing_from_elsewhere(built):
    assert "results/" in links(html(built, ""), "", region="nav")
    assert external_loads(built / "site") == []


def test_team_pages_are_not_in_the_navigation(built):
    """Every page carries the navigation: team names stay on the dashboard's own pages."""
    for url in ("", "principles/listen-first/", "results/", PAYROLL):
        nav = links(html(built, url), url, region="nav")
        assert "results/" in nav
        assert [target for target in nav if target.startswith("results/team-pulse")] == []
    assert "Facilities" not in html(built, "principles/listen-first/")


def test_dashboard_is_kept_out_of_the_search_index(built):
    """Every reader's search loads the index: the dashboard may sit behind a sign-in, so its
    team names and scores must not be readable through search."""
    index = json.loads((built / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("results")]
    assert "Payroll" in html(built, "results/") and "Payroll" in html(built, PAYROLL)
    assert "Payroll" not in json.dumps(index)


def test_no_results_page_without_result_files(tmp_path, monkeypatch):
    default = render_site(load_handbook(ROOT / "content"))
    assert "results/index.md" not in default.pages
    assert not (ROOT / "content/results").exists()
    project = copy_project(SITES / "small", tmp_path / "project")
    monkeypatch.chdir(project)
    (project / "content/results").mkdir()
    (project / "content/results/README.txt").write_text("Put exported results here.\n")
    handbook = load_handbook("content")
    assert handbook.results == []
    assert "results/index.md" not in render_site(handbook).pages
    assert [w.format() for w in handbook.warnings] == [
        "content/results/README.txt: not read: result files are exported as .json files"
    ]


def test_dashboard_speaks_the_handbooks_language():
    handbook = load_handbook(SITES / "assessment7" / "content")
    handbook.results = [
        _result_file(handbook, "null-bis-sechs", "Einkauf", {"t-1": 3, "t-2": 2, "k-1": 5})
    ]
    pages = render_site(handbook).pages
    page, team = pages["results/index.md"], pages["results/null-bis-sechs/team-einkauf.md"]
    assert "# Ergebnisse der Selbsteinschätzungen" in page
    assert '<th scope="col">Schwächste Dimension</th>' in page
    assert "Teilnehmende: 1</span>" in page
    assert ">Weniger als 3 Teilnehmende</td>" in page  # one respondent: no figures
    assert "Weniger als 3 Teilnehmende: Es werden keine Werte gezeigt" in team
    assert "## Neuestes Ergebnis" in team and "noch keinen Verlauf" in team
    assert ">4,2<" not in page + team and ">3,5<" not in page + team
    handbook.assessments["null-bis-sechs"].min_respondents = 1
    pages = render_site(handbook).pages
    page, team = pages["results/index.md"], pages["results/null-bis-sechs/team-einkauf.md"]
    assert ">4,2 <" in page  # (3 + 4) / 2 and (3.5 + 5) / 2 = 4.25, band below
    assert "Gesamtwert: 4,2 (Hoch)" in team and ">3,5<" in team and ">5,0<" in team
    assert 'aria-label="Balkendiagramm der Werte von Einkauf je Dimension am 2026-11-22' in team
    assert "Weniger als" not in page + team


def _result_file(handbook, assessment: str, team: str, answers: dict):
    from playbook_gen import results

    source = json.dumps(
        {
            "format": "playbook-assessment-result",
            "version": 1,
            "assessment": assessment,
            "team": team,
            "date": "2026-11-22",
            "answers": answers,
        }
    ).encode()
    (result,) = results.read_result(source, "x.json", handbook).files
    return result


# -- building -------------------------------------------------------------------------------------


@pytest.fixture
def project(built, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the results handbook with a built site/, as the working directory."""
    path = Path(shutil.copytree(built, tmp_path / "project", symlinks=True))
    monkeypatch.chdir(path)
    return path


def break_result(project: Path) -> None:
    file = project / "content/results/payroll-ben.json"
    file.write_text(file.read_text().replace('"lis-repeat": 4', '"lis-repeat": 8'))


def test_a_bad_result_file_stops_the_build_and_keeps_the_old_site(project):
    before = tree_hashes(project / "site")
    break_result(project)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.stderr == (
        "content/results/payroll-ben.json:8:15: answers.lis-repeat: 8 is not on the scale "
        "(answer with a whole number from 1 to 7, or null for not applicable)\n"
    )
    assert tree_hashes(project / "site") == before
    assert leftovers(project) == []


def test_plain_mkdocs_build_does_not_list_the_team_pages_as_left_out_of_the_nav(project):
    """They are linked from the overview on purpose; with 500 teams, MkDocs would list 500."""
    proc = run_mkdocs("build", cwd=project, check=True)
    assert "not included in the" not in proc.stderr + proc.stdout
    assert (project / "site" / PAYROLL / "index.html").is_file()


def test_plain_mkdocs_build_stops_on_a_bad_result_file(project):
    before = tree_hashes(project / "site")
    break_result(project)
    proc = run_mkdocs("build", cwd=project)
    assert proc.returncode == 1
    assert "content/results/payroll-ben.json:8:15: answers.lis-repeat: 8 is not" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert tree_hashes(project / "site") == before


def test_warnings_are_printed_and_do_not_stop_the_build(project):
    results = project / "content/results"
    shutil.copy(results / "payroll-anna.json", results / "payroll-anna-copy.json")
    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    assert (
        "content/results/payroll-anna.json:4:3: id: the same result as "
        "content/results/payroll-anna-copy.json (handed in twice); counted once"
    ) in result.stderr
    assert "Respondents: 3" in html(project, PAYROLL)  # Payroll still has three respondents


def test_a_file_from_another_version_of_the_questions_is_named_and_left_off_the_dashboard(
    project,
):
    """Dan answered Team pulse before its questions changed (his file's questionnaire
    fingerprint is another); Cleo's file has the current one (d77c0632bf60, the shared vector).
    Dan is named in a warning and not counted, until the assessment lists his version under
    include_versions."""
    results = project / "content/results"
    dan = json.loads((results / "payroll-cleo.json").read_text())
    assert dan["questionnaire"] == "d77c0632bf60"
    dan.update(id="dan", questionnaire="3fa1c09b2e7d", answers={"lis-repeat": 1, "fol-note": 1})
    (results / "payroll-dan.json").write_text(json.dumps(dan, indent=2))

    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "content/results/payroll-dan.json:6:3: questionnaire: answered on another version of "
        "the questions or scale ('3fa1c09b2e7d' instead of 'd77c0632bf60'), not counted (if its "
        "answers still compare, list '3fa1c09b2e7d' under include_versions in the assessment's "
        "file)\n"
    )
    payroll = rows(html(project, "results/"), {"data-pb-results": "team-pulse"})[2]
    assert texts(payroll) == ["Payroll 2026-11-22 · Respondents: 3", "5.0 Growing", "Listening 5.0"]

    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "include_versions: [3fa1c09b2e7d]\n")
    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    assert "payroll-dan.json" not in result.stderr
    payroll = rows(html(project, "results/"), {"data-pb-results": "team-pulse"})[2]
    # Listening: 6, 4, 5 and Dan's 1; Follow-up: Anna 5, Cleo 6, Dan 1 (three now): 4.0
    assert texts(payroll) == ["Payroll 2026-11-22 · Respondents: 4", "4.0 Growing", "Listening 4.0"]
    latest = rows(html(project, PAYROLL), {"data-team": "team-payroll", "data-date": "2026-11-22"})
    assert [texts(r) for r in latest[1:]] == [
        ["Listening", "4.0", "4", "1.0–6.0"],
        ["Follow-up", "4.0", "3", "1.0–6.0"],
    ]


def test_export_has_the_dashboard_and_builds_with_plain_mkdocs(built, tmp_path):
    out = export_site(built / "mkdocs.yml", tmp_path / "export")
    assert (out / "docs/results/index.md").is_file()
    settings = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert {"Assessment results": "results/index.md"} in settings["nav"]
    assert settings["not_in_nav"] == "/results/team-pulse/*.md"  # linked from the overview
    site = tmp_path / "site"
    proc = run_mkdocs(
        "build",
        "--strict",
        "-q",
        "-f",
        str(out / "mkdocs.yml"),
        "-d",
        str(site),
        cwd=tmp_path,
        check=True,
    )
    assert "not included in the" not in proc.stderr + proc.stdout
    assert (site / "results/index.html").read_text(encoding="utf-8").count("data-team=") == 2
    assert (out / "docs/results/team-pulse/team-payroll.md").is_file()
    payroll = (site / "results/team-pulse/team-payroll/index.html").read_text(encoding="utf-8")
    assert 'href="../../../assessments/team-pulse/#listening"' in payroll
    assert 'href="../../"' in payroll


# -- team names are user input ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(SITES / "results", tmp_path_factory.mktemp("hostile") / "project")
    for file in (project / "content/results").glob("payroll*.json"):
        data = json.loads(file.read_text())
        data["team"] = HOSTILE_TEAM
        file.write_text(json.dumps(data))
    return build_site(project / "mkdocs.yml", project / "site", strict=True)


HOSTILE_PAGE = "results/team-pulse/team-script-window-pwned-1-script-img-src-x-onerror-w/"


DROP_DATA = {"type": "application/json", "id": "pb-results-data"}


def test_hostile_team_names_are_escaped_in_the_pages(hostile_site):
    for url in ("results/", HOSTILE_PAGE):
        page = page_file(hostile_site, url).read_text(encoding="utf-8")
        tags = [(tag, attrs) for tag, attrs, regions in parse(page).tags if "article" in regions]
        assert "img" not in [tag for tag, _ in tags]
        # The only scripts: the dashboard's drop zone (#12), its page data and its script.
        scripts = [attrs for tag, attrs in tags if tag == "script"]
        assert scripts in ([], [DROP_DATA, {"src": "../assets/playbook/pb-results.js"}]), scripts
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
        assert "onclick" not in [a for _, attrs, _ in parse(page).tags for a in attrs]
    page = page_file(hostile_site, HOSTILE_PAGE).read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert 'aria-label="Bar chart of the scores of &lt;script&gt;window.__pwned=1' in page


def test_hostile_team_names_show_as_text_and_run_nothing(page, serve_site, hostile_site):
    name = " ".join(HOSTILE_TEAM.split())
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(serve_site(hostile_site) + "results/")
    teams = page.locator("table[data-pb-results] tbody th a")
    assert teams.all_inner_texts() == [name, "Facilities"]
    teams.first.click()
    page.wait_for_url("**/" + HOSTILE_PAGE)
    assert page.locator("article h1").inner_text() == name
    chart = page.locator("svg[data-pb-chart=bars]").first
    assert chart.get_attribute("aria-label").startswith(f"Bar chart of the scores of {name} by")
    assert page.evaluate("window.__pwned") is None


WIDER = """() => [document.documentElement, ...document.querySelectorAll(
    'article table, article figure, article svg, article td, article th')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right >
            document.documentElement.clientWidth + 1)
    .map(e => e.tagName + ' ' + e.scrollWidth + '/' + e.clientWidth)"""
"""Elements wider than what holds them, or reaching past the window's right edge: the page
itself, and the dashboard's tables, their cells and charts."""


@pytest.mark.parametrize("width", [390, 1280])
def test_dashboard_pages_never_scroll_sideways(page, serve_site, built, hostile_site, width):
    """Measured in the browser: neither the page nor any table or chart in it is wider than
    what holds it, on a phone and on a desktop; a team name of one long word wraps too."""
    page.set_viewport_size({"width": width, "height": 900})
    for site, url in (
        (built / "site", "results/"),
        (built / "site", PAYROLL),
        (hostile_site, "results/"),
        (hostile_site, HOSTILE_PAGE),
    ):
        page.goto(serve_site(site) + url)
        assert page.evaluate(WIDER) == [], url


def test_dashboard_has_no_serious_accessibility_violations(page, serve_site, built):

    found = []
    for url in ("results/", PAYROLL, FACILITIES):
        page.goto(serve_site(built / "site") + url)
        found += [f"{url} {finding}" for finding in serious_violations(page)]
    assert page.locator("svg[role=img][aria-label]").count() == 0  # Facilities: withheld
    assert found == [], "\n".join(found)


# From the team's browser to HR's dashboard


def _fill_in_and_export(pg, base: str, team: str, answers: dict, folder: Path) -> dict:
    """Answer the default self-assessment as one respondent; export; return the page's scores."""
    pg.goto(base + "assessments/internal-service/")
    pg.wait_for_selector("[data-pb-assessment][data-pb-ready]")
    pg.evaluate("localStorage.clear()")
    pg.reload()
    pg.wait_for_selector("[data-pb-assessment][data-pb-ready]")
    pg.fill("[data-pb-team]", team)
    for question, answer in answers.items():
        value = "na" if answer is None else str(answer)
        pg.check(f'input[type=radio][name="{question}"][value="{value}"]')
    with pg.expect_download() as info:
        pg.click("[data-pb-action=export-json]")
    info.value.save_as(folder / f"{team}-{len(list(folder.iterdir()))}.json")
    return pg.eval_on_selector_all(
        "[data-pb-score]",
        "els => Object.fromEntries(els.map(e => [e.dataset.pbScore, e.dataset.value]))",
    )


def test_what_teams_export_in_the_browser_is_what_the_dashboard_shows(
    page, default_site, serve_site, tmp_path
):
    """Three Payroll respondents and one Facilities respondent fill in the default
    self-assessment; HR drops the exported files into content/results/ and builds: the dashboard
    shows Payroll's figures as the mean of the browser's, and Facilities' count alone (below the
    default min_respondents of 3)."""
    project = copy_project(ROOT, tmp_path / "project")
    inbox = project / "content" / "results"
    inbox.mkdir()
    everything = {
        "rsp-1": 4,
        "rsp-2": 5,
        "rsp-3": 3,
        "rsp-4": 4,
        "eff-1": 2,
        "eff-2": 1,
        "eff-3": 5,
    }
    anna = _fill_in_and_export(page, default_site, "Payroll", everything, inbox)
    ben = _fill_in_and_export(
        page, default_site, "Payroll", {**everything, "rsp-1": 2, "rsp-2": None}, inbox
    )
    cleo = _fill_in_and_export(
        page, default_site, "Payroll", {**everything, "rsp-3": 5, "eff-1": 4}, inbox
    )
    facilities = _fill_in_and_export(
        page,
        default_site,
        "Facilities",
        {"rsp-1": 5, "rsp-2": 5, "rsp-3": 4, "eff-1": 3, "eff-2": 4, "eff-3": 2},
        inbox,
    )

    # Each export names the questions and scale it answered: the default handbook's, now.
    current = questionnaire(load_handbook(ROOT / "content").assessments["internal-service"])
    exported = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(inbox.iterdir())]
    assert [data["questionnaire"] for data in exported] == [current] * 4

    site = build_site(project / "mkdocs.yml", project / "site")
    base = serve_site(site)

    def shown(team: str) -> list[str]:
        """The overall score on the overview, then each dimension's on the team's page."""
        page.goto(base + "results/")
        overall = page.eval_on_selector_all(
            f"table[data-pb-results] tr[data-team='team-{team}'] td[data-value]",
            "els => els.map(e => e.dataset.value)",
        )[:1]
        page.goto(base + f"results/internal-service/team-{team}/")
        return overall + page.eval_on_selector_all(
            "table[data-date] td[data-value]", "els => els.map(e => e.dataset.value)"
        )

    page.goto(base + "results/internal-service/team-payroll/")
    assert "Respondents: 3" in page.locator("table[data-date] caption").inner_text()

    def number(value: str) -> float | None:
        return float(value) if value else None

    def mean(*values: float | None) -> float | None:
        present = [v for v in values if v is not None]
        return scoring.mean(present) if present else None  # summed left to right, as built

    dimensions = [d for d in anna if d != "overall"]
    in_browser = {
        name: {k: number(v) for k, v in s.items()}
        for name, s in (("anna", anna), ("ben", ben), ("cleo", cleo), ("facilities", facilities))
    }
    assert len([v for v in in_browser["facilities"].values() if v is not None]) == 3
    assert shown("facilities") == []  # one respondent: no figure in the pages at all
    page.goto(base + "results/")
    facilities_row = page.locator("table[data-pb-results] tr[data-team='team-facilities']")
    assert "Fewer than 3 respondents" in facilities_row.inner_text()

    payroll = [
        mean(in_browser["anna"][d], in_browser["ben"][d], in_browser["cleo"][d]) for d in dimensions
    ]
    assert [number(v) for v in shown("payroll")] == [mean(*payroll), *payroll]
    assert len([v for v in payroll if v is not None]) == 2, "responsiveness and effort"
