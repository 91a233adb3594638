"""Owners and review dates: what pages show, what `review` lists, and the notice a reader sees
once a page is past its review date (judged by the reader's today, not the build's)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import yaml
from site_support import ROOT, copy_project, inside, page_file, run_cli

from playbook_gen.build import build_site
from playbook_gen.content.review import add_months


@pytest.mark.parametrize(
    "day, months, due",
    [
        ("2026-01-31", 1, "2026-02-28"),  # a shorter month: its last day
        ("2028-01-31", 1, "2028-02-29"),  # a leap year
        ("2026-11-26", 12, "2027-11-26"),
        ("2026-12-15", 1, "2027-01-15"),  # across the year end
        ("2026-08-31", 6, "2027-02-28"),
        ("2026-03-31", 120, "2036-03-31"),
    ],
)
def test_a_page_is_due_review_every_calendar_months_after_its_review(day, months, due):
    start = datetime.date.fromisoformat(day)
    assert add_months(start, months).isoformat() == due


def edit(file: Path, **fields) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data.update(fields)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def handbook(tmp_path) -> Path:
    """The default handbook with a mix of review states on 2027-06-01 (every page was reviewed
    on 2026-11-26, every 12 months)."""
    project = copy_project(ROOT, tmp_path / "project")
    content = project / "content"
    edit(content / "principles/serve-inside-out.yaml", reviewed="2026-05-01")  # overdue
    edit(content / "examples/dell.yaml", reviewed="2026-06-20", owner="Sam Patel")  # due soon
    edit(content / "checklists/internal-service.yaml", review_every=6)  # due 2027-05-26
    data = yaml.safe_load((content / "examples/zappos.yaml").read_text(encoding="utf-8"))
    del data["reviewed"], data["owner"]
    (content / "examples/zappos.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return project


def test_review_lists_overdue_never_reviewed_and_due_soon_oldest_first_with_owners(handbook):
    with inside(handbook):
        result = run_cli("review", "--today", "2027-06-01")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/principles/serve-inside-out.yaml: overdue: due 2027-05-01, last reviewed "
        "2026-05-01 (owner: People team (HR and L&D))",
        "content/checklists/internal-service.yaml: overdue: due 2027-05-26, last reviewed "
        "2026-11-26 (owner: Service owner)",
        "content/examples/zappos.yaml: not reviewed: it has no 'reviewed' date, and pages are due "
        "every 12 months (no owner)",
        "content/examples/dell.yaml: due soon: due 2027-06-20, last reviewed 2026-06-20 "
        "(owner: Sam Patel)",
        "2 overdue, 1 not reviewed, 1 due soon, 20 up to date on 2027-06-01",
    ]


def test_review_fails_on_overdue_only_when_asked(handbook):
    with inside(handbook):
        assert run_cli("review", "--today", "2027-06-01", "--fail-on-overdue").exit_code == 1
        assert run_cli("review", "--today", "2027-01-01", "--fail-on-overdue").exit_code == 1
        data = yaml.safe_load((handbook / "content/playbook.yaml").read_text(encoding="utf-8"))
        del data["review_every"]
        (handbook / "content/playbook.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        # Without a schedule only the checklist with its own is listed, and it is not due yet.
        result = run_cli("review", "--today", "2027-01-01", "--fail-on-overdue")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            "0 overdue, 0 not reviewed, 0 due soon, 1 up to date on 2027-01-01"
        ]


def test_review_as_json_for_tools(handbook):
    with inside(handbook):
        result = run_cli("review", "--today", "2027-06-01", "--format", "json", "--soon", "0")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["today"] == "2027-06-01"
    pages = {p["file"]: p for p in data["pages"]}
    assert pages["content/checklists/internal-service.yaml"] == {
        "file": "content/checklists/internal-service.yaml",
        "title": "Internal service checklist",
        "owner": "Service owner",
        "reviewed": "2026-11-26",
        "review_every": 6,
        "due": "2027-05-26",
        "status": "overdue",
    }
    assert [p["status"] for p in data["pages"]].count("due soon") == 0
    assert len(data["pages"]) == 24


@pytest.mark.parametrize("today", ["2027-02-30", "tomorrow", "2027-1-1"])
def test_a_today_that_is_not_a_date_is_a_usage_error(handbook, today):
    with inside(handbook):
        result = run_cli("review", "--today", today)
    assert result.exit_code == 2
    assert f"--today: '{today}' is not a date; write it as YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


# -- pages ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("review")
    project = copy_project(ROOT, root / "project")
    edit(project / "content/examples/dell.yaml", owner="Sam <b>Patel</b>", reviewed="2025-01-31")
    build_site(project / "mkdocs.yml", root / "site", strict=True)
    return root / "site"


def test_a_page_names_its_owner_and_last_review_and_carries_its_due_date(site):
    html = page_file(site, "principles/serve-inside-out/").read_text(encoding="utf-8")
    assert (
        '<p class="pb-review" data-pb-due="2027-11-26">Owner: People team (HR and L&amp;D) · '
        "Last reviewed 26 November 2026</p>"
    ) in html
    notice = '<p class="pb-review-notice" data-pb-review-notice hidden>This page was due for '
    assert notice in html
    checklist = page_file(site, "checklists/internal-service/").read_text(encoding="utf-8")
    assert "Owner: Service owner · Last reviewed 26 November 2026" in checklist


def test_an_owner_is_text(site):
    html = page_file(site, "examples/dell/").read_text(encoding="utf-8")
    assert "Owner: Sam &lt;b&gt;Patel&lt;/b&gt; · Last reviewed 31 January 2025" in html


def review_notice(page, url: str, today: str) -> dict:
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(today + "T09:00:00"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate(
        """() => {
          const n = document.querySelector('[data-pb-review-notice]');
          const h1 = document.querySelector('.md-content h1');
          return {shown: !n.hidden && n.offsetHeight > 0, text: n.textContent,
                  underHeading: h1.nextElementSibling === n};
        }"""
    )


def test_the_notice_shows_under_the_heading_from_the_due_day_on(page, serve_site, site):
    base = serve_site(site)
    url = base + "principles/serve-inside-out/"
    assert review_notice(page, url, "2027-11-25")["shown"] is False
    due = review_notice(page, url, "2027-11-26")
    assert due["shown"] and due["underHeading"]
    assert due["text"] == (
        "This page was due for review on 26 November 2027. Some of it may be out of date; "
        "if something here is wrong, tell its owner."
    )
    # A site built today tells a reader years later, and a page reviewed long ago says so now.
    assert review_notice(page, base + "examples/dell/", "2026-11-26")["shown"] is True


@pytest.mark.parametrize("path", ["checklists/internal-service/", "assessments/internal-service/"])
def test_the_notice_shows_on_pages_whose_own_script_carries_it(page, serve_site, site, path):
    """The checklist and the assessment load one script of ours, with the notice's code in it."""
    base = serve_site(site)
    assert review_notice(page, base + path, "2027-11-25")["shown"] is False
    due = review_notice(page, base + path, "2027-11-26")
    assert due["shown"] and due["underHeading"]
    assert due["text"].startswith("This page was due for review on 26 November 2027.")
