"""Onboarding plans in Python: the due-date rule (shared vectors), timing in the content model,
and what the rendered plan page says and hands its script."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from playbook_gen.content.loader import load_handbook
from playbook_gen.i18n import WORDS
from playbook_gen.pages.plan import due_after, due_date
from playbook_gen.pages.render import onboarding_data, onboarding_plan, render_site

FIXTURE = Path(__file__).parent / "sites" / "checklists"
VECTORS = json.loads(
    (Path(__file__).parent / "vectors" / "plan" / "dates.json").read_text(encoding="utf-8")
)["dates"]


def test_vectors_cover_month_end_year_end_daylight_saving_and_both_counts():
    about = " ".join(v["about"] for v in VECTORS)
    for words in ("month end", "year end", "summer time starts", "summer time ends", "Saturday"):
        assert words in about
    assert {v["count"] for v in VECTORS} == {"working", "calendar"}


@pytest.mark.parametrize("vector", VECTORS, ids=[v["about"] for v in VECTORS])
def test_due_date_follows_the_shared_vectors(vector):
    start = datetime.date.fromisoformat(vector["start"])
    got = due_date(start, vector["days"], vector["count"] == "working")
    assert got.isoformat() == vector["due"]


def test_working_days_never_fall_on_a_weekend():
    monday = datetime.date(2027, 1, 4)
    for days in range(1, 40):
        assert due_date(monday, days, True).weekday() < 5


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(FIXTURE / "content")


def test_an_item_takes_its_own_timing_before_its_phases(handbook):
    items = {i.id: i for c in handbook.checklists.values() for i in c.items}
    assert due_after(handbook, items["welcome-call"]) == 0  # its own
    assert due_after(handbook, items["announce"]) == 4  # its phase's
    assert due_after(handbook, items["feedback-round"]) == 20
    assert due_after(handbook, items["quarterly-review"]) is None  # a phase without timing


def test_plan_data_carries_days_and_how_they_count(handbook):
    role = handbook.roles["manager"]
    data = onboarding_data(handbook, role, onboarding_plan(handbook, "manager"))
    assert [(i["id"], i["due"]) for i in data["items"]] == [
        ("welcome-call", 0),
        ("announce", 4),
        ("feedback-round", 20),
        ("quarterly-review", None),
    ]
    assert data["plan"]["role"] == "manager"
    assert data["plan"]["working"] is True
    assert data["plan"]["phases"] == {"week-1": 4, "month-1": 20, "quarterly": None}
    assert data["plan"]["t"]["due"] == "due {date}"


def test_plan_page_says_when_things_are_due_without_a_script(handbook):
    page = render_site(handbook).pages["onboarding/manager.md"]
    assert "The person a new joiner reports to, who plans their first weeks." in page
    assert '<span class="pb-phase-due">Due 4 working days after the start</span>' in page
    assert '<span class="pb-phase-due">Due 20 working days after the start</span>' in page
    assert '<span class="pb-due"> · due on the start date</span>' in page
    assert 'data-pb-plan="start"' in page and 'data-pb-filter="when"' in page
    assert 'data-pb-filter="role"' not in page
    assert "pb-plan.js" in page and "pb-checklist.js" not in page


def test_calendar_days_are_named_so(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "h")
    playbook = tmp_path / "h" / "content" / "playbook.yaml"
    playbook.write_text(
        playbook.read_text(encoding="utf-8") + "due_days: calendar\n", encoding="utf-8"
    )
    handbook = load_handbook(tmp_path / "h" / "content")
    page = render_site(handbook).pages["onboarding/manager.md"]
    assert "Due 4 days after the start" in page
    data = onboarding_data(
        handbook, handbook.roles["manager"], onboarding_plan(handbook, "manager")
    )
    assert data["plan"]["working"] is False


def test_the_default_handbook_times_its_first_phases():
    handbook = load_handbook(Path(__file__).parent.parent / "content")
    timed = {p.id: p.due_after_days for p in handbook.playbook.phases}
    assert timed["week-1"] == 4 and timed["month-1"] == 20 and timed["quarter-1"] == 60
    assert timed["weekly"] is None, "a recurring phase has no due date"


def test_a_german_plan_speaks_german(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "h")
    playbook = tmp_path / "h" / "content" / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "language: de\n", encoding="utf-8")
    handbook = load_handbook(tmp_path / "h" / "content")
    page = render_site(handbook).pages["onboarding/manager.md"]
    assert "Fällig 4 Arbeitstage nach dem Start" in page
    assert "Für wen ist der Plan?" in page and "Kalender herunterladen (.ics)" in page
    data = onboarding_data(
        handbook, handbook.roles["manager"], onboarding_plan(handbook, "manager")
    )
    assert data["plan"]["t"]["due"] == "fällig {date}"
    german = {key.removeprefix("p_") for key in WORDS["de"] if key.startswith("p_")}
    assert set(data["plan"]["t"]) == german, "every word of the plan's script is in German"
