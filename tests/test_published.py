"""Only the handbook is published: links out of the project, loops, and content/ never copied.

Golden cases in ``tests/golden/published/<name>/`` are projects laid over the base handbook:

- files of the project (``mkdocs.yml``, ``docs/...``, ``content/...``); without a
  ``mkdocs.yml`` the case gets a plain one that uses the plugin;
- ``case.yaml``: ``about``, ``exit``, ``outside`` (files written next to the project, outside
  it) and ``links`` (path in the project -> the link's target, as written);
- ``expected.txt``: exactly what ``playbook-gen validate`` prints.

A case that exits 1 stops ``playbook-gen build`` and plain ``mkdocs build`` with the same lines,
and nothing is built. ``PB_REGEN_GOLDEN=1`` rewrites every ``expected.txt``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from site_support import (
    SITES,
    copy_project,
    golden,
    inside,
    run_in,
    run_mkdocs,
    tree_hashes,
)

from playbook_gen.build import export_site
from playbook_gen.problems import ContentError

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in (GOLDEN / "published").iterdir() if p.is_dir())
MKDOCS_YML = "site_name: Golden handbook\nplugins: [playbook]\n"


def build_case(case: Path, tmp_path: Path) -> tuple[Path, dict]:
    """Make the case's project in ``tmp_path/project``; return it and its case.yaml."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert spec and spec.get("about") and spec.get("exit") in (0, 1), case.name
    project = tmp_path / "project"
    shutil.copytree(GOLDEN / "base", project)
    shutil.copytree(
        case,
        project,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("case.yaml", "expected.txt"),
    )
    if not (project / "mkdocs.yml").exists():
        (project / "mkdocs.yml").write_text(MKDOCS_YML)
    for name, text in (spec.get("outside") or {}).items():
        file = tmp_path / "outside" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)
    for name, target in (spec.get("links") or {}).items():
        link = project / name
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        elif link.exists():
            link.unlink()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
    return project, spec


def test_there_are_enough_cases():
    assert len(CASES) >= 7


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_published_wording(case: Path, tmp_path: Path):
    project, spec = build_case(case, tmp_path)
    result = run_in(project, "validate")
    assert result.exit_code == spec["exit"], result.output
    assert "Traceback" not in result.output
    assert result.stdout == golden(case / "expected.txt", result.stdout)


@pytest.mark.parametrize(
    "case", [c for c in CASES if "exit: 1" in (c / "case.yaml").read_text()], ids=lambda c: c.name
)
def test_build_stops_with_the_same_lines_and_builds_nothing(case: Path, tmp_path: Path):
    project, _ = build_case(case, tmp_path)
    result = run_in(project, "build")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for line in (case / "expected.txt").read_text().splitlines():
        assert line in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.name in ("docs-dir-is-content", "docs-links-out", "docs-link-loops")],
    ids=lambda c: c.name,
)
def test_plain_mkdocs_build_stops_with_the_same_lines(case: Path, tmp_path: Path):
    project, _ = build_case(case, tmp_path)
    proc = run_mkdocs("build", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for line in (case / "expected.txt").read_text().splitlines():
        assert line in proc.stderr
    assert not (project / "site").exists()


# -- nothing from content/ or outside the project reaches a site ----------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    """tests/sites/small with a result file holding a respondent's comment."""
    root = copy_project(SITES / "small", tmp_path / "project")
    results = root / "content" / "results"
    results.mkdir()
    answers = json.loads((SITES / "results/content/results/payroll-anna.json").read_text())
    answers["comments"] = {"listening": "my manager shouts"}
    (results / "payroll-anna.json").write_text(json.dumps(answers))
    return root


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_docs_dir_content_is_refused_by_build_and_plain_mkdocs(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "docs_dir: content\n")
    result = run_in(project, "build")
    assert result.exit_code == 1
    assert "mkdocs.yml:7:1: docs_dir: content is the content folder" in result.stderr
    proc = run_mkdocs("build", cwd=project)
    assert proc.returncode == 1
    assert "mkdocs.yml:7:1: docs_dir: content is the content folder" in proc.stderr
    assert not (project / "site").exists()


def test_docs_dir_holding_the_project_is_refused_by_validate(project):
    """MkDocs itself refuses `docs_dir: .` (in its words) before any plugin runs; validate says
    what it would publish."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "docs_dir: .\n")
    result = run_in(project, "validate")
    assert result.exit_code == 1
    assert "mkdocs.yml:7:1: docs_dir: . holds the content folder" in result.stdout
    assert run_in(project, "build").exit_code == 1
    assert run_mkdocs("build", cwd=project).returncode == 1
    assert not (project / "site").exists()


def test_serving_a_site_with_problems_still_copies_nothing_from_content(project):
    """`serve` builds a page listing the problems instead of stopping: even then, no file of
    content/ is served, and no file from outside the project."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    outside = project.parent / "outside.txt"
    outside.write_text("kept-outside-the-project")
    (project / "docs" / "outside.txt").symlink_to(outside)
    with inside(project):
        served = str(project.parent / "served")
        config = load_config("mkdocs.yml", docs_dir="content", site_dir=served)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
    files = _files(project.parent / "served")
    assert "index.html" in files
    assert not [f for f in files if f.endswith((".yaml", ".json")) and "search" not in f], files
    served = "".join(
        p.read_text(errors="replace") for p in (project.parent / "served").rglob("*") if p.is_file()
    )
    assert "kept-outside-the-project" not in served
    assert "my manager shouts" not in served


def test_links_inside_the_project_are_followed_and_published(project):
    shared = project / "shared"
    shared.mkdir()
    (shared / "faq.md").write_text("# FAQ\n\nAsk us.\n")
    (project / "docs" / "faq.md").symlink_to("../shared/faq.md")
    result = run_in(project, "build")
    assert result.exit_code == 0, result.output
    assert "Ask us." in (project / "site" / "faq" / "index.html").read_text()


def test_export_refuses_a_link_out_of_the_project(project, tmp_path):
    outside = tmp_path / "key.pem"
    outside.write_text("-----BEGIN PRIVATE KEY-----")
    (project / "docs" / "key.pem").symlink_to(outside)
    with inside(project), pytest.raises(ContentError) as info:
        export_site("mkdocs.yml", tmp_path / "exported")
    assert [p.format() for p in info.value.problems] == [
        f"docs/key.pem: is a link to {outside}, outside the project; only the handbook's own "
        "files are published (copy what it should publish into the project, or remove the link)"
    ]
    assert not (tmp_path / "exported").exists()


def test_a_refused_build_leaves_the_old_site_as_it_was(project, tmp_path):
    assert run_in(project, "build").exit_code == 0
    before = tree_hashes(project / "site")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (project / "docs" / "secret.txt").symlink_to(outside)
    assert run_in(project, "build").exit_code == 1
    assert run_mkdocs("build", cwd=project).returncode == 1
    assert tree_hashes(project / "site") == before


def test_content_folder_that_is_a_link_out_of_the_project(tmp_path):
    elsewhere = copy_project(SITES / "small", tmp_path / "elsewhere") / "content"
    project = tmp_path / "project"
    project.mkdir()
    (project / "content").symlink_to(elsewhere)
    result = run_in(project, "validate")
    assert result.exit_code == 1
    assert result.stdout == (
        f"content: is a link to {elsewhere}, outside the project; only the handbook's own files "
        "are published (copy what it should publish into the project, or remove the link)\n"
    )
