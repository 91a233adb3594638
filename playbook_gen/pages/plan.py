"""Due dates of an onboarding plan: one rule, shared with the browser.

The plan page's script (``PB.dueDate`` in pb-plan.js) computes the dates a reader sees; this
is the same rule in Python, and both are checked against tests/vectors/plan/dates.json. Dates
are calendar dates, never times of day, so a change to or from daylight saving time moves
nothing.
"""

from __future__ import annotations

import datetime

from ..content.model import ChecklistItem, Handbook


def due_date(start: datetime.date, days: int, working: bool) -> datetime.date:
    """Return the date `days` days after `start`; 0 is the start date itself.

    Working days are Monday to Friday: Saturdays and Sundays are skipped when counting (a plan
    that starts on a Saturday has day 0 on that Saturday and day 1 on the Monday after).
    """
    if not working:
        return start + datetime.timedelta(days=days)
    due = start
    while days > 0:
        due += datetime.timedelta(days=1)
        if due.weekday() < 5:
            days -= 1
    return due


def due_after(handbook: Handbook, item: ChecklistItem) -> int | None:
    """Return the days after the start date an item is due: its own, else its phase's."""
    if item.due_after_days is not None:
        return item.due_after_days
    return handbook.phases[item.when].due_after_days
