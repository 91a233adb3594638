"""Publishing anywhere: a handbook without docs/, a site opened from a folder or file share
(``build --offline``), 404.html under a sub-path, and folders a build must not replace."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from site_support import (
    ROOT,
    SITES,
    copy_project,
    http_get,
    inside,
    links,
    page_file,
    run_cli,
    run_mkdocs,
    serving,
    tree_hashes,
    wait_for,
)

from playbook_gen.build import build_site


@pytest.fixture
def no_docs(tmp_path) -> Path:
    """The small handbook laid out exactly as SPEC shows it: mkdocs.yml and content/, no docs/."""
    project = copy_project(SITES / "small", tmp_path / "project")
    shutil.rmtree(project / "docs")
    return project


# -- a handbook without docs/ ---------------------------------------------------------------------


def test_a_handbook_without_docs_builds(no_docs):
    with inside(no_docs):
        result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert page_file(no_docs / "site", "principles/listen-first/").is_file()
    assert not (no_docs / "docs").exists()  # nothing appears in the user's project


def test_a_handbook_without_docs_exports_a_project_that_plain_mkdocs_builds(no_docs):
    with inside(no_docs):
        result = run_cli("export", "out")
    assert result.exit_code == 0, result.output
    built = run_mkdocs("build", "--strict", "-f", "out/mkdocs.yml", cwd=no_docs)
    assert built.returncode == 0, built.stderr
    assert page_file(no_docs / "out/site", "principles/listen-first/").is_file()


def test_a_handbook_without_docs_is_served_and_rebuilt_when_content_changes(no_docs):
    file = no_docs / "content/principles/listen-first.yaml"
    with serving(no_docs, "-m", "playbook_gen") as (base, output):
        page = base + "principles/listen-first/"
        wait_for(lambda: http_get(page)[0] == 200, "the first build")
        assert "Listen first" in http_get(page)[1]
        # No policy while previewing: MkDocs' live reload adds a script to every page.
        assert "Content-Security-Policy" not in http_get(page)[1]
        file.write_text(file.read_text().replace("title: Listen first", "title: Hear them out"))
        wait_for(lambda: "Hear them out" in http_get(page)[1], "the rebuilt page")
    assert "Traceback" not in "".join(output)
    assert not (no_docs / "docs").exists()


# -- folders a build replaces ----------------------------------------------------------------------


@pytest.mark.parametrize("offline", [False, True], ids=["build", "build --offline"])
@pytest.mark.parametrize(
    "contents",
    [{"notes.txt": "keep me"}, {".git/HEAD": "ref: refs/heads/main\n", "index.html": "old"}],
    ids=["someone's files", "a git checkout"],
)
def test_build_refuses_a_folder_that_is_not_an_earlier_build(no_docs, offline, contents):
    folder = no_docs.parent / "public"
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    before = tree_hashes(folder)
    with inside(no_docs):
        result = run_cli("build", "--site-dir", str(folder), *(["--offline"] if offline else []))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: refusing to write the site into {folder}: ")
    assert tree_hashes(folder) == before


# (MkDocs refuses a site_dir around docs_dir itself.)
@pytest.mark.parametrize("site_dir", ["keep", "content", "home"])
def test_plain_mkdocs_build_refuses_a_folder_the_handbook_did_not_build(
    no_docs, site_dir, monkeypatch
):
    (no_docs / "docs").mkdir()  # plain MkDocs needs one
    (no_docs / "docs/notes.md").write_text("# Notes\n")
    (no_docs / "keep").mkdir()
    (no_docs / "keep/letter.txt").write_text("keep me")
    home = no_docs.parent / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/cv.txt").write_text("mine")
    before = {p: tree_hashes(p) for p in (no_docs, home)}
    target = home if site_dir == "home" else no_docs / site_dir
    result = run_mkdocs("build", "-d", str(target), cwd=no_docs, env={"HOME": str(home)})
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [errors[0]] and errors[0].startswith(
        f"Error: refusing to write the site into {target.resolve()}: "
    )
    assert {p: tree_hashes(p) for p in (no_docs, home)} == before


def test_build_refuses_a_home_folder_and_any_folder_above_one(no_docs, monkeypatch):
    home = no_docs.parent / "people/alex"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/cv.txt").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    before = tree_hashes(no_docs.parent / "people")
    for folder in (home, home.parent):
        with inside(no_docs):
            result = run_cli("build", "--site-dir", str(folder))
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: refusing to write the site into {folder}: it holds your home folder ({home})\n"
        )
    assert tree_hashes(no_docs.parent / "people") == before


def test_build_replaces_an_earlier_build_and_an_empty_folder(no_docs):
    folder = no_docs.parent / "public"
    folder.mkdir()
    with inside(no_docs):
        assert run_cli("build", "--site-dir", str(folder)).exit_code == 0  # empty
        assert run_cli("build", "--site-dir", str(folder), "--offline").exit_code == 0  # earlier
        assert run_cli("build", "--site-dir", str(folder)).exit_code == 0
    assert page_file(folder, "principles/listen-first/").is_file()
    assert not (folder / "principles/listen-first.html").exists()  # nothing of the old one


# -- the file-share build --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def share(tmp_path_factory) -> Path:
    """The default handbook built with --offline into a folder, as on a file share."""
    folder = tmp_path_factory.mktemp("share") / "handbook"
    build_site(ROOT / "mkdocs.yml", folder, offline=True)
    return folder


def test_offline_pages_are_files_and_link_to_files(share):
    home = (share / "index.html").read_text(encoding="utf-8")
    targets = links(home, "index.html")
    assert "principles/serve-inside-out.html" in targets
    assert "checklists/internal-service.html" in targets
    for target in targets:
        assert not target.endswith("/"), f"{target} would open a folder listing"
        assert (share / target.partition("#")[0]).is_file(), target
    assert (share / "search/search_index.js").read_text().startswith("var __index = {")


def test_the_normal_build_keeps_the_spec_urls(tmp_path):
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    assert page_file(site, "checklists/internal-service/").is_file()
    assert not (site / "search/search_index.js").exists()
    assert "pb-offline.js" not in page_file(site, "").read_text(encoding="utf-8")


def test_offline_site_opened_from_a_folder_links_and_search_work(page, share):
    page.goto(share.as_uri() + "/index.html")
    page.click(".md-content a[href='principles/index.html']")
    assert page.url == share.as_uri() + "/principles/index.html"
    page.click(".md-content a[href='serve-inside-out.html']")
    assert page.url == share.as_uri() + "/principles/serve-inside-out.html"
    title = "Serve colleagues as customers, because internal service sets the ceiling"
    assert page.locator("h1").first.inner_text().startswith(title)

    page.click(".md-search__input")
    page.keyboard.type("colleagues as customers")
    result = page.locator(".md-search-result__link").first
    result.wait_for()
    found = share.as_uri() + "/principles/serve-inside-out.html"
    assert result.get_attribute("href").partition("?")[0] == found
    result.click()
    assert page.url.startswith(share.as_uri() + "/principles/serve-inside-out.html")


def test_offline_site_keeps_answers_and_ticks_after_reload(page, share):
    page.goto(share.as_uri() + "/assessments/internal-service.html")
    form = "[data-pb-assessment=internal-service]"
    page.wait_for_selector(f"{form}[data-pb-ready]")
    for question, answer in {"rsp-1": 4, "rsp-2": 5, "rsp-3": 2, "rsp-4": 3}.items():
        page.check(f'{form} input[name="{question}"][value="{answer}"]')
    score = '[data-pb-score="responsiveness"]'
    assert page.get_attribute(score, "data-value") == "4"  # rsp-3 is reversed: 2 counts as 4
    page.reload()
    page.wait_for_selector(f"{form}[data-pb-ready]")
    assert page.is_checked(f'{form} input[name="rsp-3"][value="2"]')
    assert page.get_attribute(score, "data-value") == "4"

    page.goto(share.as_uri() + "/checklists/internal-service.html")
    item = page.locator("[data-pb-item] input[type=checkbox]").first
    item.check()
    page.reload()
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    assert page.locator("[data-pb-item] input[type=checkbox]").first.is_checked()
    assert page.get_attribute("[data-pb-progress]", "data-done") == "1"


# -- 404.html --------------------------------------------------------------------------------------


class _ErrorPageHandler(http.server.SimpleHTTPRequestHandler):
    """Answer a missing address under /handbook/ with the site's 404.html, as nginx's
    ``error_page 404 /handbook/404.html`` does."""

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.path.startswith("/handbook/"):
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "handbook/404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sub_path_server(tmp_path_factory):
    """The default handbook served under /handbook/, missing addresses answered by 404.html."""
    root = tmp_path_factory.mktemp("www")
    build_site(ROOT / "mkdocs.yml", root / "handbook")
    handler = functools.partial(_ErrorPageHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("missing", ["handbook/no-such-page/", "handbook/principles/gone/deeper/"])
def test_404_page_under_a_sub_path_is_styled_and_links_into_the_handbook(
    page, sub_path_server, missing
):
    page.watch = None  # the missing address itself is a console error
    styles: list[int] = []
    page.on(
        "response",
        lambda r: styles.append(r.status) if "/stylesheets/main." in r.url else None,
    )
    response = page.goto(sub_path_server + missing)
    assert response.status == 404
    assert 200 in styles, "Material's stylesheet was not loaded"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    principles = page.locator(".md-nav__link[href$='principles/']").first
    assert principles.evaluate("a => a.href") == sub_path_server + "handbook/principles/"
    principles.click()
    assert page.url == sub_path_server + "handbook/principles/"
    assert page.locator("h1").first.inner_text().startswith("Principles")


def test_404_page_uses_no_root_absolute_links(tmp_path):
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    text = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/' not in text
    assert 'src="/' not in text
