"""A hostile mkdocs.yml: every text it gives a page carries a payload, its SVG logo carries a
script, and a Python tag tries to run code. The built site shows the texts and runs nothing."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_support import SITES, copy_project, inside, run_mkdocs
from test_svgclean import active_parts

from playbook_gen.build import build_site, export_site
from playbook_gen.cli import cli

P = "<script>window.__pwned=1</script>"
"""The payload: active if printed as HTML, harmless (and visible) if printed as text."""

HOSTILE = f"""\
site_name: 'Small Co {P}'
site_description: '"><script>window.__pwned=2</script>'
site_author: '"><img src=x onerror="window.__pwned=3">'
copyright: '<img src=x onerror="window.__pwned=4"> Small Co'
repo_url: https://git.example.org/small/handbook
repo_name: '<b onmouseover="window.__pwned=5">handbook</b>'
theme:
  name: material
  logo: images/logo.svg
  favicon: images/favicon.svg
  features: [navigation.footer, toc.integrate]
  palette:
    - scheme: default
      toggle: {{icon: material/brightness-7, name: '"><script>window.__pwned=6</script>'}}
    - scheme: 'slate" onclick="window.__pwned=7'
      toggle: {{icon: material/brightness-4, name: Dark}}
nav:
  - '<img src=x onerror="window.__pwned=8">': index.md
  - 'Help </title><script>window.__pwned=9</script>':
      - 'Contact </title><script>window.__pwned=10</script>': contact.md
  - Principles: principles/index.md
plugins:
  - search
  - playbook
markdown_extensions:
  - toc:
      title: '<img src=x onerror="window.__pwned=11">'
extra:
  homepage: https://example.org/?from=handbook&lang=en
  social:
    - icon: fontawesome/brands/github
      link: https://git.example.org/small
      name: '"><script>window.__pwned=12</script>'
  alternate:
    - name: '<img src=x onerror="window.__pwned=13">'
      link: ./
      lang: en
  status:
    new: '"><script>window.__pwned=14</script>'
  consent:
    title: '<script>window.__pwned=15</script>'
    description: '<img src=x onerror="window.__pwned=16">'
"""

LOGO = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 24 24" onload="window.__pwned=20">
  <script>window.__pwned=21</script>
  <foreignObject width="24" height="24">
    <iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:parent.__pwned=22"/>
  </foreignObject>
  <a xlink:href="javascript:window.__pwned=23"><circle cx="12" cy="12" r="10"/></a>
  <image href="https://tracker.example.com/pixel.png" width="1" height="1"/>
  <set attributeName="onmouseover" to="window.__pwned=24"/>
</svg>
"""

PYTHON_TAG = "\nhook: !!python/object/apply:builtins.exec [\"open('pwned', 'w').close()\"]\n"


def hostile_project(dest: Path) -> Path:
    project = copy_project(SITES / "small", dest)
    (project / "mkdocs.yml").write_text(HOSTILE, encoding="utf-8")
    # Pages take their name from playbook.yaml's title (mkdocs.yml's site_name stands in for it).
    playbook = project / "content/playbook.yaml"
    playbook.write_text(
        playbook.read_text(encoding="utf-8").replace(
            "title: Small Co handbook", f"title: 'Small Co {P}'"
        ),
        encoding="utf-8",
    )
    (project / "docs/images").mkdir(parents=True)
    (project / "docs/images/logo.svg").write_text(LOGO, encoding="utf-8")
    (project / "docs/images/favicon.svg").write_text(LOGO, encoding="utf-8")
    contact = project / "docs/contact.md"
    contact.write_text("---\nstatus: new\n---\n\n" + contact.read_text(), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory) -> dict[str, Path]:
    """The hostile handbook built by `playbook-gen build`, by plain `mkdocs build`, and exported
    then built by plain `mkdocs build` without the plugin."""
    root = tmp_path_factory.mktemp("hostile-settings")
    project = hostile_project(root / "project")
    built = {"playbook-gen": build_site(project / "mkdocs.yml", root / "site")}
    plain = Path(shutil.copytree(project, root / "plain"))
    proc = run_mkdocs("build", "--strict", cwd=plain)
    assert proc.returncode == 0, proc.stderr
    built["mkdocs"] = plain / "site"
    export_site(project / "mkdocs.yml", root / "exported")
    proc = run_mkdocs("build", "--strict", cwd=root / "exported")
    assert proc.returncode == 0, proc.stderr
    built["export"] = root / "exported/site"
    return built


class _Live(HTMLParser):
    """Collect what would run: event attributes, javascript: addresses, scripts with a payload."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # A data block (type="application/json", the page data with the handbook's title) is
        # not a script: the browser never runs it.
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/json"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            compact = "".join(value.split()).lower()
            if name in ("href", "src", "action", "xlink:href") and "javascript:" in compact:
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "iframe") and "__pwned" in str(attrs):
            self.found.append(f"<{tag} {attrs}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "__pwned" in data:
            self.found.append(f"<script>{data[:60]}")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attrs += [v for _, v in attrs if v]

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("how", ["playbook-gen", "mkdocs", "export"])
def test_no_page_carries_a_live_payload(hostile_sites, how):
    site = hostile_sites[how]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = _Live()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], f"{how}: {page.relative_to(site)}: {parser.found}"


@pytest.mark.parametrize("how", ["playbook-gen", "mkdocs", "export"])
def test_the_published_logo_and_favicon_are_the_safe_copies(hostile_sites, how):
    site = hostile_sites[how]
    for name in ("logo.svg", "favicon.svg"):
        data = (site / "images" / name).read_bytes()
        assert active_parts(data) == []
        assert b"pwned" not in data and b"tracker.example.com" not in data
        assert b"<circle" in data  # the drawing is still there


@pytest.mark.parametrize("how", ["playbook-gen", "mkdocs"])
def test_the_settings_texts_are_shown_as_typed(hostile_sites, how):
    home = _read((hostile_sites[how] / "index.html").read_text(encoding="utf-8"))
    contact = _read((hostile_sites[how] / "contact/index.html").read_text(encoding="utf-8"))
    text = "".join(home.text)
    assert f"Small Co {P}" in text  # header, and <title>
    assert '<img src=x onerror="window.__pwned=4"> Small Co' in text  # the footer
    assert '<b onmouseover="window.__pwned=5">handbook</b>' in text  # the repository's name
    assert '<img src=x onerror="window.__pwned=8">' in text  # a navigation title
    assert "Help </title><script>window.__pwned=9</script>" in text  # a section title
    assert '"><script>window.__pwned=12</script>' in home.attrs  # a social link's title
    assert '"><script>window.__pwned=2</script>' in home.attrs  # the description
    assert "Contact </title><script>window.__pwned=10</script> - Small Co" in "".join(contact.text)


def test_an_exported_project_shows_the_texts_too(hostile_sites):
    # Without the plugin, where the theme escapes a text itself (`| e`), it shows it escaped
    # twice; everywhere else it reads as typed.
    home = _read((hostile_sites["export"] / "index.html").read_text(encoding="utf-8"))
    text = "".join(home.text)
    for shown in (f"Small Co {P}", '<img src=x onerror="window.__pwned=8">', "Help </title>"):
        assert shown in text


def test_the_homepage_link_keeps_its_address(hostile_sites):
    html = (hostile_sites["playbook-gen"] / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/?from=handbook&amp;lang=en"' in html


def test_the_editor_is_told_what_the_logo_lost_and_what_is_shown_as_typed(tmp_path):
    project = hostile_project(tmp_path / "project")
    with inside(project):
        result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("mkdocs.yml:9:9: theme.logo: the published copy of 'images/logo.svg'")
        and "<script>" in line
        and "onload" in line
        for line in lines
    ), lines
    assert any(line.startswith("mkdocs.yml:1:12: site_name: ") for line in lines)


@pytest.mark.parametrize(
    "command", [["validate"], ["build"], ["export", "out"], ["serve", "-a", "127.0.0.1:1"]]
)
def test_a_python_tag_stops_every_command_and_never_runs(tmp_path, command):
    project = hostile_project(tmp_path / "project")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(PYTHON_TAG)
    line = len(HOSTILE.splitlines()) + 2
    with inside(project):
        result = CliRunner().invoke(cli, command, prog_name="playbook-gen")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"mkdocs.yml:{line}:7: hook: YAML tag '!!python/object/apply:builtins.exec' is not " in (
        result.output
    )
    assert not (project / "pwned").exists()
    assert not (project / "site").exists() and not (project / "out").exists()


# -- in the browser -------------------------------------------------------------------------------


def test_opening_the_pages_and_the_logo_runs_nothing(page, serve_site, hostile_sites):
    base = serve_site(hostile_sites["playbook-gen"])
    page.on("dialog", lambda dialog: dialog.dismiss())
    for path in ("", "contact/", "principles/listen-first/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
    page.goto(base)
    assert page.title().endswith(f" - Small Co {P}")
    assert page.locator(".md-header__topic").first.inner_text().strip() == f"Small Co {P}"
    errors = len(page.watch.console_errors)
    for path in ("images/logo.svg", "images/favicon.svg"):  # opened on their own
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("circle").count() == 1  # the drawing is there
    # A file opened on its own makes Chromium ask for /favicon.ico, which a site need not have.
    page.watch.console_errors[errors:] = [
        e for e in page.watch.console_errors[errors:] if "status of 404" not in e
    ]
