"""The handbook's name, organisation and logo, set once in content/playbook.yaml: every page's
header and tab title, printouts (a heading with the day of printing, a line to sign under
checklists and plans) and exports carry them; mkdocs.yml's site_name only stands in for MkDocs."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browser_support import build_handbook, print_preview
from click.testing import CliRunner
from site_support import ROOT, SITES, copy_project, inside, run_mkdocs

from playbook_gen.build import export_site
from playbook_gen.cli import cli
from playbook_gen.content.loader import load_handbook
from playbook_gen.new import create_handbook
from playbook_gen.pages.render import checklist_data, css_string, handbook_name, print_texts

HOSTILE = "Acme & Söhne <b>"
DEFAULT_NAME = "Example Co · Service Culture Playbook"
HOSTILE_NAME = f"{HOSTILE} · Service Handbook"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" onload="window.__pwned=1">'
    '<circle cx="12" cy="12" r="10"/></svg>'
)


class _Header(HTMLParser):
    """The texts of the header's site name and of <title>, and the header logo's address."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.topic = ""
        self.logo = None
        self.icon = None
        self.bold_in_header = False
        self._where: list[str] = []
        self._topics = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._where.append("title")
        if tag == "div" and "md-header__topic" in (a.get("class") or ""):
            self._topics += 1
            if self._topics == 1:
                self._where.append("topic")
        if tag == "img" and a.get("alt") == "logo":
            self.logo = a.get("src")
        if tag == "link" and a.get("rel") == "icon":
            self.icon = a.get("href")
        if tag == "b" and self._topics:
            self.bold_in_header = True

    def handle_endtag(self, tag):
        if self._where and tag in ("title", "div"):
            self._where.pop()

    def handle_data(self, data):
        if self._where and self._where[-1] == "title":
            self.title += data
        elif self._where and self._where[-1] == "topic":
            self.topic += data


def header(page_html: str) -> _Header:
    parser = _Header()
    parser.feed(page_html)
    parser.topic = parser.topic.strip()
    return parser


@pytest.fixture(scope="module")
def default_built(tmp_path_factory) -> Path:
    return build_handbook(ROOT, tmp_path_factory.mktemp("brand-default") / "site")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """A handbook made by `playbook-gen new --organisation "Acme & Söhne <b>"`."""
    project = tmp_path_factory.mktemp("brand-new") / "handbook"
    create_handbook(project, organisation=HOSTILE, theme="house")
    return project


@pytest.fixture(scope="module")
def hostile_built(hostile_project, tmp_path_factory) -> Path:
    return build_handbook(hostile_project, tmp_path_factory.mktemp("brand-new-site") / "site")


def run_validate(project: Path):
    with inside(project):
        return CliRunner().invoke(cli, ["validate"])


def small_project(tmp_path: Path) -> Path:
    return copy_project(SITES / "small", tmp_path / "project")


def set_playbook(project: Path, old: str, new: str) -> None:
    file = project / "content/playbook.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


# -- the name in headers and tab titles ------------------------------------------------------------


@pytest.mark.parametrize(
    "path, title",
    [
        ("index.html", "Service Culture Playbook"),
        ("principles/index.html", "Principles"),
        ("checklists/internal-service/index.html", "Internal service checklist"),
    ],
)
def test_every_page_shows_the_organisation_and_title_in_its_header_and_tab(
    default_built, path, title
):
    found = header((default_built / path).read_text(encoding="utf-8"))
    assert found.topic == DEFAULT_NAME
    assert found.title == f"{title} - {DEFAULT_NAME}"


def test_a_hostile_organisation_is_shown_as_text(hostile_built):
    for path in ("index.html", "checklists/getting-started/index.html"):
        found = header((hostile_built / path).read_text(encoding="utf-8"))
        assert found.topic == HOSTILE_NAME
        assert found.title.endswith(f" - {HOSTILE_NAME}")
        assert not found.bold_in_header


def test_a_title_that_names_the_organisation_is_not_repeated(tmp_path):
    project = small_project(tmp_path)
    handbook = load_handbook(project / "content")
    assert handbook_name(handbook.playbook) == "Small Co handbook"  # organisation: Small Co
    set_playbook(project, "organisation: Small Co", "organisation: Acme")
    assert handbook_name(load_handbook(project / "content").playbook) == "Acme · Small Co handbook"


def test_the_title_in_playbook_yaml_wins_over_site_name(tmp_path):
    project = small_project(tmp_path)
    set_playbook(project, "title: Small Co handbook", "title: Service Playbook")
    site = build_handbook(project, tmp_path / "site")
    found = header((site / "index.html").read_text(encoding="utf-8"))
    assert found.topic == "Small Co · Service Playbook"
    proc = run_mkdocs("build", "--strict", cwd=project)  # plain MkDocs too
    assert proc.returncode == 0, proc.stderr
    found = header((project / "site/index.html").read_text(encoding="utf-8"))
    assert found.topic == "Small Co · Service Playbook"


def test_validate_warns_in_one_line_when_site_name_differs(tmp_path):
    project = small_project(tmp_path)
    set_playbook(project, "title: Small Co handbook", "title: Service Playbook")
    result = run_validate(project)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "mkdocs.yml:1:12: site_name: 'Small Co handbook' is not shown; pages are named "
        "'Small Co · Service Playbook' from content/playbook.yaml "
        "(write its title here too: 'Service Playbook')\n"
    )


def test_validate_is_quiet_when_site_name_is_the_title(tmp_path, hostile_project):
    assert run_validate(small_project(tmp_path)).stdout == ""
    result = run_validate(hostile_project)
    assert (result.exit_code, result.stdout) == (0, "")


def test_the_starter_and_default_handbook_agree_with_their_site_name(hostile_project):
    for project in (ROOT, hostile_project):
        settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        playbook = yaml.safe_load((project / "content/playbook.yaml").read_text(encoding="utf-8"))
        assert settings["site_name"] == playbook["title"]


# -- the logo --------------------------------------------------------------------------------------


def test_a_logo_in_playbook_yaml_is_shown_in_the_header_as_a_safe_copy(tmp_path):
    project = small_project(tmp_path)
    (project / "docs/images").mkdir(parents=True)
    (project / "docs/images/logo.svg").write_text(LOGO, encoding="utf-8")
    (project / "content/playbook.yaml").open("a").write("logo: docs/images/logo.svg\n")
    site = build_handbook(project, tmp_path / "site")
    found = header((site / "principles/index.html").read_text(encoding="utf-8"))
    assert found.logo == "../images/logo.svg"
    assert found.icon == "../images/logo.svg"  # the favicon too, as mkdocs.yml sets none
    published = (site / "images/logo.svg").read_text(encoding="utf-8")
    assert "<circle" in published and "pwned" not in published


def test_a_logo_in_the_theme_folder_is_found_there(tmp_path):
    project = small_project(tmp_path)
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in settings
    settings = settings.replace("name: material", "name: material\n  custom_dir: themes/ours")
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
    (project / "themes/ours").mkdir(parents=True)
    (project / "themes/ours/mark.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (project / "content/playbook.yaml").open("a").write("logo: themes/ours/mark.png\n")
    site = build_handbook(project, tmp_path / "site")
    assert header((site / "index.html").read_text(encoding="utf-8")).logo == "mark.png"


@pytest.mark.parametrize(
    "logo, problem",
    [
        ("docs/images/nope.svg", "the file 'docs/images/nope.svg' does not exist "
         "(check the name and the folder)"),
        ("../logo.svg", "'../logo.svg' is not in docs/ or the theme folder (the path starts "
         "from the folder that holds mkdocs.yml, e.g. docs/images/logo.svg)"),
        ("content/playbook.yaml", "'content/playbook.yaml' is not in docs/ or the theme folder "
         "(the path starts from the folder that holds mkdocs.yml, e.g. docs/images/logo.svg)"),
        ("https://cdn.example.com/logo.svg", "give a file in docs/ or the theme folder, not an "
         "address: pages load nothing from another host (copy the file into the handbook, e.g. "
         "docs/images/logo.svg)"),
        ("docs/contact.md", "'docs/contact.md' is not an image file "
         "(use an .svg, .png, .jpg, .gif, .webp or .ico file)"),
    ],
)  # fmt: skip
def test_a_bad_logo_is_one_problem_line_and_nothing_is_built(tmp_path, logo, problem):
    project = small_project(tmp_path)
    lines = len((project / "content/playbook.yaml").read_text(encoding="utf-8").splitlines())
    (project / "content/playbook.yaml").open("a").write(f"logo: {logo}\n")
    expected = f"content/playbook.yaml:{lines + 1}:7: logo: {problem}\n"
    result = run_validate(project)
    assert (result.exit_code, result.stdout) == (1, expected)
    with inside(project):
        built = CliRunner().invoke(cli, ["build"])
    assert built.exit_code == 1
    assert expected in built.stderr
    assert not (project / "site").exists()


def test_a_logo_set_in_mkdocs_yml_wins_with_a_warning(tmp_path):
    project = small_project(tmp_path)
    (project / "docs/images").mkdir(parents=True)
    for name in ("logo.svg", "other.svg"):
        (project / "docs/images" / name).write_text(LOGO.replace(' onload="window.__pwned=1"', ""))
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("name: material", "name: material\n  logo: images/other.svg")
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
    lines = len((project / "content/playbook.yaml").read_text(encoding="utf-8").splitlines())
    (project / "content/playbook.yaml").open("a").write("logo: docs/images/logo.svg\n")
    result = run_validate(project)
    assert (result.exit_code, result.stdout) == (
        0,
        f"content/playbook.yaml:{lines + 1}:7: logo: not used: mkdocs.yml sets the logo "
        "(theme: logo:) (keep only one of them)\n",
    )
    site = build_handbook(project, tmp_path / "site")
    assert header((site / "index.html").read_text(encoding="utf-8")).logo == "images/other.svg"


# -- exports of the project ------------------------------------------------------------------------


def test_export_writes_the_name_and_logo_into_mkdocs_yml(hostile_project, tmp_path):
    (hostile_project / "docs/logo.svg").write_text(LOGO, encoding="utf-8")
    playbook = hostile_project / "content/playbook.yaml"
    before = playbook.read_text(encoding="utf-8")
    try:
        playbook.write_text(before + "logo: docs/logo.svg\n", encoding="utf-8")
        out = export_site(hostile_project / "mkdocs.yml", tmp_path / "out")
    finally:
        playbook.write_text(before, encoding="utf-8")
        (hostile_project / "docs/logo.svg").unlink()
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["site_name"] == "Acme &amp; Söhne &lt;b&gt; · Service Handbook"  # as text
    assert (settings["theme"]["logo"], settings["theme"]["favicon"]) == ("logo.svg", "logo.svg")
    assert "pwned" not in (out / "docs/logo.svg").read_text(encoding="utf-8")
    proc = run_mkdocs("build", "--strict", cwd=out)
    assert proc.returncode == 0, proc.stderr
    found = header((out / "site/index.html").read_text(encoding="utf-8"))
    assert (found.topic, found.logo) == (HOSTILE_NAME, "logo.svg")


# -- page data and print texts ---------------------------------------------------------------------


def test_page_data_names_the_organisation_and_handbook(hostile_project):
    handbook = load_handbook(hostile_project / "content")
    data = checklist_data(handbook, handbook.checklists["getting-started"])
    assert (data["organisation"], data["handbook"], data["name"]) == (
        HOSTILE,
        "Service Handbook",
        HOSTILE_NAME,
    )


def test_print_texts_are_css_strings_nothing_can_break_out_of(hostile_project):
    assert css_string('a "b" \\ }</style> é') == (
        '"a\\000020\\000022b\\000022\\000020\\00005c\\000020\\00007d\\00003c\\00002fstyle'
        '\\00003e\\000020\\0000e9"'
    )
    css = print_texts(load_handbook(hostile_project / "content"))
    assert css.startswith(":root{--pb-print-head:") and css.count("{") == css.count("}") == 1
    assert "<" not in css and "&" not in css


# -- in the browser: print and exports -------------------------------------------------------------


def pseudo(pg, selector: str, which: str) -> str:
    return pg.evaluate(
        "([s, w]) => getComputedStyle(document.querySelector(s), w).content", [selector, which]
    )


def test_a_printed_checklist_has_the_heading_and_a_line_to_sign(page, default_site):
    page.goto(default_site + "checklists/internal-service/")
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    assert page.title() == f"Internal service checklist - {DEFAULT_NAME}"
    screen = (
        pseudo(page, ".md-content__inner", "::before"),
        pseudo(page, ".md-content__inner", "::after"),
    )
    assert "Example Co" not in screen[0] and screen[1] in ("none", "normal")
    print_preview(page)
    today = page.evaluate("new Date().toLocaleDateString('en', {dateStyle: 'long'})")
    assert pseudo(page, ".md-content__inner", "::before") == f'"{DEFAULT_NAME} · printed {today}"'
    sign = pseudo(page, ".md-content__inner", "::after")
    assert sign.startswith('"Name ___') and "Date ___" in sign and "Signed ___" in sign
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.pb-item')).breakInside") == "avoid"
    )


def test_a_printed_page_without_script_has_the_heading_and_no_line_to_sign(page, default_site):
    page.goto(default_site + "principles/")
    page.emulate_media(media="print")
    assert pseudo(page, ".md-content__inner", "::before") == f'"{DEFAULT_NAME}"'
    assert pseudo(page, ".md-content__inner", "::after") in ("none", "normal")


def test_a_printed_plan_from_a_hostile_handbook_shows_its_name_as_text(
    page, serve_site, hostile_built
):
    base = serve_site(hostile_built)
    page.goto(base + "onboarding/manager/")
    page.wait_for_selector("[data-pb-onboarding][data-pb-ready]")
    print_preview(page)
    head = pseudo(page, ".md-content__inner", "::before")
    assert head.startswith(f'"{HOSTILE_NAME} · printed ')
    assert pseudo(page, ".md-content__inner", "::after").startswith('"Name ___')


def download(pg, action: str) -> tuple[str, str]:
    with pg.expect_download() as info:
        pg.click(f"[data-pb-action={action}]")
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


@pytest.mark.parametrize("hostile", [False, True])
def test_a_markdown_export_names_the_handbook(
    page, serve_site, default_site, hostile_built, hostile
):
    if hostile:
        url, name = serve_site(hostile_built) + "checklists/getting-started/", HOSTILE_NAME
    else:
        url, name = default_site + "checklists/internal-service/", DEFAULT_NAME
    page.goto(url)
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    _, text = download(page, "export-md")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[1] == ""
    assert lines[2] == name.replace("<", "\\<").replace(">", "\\>")  # Markdown: shown as text
    assert lines[3] == "" and lines[4].startswith("- [ ] ")


def test_an_assessment_csv_export_names_the_organisation(page, default_site):
    page.goto(default_site + "assessments/internal-service/")
    page.wait_for_selector("form[data-pb-ready]")
    _, text = download(page, "export-csv")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert ["Organisation", "", "Example Co", "", ""] in rows
    assert rows.index(["Organisation", "", "Example Co", "", ""]) + 1 == next(
        i for i, row in enumerate(rows) if row[0] == "Team name"
    )
