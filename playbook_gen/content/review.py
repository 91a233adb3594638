"""Who keeps each page true, and when it is next due for a review.

A principle, example, assessment or checklist may name an ``owner`` and the day it was last
``reviewed``; ``review_every`` (months, in playbook.yaml for every page, or in a file for itself)
says how often. A page is due ``review_every`` calendar months after it was reviewed (31 January
plus one month is the last day of February). Pages show the owner and the date; the browser
compares the due date with the reader's today, so a site built long ago still says when it is
out of date. ``playbook-gen review`` lists what is overdue or due soon.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from .model import KINDS, Handbook

OVERDUE, NOT_REVIEWED, DUE_SOON, UP_TO_DATE = "overdue", "not reviewed", "due soon", "up to date"
"""A page's review status, as `review` prints it; the first two fail `--fail-on-overdue`."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return `day` plus `months` calendar months, on the month's last day if it is shorter."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Review:
    """One page's owner and review dates."""

    folder: str
    """The kind's folder: principles, examples, assessments or checklists."""
    entity: Any
    owner: str | None
    """The owner as pages show it: a role's name for a role id, else as written."""
    reviewed: datetime.date | None
    every: int | None
    """Months between reviews (the file's own, else playbook.yaml's), or None."""

    @property
    def due(self) -> datetime.date | None:
        if self.reviewed is None or self.every is None:
            return None
        return add_months(self.reviewed, self.every)

    def status(self, today: datetime.date, soon: int = 30) -> str | None:
        """Return the page's review status on `today`; None when it has no schedule."""
        if self.every is None:
            return None
        if self.due is None:
            return NOT_REVIEWED
        if self.due <= today:
            return OVERDUE
        return DUE_SOON if (self.due - today).days <= soon else UP_TO_DATE


def review_of(handbook: Handbook, folder: str, entity: Any) -> Review | None:
    """Return an entity's review, or None when its kind has none or it names no owner, date
    or schedule."""
    if "reviewed" not in KINDS[folder].model.model_fields:
        return None
    every = entity.review_every or handbook.playbook.review_every
    if entity.owner is None and entity.reviewed is None and every is None:
        return None
    roles = {role.id: role.name for role in handbook.playbook.roles}
    owner = roles.get(entity.owner, entity.owner) if entity.owner else None
    return Review(folder, entity, owner, entity.reviewed, every)


def reviews(handbook: Handbook) -> list[Review]:
    """Return the review of every page that has one, kind by kind in the handbook's order."""
    found = []
    for kind in KINDS.values():
        for entity in handbook.entities(kind.folder).values():
            review = review_of(handbook, kind.folder, entity)
            if review is not None:
                found.append(review)
    return found
