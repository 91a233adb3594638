"""Pages rendered from a handbook: what they say and link to, before any site engine runs."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from playbook_gen.content.loader import load_handbook
from playbook_gen.pages.render import render_site

ROOT = Path(__file__).resolve().parent.parent


def _principle_with(why: str, allow_html: bool) -> str:
    handbook = load_handbook(ROOT / "content")
    handbook.playbook.allow_html = allow_html
    handbook.principles["serve-inside-out"].why = why
    return render_site(handbook).pages["principles/serve-inside-out.md"]


def test_raw_html_in_content_is_shown_as_text_by_default():
    page = _principle_with('Read <b onclick="x()">this</b>.', allow_html=False)
    assert 'Read &lt;b onclick="x()"&gt;this&lt;/b&gt;.' in page
    assert "<b onclick" not in page


def test_allow_html_lets_trusted_html_through():
    page = _principle_with("Read <b>this</b>.", allow_html=True)
    assert "Read <b>this</b>." in page


def test_two_handbooks_in_one_process_keep_their_own_settings():
    trusted = _principle_with("<i>x</i>", allow_html=True)
    untrusted = _principle_with("<i>x</i>", allow_html=False)
    assert "<i>x</i>" in trusted and "&lt;i&gt;x&lt;/i&gt;" in untrusted


def test_every_page_links_to_pages_that_exist():
    import re

    site = render_site(load_handbook(ROOT / "content"))
    targets = set(site.pages) | {"editing.md"}
    for path, text in site.pages.items():
        base = Path(path).parent
        for link in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
            resolved = (base / link).as_posix()
            while "/../" in resolved or resolved.startswith("../"):
                resolved = re.sub(r"[^/]+/\.\./", "", resolved, count=1)
            assert resolved in targets, f"{path} links to {link}"


def test_every_language_labels_everything_english_does():
    from playbook_gen.i18n import WORDS

    for language, table in WORDS.items():
        assert set(table) == set(WORDS["en"]), language


def test_compiled_templates_are_kept_between_runs_and_a_broken_cache_changes_nothing(
    tmp_path, monkeypatch
):
    """Templates compiled by one `mkdocs build` are loaded by the next; a cache folder that
    cannot be written or holds garbage gives the same pages."""
    from playbook_gen.pages import render

    handbook = load_handbook(ROOT / "content")
    expected = render_site(handbook).pages

    def fresh_environment(cache_dir):
        render._environment.cache_clear()
        monkeypatch.setattr(
            render,
            "compiled_templates",
            functools.partial(render.compiled_templates, directory=str(cache_dir)),
        )
        return render_site(handbook).pages

    try:
        assert fresh_environment(tmp_path) == expected
        cached = sorted(p.name for p in tmp_path.iterdir())
        assert cached, "compiled templates were written"
        assert fresh_environment(tmp_path) == expected

        for entry in tmp_path.iterdir():
            entry.write_bytes(b"garbage")
        assert fresh_environment(tmp_path) == expected

        def disk_full(self, bucket):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("jinja2.FileSystemBytecodeCache.dump_bytecode", disk_full)
        for entry in tmp_path.iterdir():
            entry.unlink()
        assert fresh_environment(tmp_path) == expected
    finally:
        render._environment.cache_clear()


def test_only_interactive_pages_name_scripts_and_after_their_data():
    """No script on every page; each interactive page names its own, and a page with a review
    date the review notice's, relative to its Markdown file.

    One per page: the page script is served with the shared core in it (PAGE_SCRIPTS).
    """
    import posixpath
    import re

    from playbook_gen.pages.render import ASSET_DIR, ASSETS, PAGE_SCRIPTS

    handbook = load_handbook(ROOT / "content")
    for directory_urls in (True, False):
        site = render_site(handbook, directory_urls=directory_urls)
        assert site.extra_javascript == []
        assert site.extra_css == [f"{ASSET_DIR}/pb.css"]
        for name in ASSETS:
            assert f"{ASSET_DIR}/{name}" in site.files
        for path, page in site.pages.items():
            scripts = re.findall(r'<script src="([^"]+)"(?: defer)?></script>', page)
            kind = path.split("/")[0]
            # An assessment's page; not the index, nor its facilitator guide (which has none).
            is_guide = path.endswith("/workshop.md")
            if path.startswith("assessments/") and path != "assessments/index.md" and not is_guide:
                wanted, data = ["pb-assessment.js"], 'id="pb-assessment-data"'
            elif kind == "checklists" and not path.endswith("index.md"):
                wanted, data = ["pb-checklist.js"], 'id="pb-checklist-data"'
            elif kind == "onboarding" and not path.endswith("index.md"):
                # the checklist's script with the plan's part (pb-plan.js), in one file
                wanted, data = ["pb-plan.js"], 'id="pb-checklist-data"'
            else:
                wanted, data = [], None
            # A page with a review date also names the review notice's script, last, unless
            # its own script carries it (PAGE_SCRIPTS): one file of ours per page.
            names = [posixpath.basename(src) for src in scripts]
            if 'data-pb-due="' in page:  # the notice's code comes with some script it loads
                assert any("pb-review.js" in PAGE_SCRIPTS[name] for name in names), path
            if names and names[-1] == "pb-review.js":
                assert 'data-pb-due="' in page, path
                names.pop()
                assert names == [], path
            assert names == wanted, path
            if data:
                assert page.index(data) < page.index("<script src"), path
            for src in scripts:  # as a Markdown link: relative to the page's Markdown file
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), src))
                assert target.startswith(f"{ASSET_DIR}/"), (path, src)


def test_assessment_method_is_folded_away_and_absent_without_one():
    handbook = load_handbook(ROOT / "content")
    assessment = handbook.assessments["internal-service"]
    page = render_site(handbook).pages["assessments/internal-service.md"]
    intro_at, form_at = page.index('class="pb-text pb-intro"'), page.index("<form ")
    method_at = page.index('<details class="pb-method">\n<summary>How this assessment works')
    assert intro_at < method_at < form_at  # closed: no `open` attribute
    assert "Cronbach" in page[method_at:form_at] and "Cronbach" not in page[intro_at:method_at]
    assessment.method = None
    page = render_site(handbook).pages["assessments/internal-service.md"]
    assert 'class="pb-method"' not in page
    assert "How this assessment works" not in page


def test_a_pages_own_styles_are_written_into_it_not_linked():
    """The assessment's and the facilitator guide's styles (PAGE_STYLES) are in their pages,
    before what they style: no page links them and the site has no such file."""
    from playbook_gen.pages.render import ASSET_DIR, asset

    site = render_site(load_handbook(ROOT / "content"))
    for path, name, first in (
        ("assessments/internal-service.md", "pb-assessment.css", 'class="pb-text pb-intro"'),
        ("assessments/internal-service/workshop.md", "pb-workshop.css", 'class="pb-workshop"'),
    ):
        page = site.pages[path]
        style = f'<style data-pb-style="{name}">{asset(name).decode()}</style>'
        assert page.count(style) == 1, path
        assert page.index(style) < page.index(first), path
        assert f"{ASSET_DIR}/{name}" not in site.files
        assert all(name not in other for other in site.pages.values() if other is not page)
    links = re.findall(r"<link[^>]*>", "".join(site.pages.values()))
    assert not [link for link in links if ".css" in link]


def test_the_assessment_shows_its_scripts_controls_from_the_start_unless_without_javascript():
    """What needs the page's script is not `hidden` in the HTML (the form is laid out once and
    the script is deferred); a <noscript> style hides it and shows the note that it is needed."""
    page = render_site(load_handbook(ROOT / "content")).pages["assessments/internal-service.md"]
    scripted = re.findall(r'<(?:div|p) class="[^"]*\bpb-js\b[^"]*"[^>]*>', page)
    assert len(scripted) == 13  # progress line, link for customers, 7 scores, results, tools...
    assert not [tag for tag in scripted if " hidden" in tag]
    assert (
        "<noscript><style>[data-pb-js], .pb-js { display: none; } "
        ".pb-nojs { display: block; }</style></noscript>"
    ) in page
    assert '<script src="../assets/playbook/pb-assessment.js" defer></script>' in page


def _titles(nav: list) -> list:
    """The group titles of a navigation, nested as the groups are."""
    return [
        [title, _titles(value)] if isinstance(value, list) else title
        for entry in nav
        if isinstance(entry, dict)
        for title, value in entry.items()
        if isinstance(value, list)
    ]


def test_a_large_section_is_split_into_numbered_groups():
    from playbook_gen.pages.render import nav_groups

    entries = [{f"Principle {i}": f"principles/p{i}.md"} for i in range(1, 61)]
    assert nav_groups(entries[:25]) == entries[:25]  # 25 fit without groups
    grouped = nav_groups(entries)
    assert _titles(grouped) == [["1–25", []], ["26–50", []], ["51–60", []]]
    assert grouped[2]["51–60"] == entries[50:]


def test_a_very_large_section_gets_groups_of_groups():
    from playbook_gen.pages.render import NAV_GROUP, nav_groups, nav_pages

    entries = [{f"Principle {i}": f"principles/p{i}.md"} for i in range(1, 701)]
    grouped = nav_groups(entries)
    assert [t for t, _ in _titles(grouped)] == ["1–625", "626–700"]
    inner = _titles(grouped)[1][1]
    assert inner == [["626–650", []], ["651–675", []], ["676–700", []]]
    assert nav_pages(grouped) == [f"principles/p{i}.md" for i in range(1, 701)]  # none lost

    def widest(level: list) -> int:
        lists = [v for e in level if isinstance(e, dict) for v in e.values() if isinstance(v, list)]
        return max([len(level), *(widest(v) for v in lists)])

    assert widest(nav_groups(entries * 30)) <= NAV_GROUP  # 21,000 entries, no level wider


def test_the_cycle_collector_is_paused_while_rendering_and_running_after(monkeypatch):
    """Rendered pages live on: Python's cycle collector waits while they are made (see
    playbook_gen/collector.py), and runs again afterwards."""
    import gc

    from playbook_gen.pages import render

    handbook = load_handbook(ROOT / "content")
    during: list[bool] = []
    real = render._Renderer.render
    monkeypatch.setattr(
        render._Renderer,
        "render",
        lambda self, *args, **kwargs: during.append(gc.isenabled()) or real(self, *args, **kwargs),
    )
    assert render_site(handbook).pages
    assert during and not any(during)
    assert gc.isenabled()
