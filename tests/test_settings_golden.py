"""Golden tests for the wording of mkdocs.yml problems and warnings: files in, exact lines out.

Every case uses the valid handbook in ``tests/golden/base/``. A case folder
``tests/golden/settings/<name>/`` holds:

- ``mkdocs.yml`` (and any other file it needs: ``docs/images/logo.svg``, an ``INHERIT`` file);
- ``case.yaml``: ``about`` (what the case shows) and ``exit`` (0 when there are only warnings);
- ``expected.txt``: exactly what ``playbook-gen validate`` prints.

A case that exits 1 makes ``playbook-gen build`` print the same lines and build nothing.
To rewrite every ``expected.txt`` after a deliberate change of wording, run
``PB_REGEN_GOLDEN=1 python -m pytest tests/test_settings_golden.py`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from site_support import golden, run_in

GOLDEN = Path(__file__).parent / "golden"
BASE = GOLDEN / "base"
CASES = sorted(p for p in (GOLDEN / "settings").iterdir() if p.is_dir())


def build_case(case: Path, into: Path) -> dict:
    """Lay the case's files over a copy of the base handbook in `into`; return its case.yaml."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert spec and spec.get("about") and spec.get("exit") in (0, 1), case.name
    shutil.copytree(BASE, into, dirs_exist_ok=True)
    shutil.copytree(
        case, into, dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.yaml", "expected.txt")
    )
    return spec


def test_there_are_enough_cases():
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_settings_wording(case: Path, tmp_path: Path):
    spec = build_case(case, tmp_path)
    result = run_in(tmp_path, "validate")
    assert result.exit_code == spec["exit"], result.output
    assert "Traceback" not in result.output
    assert result.stdout, f"{case.name}: validate printed nothing"
    assert result.stdout == golden(case / "expected.txt", result.stdout)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_line_is_located_in_a_settings_file(case: Path, tmp_path: Path):
    build_case(case, tmp_path)
    for line in run_in(tmp_path, "validate").stdout.splitlines():
        file, line_no, column, _ = line.split(":", 3)
        assert file in ("mkdocs.yml", "base.yml"), line
        assert int(line_no) >= 1 and int(column) >= 1, line
        assert int(line_no) <= len((tmp_path / file).read_text().splitlines()) + 1, line
        for jargon in ("Traceback", "yaml.", "constructor", "could not determine", "NoneType"):
            assert jargon not in line, line


@pytest.mark.parametrize(
    "case", [c for c in CASES if "exit: 1" in (c / "case.yaml").read_text()], ids=lambda c: c.name
)
def test_build_stops_with_the_same_lines_and_runs_nothing(case: Path, tmp_path: Path):
    build_case(case, tmp_path)
    result = run_in(tmp_path, "build")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for line in (case / "expected.txt").read_text().splitlines():
        assert line in result.stderr
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "pwned").exists()  # the Python tag was never run
