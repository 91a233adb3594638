"""What changed: with the handbook in git, each page shows the day its file last changed and
"What's new" lists recent changes (day, pages, the commit's summary line), newest first; without
git, the build still works and "What's new" lists pages by their review dates."""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from site_support import ROOT, SITES, copy_project, page_file

from playbook_gen.build import build_site

GIT = shutil.which("git")


def git(project: Path, *args: str, day: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "HR",
        "GIT_AUTHOR_EMAIL": "hr@example.com",
        "GIT_COMMITTER_NAME": "HR",
        "GIT_COMMITTER_EMAIL": "hr@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T10:00:00+00:00"
    subprocess.run([GIT, "-C", str(project), *args], check=True, env=env, capture_output=True)


def edit(file: Path, **fields) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data.update(fields)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def changes(site: Path) -> list[str]:
    html = page_file(site, "whats-new/").read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", html.split('<ul class="pb-changes">')[1], re.S)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> Path:
    """tests/sites/small in a git repository with three commits on three days."""
    if GIT is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("history")
    project = copy_project(SITES / "small", root / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "First version of the handbook", day="2026-01-05")
    principle = next((project / "content/principles").glob("*.yaml"))
    edit(principle, summary="A clearer summary of the principle.")
    git(project, "commit", "-q", "-am", "Clearer summary for the principle", day="2026-03-10")
    checklist = next((project / "content/checklists").glob("*.yaml"))
    edit(checklist, summary="What the checklist is for, said more plainly.")
    git(project, "commit", "-q", "-am", "Reword <b>checklist</b> & co", day="2026-06-20")
    build_site(project / "mkdocs.yml", root / "site", strict=True)
    return root / "site"


def test_whats_new_lists_the_commits_newest_first_with_their_pages(history_site):
    listed = changes(history_site)
    assert listed[0].startswith("20 June 2026 · ")
    assert listed[0].endswith(": Reword <b>checklist</b> & co")
    assert listed[1].startswith("10 March 2026 · ")
    assert listed[1].endswith(": Clearer summary for the principle")
    assert listed[2].startswith("5 January 2026 · ")
    assert len(listed) == 3
    html = page_file(history_site, "whats-new/").read_text(encoding="utf-8")
    assert "Reword &lt;b&gt;checklist&lt;/b&gt; &amp; co" in html  # the summary is text
    for href in re.findall(r'href="(\.\./[^"]*)"', html.split('<ul class="pb-changes">')[1]):
        assert page_file(history_site / "whats-new", href).resolve().is_file(), href


def test_each_page_shows_the_day_its_file_last_changed(history_site):
    principles = [
        p
        for p in sorted((history_site / "principles").glob("*/index.html"))
        if 'http-equiv="refresh"' not in p.read_text("utf-8")  # an old id's redirect
    ]
    changed = [p for p in principles if "Last changed 10 March 2026" in p.read_text("utf-8")]
    assert len(changed) == 1
    others = [p for p in principles if p not in changed]
    assert all("Last changed 5 January 2026" in p.read_text("utf-8") for p in others)


def test_the_home_page_links_to_whats_new_with_the_latest_day(history_site):
    html = page_file(history_site, "").read_text(encoding="utf-8")
    assert '<a href="whats-new/">What&#39;s new</a> · Latest change: 20 June 2026.' in html
    nav = html.split('class="md-nav md-nav--primary"')[1]
    assert 'href="whats-new/"' in nav


def test_without_git_the_build_works_and_whats_new_lists_review_dates(tmp_path, monkeypatch):
    project = copy_project(ROOT, tmp_path / "project")  # not a repository
    edit(project / "content/principles/serve-inside-out.yaml", reviewed="2026-01-02")
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    build_site(project / "mkdocs.yml", tmp_path / "site", strict=True)
    listed = changes(tmp_path / "site")
    assert len(listed) == 24 and all(item.endswith("(reviewed)") for item in listed)
    assert listed[0].startswith("26 November 2026 · ")
    assert listed[-1] == (
        "2 January 2026 · Serve colleagues as customers, because internal service sets the "
        "ceiling (reviewed)"
    )
    page = page_file(tmp_path / "site", "principles/serve-inside-out/").read_text("utf-8")
    assert "Last reviewed 2 January 2026" in page and "Last changed" not in page


def test_history_read_while_loading_is_the_one_read_after_and_no_git_is_left_running(
    history_site, monkeypatch
):
    """A build starts `git log` before reading the files and collects it when the pages need
    it: the same history as reading it afterwards. A load that fails waits for git, so no
    process is left behind."""
    from playbook_gen.content import history as history_module
    from playbook_gen.content.loader import load_handbook
    from playbook_gen.problems import ContentError

    content = history_site.parent / "project" / "content"
    expected = history_module.read_history(content)
    assert expected is not None and len(expected) == 3
    assert load_handbook(content, history=True).history == expected

    started = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(history_module.subprocess, "Popen", recording_popen)
    broken = history_site.parent / "broken"
    shutil.copytree(content, broken)
    (broken / "principles" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        load_handbook(broken, history=True)
    assert len(started) == 1 and started[0].returncode is not None
