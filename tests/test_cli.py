"""The playbook-gen command line: exit codes, output streams, help, and no tracebacks."""

from __future__ import annotations

import errno
import html
import inspect
import json
import os
import shutil
import tempfile
from pathlib import Path

import click
import pytest
from site_support import SITES, copy_project, leftovers, run_cli, tree_hashes

import playbook_gen.cli
from playbook_gen.cli import cli
from playbook_gen.content.loader import load_handbook
from playbook_gen.schema import SCHEMAS

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
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.startswith("playbook-gen 0.")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_every_command(flag):
    result = run_cli(flag)
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_one_line_of_help_and_an_example(name):
    result = run_cli(name, "-h")
    assert result.exit_code == 0
    summary, example = inspect.cleandoc(cli.commands[name].help).split("\n\n")
    assert "\n" not in summary
    assert example.replace("\b\n", "").startswith(f"Example: playbook-gen {name}")
    assert f"Example: playbook-gen {name}" in result.output


# -- usage errors: our words, exit 2 --------------------------------------------------------------

COMMANDS = "build, export, new, report, review, schema, serve, validate"
CLICK_WORDS = [
    "No such option",
    "No such command",
    "Did you mean",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command",
    "Invalid value",
    "Got unexpected extra",
    "requires an argument",
    "does not take a value",
    "is not one of",
    "is a directory",
    "is a file.",
    "Path '",
    "File '",
    "Directory '",
    "Try '",
]
"""Phrases of click's own messages (8.x): none of them may reach a user."""

USAGE_ERRORS = {
    "unknown command": (["bild"], "unknown command 'bild' (did you mean 'build'?)"),
    "unknown command, nothing close": (
        ["zzz"],
        f"unknown command 'zzz' (the commands are {COMMANDS})",
    ),
    "missing command": (["--debug"], f"missing command (the commands are {COMMANDS})"),
    "unknown option of the group": (["--nope"], "unknown option '--nope'"),
    "unknown option of the group, close": (
        ["--debgu"],
        "unknown option '--debgu' (did you mean '--debug'?)",
    ),
    "command option before the command": (
        ["--format", "json", "validate"],
        "unknown option '--format' (it goes after the command: playbook-gen validate --format)",
    ),
    "command option without a command": (
        ["--format", "json"],
        "unknown option '--format' (it goes after a command, e.g. playbook-gen report --format)",
    ),
    "group option after the command": (
        ["validate", "--debug"],
        "unknown option '--debug' (it goes before the command: playbook-gen --debug validate)",
    ),
    "unknown option": (["validate", "--nope"], "unknown option '--nope'"),
    "unknown option, close": (
        ["validate", "--formt", "json"],
        "unknown option '--formt' (did you mean '--format'?)",
    ),
    "unknown short option": (["build", "-x"], "unknown option '-x'"),
    "unknown option with a value": (
        ["report", "content/results", "--outptu=r.md"],
        "unknown option '--outptu' (did you mean '--output'?)",
    ),
    "option without its value": (["report", "content/results", "-o"], "option '-o' needs a value"),
    "long option without its value": (["validate", "--format"], "option '--format' needs a value"),
    "switch with a value": (["build", "--strict=yes"], "option '--strict' takes no value"),
    "group switch with a value": (["--version=1"], "option '--version' takes no value"),
    "missing argument": (["report"], "missing argument RESULTS..."),
    "missing folder argument": (["export"], "missing argument DIRECTORY"),
    "extra argument": (["export", "out", "more"], "unexpected argument 'more'"),
    "extra arguments": (["schema", "a", "b c"], "unexpected arguments 'a', 'b c'"),
    "bad choice": (["validate", "--format", "yaml"], "--format: use text or json, not 'yaml'"),
    "bad choice of three": (
        ["report", "content/results", "--format", "xml"],
        "--format: use md, csv or json, not 'xml'",
    ),
    "no such file or folder": (["report", "nowhere"], "the file or folder nowhere does not exist"),
    "no such folder": (
        ["validate", "--content", "nowhere"],
        "--content: the folder nowhere does not exist",
    ),
    "no such file": (
        ["build", "-f", "nope.yml"],
        "-f/--config-file: the file nope.yml does not exist",
    ),
    "no such file to serve": (
        ["serve", "-f", "nope.yml"],
        "-f/--config-file: the file nope.yml does not exist",
    ),
    "a folder for a file": (
        ["report", "content/results", "-o", "docs"],
        "-o/--output: docs is a folder, not a file",
    ),
    "a folder for settings": (
        ["export", "out", "-f", "docs"],
        "-f/--config-file: docs is a folder, not a file",
    ),
    "a file for a folder": (
        ["schema", "-o", "mkdocs.yml"],
        "-o/--output: mkdocs.yml is a file, not a folder",
    ),
    "a file for the content folder": (
        ["report", "content/results", "--content", "mkdocs.yml"],
        "--content: mkdocs.yml is a file, not a folder",
    ),
    "a file for a new handbook": (["new", "mkdocs.yml"], "mkdocs.yml is a file, not a folder"),
    "bad theme name": (
        ["new", "hb", "--theme", "My Theme"],
        "--theme: use lowercase letters, digits and hyphens, e.g. 'house'",
    ),
    "unknown assessment": (
        ["report", "content/results", "--assessment", "team-puls"],
        "--assessment: unknown assessment 'team-puls' (did you mean 'team-pulse'?)",
    ),
}


def assert_our_usage_error(result, error_line: str | None = None) -> None:
    """Exit 2, no traceback, nothing on stdout, and an error line in our words first."""
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("Error: ")
    if error_line is not None:
        assert first == f"Error: {error_line}"
    assert [w for w in CLICK_WORDS if w in result.stderr] == []


@pytest.mark.parametrize("case", USAGE_ERRORS)
def test_usage_errors_are_in_our_words(results_project, case):
    args, error_line = USAGE_ERRORS[case]
    assert_our_usage_error(run_cli(*args), error_line)


def test_a_usage_error_shows_the_usage_and_where_help_is(results_project):
    result = run_cli("report")
    assert result.stderr == (
        "Error: missing argument RESULTS...\n"
        "Usage: playbook-gen report [OPTIONS] RESULTS...\n"
        "Run 'playbook-gen report -h' for help.\n"
    )
    result = run_cli("bild")
    assert result.stderr.splitlines()[1:] == [
        "Usage: playbook-gen [OPTIONS] COMMAND [ARGS]...",
        "Run 'playbook-gen -h' for help.",
    ]


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))])
def test_every_command_words_a_bogus_option_itself(command):
    assert_our_usage_error(run_cli(*command, "--bogus"), "unknown option '--bogus'")


def _options():
    for name, command in sorted(cli.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option):
                yield name, param


@pytest.mark.parametrize(
    "name, option", [(name, p) for name, p in _options() if not p.is_flag], ids=str
)
def test_every_option_without_its_value_is_worded_by_us(name, option):
    for opt in option.opts:
        assert_our_usage_error(run_cli(name, opt), f"option '{opt}' needs a value")


@pytest.mark.parametrize(
    "name, option", [(name, p) for name, p in _options() if p.is_flag], ids=str
)
def test_every_switch_given_a_value_is_worded_by_us(name, option):
    long = max(option.opts, key=len)
    assert_our_usage_error(run_cli(name, f"{long}=x"), f"option '{long}' takes no value")


@pytest.mark.parametrize("command", [["build"], ["serve"], ["export", "out"]])
def test_outside_a_handbook_the_missing_settings_are_named(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    assert_our_usage_error(
        run_cli(*command), "no mkdocs.yml here; run this in a handbook or use -f/--config-file"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_bad_number_is_worded_by_us():
    """No option takes a number yet; one that does gets our wording from the group."""

    @cli.command("count-test")
    @click.option("--times", type=click.IntRange(1, 9))
    @click.option("--size", type=int)
    def count_test(times, size):
        pass

    try:
        assert_our_usage_error(
            run_cli("count-test", "--times", "0"), "--times: give a whole number from 1 up to 9"
        )
        assert_our_usage_error(
            run_cli("count-test", "--size", "big"), "--size: give a whole number"
        )
    finally:
        del cli.commands["count-test"]


def test_unexpected_errors_show_a_traceback_only_with_debug(project, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(playbook_gen.content.loader, "load_handbook", boom)  # validate imports it
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "Error: boom" in result.stderr
    assert_no_traceback(result)
    result = run_cli("--debug", "validate")
    assert isinstance(result.exception, RuntimeError)


# -- validate -------------------------------------------------------------------------------------


def test_validate_clean_content_prints_nothing(project):
    result = run_cli("validate")
    assert (result.exit_code, result.output) == (0, "")


def test_validate_prints_one_line_per_problem_on_stdout(project):
    break_content(project, "typo in a field")
    break_content(project, "unknown reference")
    result = run_cli("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 2
    assert lines[0].startswith("content/examples/quiet-fix.yaml:")
    assert "content/principles/listen-first.yaml:1:1: unknown field 'tittle'" in result.stdout
    assert all(line.startswith("content/") for line in lines)


def test_validate_json(project):
    assert json.loads(run_cli("validate", "--format", "json").stdout) == {"problems": []}
    break_content(project, "typo in a field")
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert len(problems) == len(run_cli("validate").stdout.splitlines())
    problem = problems[0]
    assert problem["file"] == "content/principles/listen-first.yaml"
    assert (problem["line"], problem["column"]) == (1, 1)
    assert set(problem) >= {"file", "line", "column", "where", "message", "hint"}


def test_validate_content_option(project, monkeypatch):
    monkeypatch.chdir(project.parent)
    assert run_cli("validate", "--content", "project/content").exit_code == 0
    assert run_cli("validate", "--content", "nowhere").exit_code == 2
    assert run_cli("validate", "--format", "yaml", "--content", "project/content").exit_code == 2


def test_validate_outside_a_handbook_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "--content" in result.stderr


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("command", [["validate"], ["build"], ["export", "out"]])
def test_bad_content_exits_1_without_a_traceback(project, case, command):
    break_content(project, case)
    result = run_cli(*command)
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    assert "content/" in result.output
    assert not (project / "site").exists() and not (project / "out").exists()
    assert leftovers(project) == []


# -- build ----------------------------------------------------------------------------------------


def test_build_writes_the_site(project):
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert (project / "site/principles/listen-first/index.html").is_file()
    assert result.stdout == ""


def test_build_site_dir_is_relative_to_the_working_directory(project, monkeypatch):
    monkeypatch.chdir(project.parent)
    result = run_cli("build", "-f", "project/mkdocs.yml", "--site-dir", "public")
    assert result.exit_code == 0, result.output
    assert (project.parent / "public/index.html").is_file()


def test_build_with_bad_content_keeps_the_old_site(project):
    assert run_cli("build").exit_code == 0
    before = tree_hashes(project / "site")
    break_content(project, "typo in a field")
    result = run_cli("build")
    assert result.exit_code == 1
    assert "content/principles/listen-first.yaml:1:1:" in result.stderr
    assert tree_hashes(project / "site") == before


@pytest.mark.parametrize(
    "site_dir", [".", "..", "docs", "docs/site", "content", "content/site", "themes", "/"]
)
def test_build_refuses_a_site_dir_that_overlaps_the_sources(project, site_dir):
    (project / "themes/look").mkdir(parents=True)
    before = tree_hashes(project)
    result = run_cli("build", "--site-dir", site_dir)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "refusing" in result.stderr
    assert tree_hashes(project) == before


def test_build_refuses_a_site_dir_that_is_a_file(project):
    (project / "notes.txt").write_text("keep me")
    result = run_cli("build", "--site-dir", "notes.txt")
    assert result.exit_code == 2
    assert (project / "notes.txt").read_text() == "keep me"


def test_build_without_the_plugin_is_a_usage_error(project):
    (project / "mkdocs.yml").write_text("site_name: x\nplugins: [search]\n")
    result = run_cli("build")
    assert result.exit_code == 2
    assert "playbook plugin" in result.stderr


def test_build_with_a_missing_config_file_is_a_usage_error(project):
    assert run_cli("build", "-f", "nope.yml").exit_code == 2


def test_build_with_a_broken_config_file_exits_1(project):
    (project / "mkdocs.yml").write_text("site_name: [x\n")
    result = run_cli("build")
    assert result.exit_code == 1
    assert_no_traceback(result)


def test_build_strict_stops_on_mkdocs_warnings(project):
    (project / "docs/contact.md").write_text("[broken](nowhere.md)\n")
    assert run_cli("build").exit_code == 0
    before = tree_hashes(project / "site")
    result = run_cli("build", "--strict")
    assert result.exit_code == 1
    assert "'nowhere.md'" in result.stderr  # MkDocs' own warning is shown
    assert_no_traceback(result)
    assert tree_hashes(project / "site") == before


# -- serve (the server itself is tested in test_site.py) ------------------------------------------


def test_serve_with_a_missing_config_file_is_a_usage_error(project):
    assert run_cli("serve", "-f", "nope.yml").exit_code == 2


# -- export ---------------------------------------------------------------------------------------


def test_export_writes_a_project(project):
    result = run_cli("export", "out")
    assert result.exit_code == 0, result.output
    assert (project / "out/mkdocs.yml").is_file()
    assert (project / "out/docs/principles/listen-first.md").is_file()
    assert (project / "out/docs/contact.md").is_file()


def test_export_refuses_a_non_empty_folder_without_force(project):
    (project / "out").mkdir()
    (project / "out/keep.txt").write_text("x")
    result = run_cli("export", "out")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert (project / "out/keep.txt").exists()
    assert run_cli("export", "out", "--force").exit_code == 0
    assert not (project / "out/keep.txt").exists()
    assert (project / "out/mkdocs.yml").is_file()


@pytest.mark.parametrize("out", [".", "docs", "content/x", ".."])
def test_export_refuses_to_write_over_the_sources(project, out):
    before = tree_hashes(project)
    result = run_cli("export", out, "--force")
    assert result.exit_code == 2
    assert tree_hashes(project) == before


# -- schema ---------------------------------------------------------------------------------------


def test_schema_writes_one_file_per_kind(tmp_path):
    result = run_cli("schema", "-o", str(tmp_path / "schemas"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(
        f"{name}.schema.json" for name in SCHEMAS
    )


def test_schema_into_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("")
    assert run_cli("schema", "-o", str(tmp_path / "file")).exit_code == 2


# -- new ------------------------------------------------------------------------------------------


def test_new_makes_a_handbook_that_validates_and_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "hb", "--organisation", 'Acme "Ltd": <b>', "--theme", "acme")
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
    assert run_cli("validate").exit_code == 0
    result = run_cli("build", "--strict")
    assert result.exit_code == 0, result.output
    assert load_handbook(hb / "content").playbook.organisation == 'Acme "Ltd": <b>'
    assert "<b>" not in (hb / "site/index.html").read_text()
    # The starter's assessment warns before its results are used, as the default one does.
    assessment = (hb / "site/assessments/team-check/index.html").read_text()
    assert "this check is a practical diagnostic for a team's own" in " ".join(
        html.unescape(assessment).split()
    )
    assert "never use it to rate or rank individuals" in assessment
    # ... and shows new users that the teams they serve can answer in their own voice.
    check = load_handbook(hb / "content").assessments["team-check"]
    assert all(q.customer for d in check.dimensions for q in d.questions)
    assert "in their own voice" in assessment


def test_new_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = run_cli("new", str(tmp_path))
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


@pytest.mark.parametrize(
    "args", [["--theme", "Bad Name"], ["--organisation", ""], ["--organisation", "a\nb"]]
)
def test_new_rejects_bad_options(tmp_path, args):
    result = run_cli("new", str(tmp_path / "hb"), *args)
    assert result.exit_code == 2
    assert not (tmp_path / "hb").exists()


# -- report ---------------------------------------------------------------------------------------

REPORT_MD = """\
# Assessment results

## Team pulse

Result files: 5. Teams: 2.

Scores are shown where at least 3 respondents have them, so that no one's answers can be worked out.

| Team | Date | Respondents | Overall score | Band |
| --- | --- | --- | --- | --- |
| Facilities | 2026-11-20 | 1 | – | – |
| Payroll | 2026-11-22 | 3 | 5.0 | Growing |

### Facilities

#### 2026-11-20

Respondents: 1

Fewer than 3 respondents: no scores are shown, so that no one's answers can be worked out.

### Payroll

#### 2026-11-22

Overall score: 5.0 (Growing) · Respondents: 3

| Dimension | Score | Respondents | Spread |
| --- | --- | --- | --- |
| Listening | 5.0 | 3 | 4.0–6.0 |
| Follow-up | Fewer than 3 respondents | 2 |  |

#### 2026-05-04

Respondents: 1

Fewer than 3 respondents: no scores are shown, so that no one's answers can be worked out.
"""
"""The fixture's teams under the default min_respondents of 3: Facilities (one respondent) and
Payroll in May (one) show only their count; Payroll in November has three respondents, of whom
two could score Follow-up (Ben answered it N/A), so Follow-up is withheld and the overall score
is Listening's alone."""

REPORT_CSV = """\
assessment,team,date,dimension,title,score,respondents,min,max,band\r
team-pulse,Facilities,2026-11-20,listening,Listening,,1,,,\r
team-pulse,Facilities,2026-11-20,follow-up,Follow-up,,1,,,\r
team-pulse,Facilities,2026-11-20,overall,Overall score,,1,,,\r
team-pulse,Payroll,2026-11-22,listening,Listening,5.0,3,4.0,6.0,\r
team-pulse,Payroll,2026-11-22,follow-up,Follow-up,,2,,,\r
team-pulse,Payroll,2026-11-22,overall,Overall score,5.0,3,,,Growing\r
team-pulse,Payroll,2026-05-04,listening,Listening,,1,,,\r
team-pulse,Payroll,2026-05-04,follow-up,Follow-up,,1,,,\r
team-pulse,Payroll,2026-05-04,overall,Overall score,,1,,,\r
"""


@pytest.fixture
def results_project(tmp_path, monkeypatch) -> Path:
    """A copy of the handbook with results (tests/sites/results) as the working directory."""
    path = copy_project(SITES / "results", tmp_path / "project")
    monkeypatch.chdir(path)
    return path


def bad_result(project: Path, name: str = "bad.json") -> Path:
    file = project / "content/results" / name
    data = json.loads((project / "content/results/facilities.json").read_text())
    data["answers"]["lis-repeat"] = 9
    data["team"] = ""
    file.write_text(json.dumps(data, indent=2))
    return file


def test_report_prints_markdown(results_project):
    result = run_cli("report", "content/results")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == REPORT_MD


def test_report_reads_files_and_folders_each_file_once(results_project):
    result = run_cli("report", "content/results/payroll-anna.json", "content/results")
    assert result.stdout == REPORT_MD


def test_report_csv(results_project):
    result = run_cli("report", "content/results", "--format", "csv")
    assert (result.exit_code, result.stdout_bytes.decode()) == (0, REPORT_CSV)


def test_report_json(results_project):
    result = run_cli("report", "content/results", "--format", "json")
    assert result.exit_code == 0

    def withheld(date, files, comments):
        dim = {"score": None, "respondents": 1, "min": None, "max": None, "withheld": True}
        return {
            "date": date,
            "respondents": 1,
            "withheld": True,
            "files": [f"content/results/{file}" for file in files],
            "overall": None,
            "band": None,
            "dimensions": {"listening": dim, "follow-up": dim},
            "comments": comments,
        }

    payroll = {
        "date": "2026-11-22",
        "respondents": 3,
        "withheld": False,
        "files": [f"content/results/payroll-{name}.json" for name in ("anna", "ben", "cleo")],
        "overall": 5.0,
        "band": "Growing",
        "dimensions": {
            "listening": {
                "score": 5.0, "respondents": 3, "min": 4.0, "max": 6.0, "withheld": False
            },
            "follow-up": {
                "score": None, "respondents": 2, "min": None, "max": None, "withheld": True
            },
        },
        "comments": {"listening": ["We got better at repeating requests back."]},
    }  # fmt: skip
    expected = {
        "format": "playbook-assessment-report",
        "version": 1,
        "assessments": [
            {
                "id": "team-pulse",
                "title": "Team pulse",
                "scale": {"min": 1, "max": 7},
                "min_respondents": 3,
                "dimensions": [
                    {"id": "listening", "title": "Listening"},
                    {"id": "follow-up", "title": "Follow-up"},
                ],
                "teams": [
                    {
                        "team": "Facilities",
                        "results": [
                            withheld(
                                "2026-11-20",
                                ["facilities.json"],
                                {"follow-up": ["We close every ticket with a note."]},
                            )
                        ],
                    },
                    {
                        "team": "Payroll",
                        "results": [payroll, withheld("2026-05-04", ["payroll-may.json"], {})],
                    },
                ],
            }
        ],
    }
    assert result.stdout == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_report_output_file_is_written_whole(results_project):
    result = run_cli("report", "content/results", "--format", "csv", "-o", "report.csv")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "Wrote the report to report.csv\n")
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    assert (results_project / "report.csv").read_bytes().decode() == "\ufeff" + REPORT_CSV
    assert (results_project / "report.csv").stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in results_project.iterdir() if p.name.startswith(".")) == []
    assert run_cli("report", "content/results", "-o", "report.csv").exit_code == 0
    assert (results_project / "report.csv").read_text(encoding="utf-8") == REPORT_MD


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_report_with_a_bad_file_prints_every_problem_and_writes_nothing(results_project):
    (results_project / "report.md").write_text("the old report")
    bad_result(results_project)
    result = run_cli("report", "content/results", "-o", "report.md")
    assert result.exit_code == 1
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr == (
        "content/results/bad.json:5:3: team: must not be empty\n"
        "content/results/bad.json:8:5: answers.lis-repeat: 9 is not on the scale "
        "(answer with a whole number from 1 to 7, or null for not applicable)\n"
    )
    assert (results_project / "report.md").read_text() == "the old report"
    assert sorted(p.name for p in results_project.iterdir()) == sorted(
        ["content", "docs", "mkdocs.yml", "report.md"]
    )


def test_report_warnings_are_printed_and_the_report_is_written(results_project):
    file = results_project / "content/results/payroll-anna.json"
    (results_project / "content/results/payroll-anna-again.json").write_bytes(file.read_bytes())
    result = run_cli("report", "content/results")
    assert result.exit_code == 0
    assert result.stdout == REPORT_MD  # the copy counts once
    assert result.stderr == (
        "content/results/payroll-anna.json:4:3: id: the same result as "
        "content/results/payroll-anna-again.json (handed in twice); counted once\n"
    )


def test_report_assessment_option(results_project):
    assert run_cli("report", "content/results", "--assessment", "team-pulse").stdout == REPORT_MD
    result = run_cli("report", "content/results", "--assessment", "team-puls")
    assert result.exit_code == 2
    assert "unknown assessment 'team-puls' (did you mean 'team-pulse'?)" in result.stderr


def test_report_on_an_assessment_without_results_says_so(tmp_path, monkeypatch):
    project = copy_project(SITES / "assessment7", tmp_path / "project")
    monkeypatch.chdir(project)
    (project / "results").mkdir()
    (project / "results/a.json").write_text(
        json.dumps(
            {
                "format": "playbook-assessment-result",
                "version": 1,
                "assessment": "null-bis-sechs",
                "team": "Einkauf",
                "date": "2026-11-22",
                "answers": {"t-1": 3, "t-2": 2, "k-1": 5},
            }
        )
    )
    result = run_cli("report", "results", "--assessment", "teamklima")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "# Ergebnisse der Selbsteinschätzungen\n\n## Teamklima (7er-Skala)\n\n"
        "Keine Ergebnisdateien.\n"
    )
    german = run_cli("report", "results").stdout
    # One respondent: below the default min_respondents, so a count and no figures.
    assert "| Einkauf | 2026-11-22 | 1 | – | – |" in german
    assert "Teilnehmende: 1\n\nWeniger als 3 Teilnehmende: Es werden keine Werte gezeigt" in german


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "missing argument RESULTS..."),
        (["nowhere"], "the file or folder nowhere does not exist"),
        (["docs"], "no result files (*.json) in docs"),
        (["content/results", "--format", "xml"], "--format: use md, csv or json, not 'xml'"),
        (["content/results", "-o", "missing/report.md"], "the folder missing does not exist"),
        (["content/results", "-o", "docs"], "-o/--output: docs is a folder, not a file"),
        (["content/results", "--content", "docs/x"], "--content: the folder docs/x does not exist"),
    ],
)
def test_report_usage_errors_exit_2(results_project, args, message):
    assert_our_usage_error(run_cli("report", *args), message)


def test_report_outside_a_handbook_needs_content(results_project, monkeypatch):
    monkeypatch.chdir(results_project / "content")
    result = run_cli("report", "results")
    assert result.exit_code == 2
    assert "--content" in result.stderr
    assert run_cli("report", "results", "--content", ".").stdout == REPORT_MD.replace(
        "content/results", "results"
    )


def test_report_with_bad_content_prints_the_content_problems(results_project):
    break_content(results_project, "typo in a field")
    result = run_cli("report", "content/results")
    assert result.exit_code == 1
    assert "content/principles/listen-first.yaml:1:1: unknown field 'tittle'" in result.stderr
    assert result.stdout == ""


def test_report_does_not_read_content_results_unless_named(results_project, tmp_path):
    bad_result(results_project)
    other = tmp_path / "collected"
    other.mkdir()
    shutil.copy(results_project / "content/results/facilities.json", other)
    result = run_cli("report", str(other))
    assert result.exit_code == 0 and "Facilities" in result.stdout


def test_report_help_names_its_formats():
    result = run_cli("report", "-h")
    assert result.exit_code == 0
    assert "RESULTS..." in result.output and "[md|csv|json]" in result.output


def test_validate_prints_result_warnings_and_exits_0(results_project):
    file = results_project / "content/results/payroll-anna.json"
    (results_project / "content/results/zz-copy.json").write_bytes(file.read_bytes())
    warning = (
        "content/results/zz-copy.json:4:3: id: the same result as "
        "content/results/payroll-anna.json (handed in twice); counted once"
    )
    result = run_cli("validate")
    assert (result.exit_code, result.stdout) == (0, warning + "\n")
    data = json.loads(run_cli("validate", "--format", "json").stdout)
    assert data["problems"] == [] and [w["message"] for w in data["warnings"]] == [
        warning.split("id: ")[1]
    ]
    bad_result(results_project)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == warning  # with the errors, every line at once


# -- faults: one line, the path named, the old site intact ---------------------------------------


def test_build_into_a_folder_it_cannot_write_is_one_line(project, monkeypatch):
    assert run_cli("build").exit_code == 0
    before = tree_hashes(project / "site")

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(project))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = run_cli("build")
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write into {project}: permission denied\n"
    assert tree_hashes(project / "site") == before


def test_a_content_file_that_vanishes_while_it_is_read_is_a_problem(project, monkeypatch):
    real = Path.read_bytes

    def vanishing(path):
        if path.name == "listen-first.yaml":
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", vanishing)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output == (
        "content/principles/listen-first.yaml: this file could not be read: it does not exist "
        "(was it moved or deleted?)\n"
    )


def test_a_report_that_cannot_be_written_is_one_line(project, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    (project / "results").mkdir()
    shutil.copy(SITES / "results/content/results" / _one_result_file(), project / "results")
    result = run_cli("report", "results", "-o", "report.md")
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(f"Error: cannot write {Path('report.md')}: the disk is full\n")
    assert not (project / "report.md").exists()


def _one_result_file() -> str:
    return sorted(p.name for p in (SITES / "results/content/results").glob("*.json"))[0]
