"""Combining respondents: result files grouped by assessment, team and date, each group one
team result.

Each file is one respondent. The team's score in a dimension is the mean of its respondents'
scores in it, shown with their number and the spread (lowest and highest). The team's overall
score is the mean of its dimension scores that are given, with its band: the same rule as for
one respondent. Scores that fewer than the assessment's ``min_respondents`` respondents have are
withheld here, so that no page or report can show them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..content.model import Assessment, Band, Handbook
from . import scoring
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
class Team:
    """A team and its results, latest first."""

    name: str
    """The name as first written; files that differ only in case or spaces are the same team."""
    slug: str
    """An id for the team, unique within its assessment (the dashboard's anchors)."""
    results: tuple[TeamResult, ...]

    @property
    def latest(self) -> TeamResult:
        """The result of the latest date."""
        return self.results[0]


@dataclass(frozen=True)
class AssessmentResults:
    """Every team's results for one assessment."""

    assessment: Assessment
    teams: tuple[Team, ...]
    """Teams sorted by name."""

    @property
    def files(self) -> int:
        """How many result files were counted."""
        return sum(r.respondents for team in self.teams for r in team.results)


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


def team_key(name: str) -> str:
    """Return what makes two team names the same team: case and spacing don't count."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def aggregate(handbook: Handbook, files: Iterable[ResultFile]) -> list[AssessmentResults]:
    """Group result files by assessment, team and date, and combine each group's respondents.

    Returns:
        One entry per assessment that has files, in the handbook's order.
    """
    groups: dict[str, dict[str, dict[str, list[ResultFile]]]] = {}
    names: dict[tuple[str, str], str] = {}
    for f in files:
        key = team_key(f.team)
        names.setdefault((f.assessment, key), f.team)
        by_team = groups.setdefault(f.assessment, {})
        by_team.setdefault(key, {}).setdefault(f.date, []).append(f)
    out = []
    for assessment_id, assessment in handbook.assessments.items():
        if assessment_id not in groups:
            continue
        teams = []
        used: set[str] = set()
        for key, dates in sorted(groups[assessment_id].items()):
            name = names[(assessment_id, key)]
            results = tuple(
                team_result(assessment, name, date, dates[date])
                for date in sorted(dates, reverse=True)
            )
            teams.append(Team(name, _unique_slug(name, used), results))
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
