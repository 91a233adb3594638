"""Every built page carries a Content-Security-Policy: its own scripts run, nothing added later
does, and nothing loads from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_support import ROOT, SITES, copy_project

from playbook_gen.build import build_site
from playbook_gen.pages.csp import inline_script_hashes, policy_for, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.fixture(scope="module")
def checklist_site(tmp_path_factory) -> Path:
    """tests/sites/checklists (it has aliases, so redirect pages), built."""
    project = copy_project(SITES / "checklists", tmp_path_factory.mktemp("csp") / "project")
    return build_site(project / "mkdocs.yml", project / "site")


def test_inline_scripts_are_hashed_but_files_and_data_blocks_are_not():
    page = (
        "<head><meta charset='utf-8'>"
        "<script>run()</script>"
        '<script src="a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        "<script type=module>go()</script>"
        "<script>run()</script></head>"
    )
    # printf 'run()' | openssl dgst -sha256 -binary | base64, and the same for 'go()'
    assert inline_script_hashes(page) == [
        "'sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ='",
        "'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='",
    ]


def test_the_policy_comes_before_every_script_and_keeps_other_hosts_out():
    page = with_policy("<html><head>\n<meta charset=utf-8><script>run()</script></head></html>")
    policy = META.search(page)
    assert policy and policy.start() < page.index("<script>")
    assert policy[1] == policy_for("<script>run()</script>")
    assert "default-src 'self'" in policy[1]
    assert "object-src 'none'" in policy[1]
    assert with_policy("not a page") == "not a page"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("which", ["default handbook", "with redirects"])
def test_every_page_allows_exactly_its_own_inline_scripts(which, default_site_dir, checklist_site):
    site = default_site_dir if which == "default handbook" else checklist_site
    pages = _pages(site)
    assert (site / "404.html") in pages
    redirects = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policies = META.findall(text)
        assert len(policies) == 1, page
        assert text.index("<meta http-equiv") < text.find("<script"), page
        hashes = set(re.findall(r"'sha256-[^']+'", policies[0]))
        assert hashes == set(inline_script_hashes(text)), page
        redirects += "location.replace(" in text
    assert redirects > 0 or which == "default handbook"


@pytest.fixture(scope="module")
def default_site_dir(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("csp-default") / "site")


def test_a_script_added_to_a_page_afterwards_does_not_run(page, default_site):
    page.watch = None  # the blocked script is reported on the console, as it should be
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if msg.type == "error" else None)
    page.goto(default_site + "assessments/internal-service/")
    page.wait_for_selector("[data-pb-assessment][data-pb-ready]")
    ran = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener("securitypolicyviolation", () => resolve(window.__pwned));
            const script = document.createElement("script");
            script.textContent = "window.__pwned = 'ran'";
            document.body.append(script);
            setTimeout(() => resolve(window.__pwned), 2000);
        })"""
    )
    assert ran is None
    assert any("Content Security Policy" in text for text in violations)
    # The page's own scripts still work under the same policy.
    for question, answer in {"rsp-1": 5, "rsp-2": 5, "rsp-3": 1, "rsp-4": 5}.items():
        page.check(f'input[name="{question}"][value="{answer}"]')
    assert page.get_attribute('[data-pb-score="responsiveness"]', "data-value") == "5"
