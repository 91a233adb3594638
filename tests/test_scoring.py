"""The scoring rules in scoring.py, checked against the vectors the browser is checked against."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pytest

from playbook_gen.content.loader import load_handbook
from playbook_gen.results import scoring

ROOT = Path(__file__).resolve().parent.parent
VECTOR_FILES = sorted((ROOT / "tests" / "vectors").glob("*.json"))


def load_vectors() -> list[tuple[str, str, dict]]:
    """Return (handbook folder, assessment id, vector) for every shared test vector."""
    out = []
    for file in VECTOR_FILES:
        doc = json.loads(file.read_text(encoding="utf-8"))
        for vector in doc["vectors"]:
            out.append((doc["handbook"], doc["assessment"], vector))
    return out


@cache
def assessment(handbook: str, assessment_id: str):
    return load_handbook(ROOT / handbook / "content").assessments[assessment_id]


def same(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=0, abs_tol=1e-9)


VECTORS = load_vectors()


def test_vectors_cover_the_cases_the_rules_name():
    names = " ".join(v["name"] for _, _, v in VECTORS)
    assessments = {(h, a) for h, a, _ in VECTORS}
    assert len(VECTOR_FILES) >= 3 and len(assessments) >= 3
    for case in ("N/A", "tie", "reverse", "min_answered", "threshold"):
        assert case in names


@pytest.mark.parametrize(
    "handbook, assessment_id, vector", VECTORS, ids=[f"{a}: {v['name']}" for _, a, v in VECTORS]
)
def test_score_matches_shared_vector(handbook, assessment_id, vector):
    a = assessment(handbook, assessment_id)
    expected = vector["expected"]
    result = scoring.score(a, vector["answers"])
    assert list(result.dimensions) == [d.id for d in a.dimensions]
    for dim_id, want in expected["dimensions"].items():
        assert same(result.dimensions[dim_id], want), (dim_id, result.dimensions[dim_id], want)
    assert same(result.overall, expected["overall"])
    assert (result.band.name if result.band else None) == expected["band"]
    assert result.recommendations == expected["recommendations"]


def test_vector_answers_are_on_the_scale():
    for handbook, assessment_id, vector in VECTORS:
        a = assessment(handbook, assessment_id)
        known = {q.id for d in a.dimensions for q in d.questions}
        for qid, answer in vector["answers"].items():
            assert qid in known, (assessment_id, qid)
            assert scoring.valid_answer(a, answer), (assessment_id, qid, answer)


def test_answers_off_the_scale_and_unknown_ids_are_ignored():
    a = assessment(".", "internal-service")
    answers = {"rsp-1": 4, "rsp-2": 4, "rsp-4": 4, "rsp-3": 9, "nope": 1, "eff-1": True}
    result = scoring.score(a, answers)
    assert result.dimensions["responsiveness"] == 4.0
    assert result.answered["responsiveness"] == 3
    assert result.answered["effort"] == 0


def test_na_is_not_valid_without_allow_na():
    a = assessment("tests/sites/assessment7", "null-bis-sechs")
    assert not scoring.valid_answer(a, None)
    assert scoring.valid_answer(a, 0) and scoring.valid_answer(a, 6)
    assert not scoring.valid_answer(a, 7) and not scoring.valid_answer(a, 2.5)


def test_band_for_takes_the_first_band_reaching_the_score():
    a = assessment(".", "internal-service")
    assert scoring.band_for(a, 2).name == "Firefighting"
    assert scoring.band_for(a, 2.001).name == "Reactive"
    # The threshold is a band limit: every score below it is Dependable or lower, every score
    # in Proactive or above is not below it (3.495 used to be Proactive and still recommended).
    assert a.threshold in {band.upto for band in a.bands}
    assert scoring.band_for(a, 3.495).name == "Dependable"
    assert scoring.band_for(a, 3.5).name == "Dependable"
    assert scoring.band_for(a, 3.5001).name == "Proactive"
    assert scoring.band_for(a, 5).name == "Effortless"
    assert scoring.band_for(a, None) is None
