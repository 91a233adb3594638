"""The self-assessment page in a real browser: scores, storage, export, import, print, a11y.

Every test runs on a fresh browser context (empty localStorage) and fails on console errors or
requests to another host (the fixtures come from browser_support.py, registered in conftest.py).
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser_support import ROOT, build_handbook, copy_project
from test_scoring import load_vectors

FORM = "form[data-pb-assessment]"
SEVEN = ROOT / "tests" / "sites" / "assessment7"
RESULT_KEYS = [
    "format", "version", "id", "assessment", "questionnaire", "team", "date", "answers", "comments",
]  # fmt: skip
FINGERPRINTS = json.loads(
    (ROOT / "tests/vectors/questionnaire/fingerprints.json").read_text(encoding="utf-8")
)["vectors"]
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="session")
def seven_site(tmp_path_factory, serve_site) -> str:
    """The German fixture handbook (7-point and 0..6 assessments), served from a sub-path."""
    root = tmp_path_factory.mktemp("assessment7-site")
    build_handbook(SEVEN, root / "de")
    return serve_site(root) + "de/"


@pytest.fixture
def sites(default_site, seven_site) -> dict[str, str]:
    return {".": default_site, "tests/sites/assessment7": seven_site}


def open_assessment(pg, base: str, assessment_id: str):
    pg.goto(f"{base}assessments/{assessment_id}/")
    pg.wait_for_selector(f"{FORM}[data-pb-ready]")
    return pg


def radio(qid: str, answer) -> str:
    value = "na" if answer is None else str(answer)
    return f'{FORM} input[type=radio][name="{qid}"][value="{value}"]'


def answer_all(pg, answers: dict) -> None:
    for qid, answer in answers.items():
        pg.check(radio(qid, answer))


def page_words(pg) -> dict:
    return pg.evaluate("JSON.parse(document.getElementById('pb-assessment-data').textContent).t")


def scores(pg) -> dict[str, str]:
    return pg.eval_on_selector_all(
        "[data-pb-score]",
        "els => Object.fromEntries(els.map(e => [e.dataset.pbScore, e.dataset.value]))",
    )


def checked(pg) -> dict:
    """Question id -> the checked value ('na' for N/A), for every answered question."""
    return pg.eval_on_selector_all(
        f"{FORM} input[type=radio]:checked",
        "els => Object.fromEntries(els.map(e => [e.name, e.value]))",
    )


def stored(pg, assessment_id: str):
    return pg.evaluate("id => localStorage.getItem(PB.store.key('assessment', id))", assessment_id)


def shown_recommendations(pg) -> list[str]:
    return pg.eval_on_selector_all(
        "[data-pb-recommendations] > [data-pb-rec]", "els => els.map(e => e.dataset.pbRec)"
    )


def as_number(text: str) -> float | None:
    return None if text == "" else float(text)


# -- the shared vectors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "handbook, assessment_id, vector",
    load_vectors(),
    ids=[f"{a}: {v['name']}" for _, a, v in load_vectors()],
)
def test_page_scores_match_shared_vector(page, sites, handbook, assessment_id, vector):
    open_assessment(page, sites[handbook], assessment_id)
    answer_all(page, vector["answers"])
    expected = vector["expected"]
    got = scores(page)
    for dim_id, want in expected["dimensions"].items():
        value = as_number(got[dim_id])
        assert (value is None) == (want is None), (dim_id, got[dim_id], want)
        if want is not None:
            assert value == pytest.approx(want, abs=1e-9), dim_id
    overall = as_number(got["overall"])
    if expected["overall"] is None:
        assert overall is None
    else:
        assert overall == pytest.approx(expected["overall"], abs=1e-9)
    assert page.text_content("[data-pb-band]") == (expected["band"] or "")
    assert shown_recommendations(page) == expected["recommendations"]
    t = page_words(page)
    for dim_id, want in expected["dimensions"].items():
        cell = page.text_content(f'[data-pb-score="{dim_id}"]')
        assert (cell == t["not_enough"]) == (want is None)


SCORE_WITH_PB = """answers => {
    const data = PB.data("pb-assessment-data");
    return answers.map((each) => {
        const result = PB.score(data, each);
        const dimensions = {};
        for (const id of Object.keys(result.byDimension)) {
            dimensions[id] = result.byDimension[id].score;
        }
        return {
            dimensions: dimensions,
            order: Object.keys(result.byDimension),
            overall: result.overall,
            band: result.band ? result.band.name : null,
            recommendations: result.recommended.map((own) => own.dimension.id),
        };
    });
}"""
"""Score answers with PB.score and the page's own data; plain values back (one per set)."""


def same_score(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return actual == pytest.approx(expected, abs=1e-9)


VECTORS_BY_ASSESSMENT: dict[tuple[str, str], list[dict]] = {}
for _handbook, _assessment_id, _vector in load_vectors():
    VECTORS_BY_ASSESSMENT.setdefault((_handbook, _assessment_id), []).append(_vector)


@pytest.mark.parametrize(
    "handbook, assessment_id", list(VECTORS_BY_ASSESSMENT), ids=lambda x: x.rsplit("/", 1)[-1]
)
def test_score_function_matches_every_shared_vector(page, sites, handbook, assessment_id):
    """PB.score, which the page scores with, called directly: the same vectors as scoring.py."""
    open_assessment(page, sites[handbook], assessment_id)
    vectors = VECTORS_BY_ASSESSMENT[(handbook, assessment_id)]
    results = page.evaluate(SCORE_WITH_PB, [vector["answers"] for vector in vectors])
    order = page.evaluate(
        "PB.data('pb-assessment-data').dimensions.map((dimension) => dimension.id)"
    )
    for vector, got in zip(vectors, results, strict=True):
        expected = vector["expected"]
        name = vector["name"]
        assert got["order"] == order, name
        for dim_id, want in expected["dimensions"].items():
            assert same_score(got["dimensions"][dim_id], want), (name, dim_id, got, want)
        assert same_score(got["overall"], expected["overall"]), (name, got["overall"])
        assert got["band"] == expected["band"], name
        assert got["recommendations"] == expected["recommendations"], name


def test_score_function_ignores_answers_off_the_scale_and_unknown_ids(page, default_site):
    """As scoring.py does (test_answers_off_the_scale_and_unknown_ids_are_ignored)."""
    open_assessment(page, default_site, "internal-service")
    answers = {"rsp-1": 4, "rsp-2": 4, "rsp-4": 4, "rsp-3": 9, "nope": 1, "eff-1": True}
    [got] = page.evaluate(SCORE_WITH_PB, [answers])
    assert got["dimensions"]["responsiveness"] == 4.0
    answered = page.evaluate(
        "answers => PB.score(PB.data('pb-assessment-data'), answers)"
        ".byDimension.responsiveness.count",
        answers,
    )
    assert answered == 3


# -- what the page shows ---------------------------------------------------------------------------


def test_page_shows_scores_band_chart_and_table_with_the_same_figures(page, default_site):
    open_assessment(page, default_site, "internal-service")
    vector = next(v for _, a, v in load_vectors() if "N/A, unanswered" in v["name"])
    answer_all(page, vector["answers"])
    assert page.text_content('[data-pb-score="overall"]') == "2.96"
    assert page.text_content('[data-pb-score="effort"]') == "2.33"
    assert page.text_content('[data-pb-score="reliability"]') == "Not enough answers"
    assert page.text_content('[data-pb-answered="responsiveness"]') == "2 of 4"
    assert page.text_content("[data-pb-dim=responsiveness]") == "Not enough answers (2 of 4)"
    assert page.text_content("[data-pb-band]") == "Dependable"
    assert "effort and feedback" in page.text_content("[data-pb-band-text]")
    assert page.get_attribute("[data-pb-band-index='2']", "class") == "pb-current"
    assert page.text_content("[data-pb-count]") == "26 of 30 questions answered"
    chart = page.locator("[data-pb-chart] svg")
    assert chart.get_attribute("role") == "img"
    assert "threshold of 3.5" in chart.get_attribute("aria-label")
    assert chart.locator("rect").count() == 4  # one bar per dimension with a score
    assert chart.locator("rect.pb-low").count() == 3
    assert chart.locator("line.pb-thr").count() == 1
    texts = chart.locator("text").all_text_contents()
    assert "Threshold 3.5" in texts
    for dim_id in ("effort", "communication", "ownership", "feedback"):
        assert page.text_content(f'[data-pb-score="{dim_id}"]') in texts
    assert page.is_visible("[data-pb-recommendations]")
    assert page.text_content("[data-pb-rec=feedback] h4").endswith("(2.00)")
    assert page.is_hidden("[data-pb-rec-pool]")
    assert page.is_hidden(".pb-nojs")


def test_recommendation_links_reach_existing_pages_and_items(page, default_site):
    open_assessment(page, default_site, "internal-service")
    links = page.eval_on_selector_all("[data-pb-rec] a", "els => els.map(a => a.href)")
    assert len(links) > 20
    assert any("/checklists/internal-service/#single-front-door" in x for x in links)
    seen: dict[str, str] = {}
    for link in links:
        assert urlsplit(link).netloc == urlsplit(default_site).netloc
        url, _, anchor = link.partition("#")
        if url not in seen:
            with urllib.request.urlopen(url) as response:
                assert response.status == 200
                seen[url] = response.read().decode()
        assert url.startswith(urljoin(default_site, "principles/")) or url.startswith(
            urljoin(default_site, "checklists/")
        )
        if anchor:
            assert f'id="{anchor}"' in seen[url], link


def test_german_handbook_uses_german_words_and_numbers(page, seven_site):
    open_assessment(page, seven_site, "teamklima")
    answer_all(page, {"zu-1": 6, "zu-2": 2, "zu-3": None, "ve-1": 3, "ve-2": 6, "ve-3": 4})
    assert page.text_content('[data-pb-score="overall"]') == "4,50"
    assert page.get_attribute('[data-pb-score="overall"]', "data-value") == "4.5"
    assert page.text_content('[data-pb-score="lernen"]') == "Zu wenige Antworten"
    assert page.text_content("[data-pb-band]") == "Unterwegs"
    assert page.text_content("[data-pb-action=export-json]") == "JSON exportieren"
    assert (
        page.text_content("label:has(input[name='zu-1'][value='na'])").strip() == "Nicht anwendbar"
    )
    assert page.text_content("label:has(input[name='zu-1'][value='7'])").strip() == (
        "Trifft voll und ganz zu"
    )
    assert page.eval_on_selector_all(
        f"{FORM} input[name='zu-1']", "els => els.map(e => e.value)"
    ) == ["1", "2", "3", "4", "5", "6", "7", "na"]
    assert "4,5" in page.text_content("[data-pb-chart] text:last-of-type")
    assert page.get_attribute(FORM, "lang") == "de"


def test_scale_without_na_offers_no_na_and_starts_at_zero(page, seven_site):
    open_assessment(page, seven_site, "null-bis-sechs")
    values = page.eval_on_selector_all(f"{FORM} input[name='t-1']", "els => els.map(e => e.value)")
    assert values == ["0", "1", "2", "3", "4", "5", "6"]
    page.check(radio("t-1", 0))
    assert page.get_attribute('[data-pb-score="tempo"]', "data-value") == "0"
    assert page.text_content('[data-pb-score="tempo"]') == "0,00"


def test_script_does_nothing_on_other_pages(page, default_site):
    page.goto(default_site + "principles/")
    page.wait_for_load_state("load")
    assert page.locator("[data-pb-ready]").count() == 0


# -- storage ---------------------------------------------------------------------------------------


def test_answers_team_and_comments_survive_a_reload(page, default_site):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 4, "rsp-2": None, "eff-3": 2})
    page.fill("[data-pb-team]", "Payroll")
    page.fill("[data-pb-comment=effort]", "Too many handovers")
    before = scores(page)
    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    assert checked(page) == {"rsp-1": "4", "rsp-2": "na", "eff-3": "2"}
    assert page.input_value("[data-pb-team]") == "Payroll"
    assert page.input_value("[data-pb-comment=effort]") == "Too many handovers"
    assert scores(page) == before
    value = json.loads(stored(page, "internal-service"))
    changed = value.pop("changed")  # format 2: when each entry last changed (test_browser_state)
    assert value == {
        "v": 2,
        "answers": {"rsp-1": 4, "rsp-2": None, "eff-3": 2},
        "team": "Payroll",
        "comments": {"effort": "Too many handovers"},
    }
    assert set(changed) == {
        "answers/rsp-1",
        "answers/rsp-2",
        "answers/eff-3",
        "team",
        "comments/effort",
    }
    key = page.evaluate("PB.store.key('assessment', 'internal-service')")
    assert key == f"pb:{urlsplit(default_site).path}:assessment:internal-service"


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        '"just a string"',
        "[1, 2]",
        '{"v": 1, "answers": "rsp-1", "team": 7, "comments": []}',
        '{"v": 1, "answers": {"rsp-1": "4", "rsp-2": 9, "rsp-3": 2.5, "rsp-4": 3, '
        '"__proto__": {"x": 1}, "constructor": 1, "gone": 2}, "comments": {"effort": 5}}',
        '{"v": 99, "answers": {"rsp-1": 4}}',
    ],
    ids=["not-json", "string", "array", "wrong-types", "bad-answers", "other-version"],
)
def test_corrupt_stored_value_is_kept_aside_and_never_breaks_the_page(page, default_site, raw):
    page.goto(default_site + "assessments/internal-service/")
    page.evaluate(
        "raw => localStorage.setItem(PB.store.key('assessment', 'internal-service'), raw)", raw
    )
    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    expected = {"rsp-4": "3"} if "bad-answers" in raw or '"rsp-4": 3' in raw else {}
    assert checked(page) == expected
    backup = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith("
        "PB.store.key('assessment', 'internal-service') + ':backup:'))"
    )
    assert [page.evaluate("k => localStorage.getItem(k)", key) for key in backup] == [raw]
    notice = page.text_content("[data-pb-notice]")
    assert "could not be read completely" in notice and backup[0] in notice
    assert page.is_visible("[data-pb-notice]")
    page.check(radio("rsp-1", 5))
    assert json.loads(stored(page, "internal-service"))["answers"]["rsp-1"] == 5
    assert page.evaluate("({}).x") is None


def test_content_update_keeps_answers_to_remaining_questions(page, tmp_path, serve_site):
    project = copy_project(ROOT, tmp_path / "project")
    site = tmp_path / "www" / "handbook"
    build_handbook(project, site)
    base = serve_site(tmp_path / "www") + "handbook/"
    open_assessment(page, base, "internal-service")
    answer_all(page, {"rsp-1": 4, "rsp-4": 2, "eff-1": None, "dif-4": 5})
    page.fill("[data-pb-team]", "Payroll")

    # HR removes rsp-4, adds a question and moves dif-4 into another dimension.
    file = project / "content" / "assessments" / "internal-service.yaml"
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"      - id: rsp-4\n        text: [^\n]*\n", "", text)
    text = text.replace(
        "      - id: eff-1\n",
        "      - id: eff-new\n        text: A brand-new statement.\n      - id: eff-1\n",
    )
    dif4 = re.search(
        r"      - id: dif-4\n        text: [^\n]*\n        reverse: true\n"
        r"(        customer: [^\n]*\n)?",
        text,
    )
    text = text.replace(dif4.group(0), "")
    text = text.replace("      - id: rel-1\n", dif4.group(0) + "      - id: rel-1\n")
    file.write_text(text, encoding="utf-8")
    build_handbook(project, site)

    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    assert page.locator(radio("rsp-4", 2)).count() == 0
    assert page.locator(f"{FORM} input[name='eff-new']").count() == 6
    assert checked(page) == {"rsp-1": "4", "eff-1": "na", "dif-4": "5"}
    assert page.input_value("[data-pb-team]") == "Payroll"
    assert json.loads(stored(page, "internal-service"))["answers"] == {
        "rsp-1": 4,
        "eff-1": None,
        "dif-4": 5,
    }


# -- export ----------------------------------------------------------------------------------------


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-action={action}]")
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes().decode("utf-8")


def test_export_json_writes_the_results_format_exactly(page, default_site):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"eff-2": 1, "rsp-3": None, "rsp-1": 4})
    page.fill("[data-pb-team]", "  Payroll & Co  ")
    page.fill("[data-pb-comment=effort]", "Too many handovers")
    page.fill("[data-pb-comment=feedback]", "")
    today = page.evaluate("PB.today()")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", today)
    name, text = download(page, "export-json")
    assert name == f"internal-service-payroll-co-{today}.json"
    data = json.loads(text)
    assert list(data) == RESULT_KEYS
    assert UUID4.match(data["id"])
    expected = {
        "format": "playbook-assessment-result",
        "version": 1,
        "id": data["id"],
        "assessment": "internal-service",
        "questionnaire": next(
            v["questionnaire"] for v in FINGERPRINTS if v["assessment"] == "internal-service"
        ),
        "team": "Payroll & Co",
        "date": today,
        "answers": {"rsp-1": 4, "rsp-3": None, "eff-2": 1},
        "comments": {"effort": "Too many handovers"},
    }
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    _, again = download(page, "export-json")
    assert json.loads(again)["id"] != data["id"]


@pytest.mark.parametrize(
    "vector",
    [v for v in FINGERPRINTS if v["handbook"] in (".", "tests/sites/assessment7")],
    ids=lambda v: v["assessment"],
)
def test_export_json_carries_the_questionnaire_fingerprint_of_the_shared_vector(
    page, sites, vector
):
    """The page exports the fingerprint that results.py works out for the same assessment
    (tests/vectors/questionnaire/, checked in pytest too), whatever was answered."""
    open_assessment(page, sites[vector["handbook"]], vector["assessment"])
    _, empty = download(page, "export-json")
    first = page.locator(f"{FORM} input[type=radio]").first
    first.check()
    _, answered = download(page, "export-json")
    assert json.loads(answered)["answers"] != {}
    for text in (empty, answered):
        assert json.loads(text)["questionnaire"] == vector["questionnaire"]


def test_export_json_without_secure_context_still_makes_a_v4_id(page, default_site):
    open_assessment(page, default_site, "internal-service")
    page.evaluate("crypto.randomUUID = undefined")
    _, text = download(page, "export-json")
    data = json.loads(text)
    assert UUID4.match(data["id"])
    assert data["answers"] == {} and data["comments"] == {} and data["team"] == ""


def test_export_csv_content_is_exact_and_formulas_are_neutralised(page, seven_site):
    open_assessment(page, seven_site, "teamklima")
    answer_all(
        page, {"zu-1": 6, "zu-2": 2, "zu-3": None, "ve-1": 3, "ve-2": 6, "ve-3": 4, "le-1": 5}
    )
    page.fill("[data-pb-team]", '=HYPERLINK("http://evil.example")')
    page.fill("[data-pb-comment=zuhoeren]", "@SUM(A1)")
    page.fill("[data-pb-comment=lernen]", '-2 Punkte, "zitiert"\nzweite Zeile')
    today = page.evaluate("PB.today()")
    name, text = download(page, "export-csv")
    assert name == f"teamklima-hyperlink-http-evil-example-{today}.csv"
    rows = [
        '"Dimension","Frage-ID","Frage","Antwort","Antwort (Text)"',
        '"Zuhören","zu-1","Wir wiederholen Anliegen in eigenen Worten.","6","Trifft zu"',
        '"Zuhören","zu-2","Anfragende müssen ihr Anliegen oft mehrmals erklären.","2",'
        '"Trifft nicht zu"',
        '"Zuhören","zu-3","Wir fragen nach, bevor wir antworten.","","Nicht anwendbar"',
        '"Verlässlichkeit","ve-1","Wir halten zugesagte Termine.","3","Trifft eher nicht zu"',
        '"Verlässlichkeit","ve-2","Zusagen geraten bei uns in Vergessenheit.","6","Trifft zu"',
        '"Verlässlichkeit","ve-3","Wir melden uns, bevor ein Termin platzt.","4","Teils, teils"',
        '"Lernen","le-1","Wir besprechen Fehler offen.","5","Trifft eher zu"',
        '"Lernen","le-2","Rückmeldungen ändern etwas an unserer Arbeit.","",""',
        '"Zuhören","","Wert","6",""',
        '"Verlässlichkeit","","Wert","3",""',
        '"Lernen","","Wert","","Zu wenige Antworten"',
        '"Gesamtwert","","Wert","4.5","Unterwegs"',
        '"Organisation","","Beispiel GmbH","",""',
        '"Teamname","","\'=HYPERLINK(""http://evil.example"")","",""',
        f'"Datum","","{today}","",""',
        '"Zuhören","","Anmerkung","","\'@SUM(A1)"',
        '"Lernen","","Anmerkung","","\'-2 Punkte, ""zitiert""\nzweite Zeile"',
    ]
    assert text == "\ufeff" + "\r\n".join(rows) + "\r\n"


# -- import ----------------------------------------------------------------------------------------


def import_file(pg, path: Path) -> None:
    with pg.expect_file_chooser() as info:
        pg.click("[data-pb-action=import]")
    info.value.set_files(str(path))


def result(**changes) -> dict:
    base = {
        "format": "playbook-assessment-result",
        "version": 1,
        "id": "5f0c6c1e-3d1a-4b4e-9f57-0c1f7a0d2b11",
        "assessment": "internal-service",
        "team": "Imported team",
        "date": "2026-11-22",
        "answers": {"rsp-1": 5, "rsp-2": None, "eff-1": 2},
        "comments": {"feedback": "From the file"},
    }
    base.update(changes)
    return base


def test_import_replaces_answers_and_reports_unknown_questions(page, default_site, tmp_path):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 1, "dif-1": 3})
    page.fill("[data-pb-team]", "Before")
    data = result(scores={"effort": 5})
    data["answers"]["old-question"] = 3
    path = tmp_path / "good.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    import_file(page, path)
    page.wait_for_selector("[data-pb-status]:not(:empty)")  # no string eval: pages forbid it (CSP)
    assert asked == [
        "Replace the answers, team name and comments on this page with those in good.json?"
    ]
    assert page.text_content("[data-pb-status]") == (
        "Imported 3 answers from good.json. Ignored answers to questions this assessment does "
        "not have: old-question."
    )
    assert page.text_content("[data-pb-alert]") == ""
    assert checked(page) == {"rsp-1": "5", "rsp-2": "na", "eff-1": "2"}
    assert page.input_value("[data-pb-team]") == "Imported team"
    assert page.input_value("[data-pb-comment=feedback]") == "From the file"
    assert json.loads(stored(page, "internal-service"))["answers"] == {
        "rsp-1": 5,
        "rsp-2": None,
        "eff-1": 2,
    }


def test_import_over_answers_can_be_declined(page, default_site, tmp_path):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 1})
    before = (checked(page), stored(page, "internal-service"), scores(page))
    path = tmp_path / "good.json"
    path.write_text(json.dumps(result()), encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.dismiss())
    import_file(page, path)
    page.wait_for_selector("[data-pb-status]:not(:empty)")  # no string eval: pages forbid it (CSP)
    assert page.text_content("[data-pb-status]") == "Your current answers were not changed."
    assert (checked(page), stored(page, "internal-service"), scores(page)) == before


def test_export_then_import_round_trips(page, default_site, tmp_path):
    open_assessment(page, default_site, "internal-service")
    answers = {"rsp-1": 4, "rsp-2": 3, "rsp-3": None, "own-3": 1}
    answer_all(page, answers)
    page.fill("[data-pb-team]", "Round trip")
    before = scores(page)
    name, text = download(page, "export-json")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-pb-action=reset]")
    assert checked(page) == {}
    (tmp_path / name).write_text(text, encoding="utf-8")
    import_file(page, tmp_path / name)
    # The import's own message (which names the file): the reset's is still shown until then.
    page.locator("[data-pb-status]", has_text=name).wait_for()
    assert checked(page) == {k: "na" if v is None else str(v) for k, v in answers.items()}
    assert scores(page) == before


BAD_FILES = [
    ("not-json", "{not json", "is not a JSON file"),
    ("empty", "", "is not a JSON file"),
    ("null", "null", "is not an exported assessment result"),
    ("array", "[1, 2]", "is not an exported assessment result"),
    ("wrong-format", json.dumps(result(format="other")), "is not an exported assessment result"),
    ("version", json.dumps(result(version=2)), "version 2"),
    ("other-assessment", json.dumps(result(assessment="feedback")), "“feedback”"),
    ("out-of-range", json.dumps(result(answers={"rsp-1": 6})), "“rsp-1” is 6"),
    ("zero", json.dumps(result(answers={"rsp-1": 0})), "“rsp-1” is 0"),
    ("string-answer", json.dumps(result(answers={"rsp-1": "4"})), '“rsp-1” is "4"'),
    ("fraction", json.dumps(result(answers={"rsp-1": 4.5})), "“rsp-1” is 4.5"),
    ("bool-answer", json.dumps(result(answers={"rsp-1": True})), "“rsp-1” is true"),
    ("answers-array", json.dumps(result(answers=[4])), "“answers”"),
    ("team-number", json.dumps(result(team=7)), "“team”"),
    ("perspective-typo", json.dumps(result(perspective="customers")), "“perspective”"),
    ("questionnaire-number", json.dumps(result(questionnaire=7)), "“questionnaire”"),
    ("comment-object", json.dumps(result(comments={"effort": {"x": 1}})), "“comments.effort”"),
    ("comment-too-long", json.dumps(result(comments={"effort": "x" * 6000})), "comments.effort"),
    (
        "proto-in-answers",
        json.dumps(result()).replace('"answers": {', '"answers": {"__proto__": {"polluted": 1}, '),
        "“__proto__”",
    ),
    (
        "proto-top-level",
        json.dumps(result()).replace("{", '{"__proto__": {"polluted": 1}, ', 1),
        "“__proto__”",
    ),
    ("constructor", json.dumps(result(answers={"constructor": 4})), "“constructor”"),
    ("prototype-comment", json.dumps(result(comments={"prototype": "x"})), "“prototype”"),
]


@pytest.mark.parametrize("name, content, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_import_is_refused_and_changes_nothing(
    page, default_site, tmp_path, name, content, message
):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 2, "own-2": None})
    page.fill("[data-pb-team]", "Before")
    before = (checked(page), stored(page, "internal-service"), scores(page))
    path = tmp_path / f"{name}.json"
    path.write_text(content, encoding="utf-8")
    import_file(page, path)
    page.wait_for_selector("[data-pb-alert]:not(:empty)")  # no string eval: pages forbid it (CSP)
    alert = page.text_content("[data-pb-alert]")
    assert alert.startswith(f"{name}.json")
    assert message in alert
    assert alert.endswith("Your current answers were not changed.")
    assert page.get_attribute("[data-pb-alert]", "role") == "alert"
    assert page.text_content("[data-pb-status]") == ""
    assert (checked(page), stored(page, "internal-service"), scores(page)) == before
    assert page.input_value("[data-pb-team]") == "Before"
    assert page.evaluate("({}).polluted") is None


def test_na_import_is_refused_where_the_scale_has_no_na(page, seven_site, tmp_path):
    open_assessment(page, seven_site, "null-bis-sechs")
    path = tmp_path / "na.json"
    path.write_text(
        json.dumps(result(assessment="null-bis-sechs", answers={"t-1": None})), encoding="utf-8"
    )
    import_file(page, path)
    page.wait_for_selector("[data-pb-alert]:not(:empty)")  # no string eval: pages forbid it (CSP)
    assert "„t-1“ ist null" in page.text_content("[data-pb-alert]")
    assert checked(page) == {}


# -- reset, print, keyboard, no JavaScript, accessibility ------------------------------------------


def test_reset_asks_first_and_then_clears_everything(page, default_site):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 2, "rsp-2": 3, "rsp-3": 4})
    page.fill("[data-pb-team]", "Payroll")
    page.fill("[data-pb-comment=responsiveness]", "note")
    messages = []

    def dismiss(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("[data-pb-action=reset]")
    assert messages and "cannot be undone" in messages[0]
    assert len(checked(page)) == 3 and stored(page, "internal-service") is not None

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-pb-action=reset]")
    assert checked(page) == {}
    assert page.input_value("[data-pb-team]") == ""
    assert page.input_value("[data-pb-comment=responsiveness]") == ""
    value = json.loads(stored(page, "internal-service"))  # removals are kept, for other tabs
    assert (value["answers"], value["team"], value["comments"]) == ({}, "", {})
    assert set(scores(page).values()) == {""}
    assert page.text_content("[data-pb-status]") == "All answers were deleted."
    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]")
    assert checked(page) == {}


def test_print_shows_questions_and_chosen_answers_without_controls(page, default_site):
    open_assessment(page, default_site, "internal-service")
    answer_all(page, {"rsp-1": 4, "rsp-2": None})
    page.emulate_media(media="print")
    for hidden in (".pb-tools", "[data-pb-action=print]", ".md-header", ".md-sidebar--primary"):
        assert page.is_hidden(hidden), hidden
    assert page.is_visible("#q-rsp-1 legend")
    assert page.is_visible("[data-pb-chart] svg")
    chosen = page.locator("label:has(input[name='rsp-1'][value='4'])")
    other = page.locator("label:has(input[name='rsp-1'][value='3'])")
    assert chosen.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px"
    assert chosen.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert other.evaluate("e => getComputedStyle(e).fontWeight") == "400"
    assert page.pdf()[:4] == b"%PDF"


def test_keyboard_alone_answers_and_exports(page, default_site):
    open_assessment(page, default_site, "internal-service")
    page.focus("[data-pb-team]")
    page.keyboard.type("Keys")
    page.keyboard.press("Tab")  # the default assessment asks customers too: their link is next
    assert page.evaluate("document.activeElement.dataset.pbAction") == "customer-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "rsp-1"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert checked(page) == {"rsp-1": "3", "rsp-2": "1"}
    assert (
        page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
        == "solid"
    )
    page.focus("[data-pb-action=export-csv]")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.pbAction") == "export-json"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.startswith("internal-service-keys-")


def test_without_javascript_questions_and_advice_are_readable(browser, default_site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(default_site + "assessments/internal-service/")
        assert pg.locator(f"{FORM} fieldset").count() == 30
        assert pg.is_visible("#q-rsp-3 legend")
        assert pg.locator(f"{FORM} input[name='rsp-3']").count() == 6
        assert pg.is_visible(".pb-nojs")
        assert "need JavaScript" in pg.text_content(".pb-nojs")
        assert pg.is_visible("[data-pb-rec-pool]")
        assert pg.is_visible(
            "[data-pb-rec=effort] a[href$='/checklists/internal-service/#single-front-door']"
        )
        for hidden in (".pb-tools", "[data-pb-chart]", "[data-pb-score=overall]", ".pb-jump"):
            assert pg.is_hidden(hidden), hidden
        pg.emulate_media(media="print")
        assert pg.is_visible("#q-dif-4 legend")
    finally:
        context.close()


@pytest.mark.parametrize("which", ["default", "german"])
def test_axe_finds_no_serious_or_critical_violation(page, sites, which):
    from axe_playwright_python.sync_playwright import Axe

    if which == "default":
        open_assessment(page, sites["."], "internal-service")
        answer_all(page, {"rsp-1": 2, "rsp-2": 2, "rsp-3": 4, "eff-1": 3, "eff-2": None})
    else:
        open_assessment(page, sites["tests/sites/assessment7"], "teamklima")
        answer_all(page, {"zu-1": 1, "zu-2": 7, "zu-3": 2})
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []
