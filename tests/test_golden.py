"""Golden tests for the wording of content problems: files in, exact lines out.

Every case starts from the valid handbook in ``tests/golden/base/`` and lays its own files over
it. A case folder ``tests/golden/problems/<name>/`` holds:

- ``content/...``: files that replace (or add to) the base handbook's files;
- ``case.yaml``: ``about`` (what the case shows), optionally ``remove`` (base paths to delete)
  and ``pad`` (``{file: ..., bytes: N}``: grow a file past N bytes with comment lines, so no
  huge file is committed);
- ``expected.txt``: exactly what ``playbook-gen validate`` prints, paths relative to the case
  (problems, or only warnings: a case whose name starts with ``warning-`` exits 0).

The wording is part of the product. To rewrite every ``expected.txt`` after a deliberate change,
run ``PB_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from site_support import golden, inside

from playbook_gen.content.loader import load_handbook
from playbook_gen.problems import ContentError, format_problems

GOLDEN = Path(__file__).parent / "golden"
BASE = GOLDEN / "base"
CASES = sorted(p for p in (GOLDEN / "problems").iterdir() if p.is_dir())


def build_case(case: Path, into: Path) -> None:
    """Lay the case's files over a copy of the base handbook in `into`."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert spec and spec.get("about"), f"{case.name}/case.yaml needs 'about: ...'"
    shutil.copytree(BASE, into, dirs_exist_ok=True)
    for rel in spec.get("remove", []):
        target = into / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    if (case / "content").is_dir():
        shutil.copytree(case / "content", into / "content", dirs_exist_ok=True)
    if "pad" in spec:
        target = into / spec["pad"]["file"]
        data = target.read_bytes()
        line = b"# " + b"padding " * 12 + b"\n"
        copies = (spec["pad"]["bytes"] - len(data)) // len(line) + 1
        target.write_bytes(data + line * copies)


def validate_output(root: Path, exit_code: int = 1) -> str:
    """Return what ``playbook-gen validate`` prints for the handbook in `root`."""
    from playbook_gen.cli import cli

    with inside(root):
        result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == (exit_code if result.stdout else 0), result.output
    assert "Traceback" not in result.output
    # The same lines reach `mkdocs build` and `serve` through ContentError.
    assert result.stdout == _problem_lines(root)
    return result.stdout


def _problem_lines(root: Path) -> str:
    with inside(root):
        try:
            handbook = load_handbook("content")
        except ContentError as exc:
            return format_problems(exc.problems) + "\n"
    return format_problems(handbook.warnings) + "\n" if handbook.warnings else ""


def test_base_handbook_is_valid(tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    assert validate_output(tmp_path) == ""


def test_there_are_enough_cases():
    assert len(CASES) >= 35


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_problem_wording(case: Path, tmp_path: Path):
    build_case(case, tmp_path)
    got = validate_output(tmp_path, exit_code=0 if case.name.startswith("warning-") else 1)
    assert got, f"{case.name}: the handbook is valid, but the case expects problems"
    assert got == golden(case / "expected.txt", got)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_problems_are_sorted_and_located(case: Path, tmp_path: Path):
    """Every problem names a file; those with a place have a real line and column."""
    build_case(case, tmp_path)
    with inside(tmp_path):
        try:
            problems = load_handbook("content").warnings
        except ContentError as exc:
            problems = exc.problems
    assert problems, case.name
    keys = [(p.file, p.line, p.column) for p in problems]
    assert keys == sorted(keys)
    for problem in problems:
        assert problem.file.startswith("content")
        assert (problem.line == 0) == (problem.column == 0)
        assert problem.line >= 0 and problem.column >= 0
        if problem.line:
            source = (tmp_path / problem.file).read_bytes().decode("utf-8", "replace")
            lines = source.splitlines() or [""]
            assert problem.line <= len(lines) + 1, problem.format()
        text = problem.format()
        assert "\n" not in text
        assert ") (" not in text, text
        for jargon in ("pydantic", "Traceback", "NoneType", "str_type", "dict_type", "Input "):
            assert jargon not in text, text
