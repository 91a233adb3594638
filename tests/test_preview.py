"""The preview rebuilds only what a save changed, and is then the site a full build makes.

Each test starts a preview of a copy of the default handbook as ``playbook-gen serve`` does
(MkDocs' dirty mode, the plugin kept between builds), edits the content as HR would, rebuilds,
and compares every file with a full build of the same content made from scratch: byte for byte,
except the search index, whose entries may come in another order.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import expect
from site_support import ENV, ROOT, copy_project

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _site_files(site: Path) -> dict[str, object]:
    """Return {relative path: what a reader gets} for every file of a built site."""
    out: dict[str, object] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if name == "search/search_index.json":
            index = json.loads(data)
            index["docs"] = sorted(index["docs"], key=lambda d: json.dumps(d, sort_keys=True))
            out[name] = index
        elif name.endswith(".gz"):
            out[name] = gzip.decompress(data)  # the gzip header holds the time it was written
        else:
            out[name] = data
    return out


class Preview:
    """A preview session: the first build, then one rebuild per save, in one folder."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.build(config)

    def config(self):
        return load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))

    def build(self, config=None):
        config = config or self.config()
        build(config, dirty=True)
        self.plugin = config.plugins["playbook"]

    def rebuilt(self) -> set[str]:
        """The URLs of the pages the last build rendered."""
        return set(self.plugin.rebuilt)


FULL_BUILD = """
import logging, sys
sys.path.insert(0, sys.argv[3])
logging.getLogger("mkdocs").setLevel(logging.ERROR)
from pathlib import Path
from test_preview import Preview
Preview(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _full_build(project: Path, site: Path) -> dict[str, object]:
    """Build the project from scratch, in a new preview session, and return its files.

    In a process of its own: MkDocs keeps one instance of each plugin per process, so a second
    session here would share the first one's plugins.
    """
    if site.exists():
        shutil.rmtree(site)
    tests = Path(__file__).parent
    subprocess.run(
        [sys.executable, "-c", FULL_BUILD, str(project), str(site), str(tests)],
        check=True,
        env=ENV,
        cwd=project,
    )
    return _site_files(site)


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def _plugins_of_this_module():
    """Start and end with new plugins: MkDocs keeps one instance of each per process, and a
    preview's (Material's search keeps the last index) must not reach other tests' builds."""
    MkDocsConfig.plugins.plugin_cache.clear()
    yield
    MkDocsConfig.plugins.plugin_cache.clear()


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    work = tmp_path_factory.mktemp("preview")
    project = copy_project(ROOT, work / "project")
    return Preview(project, work / "site"), work


def _same_as_full_build(session) -> None:
    preview, work = session
    got = _site_files(preview.site)
    expected = _full_build(preview.project, work / "full")
    assert sorted(got) == sorted(expected)
    differ = [name for name in expected if got[name] != expected[name]]
    assert differ == []


def _content(session) -> Path:
    return session[0].project / "content"


def test_an_examples_text_rebuilds_its_page_only(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "examples" / "dell.yaml",
        lambda d: d.update(summary=d["summary"] + " Edited in the preview."),
    )
    preview.build()
    rebuilt = preview.rebuilt()
    assert "examples/dell/" in rebuilt
    assert "principles/serve-inside-out/" not in rebuilt
    assert "glossary/" not in rebuilt  # a hand-written page, which does not show it
    assert len(rebuilt) < 15  # the example, the pages listing it
    _same_as_full_build(session)


def test_a_hand_written_page(session):
    preview, _ = session
    path = preview.project / "docs" / "glossary.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nEdited in the preview.\n", encoding="utf-8"
    )
    preview.build()
    assert "glossary/" in preview.rebuilt()
    page = preview.site / "glossary" / "index.html"
    assert "Edited in the preview." in page.read_text(encoding="utf-8")
    _same_as_full_build(session)


def test_a_principles_title_rebuilds_every_page(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "principles" / "serve-inside-out.yaml",
        lambda d: d.update(title="Serve the teams inside first", short_title="Inside first"),
    )
    preview.build()
    assert "examples/dell/" in preview.rebuilt()  # the navigation changed on every page
    _same_as_full_build(session)


def test_an_examples_principles_list(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "examples" / "dell.yaml",
        lambda d: d.update(principles=[*d["principles"], "safe-to-speak"]),
    )
    preview.build()
    assert "principles/safe-to-speak/" in preview.rebuilt()
    _same_as_full_build(session)


def test_a_checklist_items_text_and_role(session):
    def change(data):
        item = data["items"][0]
        item["text"] = "Publish a one-page list of what the team offers and how to ask."
        item["role"] = "team-member" if item["role"] != "team-member" else "service-owner"

    preview, _ = session
    _edit_yaml(_content(session) / "checklists" / "internal-service.yaml", change)
    preview.build()
    assert "checklists/internal-service/" in preview.rebuilt()
    _same_as_full_build(session)


def test_an_examples_title_on_its_principles_pages(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "examples" / "zappos.yaml",
        lambda d: d.update(title="Zappos, renamed in the preview"),
    )
    preview.build()
    rebuilt = preview.rebuilt()
    principles = yaml.safe_load(
        (_content(session) / "examples" / "zappos.yaml").read_text(encoding="utf-8")
    )["principles"]
    for principle in principles:
        assert f"principles/{principle}/" in rebuilt
        page = preview.site / "principles" / principle / "index.html"
        assert "Zappos, renamed in the preview" in page.read_text(encoding="utf-8")
    _same_as_full_build(session)


def test_a_checklist_items_text_on_the_onboarding_plan(session):
    preview, _ = session
    path = _content(session) / "checklists" / "feedback-culture.yaml"
    role = yaml.safe_load(path.read_text(encoding="utf-8"))["items"][0]["role"]
    _edit_yaml(path, lambda d: d["items"][0].update(text="Ask the team what to stop doing."))
    preview.build()
    assert f"onboarding/{role}/" in preview.rebuilt()
    plan = preview.site / "onboarding" / role / "index.html"
    assert "Ask the team what to stop doing." in plan.read_text(encoding="utf-8")
    _same_as_full_build(session)


def test_a_roles_name_in_playbook_yaml(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "playbook.yaml",
        lambda d: d["roles"][0].update(name="Someone new to the team"),
    )
    preview.build()
    _same_as_full_build(session)


def test_a_phase_name(session):
    preview, _ = session
    _edit_yaml(
        _content(session) / "playbook.yaml",
        lambda d: d["phases"][0].update(name="Your first week"),
    )
    preview.build()
    _same_as_full_build(session)


def test_a_new_file_and_a_deleted_file(session):
    preview, _ = session
    examples = _content(session) / "examples"
    shutil.copy(examples / "zappos.yaml", examples / "zappos-again.yaml")
    _edit_yaml(examples / "zappos-again.yaml", lambda d: d.update(title="Zappos, once more"))
    preview.build()
    assert "examples/zappos-again/" in preview.rebuilt()
    _same_as_full_build(session)
    (examples / "zappos-again.yaml").unlink()
    preview.build()
    assert not (preview.site / "examples" / "zappos-again").joinpath("index.html").exists()
    _same_as_full_build(session)


def test_a_broken_file_keeps_the_last_good_pages_until_it_is_fixed(session):
    preview, _ = session
    page = preview.site / "examples" / "dell" / "index.html"
    before = page.read_bytes()
    problems = preview.site / "assets" / "playbook" / "preview-problems.json"
    assert json.loads(problems.read_text(encoding="utf-8"))["problems"] == []
    path = _content(session) / "examples" / "dell.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    preview.build()
    assert page.read_bytes() == before  # the last good page, not a 404
    listed = json.loads(problems.read_text(encoding="utf-8"))
    assert listed["title"].startswith("1 problem in the content.")
    assert [Path(line.split(":")[0]).name for line in listed["problems"]] == ["dell.yaml"]
    path.write_text(good, encoding="utf-8")
    preview.build()
    assert json.loads(problems.read_text(encoding="utf-8"))["problems"] == []
    _same_as_full_build(session)


def test_the_banner_lists_the_problems_over_the_last_good_page(tmp_path, page, serve_site):
    project = copy_project(ROOT, tmp_path / "project")
    site = tmp_path / "preview"
    path = project / "content" / "examples" / "dell.yaml"
    _full_build(project, site)  # the preview's first build, without problems
    base = serve_site(site)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base + "examples/dell/")
    assert page.locator(".pb-preview-problems").count() == 0

    # What a save with a problem leaves in the folder: the pages as they were, the banner's list.
    (site / "assets" / "playbook" / "preview-problems.json").write_text(
        json.dumps(
            {
                "title": "1 problem in the content.",
                "problems": [f"{path}:2:8: title: " + "a very long line " * 12],
            }
        ),
        encoding="utf-8",
    )
    page.reload()
    banner = page.locator(".pb-preview-problems")
    expect(banner).to_have_attribute("role", "alert")
    expect(banner.locator("li")).to_have_count(1)
    expect(banner.locator("li")).to_contain_text("dell.yaml:2:8: title: a very long line")
    expect(page.locator("h1")).to_contain_text("Dell")  # the last good page, under the banner
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # long lines wrap at 390 px


def test_renaming_one_of_many_principles_rebuilds_its_navigation_group(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_build import generate_handbook

    project = generate_handbook(tmp_path / "project", 100)  # principles in groups of 25
    preview = Preview(project, tmp_path / "site")
    _edit_yaml(
        project / "content" / "principles" / "principle-30.yaml",
        lambda d: d.update(title="Principle thirty, renamed"),
    )
    preview.build()
    rebuilt = preview.rebuilt()
    assert {"principles/principle-30/", "principles/principle-31/"} <= rebuilt  # its group
    assert "principles/principle-1/" not in rebuilt  # another group: it shows the title only
    assert "examples/example-1/" not in rebuilt
    _same_as_full_build((preview, tmp_path))


def test_what_each_page_shows_of_the_navigation():
    from playbook_gen.preview import nav_menus

    def nav(title_of_p30: str) -> list:
        group = lambda a, b: [  # noqa: E731
            {(title_of_p30 if i == 30 else f"P{i}"): f"p/{i}.md"} for i in range(a, b)
        ]
        return [
            {"Home": "index.md"},
            {"Principles": [{"1–25": group(1, 26)}, {"26–40": group(26, 41)}]},
            "glossary.md",
        ]

    pages = ["index.md", "glossary.md", "results/team.md", *(f"p/{i}.md" for i in range(1, 41))]
    before = nav_menus(nav("P30"), pages, pruned=True)
    after = nav_menus(nav("Renamed"), pages, pruned=True)
    changed = sorted(p for p in pages if before[p] != after[p])
    assert changed == [f"p/{i}.md" for i in range(26, 41)]  # its group only, the last page too
    whole = nav_menus(nav("Renamed"), pages, pruned=False)
    assert all(whole[p] != nav_menus(nav("P30"), pages, pruned=False)[p] for p in pages)
