"""The scoring rules of a self-assessment, in one place.

The assessment page's script (``assets/pb-assessment.js``) follows the same rules; both are
checked against the shared test vectors in ``tests/vectors/``. Sums are plain left-to-right
additions, as in the browser, so both give the same floating-point results (``math.fsum`` or
Python 3.12's compensated ``sum`` could differ in the last bit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..content.model import Assessment, Band

Answers = Mapping[str, "int | None"]
"""Question id -> answer on the scale, or None for "not applicable"; unanswered ids are absent."""


@dataclass(frozen=True)
class Result:
    """The scores of one set of answers."""

    dimensions: dict[str, float | None]
    """Dimension id -> score, or None when too few questions were answered (assessment order)."""
    overall: float | None
    """Mean of the dimension scores that exist, or None when there are none."""
    band: Band | None
    """The band the overall score falls in."""
    recommendations: list[str] = field(default_factory=list)
    """Ids of the dimensions below the threshold, weakest first, at most ``recommend_max``."""
    answered: dict[str, int] = field(default_factory=dict)
    """Dimension id -> number of questions answered with a value (N/A not counted)."""


def mean(values: Sequence[float]) -> float:
    """Return the mean, summed left to right as the browser does (the dashboard uses it too)."""
    total = 0.0
    for value in values:
        total += value
    return total / len(values)


def question_value(assessment: Assessment, answer: int, reverse: bool) -> int:
    """Return the value an answer counts for: reversed questions count ``min + max - answer``."""
    scale = assessment.scale
    return scale.min + scale.max - answer if reverse else answer


def band_for(assessment: Assessment, score: float | None) -> Band | None:
    """Return the first band whose ``upto`` is at or above the score."""
    if score is None:
        return None
    return next((band for band in assessment.bands if band.upto >= score), None)


def valid_answer(assessment: Assessment, answer: object) -> bool:
    """Return whether a value is an answer on the scale (or None, when N/A is allowed)."""
    if answer is None:
        return assessment.scale.allow_na
    return (
        isinstance(answer, int)
        and not isinstance(answer, bool)
        and assessment.scale.min <= answer <= assessment.scale.max
    )


def score(assessment: Assessment, answers: Answers) -> Result:
    """Score one respondent's answers.

    Args:
        assessment: the assessment the answers belong to.
        answers: question id -> answer, None for N/A. Unknown question ids and answers off the
            scale are ignored (callers that read files report them first).
    """
    dimensions: dict[str, float | None] = {}
    answered: dict[str, int] = {}
    for dim in assessment.dimensions:
        values = [
            question_value(assessment, answer, q.reverse)
            for q in dim.questions
            if (answer := answers.get(q.id)) is not None and valid_answer(assessment, answer)
        ]
        answered[dim.id] = len(values)
        enough = values and len(values) >= assessment.min_answered
        dimensions[dim.id] = mean(values) if enough else None
    existing = [s for s in dimensions.values() if s is not None]
    overall = mean(existing) if existing else None
    order = {dim.id: i for i, dim in enumerate(assessment.dimensions)}
    low = sorted(
        (dim_id for dim_id, s in dimensions.items() if s is not None and s < assessment.threshold),
        key=lambda dim_id: (dimensions[dim_id], order[dim_id]),
    )
    return Result(
        dimensions=dimensions,
        overall=overall,
        band=band_for(assessment, overall),
        recommendations=low[: assessment.recommend_max],
        answered=answered,
    )
