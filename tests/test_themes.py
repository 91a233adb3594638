"""Shipped themes: each one light and dark, with a toggle, following the reader's system setting;
`new --theme` writes one; every page type passes axe in every theme and scheme; our buttons read.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from browser_support import serious_violations
from click.testing import CliRunner
from site_support import ROOT, copy_project

from playbook_gen.cli import cli
from playbook_gen.content.loader import load_handbook
from playbook_gen.new import THEMES, theme_names, theme_palette

SHIPPED = ["service", "contrast", "corporate"]
SCHEMES = {"light": "default", "dark": "slate"}
"""What the reader's system asks for -> the scheme Material puts on <body>."""


def palette_of(theme: str) -> list[dict]:
    return yaml.safe_load(theme_palette(theme))


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args))


# -- what ships -----------------------------------------------------------------------------------


def test_three_themes_ship_the_default_first():
    assert theme_names() == SHIPPED


@pytest.mark.parametrize("theme", SHIPPED)
def test_each_theme_has_a_light_and_a_dark_scheme_that_follow_the_system_and_a_toggle(theme):
    light, dark = palette_of(theme)
    assert (light["media"], light["scheme"]) == ("(prefers-color-scheme: light)", "default")
    assert (dark["media"], dark["scheme"]) == ("(prefers-color-scheme: dark)", "slate")
    assert light["toggle"]["name"] == "Switch to dark mode"
    assert dark["toggle"]["name"] == "Switch to light mode"
    assert (THEMES / theme / "stylesheets" / f"{theme}.css").is_file()


def test_the_default_handbook_uses_the_shipped_service_theme():
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["theme"]["custom_dir"] == "themes/service"
    assert settings["theme"]["palette"] == palette_of("service")
    assert settings["extra_css"] == ["stylesheets/service.css"]
    shipped = (THEMES / "service/stylesheets/service.css").read_text(encoding="utf-8")
    assert (ROOT / "themes/service/stylesheets/service.css").read_text(encoding="utf-8") == shipped


# -- new --theme ----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", SHIPPED)
def test_new_with_a_theme_makes_a_handbook_that_builds_with_its_palette(
    tmp_path, monkeypatch, theme
):
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "hb", "--theme", theme).exit_code == 0
    hb = tmp_path / "hb"
    settings = yaml.safe_load((hb / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["theme"]["palette"] == palette_of(theme)
    assert settings["theme"]["custom_dir"] == f"themes/{theme}"
    assert settings["extra_css"] == [f"stylesheets/{theme}.css"]
    assert sorted(p.relative_to(hb).as_posix() for p in (hb / "themes").rglob("*.*")) == [
        f"themes/{theme}/stylesheets/{theme}.css"
    ]
    monkeypatch.chdir(hb)
    result = run_cli("build", "--strict")
    assert result.exit_code == 0, result.output
    home = (hb / "site/index.html").read_text(encoding="utf-8")
    assert f'href="stylesheets/{theme}.css"' in home
    assert 'data-md-color-media="(prefers-color-scheme: dark)" data-md-color-scheme="slate"' in home
    assert 'aria-label="Switch to dark mode"' in home


def test_new_without_a_theme_uses_service(tmp_path):
    assert run_cli("new", str(tmp_path / "hb")).exit_code == 0
    assert (tmp_path / "hb/themes/service/stylesheets/service.css").is_file()


def test_new_with_another_theme_name_starts_a_theme_of_ones_own_from_service(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "hb", "--theme", "house").exit_code == 0
    hb = tmp_path / "hb"
    settings = yaml.safe_load((hb / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["theme"]["palette"] == palette_of("service")
    assert settings["theme"]["custom_dir"] == "themes/house"
    assert settings["extra_css"] == ["stylesheets/house.css"]
    own = (hb / "themes/house/stylesheets/house.css").read_text(encoding="utf-8")
    assert own == (THEMES / "service/stylesheets/service.css").read_text(encoding="utf-8")
    monkeypatch.chdir(hb)
    result = run_cli("build", "--strict")
    assert result.exit_code == 0, result.output


def test_new_help_lists_the_themes():
    result = run_cli("new", "--help")
    assert "service, contrast, corporate; another name starts a theme of your own" in " ".join(
        result.output.split()
    )


# -- in the browser -------------------------------------------------------------------------------


def themed_project(theme: str, dest: Path) -> Path:
    """The default handbook with `theme` in place of its own, as `new --theme` sets one up, and
    a few result files so that it has a results dashboard (Payroll on three dates, one of them
    withheld)."""
    copy_project(ROOT, dest)
    shutil.rmtree(dest / "themes")
    shutil.copytree(THEMES / theme, dest / "themes" / theme, ignore=shutil.ignore_patterns("*.yml"))
    settings = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = f"themes/{theme}"
    settings["theme"]["palette"] = palette_of(theme)
    settings["extra_css"] = [f"stylesheets/{theme}.css"]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    assessment = load_handbook(dest / "content").assessments["internal-service"]
    questions = [q.id for d in assessment.dimensions for q in d.questions]
    results = dest / "content/results"
    results.mkdir()
    respondents = [("Payroll", "2026-11-20")] * 3 + [("Facilities", "2026-11-20")]
    respondents += [("Payroll", "2026-05-04")] * 3 + [("Payroll", "2026-02-02")]
    for n, (team, date) in enumerate(respondents):
        answers = {qid: 1 + (i + n) % 5 for i, qid in enumerate(questions)}
        result = {
            "format": "playbook-assessment-result",
            "version": 1,
            "assessment": "internal-service",
            "team": team,
            "date": date,
            "answers": answers,
        }
        (results / f"r{n}.json").write_text(json.dumps(result), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def theme_sites(tmp_path_factory, serve_site) -> dict[str, str]:
    """Each shipped theme on the default handbook, built once and served: theme -> base URL."""
    from browser_support import build_handbook

    root = tmp_path_factory.mktemp("themes")
    sites = {}
    for theme in SHIPPED:
        project = themed_project(theme, root / f"{theme}-project")
        build_handbook(project, root / theme)
        sites[theme] = serve_site(root / theme)
    return sites


ASSESSMENT = "assessments/internal-service/"
CHECKLIST = "checklists/internal-service/"
PAGE_TYPES = [
    "",
    "principles/serve-inside-out/",
    "examples/zappos/",
    "principles/",
    ASSESSMENT,
    CHECKLIST,
    "onboarding/service-owner/",
    "tags/",
    "sources/",
    "results/",
    "results/internal-service/team-payroll/",  # bars, a trend with a withheld date, tables
]


def open_in_scheme(pg, url: str, system: str) -> None:
    """Open `url` with the system set to `system` (light or dark); check the page follows it."""
    pg.emulate_media(color_scheme=system)
    pg.goto(url)
    pg.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[system]
    )
    if url.endswith(ASSESSMENT):
        pg.wait_for_selector("form[data-pb-ready]")
        names = pg.eval_on_selector_all(
            "fieldset.pb-question", "els => els.map(e => e.querySelector('input').name)"
        )
        for i, name in enumerate(names):
            pg.check(f'input[name="{name}"][value="{1 + i % 5}"]')
        assert pg.locator("[data-pb-score=overall]").get_attribute("data-value")
        assert pg.locator("[data-pb-recommendations] a").count() > 0
    if url.endswith(CHECKLIST):
        pg.wait_for_selector("[data-pb-checklist][data-pb-ready]")
        pg.locator("[data-pb-item] input[type=checkbox]").first.check()


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("theme", SHIPPED)
def test_every_page_type_passes_axe_in_every_theme_and_scheme(page, theme_sites, theme, system):
    found = {}
    for path in PAGE_TYPES:
        open_in_scheme(page, theme_sites[theme] + path, system)
        serious = serious_violations(page)
        if serious:
            found[path or "home"] = serious
    assert found == {}


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && getComputedStyle(e).position !== "fixed"
      && !e.closest(".md-sidebar, .md-search, [hidden], .md-nav, .md-tabs");
  }).filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1));
  const scrollers = [...document.querySelectorAll("body *")].filter(e =>
    e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowX)
    && !e.closest(".md-sidebar, .md-search, .md-nav, .md-tabs"));
  const name = e => e.tagName.toLowerCase() + "." + e.className;
  return {scroll: Math.max(document.documentElement.scrollWidth - width, 0),
          wide: wide.slice(0, 3).map(name), scrollers: scrollers.slice(0, 3).map(name)};
}"""
"""How far the page scrolls sideways, the innermost elements that stick out (Material's drawers,
which slide in from outside the window, and what is hidden do not count), and the boxes inside
the page that scroll sideways (a wide table in Material's scroll wrapper)."""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("theme", SHIPPED)
def test_no_page_type_scrolls_sideways(browser, theme_sites, theme, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        pg = context.new_page()
        found = {}
        for path in PAGE_TYPES:
            open_in_scheme(pg, theme_sites[theme] + path, "light")
            measured = pg.evaluate(OVERFLOW)
            if measured["scroll"] or measured["scrollers"]:
                found[path or "home"] = measured
        assert found == {}
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_dashboard_fits_the_screen_in_the_default_theme(page, theme_sites, width):
    """The default handbook's long dimension titles, in the service theme: no sideways scroll."""
    from test_results_site import WIDER

    page.set_viewport_size({"width": width, "height": 900})
    for path in ("results/", "results/internal-service/team-payroll/"):
        page.goto(theme_sites["service"] + path)
        assert page.evaluate(WIDER) == [], path


COLOURS = """els => els.filter(e => e.offsetParent !== null).map(e => {
  const layers = [];
  for (let n = e; n; n = n.parentElement) layers.push(getComputedStyle(n).backgroundColor);
  const style = getComputedStyle(e);
  return {name: e.textContent.trim() || e.outerHTML.slice(0, 60), text: style.color,
          border: style.borderTopColor, layers: layers};
})"""
"""For each visible element: its text and border colours and the background of it and every
ancestor, innermost first (as computed by the browser)."""


def rgba(css: str) -> tuple[float, float, float, float]:
    inside = css[css.index("(") + 1 : css.index(")")].replace(",", " ").replace("/", " ")
    parts = [float(p) for p in inside.split()]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(top: tuple, bottom: tuple) -> tuple:
    alpha = top[3]
    return tuple(top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3)) + (1.0,)


def backdrop(layers: list[str]) -> tuple:
    colour = (255.0, 255.0, 255.0, 1.0)
    for layer in reversed(layers):
        colour = over(rgba(layer), colour)
    return colour


def luminance(colour: tuple) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple, b: tuple) -> float:
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def control_contrasts(pg, selector: str) -> list[tuple[str, float, float]]:
    """(name, text on its background, border on what is behind the control) for each one."""
    out = []
    for found in pg.eval_on_selector_all(selector, COLOURS):
        background = backdrop(found["layers"])
        behind = backdrop(found["layers"][1:])
        text = over(rgba(found["text"]), background)
        border = over(rgba(found["border"]), behind)
        out.append((found["name"], contrast(text, background), contrast(border, behind)))
    return out


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("theme", SHIPPED)
def test_our_controls_read_in_every_theme_and_scheme(page, theme_sites, theme, system):
    """Button text 4.5:1 on the button, button and field outlines 3:1 on the page, at rest and
    under the pointer."""
    weak = []
    for path, selector in [
        (ASSESSMENT, ".pb-tools button.md-button"),
        (ASSESSMENT, ".pb-team input"),
        (CHECKLIST, ".pb-bar button.md-button"),
        (CHECKLIST, ".pb-bar select"),
    ]:
        open_in_scheme(page, theme_sites[theme] + path, system)
        measured = control_contrasts(page, selector)
        assert measured, selector
        if "button" in selector:
            page.locator(selector).first.hover()
            page.wait_for_timeout(300)  # Material's buttons fade to their hover colours
            measured += [
                (f"{name} (hover)", *rest)
                for name, *rest in control_contrasts(page, selector + ":hover")
            ]
        weak += [
            f"{path} {name}: text {text:.2f}, outline {outline:.2f}"
            for name, text, outline in measured
            if text < 4.5 or outline < 3
        ]
    assert weak == []


def toggle(pg):
    """The palette toggle in the header that is shown (Material shows one at a time)."""
    return pg.locator("form[data-md-component=palette] label:visible")


def test_toggle_switches_scheme_and_the_choice_is_kept_across_pages(page, default_site):
    page.emulate_media(color_scheme="light")
    page.goto(default_site)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert toggle(page).get_attribute("title") == "Switch to dark mode"
    toggle(page).click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert toggle(page).get_attribute("title") == "Switch to light mode"
    page.goto(default_site + CHECKLIST)
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    toggle(page).click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    page.goto(default_site + "principles/")
    assert body.get_attribute("data-md-color-scheme") == "default"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_with_no_choice_stored_the_page_follows_the_system_setting(browser, default_site, system):
    context = browser.new_context(color_scheme=system)
    try:
        pg = context.new_page()
        pg.goto(default_site)
        pg.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[system])
    finally:
        context.close()
