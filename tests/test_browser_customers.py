"""Issue #12 in a real browser: the customer's page from a team's link, exports with a
perspective, the team's customer link, and the team combining its customers' files.

The handbook is the small fixture (tests/sites/small) with customer wordings added to two of
its three questions: "Listening" has one customer question and one team-only question,
"Follow-up" one customer question.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import ROOT, build_handbook, copy_project
from browser_support import serious_violations as all_serious_violations

FORM = "form[data-pb-assessment]"
CUSTOMER_REPEAT = "They repeat our requests back to us before they act on them."
CUSTOMER_NOTE = "They tell us when something we asked for is done."


def add_customer_wordings(project: Path) -> None:
    path = project / "content" / "assessments" / "team-pulse.yaml"
    text = path.read_text(encoding="utf-8")
    for start, wording in (
        ("lis-repeat, text: We repeat", CUSTOMER_REPEAT),
        ("fol-note, text: We tell", CUSTOMER_NOTE),
    ):
        line = next(line for line in text.splitlines() if start in line)
        text = text.replace(line, line.replace("}", f", customer: {wording}}}"))
    assert text.count("customer:") == 2
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_site) -> str:
    project = copy_project(ROOT / "tests" / "sites" / "small", tmp_path_factory.mktemp("c") / "p")
    add_customer_wordings(project)
    root = tmp_path_factory.mktemp("customers-site")
    build_handbook(project, root / "hb")
    return serve_site(root) + "hb/"


def serious_violations(pg) -> list[str]:
    """axe's serious findings, but for the footer's copyright line: the small fixture sets no
    palette, and Material's default footer text is the theme's, not ours."""
    return [v for v in all_serious_violations(pg) if "md-copyright" not in v]


def open_page(pg, site: str, query: str = ""):
    pg.goto(f"{site}assessments/team-pulse/{query}")
    pg.wait_for_selector(f"{FORM}[data-pb-ready]")
    return pg


def customer_link(team: str) -> str:
    return f"?perspective=customer&team={quote(team)}"


def visible_legends(pg) -> list[str]:
    return pg.eval_on_selector_all(
        f"{FORM} fieldset.pb-question",
        "els => els.filter((e) => e.checkVisibility())"
        ".map((e) => e.querySelector('legend').textContent)",
    )


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-action={action}]")
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes().decode("utf-8")


def result(questionnaire: str, team: str, answers: dict, perspective=None, n=0, date="2026-11-20"):
    value = {
        "format": "playbook-assessment-result",
        "version": 1,
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "assessment": "team-pulse",
        "questionnaire": questionnaire,
        "team": team,
        "date": date,
        "answers": answers,
        "comments": {},
    }
    if perspective:
        value["perspective"] = perspective
    return value


def write_files(tmp_path: Path, values: list[dict]) -> list[str]:
    paths = []
    for i, value in enumerate(values):
        path = tmp_path / f"result-{i}.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        paths.append(str(path))
    return paths


# -- the customer's page ---------------------------------------------------------------------------


def test_customer_link_shows_only_customer_questions_in_their_words_with_the_team_fixed(page, site):
    open_page(page, site, customer_link("Payroll"))
    assert visible_legends(page) == [f"1. {CUSTOMER_REPEAT}", f"2. {CUSTOMER_NOTE}"]
    assert not page.locator("#pb-team").is_visible()
    assert page.inner_text("[data-pb-customer-team]") == "The team you are answering about: Payroll"
    intro = page.inner_text("[data-pb-customer]")
    assert "Payroll asked you" in intro and "not your name" in intro
    # Nothing meant for the team: its intro, scores, recommendations, bands, its own link.
    for selector in [
        ".pb-intro",
        "[data-pb-glance]",
        ".pb-results > .pb-js",
        ".pb-bands-section",
        "[data-pb-customer-link]",
        "[data-pb-customer-tools]",
    ]:
        assert not page.locator(selector).first.is_visible(), selector
    assert "send the file to Payroll" in page.inner_text("[data-pb-thanks]")
    assert page.inner_text("[data-pb-progress]") == "0 of 2 answered"
    assert serious_violations(page) == []


def test_a_link_without_a_team_says_it_is_incomplete(page, site):
    page.goto(f"{site}assessments/team-pulse/?perspective=customer")
    alert = page.wait_for_selector("[data-pb-customer] [role=alert]")
    assert alert.inner_text().startswith("This link is incomplete")
    assert not page.locator(FORM).is_visible()


def test_customer_answers_are_kept_apart_from_the_team_answers(page, site):
    open_page(page, site)
    page.fill("#pb-team", "Payroll")
    page.check(f'{FORM} input[name="lis-repeat"][value="2"]')
    open_page(page, site, customer_link("Payroll"))
    assert not page.is_checked(f'{FORM} input[name="lis-repeat"][value="2"]')
    page.check(f'{FORM} input[name="lis-repeat"][value="6"]')
    open_page(page, site)
    assert page.is_checked(f'{FORM} input[name="lis-repeat"][value="2"]')
    assert page.input_value("#pb-team") == "Payroll"
    open_page(page, site, customer_link("Payroll"))
    assert page.is_checked(f'{FORM} input[name="lis-repeat"][value="6"]')


def test_customer_export_carries_the_perspective_and_says_so_in_its_name(page, site):
    open_page(page, site, customer_link("Payroll Team"))
    page.check(f'{FORM} input[name="lis-repeat"][value="5"]')
    page.check(f'{FORM} input[name="fol-note"][value="3"]')
    name, text = download(page, "export-json")
    value = json.loads(text)
    assert name.startswith("team-pulse-customer-payroll-team-")
    assert value["perspective"] == "customer"
    assert value["team"] == "Payroll Team"
    assert value["answers"] == {"lis-repeat": 5, "fol-note": 3}
    # The team's own export is as before: no perspective (absent means "self").
    open_page(page, site)
    name, text = download(page, "export-json")
    assert "perspective" not in json.loads(text)
    assert "customer" not in name


def test_customer_page_imports_only_customer_files_of_its_team(page, site, tmp_path):
    open_page(page, site, customer_link("Payroll"))
    q = page.evaluate("PB.data('pb-assessment-data').questionnaire")
    own, other, team_file = write_files(
        tmp_path,
        [
            result(q, "payroll", {"lis-repeat": 4}, "customer", 1),
            result(q, "Finance", {"lis-repeat": 4}, "customer", 2),
            result(q, "Payroll", {"lis-repeat": 4}, None, 3),
        ],
    )
    page.on("dialog", lambda dialog: dialog.accept())
    for path in (other, team_file):
        page.set_input_files("[data-pb-import-file]", path)
        page.wait_for_selector("[data-pb-alert]:not(:empty)")
        assert "is not a customer's answers about Payroll" in page.inner_text("[data-pb-alert]")
    page.set_input_files("[data-pb-import-file]", own)
    page.wait_for_selector("[data-pb-status]:not(:empty)")
    assert page.is_checked(f'{FORM} input[name="lis-repeat"][value="4"]')


def test_team_page_refuses_a_customer_file(page, site, tmp_path):
    open_page(page, site)
    q = page.evaluate("PB.data('pb-assessment-data').questionnaire")
    [path] = write_files(tmp_path, [result(q, "Payroll", {"lis-repeat": 4}, "customer")])
    page.set_input_files("[data-pb-import-file]", path)
    page.wait_for_selector("[data-pb-alert]:not(:empty)")
    assert "holds a customer's answers" in page.inner_text("[data-pb-alert]")


# -- the team's side -------------------------------------------------------------------------------


def test_team_builds_and_copies_its_customer_link(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    try:
        open_page(pg, site)
        pg.click("[data-pb-action=customer-link]")
        pg.wait_for_selector("[data-pb-link-status]:not(:empty)")
        assert pg.inner_text("[data-pb-link-status]").startswith("Type your team's name")
        pg.fill("#pb-team", "Payroll & Pay")
        pg.click("[data-pb-action=customer-link]")
        pg.wait_for_selector("[data-pb-link-status]:has-text('Link copied')")
        link = pg.input_value("[data-pb-link-field]")
        assert link == f"{site}assessments/team-pulse/?perspective=customer&team=Payroll+%26+Pay"
        assert pg.evaluate("navigator.clipboard.readText()") == link
        pg.goto(link)
        pg.wait_for_selector(f"{FORM}[data-pb-ready]")
        assert pg.inner_text("[data-pb-customer-team] strong") == "Payroll & Pay"
    finally:
        context.close()


def import_customers(pg, paths: list[str]) -> None:
    with pg.expect_file_chooser() as chooser:
        pg.click("[data-pb-action=customer-import]")
    chooser.value.set_files(paths)
    pg.wait_for_selector("[data-pb-customer-out] [data-pb-counts]")


def gap_rows(pg) -> list[list[str]]:
    return pg.eval_on_selector_all(
        "[data-pb-gap-table] tbody tr",
        "rows => rows.map((r) => Array.from(r.cells, (c) => c.textContent))",
    )


def test_team_imports_three_then_four_customer_files_and_sees_the_gap(page, site, tmp_path):
    open_page(page, site)
    page.fill("#pb-team", "Payroll")
    q = page.evaluate("PB.data('pb-assessment-data').questionnaire")
    team = [
        result(q, "Payroll", {"lis-repeat": 6, "lis-interrupt": 2, "fol-note": 5}, None, i)
        for i in range(3)
    ]
    customers = [
        result(q, "Payroll", {"lis-repeat": 3, "fol-note": 4}, "customer", 10 + i) for i in range(4)
    ]
    import_customers(page, write_files(tmp_path, team + customers[:2]))
    assert page.inner_text("[data-pb-counts]") == "Your team: 3 files. Customers: 2 files."
    assert "at least 3" in page.inner_text("[data-pb-withheld]")
    rows = gap_rows(page)
    assert [row[2] for row in rows] == ["Not enough responses", "Not enough responses"]
    assert [row[3] for row in rows] == ["–", "–"]

    import_customers(page, write_files(tmp_path, team + customers[:3]))
    assert page.inner_text("[data-pb-counts]") == "Your team: 3 files. Customers: 3 files."
    # Listening on the same question only: team 6, customers 3; follow-up 5 against 4.
    assert gap_rows(page) == [
        ["Listening", "6.00", "3.00", "customers rate it 3.00 lower"],
        ["Follow-up", "5.00", "4.00", "customers rate it 1.00 lower"],
    ]
    import_customers(page, write_files(tmp_path, team + customers))
    assert page.inner_text("[data-pb-counts]") == "Your team: 3 files. Customers: 4 files."
    assert serious_violations(page) == []


def test_without_team_files_the_browsers_own_answers_are_the_teams_side(page, site, tmp_path):
    open_page(page, site)
    page.fill("#pb-team", "Payroll")
    page.check(f'{FORM} input[name="lis-repeat"][value="5"]')
    page.check(f'{FORM} input[name="lis-interrupt"][value="7"]')
    q = page.evaluate("PB.data('pb-assessment-data').questionnaire")
    customers = [result(q, "Payroll", {"lis-repeat": 7}, "customer", 20 + i) for i in range(3)]
    other = result(q, "Finance", {"lis-repeat": 1}, "customer", 30)
    broken = {"format": "something else"}
    import_customers(page, write_files(tmp_path, [*customers, other, broken]))
    assert page.inner_text("[data-pb-counts]") == (
        "Your team: your own answers in this browser. Customers: 3 files."
    )
    assert page.eval_on_selector_all(
        "[data-pb-rejected]", "ps => ps.map((p) => p.textContent)"
    ) == [
        "result-4.json is not an exported assessment result.",
        "result-3.json is about the team “Finance”, not yours, and is not counted.",
    ]
    rows = gap_rows(page)
    assert rows[0] == ["Listening", "5.00", "7.00", "customers rate it 2.00 higher"]
    assert rows[1][3] == "–"


# -- the combining vectors (tests/vectors/combine/, shared with results/aggregate.py) -------------

COMBINE_VECTORS = sorted((ROOT / "tests" / "vectors" / "combine").glob("*.json"))

COMBINE_IN_PAGE = """([files, least]) => {
  const data = PB.data("pb-assessment-data");
  const entries = files.map((file, i) => ({ name: `file-${i}.json`, text: JSON.stringify(file) }));
  const read = PB.checkResults(data, entries);
  const counted = new Set(read.files.map((file) => Number(file.name.slice(5, -5))));
  const notCounted = files.map((_, i) => i).filter((i) => !counted.has(i));
  const teams = [];
  for (const group of PB.combine(data, read.files, least)) {
    let team = teams.find((each) => PB.teamKey(each.team) === PB.teamKey(group.team));
    if (!team) {
      team = { team: group.team, dates: [] };
      teams.push(team);
    }
    const shape = (side) => side && {
      respondents: side.respondents,
      withheld: side.withheld,
      dimensions: Object.fromEntries(data.dimensions.map((d) => [d.id,
        side.dimensions[d.id] ? side.dimensions[d.id].score : null])),
    };
    const usable = group.self && group.customer && !group.self.withheld &&
      !group.customer.withheld;
    team.dates.push({
      date: group.date,
      self: shape(group.self),
      customer: shape(group.customer),
      gaps: usable ? group.gaps.map((g) => ({ dimension: g.dimension.id, customer: g.customer,
        self: g.self, gap: g.gap })) : null,
    });
  }
  return { notCounted: notCounted, rejected: read.rejected, expected: { teams: teams } };
}"""


def same(got, expected) -> bool:
    """Equal, numbers to 1e-9: the vectors were worked out by hand, as fractions (like
    tests/test_combine_vectors.py)."""
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(same(got[key], expected[key]) for key in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(same(g, e) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, float) and not isinstance(got, bool):
        return isinstance(got, int | float) and math.isclose(got, expected, abs_tol=1e-9)
    return got == expected and type(got) is type(expected)


@pytest.fixture(scope="module")
def vector_sites(tmp_path_factory, serve_site) -> dict[str, str]:
    out = {}
    for path in COMBINE_VECTORS:
        handbook = json.loads(path.read_text(encoding="utf-8"))["handbook"]
        if handbook not in out:
            root = tmp_path_factory.mktemp("combine-site")
            build_handbook(ROOT / handbook, root / "hb")
            out[handbook] = serve_site(root) + "hb/"
    return out


@pytest.mark.parametrize("vector", COMBINE_VECTORS, ids=lambda path: path.stem)
def test_pb_combine_matches_every_shared_combining_vector(page, vector_sites, vector):
    vectors = json.loads(vector.read_text(encoding="utf-8"))
    site = vector_sites[vectors["handbook"]]
    page.goto(f"{site}assessments/{vectors['assessment']}/")
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    page.evaluate("PB.need('pb-customer.js')")
    page.wait_for_function("() => typeof PB.combine === 'function'")
    assert vectors["cases"]
    for case in vectors["cases"]:
        got = page.evaluate(COMBINE_IN_PAGE, [case["files"], vectors["min_respondents"]])
        assert same(got["expected"], case["expected"]), (case["name"], got["expected"])
        problems = sorted(p["file"] for p in case.get("problems", []))
        assert got["notCounted"] == problems, (case["name"], got["rejected"])


# -- HR's drop zone on the results page ------------------------------------------------------

SERVICE = json.loads(
    (ROOT / "tests/vectors/combine/service-check.json").read_text(encoding="utf-8")
)
BOTH_SIDES = SERVICE["cases"][0]  # 3 self + 4 customers, both shown


@pytest.fixture(scope="module")
def results_site(tmp_path_factory, serve_site) -> str:
    """The customers fixture with one result file in content/results, so it has a dashboard."""
    project = copy_project(ROOT / "tests/sites/customers", tmp_path_factory.mktemp("r") / "p")
    (project / "content" / "results").mkdir()
    first = dict(BOTH_SIDES["files"][0], team="Facilities")
    (project / "content" / "results" / "facilities.json").write_text(json.dumps(first))
    root = tmp_path_factory.mktemp("results-site")
    build_handbook(project, root / "hb")
    return serve_site(root) + "hb/"


def test_hr_drops_files_and_sees_team_customers_and_gap(page, results_site, tmp_path):
    page.goto(f"{results_site}results/")
    zone = page.wait_for_selector("[data-pb-results-drop][data-pb-ready]")
    assert zone.is_visible()
    folder = tmp_path / "batch"
    folder.mkdir()
    paths = []
    for i, value in enumerate(BOTH_SIDES["files"]):
        path = folder / f"{i}.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        paths.append(str(path))
    (folder / "notes.txt").write_text("not a result")
    unknown = folder / "other.json"
    unknown.write_text(json.dumps(dict(BOTH_SIDES["files"][0], assessment="team-pulse")))
    page.set_input_files("[data-pb-drop-files]", [*paths, str(folder / "notes.txt"), str(unknown)])
    page.wait_for_selector("[data-pb-drop-out] [data-pb-drop-assessment]")
    out = page.locator("[data-pb-drop-out]")
    assert out.locator("[data-pb-drop-read]").inner_text() == "Files read: 9."
    assert "Left out, not JSON files: 1." in out.inner_text()
    part = out.locator("[data-team=Payroll][data-date='2026-11-20']")
    assert part.locator("[data-pb-side=self]").inner_text() == (
        "Team: Respondents: 3 · Overall score: 3.87"
    )
    assert part.locator("[data-pb-side=customer]").inner_text() == (
        "Customers: Respondents: 4 · Overall score: 3.00"
    )
    assert gap_rows(page) == [
        ["Responsiveness", "4.17", "2.88", "customers rate it 1.29 lower"],
        ["Clarity", "3.83", "3.13", "customers rate it 0.71 lower"],
    ]
    assert out.locator("[data-pb-rejected]").all_inner_texts() == [
        "other.json is a result for “team-pulse”, an assessment this handbook does not have."
    ]
    assert serious_violations(page) == []


TEAM_NAMES = [
    "Payroll",
    "  pay   ROLL ",
    "Straße",
    "STRASSE",
    "STRAẞE",
    "ﬁnance",
    "İstanbul",
    "ΣΑΣ",
    "σας",
    "ǅemal",
    "Ⅻ crew",
    "Łódź",
]


def test_team_names_are_the_same_team_in_the_browser_as_in_report(page, results_site):
    """PB.teamKey folds case as aggregate.team_key (Python's casefold) does, on names where plain
    lower case differs from it (ß, ẞ, the ligature ﬁ, the final sigma)."""
    from playbook_gen.results.aggregate import team_key

    page.goto(f"{results_site}results/")
    page.wait_for_selector("[data-pb-results-drop][data-pb-ready]")
    keys = page.evaluate("(names) => names.map(PB.teamKey)", TEAM_NAMES)  # pb-combine.js
    assert keys == [team_key(name) for name in TEAM_NAMES]
    assert keys[2] == keys[3] == keys[4] and keys[7] == keys[8]


def test_a_file_of_a_version_listed_under_include_versions_counts_in_the_drop_zone(
    page, tmp_path, serve_site
):
    """As `report` does: a file answered on a version listed under include_versions counts;
    one of an unlisted version is left out, with the reason."""
    project = copy_project(ROOT / "tests/sites/customers", tmp_path / "p")
    assessment = project / "content" / "assessments" / "service-check.yaml"
    assessment.write_text(assessment.read_text() + "include_versions: [3fa1c09b2e7d]\n")
    (project / "content" / "results").mkdir()
    first = dict(BOTH_SIDES["files"][0], team="Facilities")
    (project / "content" / "results" / "facilities.json").write_text(json.dumps(first))
    build_handbook(project, tmp_path / "site" / "hb")
    site = serve_site(tmp_path / "site") + "hb/"
    files = [dict(each) for each in BOTH_SIDES["files"]]
    for each in files[:3]:
        each["questionnaire"] = "3fa1c09b2e7d"  # listed: the team's side still counts
    files[3]["questionnaire"] = "0123456789ab"  # not listed: one customer fewer
    page.goto(f"{site}results/")
    page.wait_for_selector("[data-pb-results-drop][data-pb-ready]")
    page.set_input_files("[data-pb-drop-files]", write_files(tmp_path, files))
    page.wait_for_selector("[data-pb-drop-out] [data-pb-drop-assessment]")
    out = page.locator("[data-pb-drop-out]")
    part = out.locator("[data-team=Payroll][data-date='2026-11-20']")
    assert part.locator("[data-pb-side=self]").inner_text() == (
        "Team: Respondents: 3 · Overall score: 3.87"
    )
    customers = part.locator("[data-pb-side=customer]").inner_text()
    assert customers.startswith("Customers: Respondents: 3 · ")
    assert out.locator("[data-pb-rejected]").all_inner_texts() == [
        "result-3.json was answered on another version of these questions and is not counted."
    ]


def test_results_page_without_javascript_is_unchanged(browser, results_site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(f"{results_site}results/")
        assert not pg.locator("[data-pb-results-drop]").is_visible()
        assert pg.locator("table.pb-summary").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "?perspective=customer&team=Payroll"])
def test_no_sideways_scroll_at_390_px(browser, results_site, query, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(f"{results_site}assessments/service-check/{query}")
        pg.wait_for_selector(f"{FORM}[data-pb-ready]")
        if not query:
            pg.fill("#pb-team", "Payroll")
            paths = write_files(tmp_path, BOTH_SIDES["files"])
            import_customers(pg, paths)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        pg.goto(f"{results_site}results/")
        pg.set_input_files("[data-pb-drop-files]", write_files(tmp_path, BOTH_SIDES["files"]))
        pg.wait_for_selector("[data-pb-drop-out] [data-pb-drop-assessment]")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


DROP_FILES = """([selector, files]) => {
  const transfer = new DataTransfer();
  files.forEach((file, i) => transfer.items.add(new File([JSON.stringify(file)], `${i}.json`,
    { type: "application/json" })));
  const target = document.querySelector(selector);
  target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true,
    cancelable: true }));
  target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true,
    cancelable: true }));
}"""
"""Drop result files on an element, as a reader dragging them from their file manager does."""


def test_files_dropped_on_the_drop_zone_and_the_import_area_are_combined(page, results_site):
    page.goto(f"{results_site}results/")
    page.wait_for_selector("[data-pb-results-drop][data-pb-ready]")
    page.evaluate(DROP_FILES, ["[data-pb-drop-area]", BOTH_SIDES["files"]])
    page.wait_for_selector("[data-pb-drop-out] [data-pb-drop-assessment]")
    assert page.inner_text("[data-pb-drop-read]") == "Files read: 7."
    assert [row[3] for row in gap_rows(page)] == [
        "customers rate it 1.29 lower",
        "customers rate it 0.71 lower",
    ]
    page.goto(f"{results_site}assessments/service-check/")
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    page.fill("#pb-team", "payroll")
    with page.expect_file_chooser() as chooser:  # the first click opens the area and the picker
        page.click("[data-pb-action=customer-import]")
    chooser.value.set_files([])
    page.wait_for_selector("[data-pb-drop]:visible")
    page.evaluate(DROP_FILES, ["[data-pb-drop]", BOTH_SIDES["files"]])
    page.wait_for_selector("[data-pb-customer-out] [data-pb-counts]")
    assert page.inner_text("[data-pb-counts]") == "Your team: 3 files. Customers: 4 files."
    assert [row[0] for row in gap_rows(page)] == ["Responsiveness", "Clarity"]


def test_a_customers_answers_in_two_tabs_keep_each_other(browser, site):
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        for pg in (first, second):
            open_page(pg, site, customer_link("Payroll"))
        first.check(f'{FORM} input[name="lis-repeat"][value="3"]')
        second.wait_for_selector('input[name="lis-repeat"][value="3"]:checked')
        second.check(f'{FORM} input[name="fol-note"][value="6"]')
        first.wait_for_selector('input[name="fol-note"][value="6"]:checked')
        assert first.is_checked(f'{FORM} input[name="lis-repeat"][value="3"]')
        assert first.inner_text("[data-pb-progress]") == "2 of 2 answered"
    finally:
        context.close()
