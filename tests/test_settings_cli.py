"""mkdocs.yml on the command line: validate finds it, strict builds are strict about anchors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_support import run_cli, run_mkdocs, tree_hashes

PRIVACY = "repo_url: https://github.com/example/handbook\n"


def add_setting(project: Path, text: str) -> None:
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(text)


# -- validate reads mkdocs.yml --------------------------------------------------------------------


def test_validate_checks_mkdocs_yml_when_there_is_one(project):
    add_setting(project, PRIVACY)
    result = run_cli("validate")
    assert result.exit_code == 0
    assert result.stdout == (
        "mkdocs.yml:7:11: repo_url: every reader's browser asks api.github.com for the "
        "repository's stars and forks (remove repo_url to keep every request on your own server)\n"
    )


def test_validate_f_names_the_settings_and_their_content_folder(project, monkeypatch):
    add_setting(project, PRIVACY)
    (project / "content").rename(project / "handbook")
    text = (
        (project / "mkdocs.yml")
        .read_text()
        .replace("  - playbook\n", "  - playbook:\n      content: handbook\n")
    )
    (project / "mkdocs.yml").write_text(text)
    monkeypatch.chdir(project.parent)
    result = run_cli("validate", "-f", "project/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("project/mkdocs.yml:8:11: repo_url: ")
    assert run_cli("validate", "-f", "project/nope.yml").exit_code == 2


def test_validate_content_without_mkdocs_yml_checks_the_content_only(project, monkeypatch):
    add_setting(project, PRIVACY)
    monkeypatch.chdir(project.parent)  # no mkdocs.yml here
    result = run_cli("validate", "--content", "project/content")
    assert (result.exit_code, result.output) == (0, "")


def test_validate_json_lists_settings_warnings(project):
    add_setting(project, PRIVACY)
    data = json.loads(run_cli("validate", "--format", "json").stdout)
    assert data["problems"] == []
    assert [(w["file"], w["line"], w["where"]) for w in data["warnings"]] == [
        ("mkdocs.yml", 7, "repo_url")
    ]


def test_validate_prints_settings_and_content_problems_together(project):
    add_setting(project, "extra:\n  homepage: javascript:alert(1)\n")
    file = project / "content/principles/listen-first.yaml"
    file.write_text(file.read_text().replace("title:", "tittle:"))
    result = run_cli("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/principles/listen-first.yaml:1:1: ")
    assert lines[-1].startswith("mkdocs.yml:8:13: extra.homepage: 'javascript:' addresses")


@pytest.mark.parametrize("command", [["build"], ["export", "out"]])
def test_settings_errors_stop_build_and_export_and_keep_the_old_site(project, command):
    assert run_cli("build").exit_code == 0
    before = tree_hashes(project / "site")
    (project / "mkdocs.yml").write_text(
        "site_name: Small Co handbook\ntheme:\n  name: material\n  logo: images/missing.svg\n"
        "plugins:\n  - search\n  - playbook\n"
    )
    result = run_cli(*command)
    assert result.exit_code == 1, result.output
    assert "mkdocs.yml:4:9: theme.logo: the file 'images/missing.svg' is not in docs/" in (
        result.stderr
    )
    assert tree_hashes(project / "site") == before
    assert not (project / "out").exists()


def test_plain_mkdocs_build_reports_settings_problems_and_exits_1(project):
    add_setting(project, "extra:\n  homepage: javascript:alert(1)\n")
    proc = run_mkdocs("build", cwd=project)
    assert proc.returncode == 1
    assert "mkdocs.yml:8:13: extra.homepage: 'javascript:' addresses are not allowed" in (
        proc.stderr
    )
    assert "1 problem in mkdocs.yml; nothing was built" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (project / "site").exists()


# -- strict means strict --------------------------------------------------------------------------

BROKEN_ANCHOR = "# Contact\n\nSee [the form](#the-form) and [the lead](index.md#no-such-part).\n"


def test_build_strict_fails_on_a_broken_anchor_in_a_hand_written_page(project):
    (project / "docs/contact.md").write_text(BROKEN_ANCHOR)
    result = run_cli("build")  # not strict: built, with a warning
    assert result.exit_code == 0, result.output
    assert "'#the-form'" in result.stderr
    before = tree_hashes(project / "site")
    result = run_cli("build", "--strict")
    assert result.exit_code == 1
    assert "'#the-form'" in result.stderr and "no-such-part" in result.stderr
    assert "Traceback" not in result.output
    assert tree_hashes(project / "site") == before


def test_plain_mkdocs_build_strict_fails_on_a_broken_anchor(project):
    (project / "docs/contact.md").write_text(BROKEN_ANCHOR)
    proc = run_mkdocs("build", "--strict", cwd=project)
    assert proc.returncode == 1
    assert "'#the-form'" in proc.stderr


def test_an_anchor_that_exists_passes_strict(project):
    (project / "docs/contact.md").write_text(
        "# Contact\n\n## The form\n\n"
        "See [the form](#the-form) and [the tasks](checklists/first-steps.md).\n"
    )
    result = run_cli("build", "--strict")
    assert result.exit_code == 0, result.output


def test_mkdocs_yml_may_choose_how_anchors_are_checked(project):
    (project / "docs/contact.md").write_text(BROKEN_ANCHOR)
    add_setting(project, "validation:\n  anchors: info\n")
    assert run_cli("build", "--strict").exit_code == 0
