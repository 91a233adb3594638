"""Start-up: each command imports only what it needs, so `--help`, `new` and `validate` start
about as fast as plain MkDocs (bench/bench_build.py measures it; the issue's figures are there).

Each test runs a fresh Python, as a person at a terminal does, and looks at ``sys.modules`` when
the command is done.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_support import ROOT

from playbook_gen.schema import SCHEMAS

RUN = """
import json, sys
sys.argv = ["playbook-gen", *json.loads(sys.argv[1])]
from playbook_gen.cli import main
try:
    main()
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def run_fresh(*args: str, cwd: Path = ROOT) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``playbook-gen ARGS`` in a fresh Python; return the process and the top-level
    packages it had imported when it finished."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    modules = json.loads(done.stderr.splitlines()[-1])
    return done, {m.split(".")[0] for m in modules} | {m for m in modules if "playbook_gen" in m}


HEAVY = {"pydantic", "jinja2", "markdown", "mkdocs", "yaml"}
"""What the content models, the pages and the results need, and `--help` does not."""


def test_help_imports_nothing_heavy():
    done, imported = run_fresh("--help")
    assert done.returncode == 0
    assert "Commands:" in done.stdout and "validate" in done.stdout
    assert not imported & HEAVY


@pytest.mark.parametrize(
    ("command", "option"), [("new", "--theme"), ("build", "--offline"), ("report", "--format")]
)
def test_command_help_imports_nothing_heavy(command, option):
    done, imported = run_fresh(command, "--help")
    assert done.returncode == 0
    assert option in done.stdout
    assert not imported & HEAVY


def test_validate_imports_no_pages_results_or_mkdocs():
    """Validating the default handbook (no results/ folder) needs the content models only."""
    done, imported = run_fresh("validate")
    assert done.returncode == 0, done.stderr
    assert "pydantic" in imported  # it validates, all the same
    assert not imported & {"jinja2", "markdown", "mkdocs"}
    assert "playbook_gen.results" not in imported
    assert "playbook_gen.pages.render" not in imported


def test_new_writes_a_handbook_without_the_models(tmp_path):
    """`new` copies the shipped schemas (tests/test_schemas.py keeps them current)."""
    done, imported = run_fresh("new", "hb", "--theme", "house", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "hb" / "content" / "schemas").iterdir())
    assert written == sorted(f"{name}.schema.json" for name in SCHEMAS)
    assert not imported & HEAVY


def test_new_refuses_a_bad_theme_name_without_the_models(tmp_path):
    done, imported = run_fresh("new", "hb", "--theme", "My Theme", cwd=tmp_path)
    assert done.returncode == 2
    assert "--theme: use lowercase letters, digits and hyphens" in done.stderr
    assert not imported & HEAVY


def test_a_build_without_result_files_imports_no_results_code_but_the_format(tmp_path):
    """The default handbook has no results/ folder, so no dashboard: its build needs the result
    file's format (the assessment page exports files in it) and none of the code that reads,
    reports or draws result files (tests/test_results_site.py builds dashboards)."""
    done, imported = run_fresh("build", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "assessments" / "internal-service" / "index.html").is_file()
    assert not (tmp_path / "site" / "results").exists()
    assert "playbook_gen.results.format" in imported
    unused = {f"playbook_gen.results.{m}" for m in ("reader", "report", "charts")}
    assert not imported & unused


def test_every_name_the_results_package_offers_loads():
    """playbook_gen.results loads its names when first used (a table in its __init__)."""
    code = (
        "from playbook_gen import results\n"
        "names = [n for n in results.__all__ if getattr(results, n, None) is None]\n"
        "print(names, sorted(set(results._MODULE_OF) - set(results.__all__)))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "[] []", done.stderr
