"""Packaging: the licence, the installed distribution's metadata, one version everywhere, the
changelog, and the publishing guide as a page of the default handbook."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from site_support import ENV, ROOT, http_get, ids, links

import playbook_gen

DISTRIBUTION = "playbook-gen"
VERSION_HEADING = re.compile(r"^## \[?(\d+(?:\.\d+)+)\]?(?:\s|$)", re.M)


@pytest.fixture(scope="module")
def meta():
    return metadata.metadata(DISTRIBUTION)


def run_python(*args: str) -> subprocess.CompletedProcess:
    """Run this Python with `args` in the repository, as a user at a terminal would."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60
    )


# -- licence and metadata -------------------------------------------------------------------------


def test_licence_file_is_the_mit_licence():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} \S", text, re.M)
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_metadata_declares_the_mit_licence_and_ships_the_file(meta):
    # Core metadata 2.4 (PEP 639) says License-Expression; older tools wrote License.
    assert (meta.get("License-Expression") or meta.get("License")) == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])


def test_metadata_names_authors(meta):
    assert (meta.get("Author") or meta.get("Author-email") or "").strip()


def test_metadata_has_https_project_urls_including_the_changelog(meta):
    urls = dict(entry.split(", ", 1) for entry in meta.get_all("Project-URL") or [])
    assert urls, "no Project-URL in the metadata"
    assert all(url.startswith("https://") for url in urls.values()), urls
    assert urls.get("Changelog", "").endswith("/CHANGELOG.md")


def test_classifiers_match_the_python_versions_we_require(meta):
    classifiers = meta.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    assert "Framework :: MkDocs" in classifiers
    assert meta["Requires-Python"] == ">=3.11"
    minors = [
        int(c.rsplit(".", 1)[1])
        for c in classifiers
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert minors and min(minors) == 11, classifiers


def test_metadata_has_keywords(meta):
    keywords = {k.strip() for k in re.split(r"[,\s]+", meta.get("Keywords") or "") if k.strip()}
    assert {"mkdocs", "handbook"} <= keywords, keywords


# -- one version everywhere -----------------------------------------------------------------------


def test_package_version_is_the_installed_distribution_version():
    assert playbook_gen.__version__ == metadata.version(DISTRIBUTION)


def test_console_script_prints_the_version():
    script = Path(sys.executable).with_name("playbook-gen")
    if not script.exists():
        pytest.skip(f"no playbook-gen script beside {sys.executable}")
    result = subprocess.run(
        [str(script), "--version"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"playbook-gen {playbook_gen.__version__}"


def test_python_m_playbook_gen_prints_the_version():
    result = run_python("-m", "playbook_gen", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"playbook-gen {playbook_gen.__version__}"


def test_python_m_playbook_gen_runs_a_command():
    result = run_python("-m", "playbook_gen", "validate", "-h")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: playbook-gen validate [OPTIONS]")
    assert "Example:" in result.stdout


# -- changelog ------------------------------------------------------------------------------------


def test_changelog_has_an_entry_for_the_current_version():
    versions = VERSION_HEADING.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert playbook_gen.__version__ in versions, versions


def test_changelog_lists_versions_newest_first():
    versions = VERSION_HEADING.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    numbers = [tuple(map(int, v.split("."))) for v in versions]
    assert numbers == sorted(numbers, reverse=True), versions


# -- the publishing guide -------------------------------------------------------------------------


def test_publishing_guide_is_a_page_of_the_default_handbook(default_site):
    status, home = http_get(default_site)
    assert status == 200
    assert "publishing/" in links(home, "", region="nav")

    status, guide = http_get(default_site + "publishing/")
    assert status == 200
    assert re.search(r"<h1[^>]*>Publishing the handbook", guide)
    own = [t for t in links(guide, "publishing/") if t.startswith("publishing/#")]
    anchors = {t.split("#", 1)[1] for t in own}
    assert {"content-security-policy", "keep-the-results-page-private"} <= anchors
    assert anchors <= ids(guide), anchors - ids(guide)
