"""Built sites: facts about pages, links, redirects and outside requests; export; atomic builds."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import mkdocs.commands.build
import pytest
import yaml
from mkdocs.exceptions import MkDocsException
from site_support import (
    ENV,
    ROOT,
    SITES,
    copy_project,
    external_loads,
    http_get,
    ids,
    leftovers,
    links,
    page_file,
    parse,
    run_mkdocs,
    serving,
    tree_hashes,
    wait_for,
)

from playbook_gen.atomic import sweep_leftovers
from playbook_gen.build import build_site, export_site
from playbook_gen.content.loader import load_handbook
from playbook_gen.content.model import Handbook
from playbook_gen.problems import ContentError, WriteProblem


@dataclass
class Built:
    name: str
    project: Path
    site: Path
    handbook: Handbook

    def html(self, url: str) -> str:
        return page_file(self.site, url).read_text(encoding="utf-8")


def _build(name: str, project: Path, site: Path) -> Built:
    build_site(project / "mkdocs.yml", site, strict=True)
    return Built(name, project, site, load_handbook(project / "content"))


@pytest.fixture(scope="session")
def default_built(tmp_path_factory) -> Built:
    """The repository's own handbook, built once with --strict into a temporary folder."""
    return _build("default", ROOT, tmp_path_factory.mktemp("default") / "site")


@pytest.fixture(scope="session")
def small_built(tmp_path_factory) -> Built:
    """tests/sites/small (a handbook written against SPEC.md), copied and built once."""
    project = copy_project(SITES / "small", tmp_path_factory.mktemp("small") / "project")
    return _build("small", project, project / "site")


@pytest.fixture(params=["default", "small"])
def built(request) -> Built:
    return request.getfixturevalue(f"{request.param}_built")


def _raw(project: Path, kind: str) -> dict[str, dict]:
    """Read content files with plain YAML, independently of the loader under test."""
    folder = project / "content" / kind
    return {f.stem: yaml.safe_load(f.read_text()) for f in sorted(folder.glob("*.yaml"))}


# -- pages ----------------------------------------------------------------------------------------


def test_every_entity_has_its_page(built):
    expected = ["", "principles/", "examples/", "onboarding/"]
    for kind in ("principles", "examples", "assessments", "checklists"):
        expected += [f"{kind}/{stem}/" for stem in _raw(built.project, kind)]
    roles = yaml.safe_load((built.project / "content/playbook.yaml").read_text())["roles"]
    expected += [f"onboarding/{role['id']}/" for role in roles]
    missing = [url for url in expected if not page_file(built.site, url).is_file()]
    assert missing == []


def test_hand_written_pages_sit_beside_generated_ones(built):
    for md in (built.project / "docs").rglob("*.md"):
        url = md.relative_to(built.project / "docs").with_suffix("").as_posix() + "/"
        assert page_file(built.site, url.removesuffix("index/")).is_file(), url


def test_principles_and_examples_link_both_ways(built):
    pairs = set()
    for pid, principle in _raw(built.project, "principles").items():
        pairs |= {(pid, eid) for eid in principle.get("examples") or []}
    for eid, example in _raw(built.project, "examples").items():
        pairs |= {(pid, eid) for pid in example["principles"]}
    assert pairs
    for pid, eid in sorted(pairs):
        assert f"examples/{eid}/" in links(
            built.html(f"principles/{pid}/"), f"principles/{pid}/", region="article"
        ), f"principles/{pid} does not link to examples/{eid}"
        assert f"principles/{pid}/" in links(
            built.html(f"examples/{eid}/"), f"examples/{eid}/", region="article"
        ), f"examples/{eid} does not link to principles/{pid}"


def test_checklist_items_and_their_old_anchors_are_targets(built):
    for cid, checklist in _raw(built.project, "checklists").items():
        anchors = ids(built.html(f"checklists/{cid}/"))
        for item in checklist["items"]:
            assert item["id"] in anchors
            for alias in item.get("aliases") or []:
                assert alias in anchors


def test_onboarding_page_lists_every_item_of_its_role(built):
    for cid, checklist in _raw(built.project, "checklists").items():
        for item in checklist["items"]:
            url = f"onboarding/{item['role']}/"
            assert f"checklists/{cid}/#{item['id']}" in links(
                built.html(url), url, region="article"
            ), f"{url} misses {cid}#{item['id']}"


def test_aliases_redirect_to_the_new_page_with_relative_links(built):
    aliases = []
    for kind in ("principles", "examples", "assessments", "checklists"):
        for stem, data in _raw(built.project, kind).items():
            aliases += [
                (f"{kind}/{alias}/", f"{kind}/{stem}/") for alias in data.get("aliases") or []
            ]
    if built.name == "small":
        assert len(aliases) == 2
    for old, new in aliases:
        html = built.html(old)
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        assert refresh, old
        assert not re.match(r"[a-z]+:|/", refresh[1]), "redirect must be relative"
        assert links(html, old) == {new}


def test_navigation_lists_generated_pages(built):
    nav_home = links(built.html(""), "", region="nav")
    for section in ("principles/", "examples/", "checklists/", "onboarding/"):
        assert any(link.startswith(section) for link in nav_home), section
    for kind in ("principles", "examples", "assessments", "checklists"):
        stems = list(_raw(built.project, kind))
        # With navigation.prune only the open section is in the page, so look from inside it.
        nav = links(built.html(f"{kind}/{stems[0]}/"), f"{kind}/{stems[0]}/", region="nav")
        for stem in stems:
            assert f"{kind}/{stem}/" in nav, f"{kind}/{stem} is not in the navigation"


def test_no_request_to_another_host(built):
    assert external_loads(built.site) == []


def test_sitemap_has_no_absolute_urls(built):
    sitemap = (built.site / "sitemap.xml").read_text()
    assert "<loc>http" not in sitemap and "None" not in sitemap


def test_content_hyperlinks_to_sources_stay_plain_links(small_built):
    html = small_built.html("principles/listen-first/")
    assert 'href="https://example.org/listening"' in html


def test_detector_catches_loads_from_other_hosts(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<img srcset="x.png 1x, //cdn.example/y.png 2x"><a href="https://ok.example/">ok</a>'
    )
    (tmp_path / "b.css").write_text('@import "https://x.example/a.css"; a{background:url(x.png)}')
    (tmp_path / "c.js").write_text('load("https://www.googletagmanager.com/gtag/js")')
    found = external_loads(tmp_path)
    assert len(found) == 5, found
    assert not any("ok.example" in f for f in found)


# -- export --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """Return a function that exports a built handbook once per session."""
    done: dict[str, Path] = {}

    def export(built: Built) -> Path:
        if built.name not in done:
            out = tmp_path_factory.mktemp(f"export-{built.name}") / "export"
            done[built.name] = export_site(built.project / "mkdocs.yml", out)
        return done[built.name]

    return export


def test_export_builds_with_plain_mkdocs_and_has_the_same_pages(built, exported, tmp_path):
    out = exported(built)
    settings = yaml.load((out / "mkdocs.yml").read_text(), Loader=yaml.Loader)
    plugin_names = [p if isinstance(p, str) else next(iter(p)) for p in settings["plugins"]]
    assert "playbook" not in plugin_names and "search" in plugin_names
    assert settings["theme"]["font"] is False
    assert settings["nav"]
    site = tmp_path / "site"
    run_mkdocs(
        "build",
        "--strict",
        "-q",
        "-f",
        str(out / "mkdocs.yml"),
        "-d",
        str(site),
        cwd=tmp_path,
        check=True,
    )

    def pages(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}

    assert pages(site) == pages(built.site)
    assert external_loads(site) == []


def test_export_keeps_the_theme_and_hand_written_pages(default_built, exported):
    out = exported(default_built)
    settings = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert (out / settings["theme"]["custom_dir"]).is_dir()
    assert (out / "docs" / "editing.md").read_bytes() == (ROOT / "docs/editing.md").read_bytes()
    assert "editing.md" in settings["nav"]


# -- atomic builds -------------------------------------------------------------------------------


@pytest.fixture
def small_project(small_built, tmp_path) -> Path:
    """A fresh copy of the small handbook with a built site/ in it."""
    return Path(shutil.copytree(small_built.project, tmp_path / "project", symlinks=True))


def test_bad_content_leaves_the_site_untouched(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    file = small_project / "content/principles/listen-first.yaml"
    file.write_text(file.read_text().replace("title:", "tittle:"))
    with pytest.raises(ContentError):
        build_site(small_project / "mkdocs.yml")
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_plain_mkdocs_build_prints_the_problems_and_exits_1(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    file = small_project / "content/principles/listen-first.yaml"
    file.write_text(file.read_text().replace("title:", "tittle:"))
    proc = run_mkdocs("build", cwd=small_project)
    assert proc.returncode == 1
    assert "content/principles/listen-first.yaml:1:1: unknown field 'tittle'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert tree_hashes(site) == before


def test_a_crash_during_the_build_leaves_the_site_untouched(small_project, monkeypatch):
    site = small_project / "site"
    before = tree_hashes(site)
    (small_project / "docs/contact.md").write_text("# Changed\n")
    real = mkdocs.commands.build._build_page
    built = []

    def crash_on_third_page(page, *args, **kwargs):
        if len(built) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        built.append(page)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", crash_on_third_page)
    with pytest.raises(WriteProblem) as caught:
        build_site(small_project / "mkdocs.yml")
    assert str(caught.value) == f"cannot write {site}: the disk is full; {site} was left as it was"
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_a_failed_strict_build_leaves_the_site_untouched(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    (small_project / "docs/contact.md").write_text("[broken](nowhere.md)\n")
    with pytest.raises(MkDocsException):
        build_site(small_project / "mkdocs.yml", strict=True)
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_a_killed_build_leaves_the_site_untouched_and_the_next_build_cleans_up(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    (small_project / "docs/contact.md").write_text("# Changed\n")
    script = textwrap.dedent(
        """
        import os, signal, sys
        import mkdocs.commands.build as b
        from playbook_gen.build import build_site
        real, count = b._build_page, []
        def killed_on_third_page(*args, **kwargs):
            if len(count) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            count.append(1)
            return real(*args, **kwargs)
        b._build_page = killed_on_third_page
        build_site(sys.argv[1])
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(small_project / "mkdocs.yml")],
        env=ENV,
        cwd=small_project,
    )
    assert proc.returncode == -signal.SIGKILL
    assert tree_hashes(site) == before
    assert len(leftovers(small_project)) == 1  # the half-built folder of the dead process

    build_site(small_project / "mkdocs.yml")
    assert leftovers(small_project) == []
    assert "Changed" in (site / "contact/index.html").read_text()


def test_a_terminated_build_cleans_up_after_itself(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    script = textwrap.dedent(
        """
        import os, signal, sys
        import mkdocs.commands.build as b
        from playbook_gen import cli
        real, count = b._build_page, []
        def terminated_on_third_page(*args, **kwargs):
            if len(count) == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            count.append(1)
            return real(*args, **kwargs)
        b._build_page = terminated_on_third_page
        sys.argv = ["playbook-gen", "build"]
        cli.main()
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], env=ENV, cwd=small_project)
    assert proc.returncode == 128 + signal.SIGTERM
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_a_failed_swap_puts_the_old_site_back(small_project, monkeypatch):
    site = small_project / "site"
    before = tree_hashes(site)
    real = os.rename

    def renaming_the_new_site_in_fails(src, dst):
        if Path(src).name.startswith(".site-new-") and Path(dst) == site:
            assert not site.exists()  # the old site was moved aside first
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "rename", renaming_the_new_site_in_fails)
    with pytest.raises(WriteProblem, match=r": the disk is full; .* was left as it was$"):
        build_site(small_project / "mkdocs.yml")
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_a_build_killed_between_the_renames_gets_its_old_site_back(small_project):
    site = small_project / "site"
    before = tree_hashes(site)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    site.rename(small_project / f".site-old-{dead.pid}-abcd")
    (small_project / f".site-new-{dead.pid}-efgh").mkdir()
    sweep_leftovers(site)
    assert tree_hashes(site) == before
    assert leftovers(small_project) == []


def test_the_new_site_is_readable_by_a_web_server(small_project, tmp_path):
    fresh = build_site(small_project / "mkdocs.yml", tmp_path / "fresh")
    assert fresh.stat().st_mode & 0o777 == 0o777 & ~_umask()
    (small_project / "site").chmod(0o750)
    build_site(small_project / "mkdocs.yml")
    assert (small_project / "site").stat().st_mode & 0o777 == 0o750


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_second_build_loads_the_theme_compiled_and_a_broken_cache_changes_nothing(
    small_project, tmp_path
):
    """`mkdocs build` keeps the theme's compiled templates, as it keeps ours (render.py), in
    Jinja's private per-user folder under the temp folder; later builds load them. Whatever is
    in that folder, the pages are the same."""
    env = {"TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()

    def build(site: str) -> dict[str, str]:
        result = run_mkdocs("build", "-q", "-d", str(tmp_path / site), cwd=small_project, env=env)
        assert result.returncode == 0, result.stderr
        pages = tree_hashes(tmp_path / site)
        return {path: digest for path, digest in pages.items() if path.endswith(".html")}

    first = build("first")
    (cache,) = (tmp_path / "tmp").iterdir()
    entries = sorted(cache.iterdir())
    environments = {entry.name.split("_")[4] for entry in entries}
    assert len(environments) == 2, "ours and the theme's, each under its own name"
    assert len(entries) > 40
    assert build("second") == first

    for entry in entries:
        entry.write_bytes(b"garbage")
    assert build("third") == first
    shutil.rmtree(cache)
    cache.write_text("not a folder")  # no cache can be kept: no cache, never an error
    assert build("fourth") == first


# -- serve ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["mkdocs", "playbook-gen"])
def test_serve_keeps_the_last_good_pages_and_lists_problems_until_fixed(command, tmp_path):
    project = copy_project(SITES / "small", tmp_path / "project")
    runner = ["-m", "mkdocs"] if command == "mkdocs" else ["-m", "playbook_gen.cli"]
    file = project / "content/principles/listen-first.yaml"
    good = file.read_text()
    with serving(project, *runner) as (base, output):
        page = base + "principles/listen-first/"
        wait_for(lambda: http_get(page)[0] == 200, "the first build")

        file.write_text(good.replace("title: Listen first", "tittle: Listen first"))
        line = "content/principles/listen-first.yaml:1:1: unknown field 'tittle'"
        wait_for(lambda: any(line in text for text in output), "the problem line")
        # The pages stay the last good ones; the preview's banner lists the problem.
        problems = base + "assets/playbook/preview-problems.json"
        wait_for(lambda: line in http_get(problems)[1], "the problem in the preview's banner")
        status, text = http_get(page)
        assert status == 200 and "Listen first" in text

        file.write_text(good)
        wait_for(lambda: '"problems": []' in http_get(problems)[1], "the banner to go")
        assert http_get(page)[0] == 200
    assert "Traceback" not in "".join(output)


def test_search_index_is_local_json(small_built):
    index = json.loads((small_built.site / "search/search_index.json").read_text())
    assert any(doc["location"].startswith("principles/listen-first/") for doc in index["docs"])


def test_pages_carry_the_handbook_language(default_built, tmp_path):
    assert '<html lang="en"' in default_built.html("")
    site = _build("german", SITES / "assessment7", tmp_path / "site").site
    html = page_file(site, "").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert 'aria-label="Suche"' in html  # Material's own labels follow too


def test_each_tag_has_one_heading_and_the_tag_links_land_on_it(default_built):
    page = default_built.html("tags/")
    every_id = [attrs["id"] for _, attrs, _ in parse(page).tags if "id" in attrs]
    assert len(every_id) == len(set(every_id)), "an id appears twice"
    principle = default_built.html("principles/serve-inside-out/")
    tag_links = [url for url in links(principle, "principles/serve-inside-out/") if "tags/#" in url]
    assert tag_links
    for url in tag_links:
        assert url.partition("#")[2] in ids(page), url
