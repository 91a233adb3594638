"""How a team's internal customers see it: result files with a perspective, read, combined apart
from the team's own, compared (the gap), and shown in every report format and on the dashboard.

The figures come from the shared vectors (tests/vectors/combine/service-check.json, worked out
by hand; tests/test_combine_vectors.py checks every case); these tests check what a reader of a
report or a dashboard page sees of them. The wording of bad files is pinned down by the golden
cases (tests/golden/results/perspective-unknown, customer-*).
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from functools import cache
from pathlib import Path

import pytest
from browser_support import serious_violations
from site_support import ROOT, SITES, copy_project, external_loads, page_file
from test_results_site import WIDER, rows, texts

from playbook_gen import results
from playbook_gen.build import build_site
from playbook_gen.content.loader import load_handbook
from playbook_gen.results import questionnaire

VECTORS = json.loads(
    (ROOT / "tests/vectors/combine/service-check.json").read_text(encoding="utf-8")
)
CASES = {case["name"].split(":")[0]: case for case in VECTORS["cases"]}
GAP_SHOWN = CASES["3 self + 4 customers"]
COUNT_ONLY = CASES["3 self + 2 customers"]
NAMES = next(c for c in VECTORS["cases"] if c["name"].startswith("team names"))
CUSTOMER_QUESTIONS = ["rsp-reply", "rsp-chase", "clr-status", "clr-words"]
PAYROLL = "results/service-check/team-payroll/"


@cache
def handbook():
    return load_handbook(SITES / "customers" / "content")


def read(files: list[dict], tmp_path: Path) -> results.Checked:
    paths = []
    for i, data in enumerate(files):
        path = tmp_path / f"{i:02d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append((f"results/{i}.json", path))
    return results.read_results(paths, handbook())


def combine(files: list[dict], tmp_path: Path) -> list[results.AssessmentResults]:
    checked = read(files, tmp_path)
    assert checked.errors == []
    return results.aggregate(handbook(), checked.files)


# -- reading ---------------------------------------------------------------------------------------


def test_a_file_without_a_perspective_is_the_teams_own_and_version_1_stays_valid(tmp_path):
    own = dict(GAP_SHOWN["files"][0])
    assert "perspective" not in own and own["version"] == 1
    explicit = {**own, "id": "another", "perspective": "self"}
    checked = read([own, explicit], tmp_path)
    assert (checked.errors, checked.warnings) == ([], [])
    assert [f.perspective for f in checked.files] == ["self", "self"]
    assert checked.files[0].answers == checked.files[1].answers


def test_a_customers_file_keeps_its_answers_and_drops_na_on_team_only_questions(tmp_path):
    customer = {**GAP_SHOWN["files"][3]}
    customer["answers"] = {**customer["answers"], "cov-rota": None}
    checked = read([customer], tmp_path)
    assert (checked.errors, checked.warnings) == ([], [])
    (f,) = checked.files
    assert f.perspective == "customer"
    assert list(f.answers) == CUSTOMER_QUESTIONS  # the N/A on cov-rota said nothing


def test_a_customers_answers_never_count_for_the_team(tmp_path):
    """Payroll's own three files give the same scores with or without four customers' files;
    a date on which only customers answered has no score of the team's own."""
    (alone,) = combine(GAP_SHOWN["files"][:3], tmp_path)
    (both,) = combine(GAP_SHOWN["files"], tmp_path)
    assert alone.teams[0].latest == both.teams[0].latest
    assert both.files == 7 and alone.files == 3
    (only,) = combine(CASES["customers only"]["files"], tmp_path)
    latest = only.teams[0].latest
    assert (latest.respondents, latest.withheld, latest.overall) == (0, True, None)


# -- the reports -----------------------------------------------------------------------------------


def test_markdown_report_shows_both_sides_and_the_gaps_largest_first(tmp_path):
    text = results.report_markdown(combine(GAP_SHOWN["files"], tmp_path))
    assert (
        "| Team | Date | Respondents | Overall score | Band | Customers | Largest gap |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| Payroll | 2026-11-20 | 3 | 3.9 | Strong | 4 | Responsiveness: customers rate it 1.3 "
        "lower |\n"
    ) in text
    assert (
        "**How customers see the team** · Customers: 4\n\n"
        "| Dimension | Team | Customers | Gap |\n"
        "| --- | --- | --- | --- |\n"
        "| Responsiveness | 4.2 | 2.9 | customers rate it 1.3 lower |\n"
        "| Clarity | 3.8 | 3.1 | customers rate it 0.7 lower |\n\n"
        "Not asked of customers: Cover.\n"
    ) in text
    # The team's own table keeps every dimension and its own score (4.1 on all three
    # responsiveness questions; 4.2 above is on the two customers are asked too).
    assert "| Responsiveness | 4.1 | 3 | 3.3–4.7 |" in text


def test_markdown_report_gives_too_few_customers_only_their_count(tmp_path):
    text = results.report_markdown(combine(COUNT_ONLY["files"], tmp_path))
    assert (
        "**How customers see the team** · Customers: 2\n\n"
        "Fewer than 3 customers responded: no customer scores are shown, so that no one's "
        "answers can be worked out.\n"
    ) in text
    assert "| Payroll | 2026-11-20 | 3 | 3.9 | Strong | 2 | – |" in text
    assert "lower" not in text and "higher" not in text


def test_markdown_report_in_german(tmp_path):
    text = results.report_markdown(combine(GAP_SHOWN["files"], tmp_path), "de")
    assert "| Responsiveness | 4,2 | 2,9 | Kunden bewerten es 1,3 niedriger |" in text
    assert "Nicht von Kunden bewertet: Cover." in text


def test_json_report_gains_the_customers_beside_each_result(tmp_path):
    (a,) = json.loads(results.report_json(combine(GAP_SHOWN["files"], tmp_path)))["assessments"]
    (result,) = a["teams"][0]["results"]
    assert (result["respondents"], len(result["files"])) == (3, 3)  # the team's own, as before
    customers = result["customers"]
    assert (customers["respondents"], customers["withheld"]) == (4, False)
    assert list(customers["dimensions"]) == ["responsiveness", "clarity"]  # not cover
    assert customers["dimensions"]["responsiveness"]["score"] == 2.875
    assert math.isclose(customers["same_questions"]["responsiveness"]["score"], 25 / 6)
    expected = GAP_SHOWN["expected"]["teams"][0]["dates"][0]["gaps"]
    assert [g["dimension"] for g in customers["gaps"]] == [g["dimension"] for g in expected]
    for got, want in zip(customers["gaps"], expected, strict=True):
        assert math.isclose(got["gap"], want["gap"])


def test_csv_report_marks_each_rows_perspective_and_the_gap(tmp_path):
    text = results.report_csv(combine(GAP_SHOWN["files"], tmp_path))
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(table[0]) == [*results.CSV_COLUMNS, "perspective", "gap"]
    customers = [r for r in table if r["perspective"] == "customer"]
    assert [r["dimension"] for r in customers] == ["responsiveness", "clarity"]
    assert [r["respondents"] for r in customers] == ["4", "4"]
    assert math.isclose(float(customers[0]["gap"]), 23 / 8 - 25 / 6)
    assert {r["perspective"] for r in table if r not in customers} == {"self"}
    assert all(r["gap"] == "" for r in table if r not in customers)
    # Without customer files the columns are what they always were.
    own = results.report_csv(combine(GAP_SHOWN["files"][:3], tmp_path))
    assert own.splitlines()[0] == ",".join(results.CSV_COLUMNS)


# -- the dashboard ---------------------------------------------------------------------------------


def project_with(files: list[dict], into: Path) -> Path:
    project = copy_project(SITES / "customers", into)
    inbox = project / "content" / "results"
    inbox.mkdir()
    for i, data in enumerate(files):
        (inbox / f"{i:02d}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture handbook with case "team names ..." (Payroll: 3 + 4 customers; Facilities:
    1 + 3 customers) and Payroll's earlier date, built once with --strict; returns the site."""
    earlier = [f for f in CASES["two dates, latest first"]["files"] if f["date"] == "2026-05-12"]
    project = project_with(NAMES["files"] + earlier, tmp_path_factory.mktemp("c") / "p")
    return build_site(project / "mkdocs.yml", project / "site", strict=True)


def html(site: Path, url: str) -> str:
    return page_file(site, url).read_text(encoding="utf-8")


def test_team_page_shows_both_sides_a_chart_and_the_gaps_largest_first(built):
    page = html(built, PAYROLL)
    table = rows(page, {"data-pb-customers": "team-payroll", "data-date": "2026-11-20"})
    assert [texts(r) for r in table] == [
        ["Dimension", "Team", "Customers", "Gap"],
        ["Responsiveness", "4.2", "2.9", "customers rate it 1.3 lower"],
        ["Clarity", "3.8", "3.1", "customers rate it 0.7 lower"],
    ]
    assert "<caption>2026-11-20 · Respondents: 3 · Customers: 4</caption>" in page
    assert (
        '<li data-dimension="responsiveness" data-value="-1.291666666666667">Responsiveness: '
        "customers rate it 1.3 lower (2.9 against the team&#39;s 4.2)</li>"
    ) in page
    assert "<p>Not asked of customers: Cover.</p>" in page
    # The chart: both perspectives of the two dimensions asked, as long as the figures say.
    assert page.count('data-pb-chart="pairs"') == 1
    assert 'aria-label="Bar chart of the scores of Payroll on 2026-11-20 by dimension' in page
    for dimension, who, score in (
        ("responsiveness", "self", 25 / 6),
        ("responsiveness", "customer", 23 / 8),
        ("clarity", "self", 23 / 6),
        ("clarity", "customer", 25 / 8),
    ):
        width = 348 * (score - 1) / 4
        assert f'width="{round(width, 2)}" height="12.0" data-dimension="{dimension}" ' in page
        assert f'data-perspective="{who}"' in page
    assert 'data-dimension="cover" data-perspective' not in page
    # The earlier date's comparison, under its own result: a positive gap told as "higher".
    earlier = rows(page, {"data-pb-customers": "team-payroll", "data-date": "2026-05-12"})
    assert texts(earlier[2]) == ["Clarity", "3.0", "3.3", "customers rate it 0.3 higher"]


def test_team_page_without_enough_of_its_own_shows_the_customers_and_no_gap(built):
    page = html(built, "results/service-check/team-facilities/")
    table = rows(page, {"data-pb-customers": "team-facilities"})
    assert [texts(r) for r in table][1:] == [
        ["Responsiveness", "Fewer than 3 respondents", "4.5", "–"],
        ["Clarity", "Fewer than 3 respondents", "4.2", "–"],
    ]
    assert "the team has fewer than 3 respondents of its own here" in page
    assert "data-pb-gaps" not in page and 'data-perspective="self"' not in page


def test_overview_shows_each_teams_largest_gap(built):
    page = html(built, "results/")
    table = rows(page, {"data-pb-gaps": "service-check"})
    assert [texts(r) for r in table] == [
        ["Team", "Largest gap"],
        [
            "Facilities 2026-11-20 · Customers: 3",
            "No gaps are shown: the team has fewer than 3 respondents of its own here.",
        ],
        ["Payroll 2026-11-20 · Customers: 4", "Responsiveness customers rate it 1.3 lower"],
    ]
    # The team's own overview is as it was: three columns.
    latest = rows(page, {"data-pb-results": "service-check"})
    assert texts(latest[0]) == ["Team", "Overall score", "Weakest dimension"]
    assert "Result files: 17. Teams: 2." in page


def without_drop_zone(page: str) -> str:
    """The page without the dashboard's drop zone (branch cust: a tool for any result files,
    customers' included, whose words and page data name customers whatever the results are)."""
    start = page.find('<section class="pb-results-drop')
    if start == -1:
        return page
    end_tag = 'pb-results.js"></script>'
    end = page.index(end_tag, start) + len(end_tag)
    return page[:start] + page[end:]


def test_a_handbook_without_customer_results_shows_nothing_of_them(tmp_path):
    project = project_with(GAP_SHOWN["files"][:3], tmp_path / "p")
    site = build_site(project / "mkdocs.yml", project / "site")
    for url in ("results/", PAYROLL):
        page = without_drop_zone(html(site, url))
        assert "customer" not in page.lower(), url


def test_a_hostile_team_name_shows_as_text_in_the_customer_parts(tmp_path):
    hostile = "<script>window.__pwned=1</script> *x* | [a](javascript:y)"
    files = [{**f, "team": hostile} for f in GAP_SHOWN["files"]]
    project = project_with(files, tmp_path / "p")
    site = build_site(project / "mkdocs.yml", project / "site")
    (team,) = [p for p in (site / "results/service-check").iterdir() if p.is_dir()]
    for page in (html(site, "results/"), (team / "index.html").read_text(encoding="utf-8")):
        assert "<script>window" not in page
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; *x* | [a](javascript:y)" in page
    text = results.report_markdown(combine(files, tmp_path))
    assert "&lt;script&gt;" in text and "<script>" not in text


# -- in the browser --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_customer_results_never_scroll_sideways(page, serve_site, built, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url in ("results/", PAYROLL, "results/service-check/team-facilities/"):
        page.goto(serve_site(built) + url)
        assert page.evaluate(WIDER) == [], url


def test_customer_results_have_no_serious_accessibility_violations(page, serve_site, built):
    found = []
    for url in ("results/", PAYROLL, "results/service-check/team-facilities/"):
        page.goto(serve_site(built) + url)
        found += [f"{url} {finding}" for finding in serious_violations(page)]
    assert found == [], "\n".join(found)
    assert external_loads(built) == []


CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const ratio = x => { const [l, d] = [lum(x), lum(bg)].sort((p, q) => q - p);
    return (l + 0.05) / (d + 0.05); };
  const team = getComputedStyle(document.querySelector('[data-perspective=self]'));
  const customers = getComputedStyle(document.querySelector('[data-perspective=customer]'));
  return [ratio(rgb(team.fill)), customers.fill, ratio(rgb(customers.stroke)),
          parseFloat(customers.strokeWidth)];
}"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_both_perspectives_bars_stand_out_from_the_page_and_each_other(
    page, serve_site, tmp_path, system
):
    """With the default theme (light and dark): the team's bars are filled, the customers' are
    outlines (told apart without colour; the legend and the table name them too), each with at
    least 3:1 against the page."""
    project = project_with(GAP_SHOWN["files"], tmp_path / "p")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "themes", project / "themes")
    (project / "docs").mkdir(exist_ok=True)
    site = build_site(project / "mkdocs.yml", project / "site")
    page.emulate_media(color_scheme=system)
    page.goto(serve_site(site) + PAYROLL)
    team, fill, outline, width = page.evaluate(CONTRAST)
    assert team >= 3 and outline >= 3, (team, outline)
    assert fill == "none" and width >= 2


# -- end to end ------------------------------------------------------------------------------------


def _export(pg, base: str, answers: dict, folder: Path, name: str) -> dict:
    """Answer the fixture's assessment as one respondent of Payroll and export; return the file."""
    pg.goto(base + "assessments/service-check/")
    pg.wait_for_selector("[data-pb-assessment][data-pb-ready]")
    pg.evaluate("localStorage.clear()")
    pg.reload()
    pg.wait_for_selector("[data-pb-assessment][data-pb-ready]")
    pg.fill("[data-pb-team]", "Payroll")
    for question, answer in answers.items():
        value = "na" if answer is None else str(answer)
        pg.check(f'input[type=radio][name="{question}"][value="{value}"]')
    with pg.expect_download() as info:
        pg.click("[data-pb-action=export-json]")
    path = folder / f"{name}.json"
    info.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_three_members_and_four_customers_export_and_the_dashboard_shows_the_gap(
    page, serve_site, tmp_path
):
    """Three members of Payroll and four of its customers answer on the assessment page and
    export; HR drops the files into content/results/ and builds: the team page shows the gaps
    the vectors give. With two customers, it shows their count only.

    The customers answer the questions with a customer wording; the customer page that writes
    "perspective": "customer" itself is branch cust's, so here the export gets it added, as that
    page's export has it."""
    project = copy_project(SITES / "customers", tmp_path / "project")
    base = serve_site(build_site(project / "mkdocs.yml", project / "site"))
    inbox = project / "content" / "results"
    inbox.mkdir()
    exported = []
    for i, data in enumerate(GAP_SHOWN["files"]):
        exported.append(_export(page, base, data["answers"], inbox, f"{i}"))
        if data.get("perspective") == "customer":
            exported[-1]["perspective"] = "customer"
            (inbox / f"{i}.json").write_text(json.dumps(exported[-1]), encoding="utf-8")
    fingerprint = questionnaire(handbook().assessments["service-check"])
    assert {f["questionnaire"] for f in exported} == {fingerprint}
    assert len({f["id"] for f in exported}) == 7

    site = build_site(project / "mkdocs.yml", project / "site")
    page.goto(serve_site(site) + PAYROLL)
    gaps = page.eval_on_selector_all(
        "[data-pb-gaps] li", "els => els.map(e => [e.dataset.dimension, +e.dataset.value])"
    )
    expected = GAP_SHOWN["expected"]["teams"][0]["dates"][0]["gaps"]
    assert [d for d, _ in gaps] == [g["dimension"] for g in expected]
    for (_, got), want in zip(gaps, expected, strict=True):
        assert math.isclose(got, want["gap"], abs_tol=1e-9)
    today = exported[0]["date"]  # the day of the export
    assert page.locator("[data-pb-customers] caption").inner_text() == (
        f"{today} · Respondents: 3 · Customers: 4"
    )

    # Two of the customers' files go: their count only, no figure, no gap.
    for i in (5, 6):
        (inbox / f"{i}.json").unlink()
    site = build_site(project / "mkdocs.yml", project / "site")
    page.goto(serve_site(site) + PAYROLL)
    shown = page.locator("p[data-pb-customers]").inner_text()
    assert shown.startswith(f"{today} · Respondents: 3 · Customers: 2 · Fewer than 3 customers")
    assert page.locator("[data-pb-gaps], [data-pb-chart=pairs]").count() == 0
