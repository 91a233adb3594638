"""Combining respondents: result files grouped by assessment, team, date and perspective, each
group one team result.

Each file is one respondent, answering as a member of the team (``self``) or as one of its
internal customers (``customer``); the two are never averaged together. The team's score in a
dimension is the mean of its respondents' scores in it, shown with their number and the spread
(lowest and highest). The team's overall score is the mean of its dimension scores that are
given, with its band: the same rule as for one respondent. Scores that fewer than the
assessment's ``min_respondents`` respondents have are withheld here, so that no page or report
can show them; the rule applies to each perspective apart.

The gap, per dimension and date, is how much higher (positive) or lower (negative) the
customers rate the team than the team rates itself on the same questions: the customers'
score minus the team's own respondents' score on the questions with a customer wording (like
with like). It is given only where both scores are; the gaps are listed largest first (by
size, either sign), equal ones in the assessment's order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..content.model import Assessment, Band, Handbook
from . import scoring

if TYPE_CHECKING:
    from .reader import ResultFile


@dataclass(frozen=True)
class DimensionScore:
    """A team's score in one dimension on one date."""

    score: float | None
    """The mean of the respondents' scores, or None when no respondent has one or it is withheld."""
    respondents: int
    """How many respondents have a score here (too few answers leave one out)."""
    lowest: float | None
    """The spread: the lowest respondent's score (None when withheld)."""
    highest: float | None
    """The spread: the highest respondent's score (None when withheld)."""
    withheld: bool = False
    """Whether the score and spread are not given: the team, or the respondents with a score
    here, are fewer than the assessment's ``min_respondents``."""


@dataclass(frozen=True)
class TeamResult:
    """A team's result on one date, from one or more respondents."""

    team: str
    date: str
    files: tuple[ResultFile, ...]
    """The respondents' files, in the order read."""
    dimensions: dict[str, DimensionScore]
    """Dimension id -> the team's score (assessment order)."""
    overall: float | None
    """The mean of the dimension scores that are given, or None."""
    band: Band | None
    withheld: bool = False
    """Whether the team has fewer respondents than ``min_respondents``: no score is given."""

    @property
    def respondents(self) -> int:
        """How many respondents answered (one per file)."""
        return len(self.files)


@dataclass(frozen=True)
class Gap:
    """How differently the customers and the team rate one dimension on one date."""

    dimension: str
    """The dimension's id."""
    customer: float
    """The customers' score."""
    team: float
    """The team's own score on the same questions (those with a customer wording)."""

    @property
    def gap(self) -> float:
        """The customers' score minus the team's: negative when customers rate it lower."""
        return self.customer - self.team


@dataclass(frozen=True)
class CustomerResult:
    """What a team's customers said on one date, beside the team's own answers to the same
    questions."""

    customer: TeamResult
    """The customers' result: a respondent per customer file. Dimensions without customer
    questions have no score."""
    same_questions: TeamResult
    """The team's own respondents (the self files of that date), scored on the questions with
    a customer wording only: what the gap compares the customers' scores with."""
    gaps: tuple[Gap, ...] | None
    """Largest first; None when either side has too few respondents to be shown (or the team
    has no respondents of its own that day)."""
    asked: tuple[str, ...] = ()
    """The ids of the dimensions with questions that have a customer wording (assessment
    order): the only ones customers score."""

    @property
    def respondents(self) -> int:
        """How many customers answered."""
        return self.customer.respondents

    @property
    def order(self) -> tuple[str, ...]:
        """The dimensions asked of customers as tables and charts list them: those with a gap,
        largest first, then the others in the assessment's order."""
        first = tuple(g.dimension for g in self.gaps or ())
        return first + tuple(d for d in self.asked if d not in first)


@dataclass(frozen=True)
class Team:
    """A team and its results, latest first."""

    name: str
    """The name as first written; files that differ only in case or spaces are the same team."""
    slug: str
    """An id for the team, unique within its assessment (the dashboard's anchors)."""
    results: tuple[TeamResult, ...]
    """The team's own results (perspective ``self``), one per date with any file, latest first.
    A date on which only customers answered has a result with no respondents (withheld)."""
    customers: dict[str, CustomerResult] = field(default_factory=dict)
    """Date -> what the team's customers said that day (only dates with customer files)."""

    @property
    def latest(self) -> TeamResult:
        """The result of the latest date."""
        return self.results[0]

    def customer(self, date: str) -> CustomerResult | None:
        """Return what the customers said on a date, or None if none answered."""
        return self.customers.get(date)


@dataclass(frozen=True)
class AssessmentResults:
    """Every team's results for one assessment."""

    assessment: Assessment
    teams: tuple[Team, ...]
    """Teams sorted by name."""

    @property
    def files(self) -> int:
        """How many result files were counted (the team's own and its customers')."""
        own = sum(r.respondents for team in self.teams for r in team.results)
        return own + sum(c.respondents for team in self.teams for c in team.customers.values())

    @property
    def has_customers(self) -> bool:
        """Whether any team has customer results."""
        return any(team.customers for team in self.teams)


def team_result(
    assessment: Assessment, team: str, date: str, files: Sequence[ResultFile]
) -> TeamResult:
    """Combine respondents' files into the team's result for a date.

    Scores that fewer than ``assessment.min_respondents`` respondents have are withheld: not
    given at all, so no page or report can show them.
    """
    least = assessment.min_respondents
    team_withheld = len(files) < least
    dimensions = {}
    for d in assessment.dimensions:
        each = [f.scores.dimensions[d.id] for f in files]
        scores = [score for score in each if score is not None]  # too few answers give none
        if team_withheld or 0 < len(scores) < least:
            dimensions[d.id] = DimensionScore(None, len(scores), None, None, withheld=True)
            continue
        dimensions[d.id] = DimensionScore(
            score=scoring.mean(scores) if scores else None,  # the browser's left-to-right sum
            respondents=len(scores),
            lowest=min(scores) if scores else None,
            highest=max(scores) if scores else None,
        )
    # A withheld dimension stays out: with the others shown, the overall would give it away.
    given = [s.score for s in dimensions.values() if s.score is not None]
    overall = scoring.mean(given) if given else None
    return TeamResult(
        team=team,
        date=date,
        files=tuple(files),
        dimensions=dimensions,
        overall=overall,
        band=scoring.band_for(assessment, overall),
        withheld=team_withheld,
    )


def customer_result(
    assessment: Assessment,
    team: str,
    date: str,
    own: Sequence[ResultFile],
    customers: Sequence[ResultFile],
) -> CustomerResult:
    """Combine a team's customers' files for a date, and compare them with the team's own.

    Args:
        own: the team's own respondents' files (perspective ``self``) of that date.
        customers: its customers' files of that date.
    """
    customer = team_result(assessment, team, date, customers)
    asked = {q.id for d in assessment.dimensions for q in d.questions if q.customer}
    like_with_like = [
        replace(
            f,
            scores=scoring.score(assessment, {q: a for q, a in f.answers.items() if q in asked}),
        )
        for f in own
    ]
    same = team_result(assessment, team, date, like_with_like)
    gaps = None
    if not customer.withheld and not same.withheld:
        order = {d.id: i for i, d in enumerate(assessment.dimensions)}
        found = [
            Gap(d, c.score, s.score)
            for d, c in customer.dimensions.items()
            if c.score is not None and (s := same.dimensions[d]).score is not None
        ]
        gaps = tuple(sorted(found, key=lambda g: (-abs(g.gap), order[g.dimension])))
    asked_in = tuple(d.id for d in assessment.dimensions if any(q.customer for q in d.questions))
    return CustomerResult(customer, same, gaps, asked_in)


def team_key(name: str) -> str:
    """Return what makes two team names the same team: case and spacing don't count."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def aggregate(handbook: Handbook, files: Iterable[ResultFile]) -> list[AssessmentResults]:
    """Group result files by assessment, team, date and perspective, and combine each group's
    respondents; compare each date's customers with the team's own.

    Returns:
        One entry per assessment that has files, in the handbook's order.
    """
    groups: dict[str, dict[str, dict[str, dict[str, list[ResultFile]]]]] = {}
    names: dict[tuple[str, str], str] = {}
    for f in files:
        key = team_key(f.team)
        names.setdefault((f.assessment, key), f.team)
        by_team = groups.setdefault(f.assessment, {})
        by_date = by_team.setdefault(key, {}).setdefault(f.date, {})
        by_date.setdefault(f.perspective, []).append(f)
    out = []
    for assessment_id, assessment in handbook.assessments.items():
        if assessment_id not in groups:
            continue
        teams = []
        used: set[str] = set()
        for key, dates in sorted(groups[assessment_id].items()):
            name = names[(assessment_id, key)]
            latest_first = sorted(dates, reverse=True)
            results = tuple(
                team_result(assessment, name, date, dates[date].get("self", []))
                for date in latest_first
            )
            customers = {
                date: customer_result(
                    assessment, name, date, dates[date].get("self", []), dates[date]["customer"]
                )
                for date in latest_first
                if "customer" in dates[date]
            }
            teams.append(Team(name, _unique_slug(name, used), results, customers))
        out.append(AssessmentResults(assessment, tuple(teams)))
    return out


SLUG_MAX = 48
"""Characters of a team's name kept in its slug (its page's address stays short)."""


def _unique_slug(name: str, used: set[str]) -> str:
    """Return the team's slug: ``team-`` and its name in lowercase letters, digits and hyphens.

    The slug names the team's page (``results/<assessment>/<slug>/``), so it is safe in any
    address and on any file system (``team-`` keeps it off names like ``con`` and ``index``). A
    name with no such letter (written in another script) gets a short fingerprint of the name
    instead, the same in every build.
    """
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    )
    base = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")[:SLUG_MAX].rstrip("-")
    if not base:
        base = hashlib.sha256(team_key(name).encode("utf-8")).hexdigest()[:8]
    base = f"team-{base}"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug
