"""The README documents every command, and its quick start is what CI runs."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from site_support import ROOT

from playbook_gen.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme_and_has_help(name):
    assert f"`playbook-gen {name}" in README, f"README.md does not document `{name}`"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_readme_documents_no_command_that_does_not_exist():
    documented = set(re.findall(r"`playbook-gen (?:--debug <command>|([a-z]+))", README)) - {""}
    assert documented <= set(cli.commands)


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.S)
    return block.strip().splitlines()


def test_quick_start_has_exactly_two_commands():
    install, test = quick_start()
    assert "pip install" in install and "playbook-gen build" in install
    assert test == "bash tests/run"


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    commands = [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == [quick_start()[1]]


def test_test_command_installs_what_it_needs_and_never_playwright_browsers():
    script = (ROOT / "tests/run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]'" in script
    assert "apt-get install -y chromium" in script
    assert "playwright install" not in script
    assert "-m pytest" in script
