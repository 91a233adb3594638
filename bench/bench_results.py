"""Dashboard scale: the default handbook with result files from 500 teams on 4 dates.

Generates the result files (three respondents per team and date; every tenth team has only two
on its oldest date, which is withheld), builds the handbook with them and without them in the
same run, and prints:

1. the size of the largest results page (target: every page under 300 KB), the overview's size
   and the median team page's;
2. build seconds with the results ÷ without them (the dashboard's cost: ~500 more pages), the
   cost per results page next to the cost per page of the handbook without them, and the time
   spent reading the result files.

Usage: python bench/bench_results.py [--teams N] [--dates N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import ROOT, mkdocs_build, page_count  # noqa: E402

from playbook_gen.content.loader import load_handbook  # noqa: E402

LIMIT = 300_000
"""Bytes: the most any results page may weigh."""
DEPARTMENTS = (
    "Payroll", "Facilities", "IT service desk", "Procurement", "Legal", "Recruiting",
    "Finance operations", "Workplace", "Data platform", "Travel",
)  # fmt: skip
CITIES = ("Berlin", "Lisbon", "Leeds", "Austin", "Pune", "Osaka", "Lyon", "Gdańsk")


def default_handbook(dest: Path) -> Path:
    """Copy the default handbook (content, docs, themes, mkdocs.yml) to `dest`."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("content", "docs", "themes"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def team_names(n: int) -> list[str]:
    """Return `n` distinct team names such as 'Payroll Lisbon 12'."""
    return [
        f"{DEPARTMENTS[i % len(DEPARTMENTS)]} {CITIES[(i // len(DEPARTMENTS)) % len(CITIES)]} "
        f"{i // (len(DEPARTMENTS) * len(CITIES)) + 1}"
        for i in range(n)
    ]


def write_results(project: Path, teams: int, dates: int) -> int:
    """Write the result files into `project`'s content/results/; return how many."""
    assessment = load_handbook(project / "content").assessments["internal-service"]
    questions = [q.id for d in assessment.dimensions for q in d.questions]
    low, high = assessment.scale.min, assessment.scale.max
    days = [f"2026-{month:02d}-15" for month in range(12, 12 - 3 * dates, -3)]
    folder = project / "content/results"
    folder.mkdir()
    rng = random.Random(10)
    written = 0
    for t, team in enumerate(team_names(teams)):
        leaning = rng.uniform(-1.2, 1.2)  # some teams do better than others
        for d, day in enumerate(days):
            respondents = 2 if t % 10 == 0 and d == len(days) - 1 else 3
            for r in range(respondents):
                answers = {
                    q: None
                    if rng.random() < 0.05
                    else max(low, min(high, round(rng.gauss((low + high) / 2 + leaning, 1))))
                    for q in questions
                }
                data = {
                    "format": "playbook-assessment-result",
                    "version": 1,
                    "id": f"{t}-{d}-{r}",
                    "assessment": "internal-service",
                    "team": team,
                    "date": day,
                    "answers": answers,
                }
                (folder / f"{t:04d}-{d}-{r}.json").write_text(json.dumps(data), encoding="utf-8")
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--dates", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pb-bench-results-") as tmp:
        work = Path(tmp)
        plain = default_handbook(work / "without")
        with_results = default_handbook(work / "with")
        files = write_results(with_results, args.teams, args.dates)
        print(f"{args.teams} teams × {args.dates} dates: {files} result files")

        mkdocs_build(plain / "mkdocs.yml", work / "site-without")  # warm-up: imports, theme
        mkdocs_build(with_results / "mkdocs.yml", work / "site-with")
        without, with_ = [], []
        for _ in range(args.repeat):
            without.append(mkdocs_build(plain / "mkdocs.yml", work / "site-without"))
            with_.append(mkdocs_build(with_results / "mkdocs.yml", work / "site-with"))

        site = work / "site-with"
        pages = sorted(
            (
                (p.stat().st_size, p.relative_to(site).as_posix())
                for p in site.glob("results/**/*.html")
            ),
            reverse=True,
        )
        overview = (site / "results/index.html").stat().st_size
        teams = [size for size, path in pages if path != "results/index.html"]
        largest, largest_path = pages[0]
        over = [path for size, path in pages if size >= LIMIT]
        print(
            f"results pages: {len(pages)} (overview + {len(teams)} team pages); "
            f"largest {largest:,} bytes ({largest_path}), target < {LIMIT:,}: "
            + ("ok" if not over else f"FAILED ({len(over)} over)")
        )
        print(
            f"  overview {overview:,} bytes; team pages: median {statistics.median(teams):,.0f}, "
            f"largest {max(teams):,}"
        )

        t_without, t_with = statistics.median(without), statistics.median(with_)
        base_pages = page_count(work / "site-without")
        extra = page_count(site) - base_pages
        print(
            f"build: {t_with:.2f} s with results ÷ {t_without:.2f} s without = "
            f"{t_with / t_without:.2f} (median of {args.repeat}; {extra} more pages)"
        )
        per_result_page = (t_with - t_without) / max(extra, 1) * 1000
        per_page = t_without / base_pages * 1000
        print(
            f"  per page: {per_result_page:.1f} ms for each results page (reading and combining "
            f"the files included) vs {per_page:.1f} ms for each page of the handbook without "
            f"results ({base_pages} pages)"
        )
        start = time.perf_counter()
        load_handbook(with_results / "content")
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        load_handbook(plain / "content")
        loaded -= time.perf_counter() - start
        print(f"  of which reading and combining the {files} result files: {loaded:.2f} s")
        shutil.rmtree(work / "site-with", ignore_errors=True)


if __name__ == "__main__":
    main()
