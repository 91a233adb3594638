"""The combining rules with both perspectives, checked against the shared vectors.

``tests/vectors/combine/*.json`` name a handbook, an assessment and cases: result files as the
assessment page exports them, and what combining them gives per team and date (worked out by
hand). The HR drop zone and the team's import in the browser (``PB.combine``) are checked
against the same files in Chromium.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pytest

from playbook_gen import results
from playbook_gen.content.loader import load_handbook

ROOT = Path(__file__).resolve().parent.parent
VECTOR_FILES = sorted((ROOT / "tests/vectors/combine").glob("*.json"))
KINDS = {
    # what each kind of problem in a vector says, in the reader's words
    "handed-in-twice": "(handed in twice); counted once",
    "unknown-perspective": "perspective: ",
    "team-only-answers": "answers only questions without a customer wording",
    "mixed-perspectives": "mixed perspectives in one file",
}


def load_cases() -> list[tuple[dict, dict]]:
    out = []
    for file in VECTOR_FILES:
        doc = json.loads(file.read_text(encoding="utf-8"))
        out += [(doc, case) for case in doc["cases"]]
    return out


CASES = load_cases()


@cache
def handbook(folder: str):
    return load_handbook(ROOT / folder / "content")


def close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=0, abs_tol=1e-9)


def side(r: results.TeamResult | None) -> dict | None:
    """A team result as the vectors write it: None when that perspective has no files."""
    if r is None or r.respondents == 0:
        return None
    return {
        "respondents": r.respondents,
        "withheld": r.withheld,
        "dimensions": {d: s.score for d, s in r.dimensions.items()},
    }


def combined(doc: dict, case: dict, tmp_path: Path):
    book = handbook(doc["handbook"])
    paths = []
    for i, data in enumerate(case["files"]):
        path = tmp_path / f"{i:02d}.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        paths.append((f"results/{i}.json", path))
    checked = results.read_results(paths, book)
    return checked, results.aggregate(book, checked.files)


def test_the_vectors_cover_the_cases_the_rules_name():
    names = " ".join(case["name"] for _, case in CASES)
    for words in (
        "3 self + 4 customers",
        "3 self + 2 customers",
        "customers only",
        "two dates",
        "no customer questions",
        "N/A",
        "case and spaces",
        "handed in twice",
        "mixed",
    ):
        assert words in names


@pytest.mark.parametrize("doc, case", CASES, ids=[case["name"][:60] for _, case in CASES])
def test_combining_matches_the_vector(doc, case, tmp_path):
    checked, combined_results = combined(doc, case, tmp_path)
    assessment = handbook(doc["handbook"]).assessments[doc["assessment"]]
    assert assessment.min_respondents == doc["min_respondents"]

    # The problems: exactly the files the vector names, each in the reader's words.
    found = [("error", p) for p in checked.errors] + [("warning", p) for p in checked.warnings]
    expected = case.get("problems", [])
    assert len(found) == len(expected), [p.format() for _, p in found]
    for want in expected:
        file = f"results/{want['file']}.json"
        assert any(
            level == want["level"] and p.file == file and KINDS[want["kind"]] in p.format()
            for level, p in found
        ), (want, [p.format() for _, p in found])

    [a] = combined_results
    assert a.assessment.id == doc["assessment"]
    teams = [
        {
            "team": team.name,
            "dates": [
                {
                    "date": r.date,
                    "self": side(r),
                    "customer": side(c.customer) if (c := team.customer(r.date)) else None,
                    "gaps": (
                        None
                        if c is None or c.gaps is None
                        else [
                            {"dimension": g.dimension, "customer": g.customer, "self": g.self}
                            | {"gap": g.gap}
                            for g in c.gaps
                        ]
                    ),
                }
                for r in team.results
            ],
        }
        for team in a.teams
    ]
    assert_same(teams, case["expected"]["teams"])


def assert_same(actual, expected, where="teams"):
    """Compare the combined figures with the vector's, numbers to 1e-9."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and list(actual) == list(expected), (where, actual)
        for key in expected:
            assert_same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (where, actual)
        for i, (one, want) in enumerate(zip(actual, expected, strict=True)):
            assert_same(one, want, f"{where}[{i}]")
    elif isinstance(expected, float) or isinstance(actual, float):
        assert close(actual, expected), (where, actual, expected)
    else:
        assert actual == expected, (where, actual, expected)
