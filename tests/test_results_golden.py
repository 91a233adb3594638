"""Golden tests for the wording of result-file problems: files in, exact lines out.

Every case uses the valid handbook in ``tests/golden/base/``. A case folder
``tests/golden/results/<name>/`` holds:

- ``results/*.json``: the result files HR collected;
- ``content/...`` (optional): files that replace the base handbook's;
- ``case.yaml``: ``about`` (what the case shows) and ``exit`` (0 when there are only warnings);
- ``expected.txt``: exactly what ``playbook-gen report results`` prints on stderr.

The same files in ``content/results/`` make ``playbook-gen validate`` print the same lines (with
``content/`` in front) and exit the same way. To rewrite every ``expected.txt`` after a deliberate
change of wording, run ``PB_REGEN_GOLDEN=1 python -m pytest tests/test_results_golden.py`` and
review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from site_support import golden, run_in

GOLDEN = Path(__file__).parent / "golden"
BASE = GOLDEN / "base"
CASES = sorted(p for p in (GOLDEN / "results").iterdir() if p.is_dir())


def build_case(case: Path, into: Path) -> dict:
    """Lay the case's files over a copy of the base handbook in `into`; return its case.yaml."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert spec and spec.get("about") and spec.get("exit") in (0, 1), case.name
    shutil.copytree(BASE, into, dirs_exist_ok=True)
    if (case / "content").is_dir():
        shutil.copytree(case / "content", into / "content", dirs_exist_ok=True)
    shutil.copytree(case / "results", into / "results")
    return spec


def test_there_are_enough_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_report_problem_wording(case: Path, tmp_path: Path):
    spec = build_case(case, tmp_path)
    result = run_in(tmp_path, "report", "results")
    assert "Traceback" not in result.output
    assert result.exit_code == spec["exit"], result.output
    # A report is printed exactly when no file has an error.
    assert bool(result.stdout) == (spec["exit"] == 0)
    assert result.stderr == golden(case / "expected.txt", result.stderr)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_content_results_in_the_same_words(case: Path, tmp_path: Path):
    spec = build_case(case, tmp_path)
    shutil.move(tmp_path / "results", tmp_path / "content" / "results")
    result = run_in(tmp_path, "validate")
    assert result.exit_code == spec["exit"], result.output
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected.replace("results/", "content/results/")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_problems_name_the_file_and_a_real_place_in_it(case: Path, tmp_path: Path):
    build_case(case, tmp_path)
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        place, _, text = line.partition(": ")
        file, *where = place.split(":")
        assert (tmp_path / file).is_file(), line
        if where:
            number, column = map(int, where)
            lines = (tmp_path / file).read_bytes().decode("utf-8", "replace").splitlines()
            assert 1 <= number <= len(lines) and 1 <= column <= len(lines[number - 1]) + 1, line
        for jargon in ("Traceback", "NoneType", "JSONDecodeError", "Expecting", "char "):
            assert jargon not in text, line
