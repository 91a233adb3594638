"""The README's screenshots, taken from the default handbook as it builds today.

Copies the repo's handbook into a temporary folder, adds a few made-up result files (so that the
results dashboard has teams to show), builds it, serves it on 127.0.0.1 and photographs the pages
in SHOTS with Chromium. Run it after a change to how pages look, and commit the pictures:

    .venv/bin/python tools/screenshots.py            # writes screenshots/*.png
    .venv/bin/python tools/screenshots.py --out DIR  # somewhere else

Needs the test extra (`pip install -e '.[test]'`, for Playwright) and Chromium at /usr/bin/chromium
(or --chromium PATH). tests/test_screenshots.py runs it into a temporary folder, so the script keeps
working and the README names every picture it makes.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(frozen=True)
class Shot:
    """One picture: the page, the window it is seen in, and what a reader does first."""

    name: str
    path: str
    width: int = 1280
    height: int = 800
    scheme: str = "light"
    action: str | None = None
    """A function of this module that acts on the page before the picture (answer, tick)."""


SHOTS = [
    Shot("home", ""),
    Shot("assessment", "assessments/internal-service/", action="answer_assessment"),
    Shot("onboarding-plan", "onboarding/team-member/", action="tick_first_items"),
    Shot("team-results", "results/internal-service/team-payroll/", scheme="dark"),
    Shot("customer-gap", "results/internal-service/team-payroll/", action="show_customers"),
    Shot("principle-phone", "principles/serve-inside-out/", width=390, height=844, scheme="dark"),
]
"""The pictures, in the order the README shows them."""

TEAMS = {
    "Payroll": [("2026-05-14", 2), ("2026-11-12", 3)],
    "IT service desk": [("2026-05-20", 1), ("2026-11-18", 2)],
    "Facilities": [("2026-11-19", 0)],
}
"""Made-up teams: result dates and how far above the middle of the scale they answer."""

RESPONDENTS = 3

CUSTOMERS = {"Payroll": ("2026-11-12", 4)}
"""Made-up teams served by others: the date and how many of those teams answered. They rate the
team about one point lower than it rates itself, more so on some questions."""


def sample_results(content: Path) -> None:
    """Write result files for TEAMS and CUSTOMERS into `content/results/`, as they export them."""
    sys.path.insert(0, str(ROOT))
    from playbook_gen.content.loader import load_handbook

    assessment = load_handbook(content).assessments["internal-service"]
    questions = [q.id for d in assessment.dimensions for q in d.questions]
    asked = [q.id for d in assessment.dimensions for q in d.questions if q.customer]
    folder = content / "results"
    folder.mkdir(exist_ok=True)

    def write(name: str, team: str, date: str, answers: dict, **perspective: str) -> None:
        result = {
            "format": "playbook-assessment-result",
            "version": 1,
            "assessment": "internal-service",
            **perspective,
            "team": team,
            "date": date,
            "answers": answers,
        }
        file = folder / f"{team.lower().replace(' ', '-')}-{date}-{name}.json"
        file.write_text(json.dumps(result, indent=2), encoding="utf-8")

    for team, dates in TEAMS.items():
        for date, lift in dates:
            for person in range(RESPONDENTS):
                answers = {
                    q: min(5, max(1, 1 + lift + (i + person) % 3)) for i, q in enumerate(questions)
                }
                write(str(person), team, date, answers)
    for team, (date, count) in CUSTOMERS.items():
        lift = dict(TEAMS[team])[date]
        for person in range(count):
            answers = {
                q: min(5, max(1, lift + (i + person) % 3 - i % 2)) for i, q in enumerate(asked)
            }
            write(f"customer-{person}", team, date, answers, perspective="customer")


def answer_assessment(page) -> None:
    """Answer the first two thirds of the questions, as a team part-way through."""
    page.wait_for_selector("form[data-pb-ready]")
    names = page.eval_on_selector_all(
        "fieldset.pb-question", "els => els.map(e => e.querySelector('input').name)"
    )
    for i, name in enumerate(names[: len(names) * 2 // 3]):
        page.check(f'input[name="{name}"][value="{2 + (i * 5) % 4}"]')
    page.evaluate("window.scrollTo(0, 0)")


def tick_first_items(page) -> None:
    """Tick the first three items, as a new joiner in their first days."""
    page.wait_for_selector(".pb-list[data-pb-ready]", state="attached")
    boxes = page.locator("[data-pb-item] input[type=checkbox]")
    for i in range(min(3, boxes.count())):
        boxes.nth(i).check()
    page.evaluate("window.scrollTo(0, 0)")


def show_customers(page) -> None:
    """Scroll to how the team's customers see it: both sides per area, and the gaps."""
    heading = page.locator("h2", has_text="How customers see the team")
    # Down only, to just below the page's header (scrolling up shows Material's "Back to top").
    heading.evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 70)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(work: Path) -> Path:
    """Copy the default handbook into `work`, add the sample results, build it; return the site."""
    from playbook_gen.build import build_site

    project = work / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "docs", "themes"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name)
    sample_results(project / "content")
    site = work / "site"
    build_site(project / "mkdocs.yml", site)
    return site


def take(out: Path, browser) -> list[Path]:
    """Build, serve and photograph every page in SHOTS into `out` with a Playwright browser;
    return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            for shot in SHOTS:
                context = browser.new_context(
                    viewport={"width": shot.width, "height": shot.height},
                    color_scheme=shot.scheme,
                )
                try:
                    page = context.new_page()
                    page.goto(base + shot.path)
                    page.wait_for_load_state("networkidle")
                    if shot.action:
                        globals()[shot.action](page)
                    file = out / f"{shot.name}.png"
                    page.screenshot(path=str(file), animations="disabled")
                    written.append(file)
                finally:
                    context.close()
        finally:
            server.shutdown()
            server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the pictures")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium to drive")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for file in take(args.out, browser):
            print(file.relative_to(Path.cwd()) if file.is_relative_to(Path.cwd()) else file)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
