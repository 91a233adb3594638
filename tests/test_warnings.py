"""Editors are warned before something private is published: HTML comments and '#' lines.

Both look hidden to someone who knows HTML or YAML, and neither is: the page shows an HTML comment
as text, and a '#' line inside a text is a heading. ``validate`` and ``build`` warn (exit 0);
``--strict`` makes the warnings fail, for ``validate``, ``build`` and plain ``mkdocs build``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_support import SITES, copy_project, run_in, run_mkdocs, tree_hashes

COMMENT = (
    "content/principles/listen-first.yaml:4:3: why: '<!-- salary band 3 -->' is published on the "
    "page: an HTML comment does not hide it (delete it if it is not for readers; a note for "
    "editors goes on a line starting with '#' outside the text)"
)
HEADING = (
    "content/principles/listen-first.yaml:6:3: why: '# internal: ask legal' is published as a "
    "heading: 'internal: ask legal' (delete the line if it is a note for editors: a YAML comment "
    "can't go inside a text; write '\\#' to show the '#')"
)


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project(SITES / "small", tmp_path / "project")
    principle = root / "content/principles/listen-first.yaml"
    principle.write_text(
        principle.read_text().replace(
            "why: Answers to the wrong question cost twice.\n",
            "why: |\n  <!-- salary band 3 -->\n  Answers to the wrong question cost twice.\n"
            "  # internal: ask legal\n",
        )
    )
    return root


def test_validate_warns_and_passes(project):
    result = run_in(project, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [COMMENT, HEADING]


def test_validate_strict_fails_on_the_warnings(project):
    result = run_in(project, "validate", "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [COMMENT, HEADING]


def test_validate_json_lists_them_under_warnings(project):
    data = json.loads(run_in(project, "validate", "--format", "json").stdout)
    assert data["problems"] == [] and len(data["warnings"]) == 2
    strict = json.loads(run_in(project, "validate", "--strict", "--format", "json").stdout)
    assert len(strict["problems"]) == 2


def test_build_warns_and_the_page_shows_what_the_warnings_say(project):
    result = run_in(project, "build")
    assert result.exit_code == 0, result.output
    assert COMMENT in result.stderr and HEADING in result.stderr
    page = (project / "site/principles/listen-first/index.html").read_text()
    assert "&lt;!-- salary band 3 --&gt;" in page
    assert ">internal: ask legal</h3>" in page


def test_build_strict_fails_on_the_warnings_and_keeps_the_old_site(project):
    clean = copy_project(SITES / "small", project.parent / "clean")
    assert run_in(clean, "build", "--site-dir", str(project / "site")).exit_code == 0
    before = tree_hashes(project / "site")
    result = run_in(project, "build", "--strict")
    assert result.exit_code == 1
    assert COMMENT in result.stderr and HEADING in result.stderr
    assert tree_hashes(project / "site") == before


def test_plain_mkdocs_build_strict_fails_on_them_too(project):
    proc = run_mkdocs("build", "--strict", cwd=project)
    assert proc.returncode == 1
    assert COMMENT in proc.stderr and HEADING in proc.stderr
    assert not (project / "site").exists()
    assert run_mkdocs("build", cwd=project).returncode == 0


def test_strict_in_mkdocs_yml_makes_them_fail(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "strict: true\n")
    assert run_in(project, "build").exit_code == 1


def test_result_file_warnings_still_do_not_stop_a_strict_build(tmp_path):
    """--strict is about text that would be published; a result file handed in twice is a
    notice about what was worked around, and stays one."""
    root = copy_project(SITES / "results", tmp_path / "project")
    results = root / "content/results"
    (results / "again.json").write_text((results / "payroll-anna.json").read_text())
    result = run_in(root, "build", "--strict")
    assert result.exit_code == 0, result.output
    assert "handed in twice" in result.stderr
