"""The exported handbook built by Zensical (Material's successor): every link leads somewhere,
and the interactive pages and search work in a browser, served from a sub-path.

Zensical reads the exported mkdocs.yml and runs no plugins or hooks. It resolves links in raw
HTML as it does Markdown links, so our pages write both the same way (see pages/rawhtml.py).
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_support import ENV, ROOT, parse

from playbook_gen.build import export_site


@pytest.fixture(scope="module")
def zensical_project(tmp_path_factory) -> Path:
    """The default handbook exported, then built by ``zensical build`` into the project's site/."""
    project = export_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("zensical") / "project")
    zensical_build(project)
    assert (project / "site" / "index.html").is_file()
    return project


def zensical_build(project: Path) -> None:
    """Build an exported project with ``zensical build`` into its site/ folder."""
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def page_address(site: Path, file: Path) -> str:
    """The site-relative URL a built file is served at (``x/`` for ``x/index.html``)."""
    rel = file.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if file.name == "index.html" else rel


def broken_links(site: Path) -> list[str]:
    """Every href and src in every page that does not lead to a file of the site (or to an id
    on it), as 'page: link'. The site is taken to be served from a sub-path, so a link that
    climbs above it is broken too. 404.html is the exception: a server shows it at any
    address, so the engines link it from the server's root, where this site then sits."""
    found = []
    ids: dict[Path, set[str]] = {}
    for file in sorted(site.rglob("*.html")):
        address = page_address(site, file)
        root = "/" if address == "404.html" else "/sub/"
        for _, attrs, _ in parse(file.read_text(encoding="utf-8")).tags:
            for name in ("href", "src"):
                value = attrs.get(name)
                if not value or value.startswith(("#", "?", "mailto:", "javascript:", "data:")):
                    continue
                parts = urlsplit(urljoin(f"http://site.invalid{root}{address}", value))
                if parts.netloc != "site.invalid":
                    continue  # another host: other tests keep those out
                path = posixpath.normpath(unquote(parts.path)).rstrip("/") + "/"
                if not path.startswith(root):
                    found.append(f"{address}: {value} (above the site)")
                    continue
                target = site / path[len(root) :].rstrip("/")
                if parts.path.endswith("/") or target.is_dir():
                    target /= "index.html"
                if not target.is_file():
                    found.append(f"{address}: {value}")
                elif parts.fragment and target.suffix == ".html":
                    if target not in ids:
                        tags = parse(target.read_text(encoding="utf-8")).tags
                        ids[target] = {a["id"] for _, a, _ in tags if "id" in a}
                    if unquote(parts.fragment) not in ids[target]:
                        found.append(f"{address}: {value} (no such anchor)")
    return found


def test_every_link_of_the_zensical_build_leads_to_a_page_and_anchor(zensical_project):
    site = zensical_project / "site"
    assert broken_links(site) == []
    # The pages whose links are written in raw HTML are among those checked.
    for page in ("assessments/internal-service/", "checklists/internal-service/"):
        assert (site / page / "index.html").is_file()
    onboarding = site / "onboarding" / "service-owner" / "index.html"
    assert 'href="../../checklists/internal-service/#' in onboarding.read_text(encoding="utf-8")


def test_the_same_export_built_by_plain_mkdocs_has_every_link_too(zensical_project, tmp_path):
    """Plain MkDocs leaves raw HTML alone: the exported hook resolves those links for it."""
    from site_support import run_mkdocs

    www = tmp_path / "www"
    run_mkdocs("build", "-q", "-f", "mkdocs.yml", "-d", str(www), cwd=zensical_project, check=True)
    assert broken_links(www) == []
    page = (www / "checklists" / "internal-service" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../onboarding/service-owner/"' in page
    assert '<script src="../../assets/playbook/pb-checklist.js" defer>' in page
    dialog = [a for _, a, _ in parse(page).tags if a.get("data-md-component") == "search"]
    assert dialog[0]["aria-label"] == "Search"


def test_the_exported_hook_needs_only_the_standard_library(zensical_project):
    """It runs in an exported project, where playbook-gen may not be installed."""
    import ast

    from playbook_gen.pages import rawhtml

    hook = zensical_project / "playbook_rawhtml.py"
    assert hook.read_text(encoding="utf-8") == Path(rawhtml.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(hook.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported and imported <= sys.stdlib_module_names


def test_zensical_names_the_search_dialog_and_loads_no_web_fonts(zensical_project):
    index = (zensical_project / "site" / "index.html").read_text(encoding="utf-8")
    dialog = [a for tag, a, _ in parse(index).tags if a.get("data-md-component") == "search"]
    assert dialog and dialog[0]["role"] == "dialog" and dialog[0]["aria-label"] == "Search"
    assert "fonts.googleapis.com" not in index and "fonts.gstatic.com" not in index


# -- in Chromium -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zensical_site(zensical_project, serve_site) -> str:
    """The Zensical build served from a sub-path: base URL ending in /."""
    return serve_site(zensical_project) + "site/"


def test_assessment_scores_on_zensical(page, zensical_site):
    page.goto(zensical_site + "assessments/internal-service/")
    page.wait_for_selector("form[data-pb-assessment][data-pb-ready]")
    for question, answer in {"rsp-1": 4, "rsp-2": 5, "rsp-3": 2, "rsp-4": 3}.items():
        page.check(f"input[name='{question}'][value='{answer}']")
    assert page.get_attribute('[data-pb-score="responsiveness"]', "data-value") == "4"
    # page fixture: no console errors, no request to another host


def test_checklist_tick_survives_a_reload_on_zensical(page, zensical_site):
    page.goto(zensical_site + "checklists/internal-service/")
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    box = page.locator("[data-pb-item='internal-service#service-catalogue'] input[type=checkbox]")
    box.check()
    page.reload()
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    assert box.is_checked()
    assert page.get_attribute("[data-pb-progress]", "data-done") == "1"


def test_onboarding_items_open_their_checklist_items_on_zensical(page, zensical_site):
    page.goto(zensical_site + "onboarding/service-owner/")
    page.wait_for_selector("[data-pb-onboarding][data-pb-ready]")
    item = page.locator("[data-pb-item='internal-service#service-catalogue']")
    item.locator(".pb-item-meta a", has_text="Internal service").first.click()
    page.wait_for_url(zensical_site + "checklists/internal-service/#service-catalogue")
    target = page.locator("#service-catalogue")
    assert target.get_attribute("data-pb-item") == "internal-service#service-catalogue"


def test_search_finds_a_principle_on_zensical(page, zensical_site):
    page.goto(zensical_site)
    page.get_by_role("button", name="Search").click()
    page.keyboard.type("ceiling")
    title = "Serve colleagues as customers, because internal service sets the ceiling"
    result = page.get_by_role("option", name=title)
    result.wait_for()
    assert result.get_attribute("href").startswith(zensical_site + "principles/serve-inside-out/")
    result.click()
    page.wait_for_url(zensical_site + "principles/serve-inside-out/**")
    assert page.locator("article h1").inner_text().removesuffix("¶") == title


def test_the_exported_dashboard_builds_on_zensical_with_every_link(tmp_path):
    """The results handbook's export: the overview and each team page, their links (written in
    raw HTML) all leading somewhere."""
    from site_support import SITES

    project = export_site(SITES / "results" / "mkdocs.yml", tmp_path / "project")
    zensical_build(project)
    site = project / "site"
    for team in ("team-payroll", "team-facilities"):
        assert (site / "results" / "team-pulse" / team / "index.html").is_file()
    overview = (site / "results" / "index.html").read_text(encoding="utf-8")
    assert 'href="team-pulse/team-payroll/"' in overview
    assert broken_links(site) == []
