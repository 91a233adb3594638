"""The playbook-gen command line: exit codes, output streams, help, and no tracebacks."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_support import SITES, copy_project, leftovers, tree_hashes

import playbook_gen.cli
from playbook_gen.cli import cli
from playbook_gen.loader import load_handbook
from playbook_gen.site import SCHEMAS

BROKEN = {
    "typo in a field": ("principles/listen-first.yaml", lambda t: t.replace("title:", "tittle:")),
    "bad YAML": ("principles/listen-first.yaml", lambda t: t + "why: [unclosed\n"),
    "tab indent": (
        "checklists/first-steps.yaml",
        lambda t: t.replace("  - id: review", "\t- id: x"),
    ),
    "binary garbage": ("examples/quiet-fix.yaml", lambda t: "\x00\xff\xfe garbage"),
    "unknown reference": (
        "examples/quiet-fix.yaml",
        lambda t: t.replace("[close-the-loop]", "[x]"),
    ),
    "wrong type": (
        "assessments/team-pulse.yaml",
        lambda t: t.replace("threshold: 4", "threshold: a"),
    ),
    "empty file": ("playbook.yaml", lambda t: ""),
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="playbook-gen")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the small handbook as the working directory."""
    path = copy_project(SITES / "small", tmp_path / "project")
    monkeypatch.chdir(path)
    return path


def break_content(project: Path, case: str) -> None:
    name, change = BROKEN[case]
    file = project / "content" / name
    file.write_text(change(file.read_text()))


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception


# -- the group ------------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("playbook-gen 0.")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_every_command(flag):
    result = run(flag)
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_one_line_of_help_and_an_example(name):
    result = run(name, "-h")
    assert result.exit_code == 0
    summary, example = inspect.cleandoc(cli.commands[name].help).split("\n\n")
    assert "\n" not in summary
    assert example.replace("\b\n", "").startswith(f"Example: playbook-gen {name}")
    assert f"Example: playbook-gen {name}" in result.output


def test_unknown_command_and_option_are_usage_errors():
    assert run("bild").exit_code == 2
    assert run("validate", "--nope").exit_code == 2


def test_unexpected_errors_show_a_traceback_only_with_debug(project, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(playbook_gen.cli, "load_handbook", boom)
    result = run("validate")
    assert result.exit_code == 1
    assert "Error: boom" in result.stderr
    assert_no_traceback(result)
    result = run("--debug", "validate")
    assert isinstance(result.exception, RuntimeError)


# -- validate -------------------------------------------------------------------------------------


def test_validate_clean_content_prints_nothing(project):
    result = run("validate")
    assert (result.exit_code, result.output) == (0, "")


def test_validate_prints_one_line_per_problem_on_stdout(project):
    break_content(project, "typo in a field")
    break_content(project, "unknown reference")
    result = run("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 2
    assert lines[0].startswith("content/examples/quiet-fix.yaml:")
    assert "content/principles/listen-first.yaml:1:1: unknown field 'tittle'" in result.stdout
    assert all(line.startswith("content/") for line in lines)


def test_validate_json(project):
    assert json.loads(run("validate", "--format", "json").stdout) == {"problems": []}
    break_content(project, "typo in a field")
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert len(problems) == len(run("validate").stdout.splitlines())
    problem = problems[0]
    assert problem["file"] == "content/principles/listen-first.yaml"
    assert (problem["line"], problem["column"]) == (1, 1)
    assert set(problem) >= {"file", "line", "column", "where", "message", "hint"}


def test_validate_content_option(project, monkeypatch):
    monkeypatch.chdir(project.parent)
    assert run("validate", "--content", "project/content").exit_code == 0
    assert run("validate", "--content", "nowhere").exit_code == 2
    assert run("validate", "--format", "yaml", "--content", "project/content").exit_code == 2


def test_validate_outside_a_handbook_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "--content" in result.stderr


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("command", [["validate"], ["build"], ["export", "out"]])
def test_bad_content_exits_1_without_a_traceback(project, case, command):
    break_content(project, case)
    result = run(*command)
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    assert "content/" in result.output
    assert not (project / "site").exists() and not (project / "out").exists()
    assert leftovers(project) == []


# -- build ----------------------------------------------------------------------------------------


def test_build_writes_the_site(project):
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (project / "site/principles/listen-first/index.html").is_file()
    assert result.stdout == ""


def test_build_site_dir_is_relative_to_the_working_directory(project, monkeypatch):
    monkeypatch.chdir(project.parent)
    result = run("build", "-f", "project/mkdocs.yml", "--site-dir", "public")
    assert result.exit_code == 0, result.output
    assert (project.parent / "public/index.html").is_file()


def test_build_with_bad_content_keeps_the_old_site(project):
    assert run("build").exit_code == 0
    before = tree_hashes(project / "site")
    break_content(project, "typo in a field")
    result = run("build")
    assert result.exit_code == 1
    assert "content/principles/listen-first.yaml:1:1:" in result.stderr
    assert tree_hashes(project / "site") == before


@pytest.mark.parametrize(
    "site_dir", [".", "..", "docs", "docs/site", "content", "content/site", "themes", "/"]
)
def test_build_refuses_a_site_dir_that_overlaps_the_sources(project, site_dir):
    (project / "themes/look").mkdir(parents=True)
    before = tree_hashes(project)
    result = run("build", "--site-dir", site_dir)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "refusing" in result.stderr
    assert tree_hashes(project) == before


def test_build_refuses_a_site_dir_that_is_a_file(project):
    (project / "notes.txt").write_text("keep me")
    result = run("build", "--site-dir", "notes.txt")
    assert result.exit_code == 2
    assert (project / "notes.txt").read_text() == "keep me"


def test_build_without_the_plugin_is_a_usage_error(project):
    (project / "mkdocs.yml").write_text("site_name: x\nplugins: [search]\n")
    result = run("build")
    assert result.exit_code == 2
    assert "playbook plugin" in result.stderr


def test_build_with_a_missing_config_file_is_a_usage_error(project):
    assert run("build", "-f", "nope.yml").exit_code == 2


def test_build_with_a_broken_config_file_exits_1(project):
    (project / "mkdocs.yml").write_text("site_name: [x\n")
    result = run("build")
    assert result.exit_code == 1
    assert_no_traceback(result)


def test_build_strict_stops_on_mkdocs_warnings(project):
    (project / "docs/contact.md").write_text("[broken](nowhere.md)\n")
    assert run("build").exit_code == 0
    before = tree_hashes(project / "site")
    result = run("build", "--strict")
    assert result.exit_code == 1
    assert "'nowhere.md'" in result.stderr  # MkDocs' own warning is shown
    assert_no_traceback(result)
    assert tree_hashes(project / "site") == before


# -- serve (the server itself is tested in test_site.py) ------------------------------------------


def test_serve_with_a_missing_config_file_is_a_usage_error(project):
    assert run("serve", "-f", "nope.yml").exit_code == 2


# -- export ---------------------------------------------------------------------------------------


def test_export_writes_a_project(project):
    result = run("export", "out")
    assert result.exit_code == 0, result.output
    assert (project / "out/mkdocs.yml").is_file()
    assert (project / "out/docs/principles/listen-first.md").is_file()
    assert (project / "out/docs/contact.md").is_file()


def test_export_refuses_a_non_empty_folder_without_force(project):
    (project / "out").mkdir()
    (project / "out/keep.txt").write_text("x")
    result = run("export", "out")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert (project / "out/keep.txt").exists()
    assert run("export", "out", "--force").exit_code == 0
    assert not (project / "out/keep.txt").exists()
    assert (project / "out/mkdocs.yml").is_file()


@pytest.mark.parametrize("out", [".", "docs", "content/x", ".."])
def test_export_refuses_to_write_over_the_sources(project, out):
    before = tree_hashes(project)
    result = run("export", out, "--force")
    assert result.exit_code == 2
    assert tree_hashes(project) == before


# -- schema ---------------------------------------------------------------------------------------


def test_schema_writes_one_file_per_kind(tmp_path):
    result = run("schema", "-o", str(tmp_path / "schemas"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(
        f"{name}.schema.json" for name in SCHEMAS
    )


def test_schema_into_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("")
    assert run("schema", "-o", str(tmp_path / "file")).exit_code == 2


# -- new ------------------------------------------------------------------------------------------


def test_new_makes_a_handbook_that_validates_and_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "hb", "--organisation", 'Acme "Ltd": <b>', "--theme", "acme")
    assert result.exit_code == 0, result.output
    hb = tmp_path / "hb"
    for path in (
        "mkdocs.yml",
        "content/playbook.yaml",
        "docs",
        "themes/acme",
        "content/schemas/principle.schema.json",
    ):
        assert (hb / path).exists(), path
    for kind in ("principles", "examples", "checklists", "assessments"):
        assert len(list((hb / "content" / kind).glob("*.yaml"))) == 1
    monkeypatch.chdir(hb)
    assert run("validate").exit_code == 0
    result = run("build", "--strict")
    assert result.exit_code == 0, result.output
    assert load_handbook(hb / "content").playbook.organisation == 'Acme "Ltd": <b>'
    assert "<b>" not in (hb / "site/index.html").read_text()


def test_new_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = run("new", str(tmp_path))
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


@pytest.mark.parametrize(
    "args", [["--theme", "Bad Name"], ["--organisation", ""], ["--organisation", "a\nb"]]
)
def test_new_rejects_bad_options(tmp_path, args):
    result = run("new", str(tmp_path / "hb"), *args)
    assert result.exit_code == 2
    assert not (tmp_path / "hb").exists()
