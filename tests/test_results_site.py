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


# -- the page -------------------------------------------------------------------------------------


def test_dashboard_lists_each_teams_latest_result(built):
    """Team pulse keeps the default min_respondents (3): Facilities, one respondent, shows its
    count only; Payroll, three, shows Listening, but not Follow-up, which two of them scored."""
    page = html(built, "results/")
    assert "Scores are shown where at least 3 respondents have them" in page
    table = rows(page, {"data-pb-results": "team-pulse"})
    assert texts(table[0]) == [
        "Team", "Date", "Respondents", "Overall score", "Band", "Listening", "Follow-up",
    ]  # fmt: skip
    assert [texts(r) for r in table[1:]] == [
        ["Facilities", "2026-11-20", "1", "Fewer than 3 respondents"],
        ["Payroll", "2026-11-22", "3", "5.0", "Growing", "5.0 4.0–6.0", "–"],
    ]
    facilities, payroll = table[1], table[2]
    assert [attrs.get("data-value") for attrs, _ in facilities] == [None] * 4
    assert [attrs.get("data-value") for attrs, _ in payroll[3:4] + payroll[5:]] == [
        "5.0",
        "5.0",
        "",
    ]


def test_dashboard_shows_each_team_by_date_with_respondents_and_spread(built):
    page = html(built, "results/")
    latest = rows(page, {"data-team": "team-payroll", "data-date": "2026-11-22"})
    assert [texts(r) for r in latest] == [
        ["Dimension", "Score", "Respondents", "Spread"],
        ["Listening", "5.0", "3", "4.0–6.0"],
        ["Follow-up", "Fewer than 3 respondents", "2", ""],
    ]
    assert "2026-11-22 · Overall score: 5.0 (Growing) · Respondents: 3" in page
    assert page.index('data-date="2026-11-22"') < page.index('data-date="2026-05-04"')
    for team, date in (("payroll", "2026-05-04"), ("facilities", "2026-11-20")):
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
    (Anna 5, Cleo 6); with them, the overall would be 5.25."""
    page = html(built, "results/")
    article = page[page.index("<article") : page.index("</article>")]
    for figure in ("7.0", "2.0", "3.0", "2.5", "5.5", "5.2", "5.3", "6.0–6.0"):
        assert figure not in article, figure
    values = {v for v in re.findall(r'data-value="([^"]*)"', article)}
    assert values == {"", "5.0"}
    assert ">Strong<" not in article and ">Quiet<" not in article


def test_min_respondents_1_shows_every_team_and_dimension(project):
    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "min_respondents: 1\n")
    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    page = html(project, "results/")
    table = rows(page, {"data-pb-results": "team-pulse"})
    assert [texts(r) for r in table[1:]] == [
        ["Facilities", "2026-11-20", "1", "7.0", "Strong", "7.0", "7.0"],
        ["Payroll", "2026-11-22", "3", "5.2", "Strong", "5.0 4.0–6.0", "5.5 5.0–6.0"],
    ]
    earlier = rows(page, {"data-team": "team-payroll", "data-date": "2026-05-04"})
    assert [texts(r) for r in earlier[1:]] == [
        ["Listening", "2.0", "1", "2.0–2.0"],
        ["Follow-up", "3.0", "1", "3.0–3.0"],
    ]
    assert "2026-05-04 · Overall score: 2.5 (Quiet) · Respondents: 1" in page
    assert "Scores are shown where" not in page and "data-withheld" not in page


def test_dashboard_links_to_the_assessment_and_to_each_team(built):
    page = html(built, "results/")
    targets = links(page, "results/", region="article")
    assert "assessments/team-pulse/" in targets
    assessment_ids = ids(html(built, "assessments/team-pulse/"))
    for dimension in ("listening", "follow-up"):
        assert f"assessments/team-pulse/#{dimension}" in targets
        assert dimension in assessment_ids
    team_links = {t.split("#")[1] for t in targets if t.startswith("results/#")}
    assert team_links == {"team-pulse-team-facilities", "team-pulse-team-payroll"}
    assert team_links <= ids(page)


def test_dashboard_is_in_the_navigation_and_loads_nothing_from_elsewhere(built):
    assert "results/" in links(html(built, ""), "", region="nav")
    assert external_loads(built / "site") == []


def test_dashboard_is_kept_out_of_the_search_index(built):
    """Every reader's search loads the index: the dashboard may sit behind a sign-in, so its
    team names and scores must not be readable through search."""
    index = json.loads((built / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("results")]
    assert "Payroll" in html(built, "results/")
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
    page = render_site(handbook).pages["results/index.md"]
    assert "# Ergebnisse der Selbsteinschätzungen" in page
    assert '<th scope="col">Teilnehmende</th>' in page
    assert ">Weniger als 3 Teilnehmende</td>" in page  # one respondent: no figures
    assert "Weniger als 3 Teilnehmende: Es werden keine Werte gezeigt" in page
    assert ">4,2<" not in page and ">3,5<" not in page
    handbook.assessments["null-bis-sechs"].min_respondents = 1
    page = render_site(handbook).pages["results/index.md"]
    assert ">4,2<" in page and ">3,5<" in page  # (3 + 4) / 2 and (3.5 + 5) / 2 = 4.25
    assert "Weniger als" not in page


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
    assert "<td>3</td>" in html(project, "results/")  # Payroll still has three respondents


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
    assert texts(payroll) == ["Payroll", "2026-11-22", "3", "5.0", "Growing", "5.0 4.0–6.0", "–"]

    assessment = project / "content/assessments/team-pulse.yaml"
    assessment.write_text(assessment.read_text() + "include_versions: [3fa1c09b2e7d]\n")
    result = CliRunner().invoke(cli, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    assert "payroll-dan.json" not in result.stderr
    payroll = rows(html(project, "results/"), {"data-pb-results": "team-pulse"})[2]
    # Listening: 6, 4, 5 and Dan's 1; Follow-up: Anna 5, Cleo 6, Dan 1 (three now): 4.0
    assert texts(payroll) == [
        "Payroll", "2026-11-22", "4", "4.0", "Growing", "4.0 1.0–6.0", "4.0 1.0–6.0",
    ]  # fmt: skip


def test_export_has_the_dashboard_and_builds_with_plain_mkdocs(built, tmp_path):
    out = export_site(built / "mkdocs.yml", tmp_path / "export")
    assert (out / "docs/results/index.md").is_file()
    settings = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert {"Assessment results": "results/index.md"} in settings["nav"]
    site = tmp_path / "site"
    run_mkdocs(
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
    assert (site / "results/index.html").read_text(encoding="utf-8").count("data-team=") == 5


# -- team names are user input ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(SITES / "results", tmp_path_factory.mktemp("hostile") / "project")
    for file in (project / "content/results").glob("payroll*.json"):
        data = json.loads(file.read_text())
        data["team"] = HOSTILE_TEAM
        file.write_text(json.dumps(data))
    return build_site(project / "mkdocs.yml", project / "site", strict=True)


def test_hostile_team_names_are_escaped_in_the_page(hostile_site):
    page = (hostile_site / "results/index.html").read_text(encoding="utf-8")
    tags = [tag for tag, _, regions in parse(page).tags if "article" in regions]
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "onclick" not in [a for _, attrs, _ in parse(page).tags for a in attrs]


def test_hostile_team_names_show_as_text_and_run_nothing(page, serve_site, hostile_site):
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(serve_site(hostile_site) + "results/")
    headings = page.locator("article h3").all_inner_texts()
    assert headings == [" ".join(HOSTILE_TEAM.split()), "Facilities"]
    assert page.evaluate("window.__pwned") is None


def test_dashboard_has_no_serious_accessibility_violations(page, serve_site, built):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(serve_site(built / "site") + "results/")
    assert page.locator("table[data-pb-results] tbody tr").count() == 2
    # Material's search overlay is the theme's markup (see test_browser_checklist.py).
    violations = Axe().run(page, context={"exclude": [[".md-search"]]}).response["violations"]
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
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
    page.goto(serve_site(site) + "results/")
    assert page.locator("tr[data-team='team-payroll'] td").nth(1).inner_text() == "3"
    row = "table[data-pb-results] tr[data-team='team-{}'] td[data-value]"

    def shown(team: str) -> list[str]:
        return page.eval_on_selector_all(row.format(team), "els => els.map(e => e.dataset.value)")

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
    assert shown("facilities") == []  # one respondent: no figure in the page at all
    facilities_row = page.locator("table[data-pb-results] tr[data-team='team-facilities']")
    assert "Fewer than 3 respondents" in facilities_row.inner_text()

    payroll = [
        mean(in_browser["anna"][d], in_browser["ben"][d], in_browser["cleo"][d]) for d in dimensions
    ]
    assert [number(v) for v in shown("payroll")] == [mean(*payroll), *payroll]
    assert len([v for v in payroll if v is not None]) == 2, "responsiveness and effort"
