"""The dashboard's charts, as geometry: a team's scores by dimension against the threshold, its
overall score over the dates of its results, and its own scores beside its customers'.

Everything a chart shows is worked out here, in plain numbers and texts; the team page's
template (``pages/templates/_results_charts.md.j2``) only writes them out as inline SVG. Each
chart is drawn in a box of ``WIDTH`` units (CSS pixels at full size, scaled down on a narrow
screen), and each has a table beside it on the page with the same figures.

A withheld score (fewer respondents than ``min_respondents``) is never drawn: no bar, no
point, only the word for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content import richtext
from ..content.model import Assessment
from .aggregate import CustomerResult, DimensionScore, TeamResult

WIDTH = 400
"""The width of every chart, in SVG units."""
LABEL_MAX = 52
"""Characters of a dimension's title shown in the chart (the table beside it has them all)."""


@dataclass(frozen=True)
class Bar:
    """One dimension's row in the bar chart."""

    dimension: str
    label: str
    """The dimension's title as plain text, shortened to ``LABEL_MAX`` characters."""
    title: str
    """The whole title (the label's tooltip)."""
    y: float
    """The top of the bar; the label sits above it."""
    width: float | None
    """The bar's length, from the scale's minimum; None when there is no score to draw."""
    value: str
    """The score as people read it, or why there is none."""
    low: bool
    """Whether the score is below the threshold (drawn in the alert colour)."""


@dataclass(frozen=True)
class BarChart:
    """A team's scores by dimension on one date, as horizontal bars against the threshold."""

    name: str
    """The chart's accessible name (it points at the table with the same figures)."""
    height: float
    x: float
    """Where the bars start (the scale's minimum)."""
    track: float
    """The length of a bar at the scale's maximum."""
    bar_height: float
    bars: list[Bar]
    threshold_x: float
    threshold_label: str
    ticks: list[tuple[float, str]]
    """(x, label) of the scale's marks under the bars."""
    axis_y: float
    """Where the scale's marks sit."""


@dataclass(frozen=True)
class TrendPoint:
    """One date in the trend chart."""

    date: str
    x: float
    y: float | None
    """Where the overall score is drawn; None when it is withheld or there is none."""
    value: str
    """The score as people read it, or the word for why there is none."""
    value_y: float
    """Where the score is written: above the point, or below it when it is under the threshold
    (so that the threshold's line does not cross it)."""
    label: bool
    """Whether the date is written under the chart (with many dates, only some are)."""


@dataclass(frozen=True)
class TrendChart:
    """A team's overall score over the dates of its results, oldest first."""

    name: str
    height: float
    left: float
    right: float
    top: float
    bottom: float
    points: list[TrendPoint]
    lines: list[str]
    """SVG ``points`` of each run of dates that have a score; a withheld date breaks the line."""
    threshold_y: float
    threshold_label: str
    ticks: list[tuple[float, str]]
    """(y, label) of the scale's marks on the left."""


def _number(value: float | None, decimal: str) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", decimal)


def _plain_number(value: float, decimal: str) -> str:
    """A threshold or a mark of the scale as people write it: no trailing zeros."""
    return f"{value:g}".replace(".", decimal)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def _scale_ticks(assessment: Assessment) -> list[float]:
    low, high = assessment.scale.min, assessment.scale.max
    step = 1 if high - low <= 10 else (high - low) / 5
    ticks, value = [], float(low)
    while value <= high + 1e-9:
        ticks.append(value)
        value += step
    return ticks


def _at(assessment: Assessment, x: float, track: float):
    """Return where a score goes across a bar's track (from x, the scale's lowest to highest)."""
    low, high = assessment.scale.min, assessment.scale.max
    return lambda value: x + (value - low) / (high - low) * track


def _score_text(s: DimensionScore, t: dict[str, str]) -> str:
    """Return what a bar says of its score: the score, or why there is none."""
    if s.withheld:
        return t["r_withheld_short"]
    if s.score is None:
        return t["a_not_enough"]
    return _number(s.score, t["decimal"])


def _axis_marks(assessment: Assessment, at, t: dict[str, str]) -> dict:
    """Return the threshold's line and label and the scale's ticks, as both bar charts draw."""
    threshold = _plain_number(assessment.threshold, t["decimal"])
    return {
        "threshold_x": round(at(assessment.threshold), 2),
        "threshold_label": t["r_threshold"].format(threshold=threshold),
        "ticks": [
            (round(at(v), 2), _plain_number(v, t["decimal"])) for v in _scale_ticks(assessment)
        ],
    }


def bar_chart(assessment: Assessment, result: TeamResult, t: dict[str, str]) -> BarChart:
    """Return the bar chart of a team's result on one date.

    Args:
        assessment: the assessment the result is for (scale, threshold, dimensions).
        result: the team's combined result (``aggregate.team_result``).
        t: the words of the handbook's language.
    """
    x, track = 4.0, WIDTH - 52.0  # room on the right for the score
    at = _at(assessment, x, track)
    bars = []
    row, bar_height, top = 40.0, 14.0, 22.0
    for n, d in enumerate(assessment.dimensions):
        s = result.dimensions[d.id]
        title = " ".join(richtext.to_plain(d.title).split())
        bars.append(
            Bar(
                dimension=d.id,
                label=_short(title),
                title=title,
                y=top + n * row + 18,
                width=None if s.score is None else round(at(s.score) - x, 2),
                value=_score_text(s, t),
                low=s.score is not None and s.score < assessment.threshold,
            )
        )
    axis_y = top + len(bars) * row + 14
    threshold = _plain_number(assessment.threshold, t["decimal"])
    return BarChart(
        name=t["r_bar_name"].format(team=result.team, date=result.date, threshold=threshold),
        height=axis_y + 6,
        x=x,
        track=track,
        bar_height=bar_height,
        bars=bars,
        axis_y=axis_y,
        **_axis_marks(assessment, at, t),
    )


def trend_chart(
    assessment: Assessment, results: Sequence[TeamResult], t: dict[str, str]
) -> TrendChart | None:
    """Return the chart of a team's overall score over its dates, or None for a single date.

    Args:
        results: the team's results, latest first (as ``Team.results``).
    """
    if len(results) < 2:
        return None
    oldest_first = list(reversed(results))
    low, high = assessment.scale.min, assessment.scale.max
    left, right, top, bottom = 34.0, WIDTH - 34.0, 22.0, 132.0

    def y_at(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 2)

    threshold_y = y_at(assessment.threshold)
    step = max(1, -(-len(oldest_first) // 6))  # at most about six dates written under the chart
    gap = (right - left) / (len(oldest_first) - 1)
    points: list[TrendPoint] = []
    lines: list[str] = []
    run: list[str] = []
    for n, r in enumerate(oldest_first):
        x = round(left + n * gap, 2)
        shown = r.overall is not None and not r.withheld
        y = y_at(r.overall) if shown and r.overall is not None else None
        if r.withheld:
            value = t["r_withheld_short"]
        else:
            value = _number(r.overall, t["decimal"])
        last = n == len(oldest_first) - 1
        value_y = (y - 9 if y <= threshold_y else y + 17) if y is not None else bottom - 6
        points.append(TrendPoint(r.date, x, y, value, value_y, label=n % step == 0 or last))
        if y is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
        else:
            run.append(f"{x},{y}")
    if len(run) > 1:
        lines.append(" ".join(run))
    threshold = _plain_number(assessment.threshold, t["decimal"])
    return TrendChart(
        name=t["r_trend_name"].format(team=results[0].team),
        height=bottom + 34,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        lines=lines,
        threshold_y=threshold_y,
        threshold_label=t["r_threshold"].format(threshold=threshold),
        ticks=[(y_at(v), _plain_number(v, t["decimal"])) for v in _scale_ticks(assessment)],
    )


@dataclass(frozen=True)
class PairBar:
    """One perspective's bar in a row of the paired chart."""

    y: float
    width: float | None
    """The bar's length, from the scale's minimum; None when there is no score to draw."""
    value: str
    """The score as people read it, or why there is none."""


@dataclass(frozen=True)
class PairRow:
    """One dimension in the paired chart: the team's bar above the customers'."""

    dimension: str
    label: str
    title: str
    label_y: float
    team: PairBar
    customers: PairBar


@dataclass(frozen=True)
class PairChart:
    """The team's own scores and its customers' by dimension, on one date, as pairs of bars
    against the threshold: the team's filled in the link colour, the customers' an outline in
    the text colour, told apart without colour (a legend names them; the table after the chart
    has the same figures)."""

    name: str
    height: float
    x: float
    track: float
    bar_height: float
    rows: list[PairRow]
    threshold_x: float
    threshold_label: str
    threshold_y: float
    """Where the threshold's label sits (under the legend)."""
    ticks: list[tuple[float, str]]
    axis_y: float
    team_label: str
    customers_label: str
    customers_legend_x: float
    """Where the customers' entry of the legend starts."""


def pair_chart(assessment: Assessment, c: CustomerResult, t: dict[str, str]) -> PairChart:
    """Return the chart of a team's own scores beside its customers' on one date.

    The dimensions asked of customers, in the order of their gaps (``CustomerResult.order``);
    the team's bar is its score on the questions customers are asked too. Withheld scores are
    not drawn.
    """
    x, track = 4.0, WIDTH - 52.0
    at = _at(assessment, x, track)

    def bar(result: TeamResult, dimension: str, y: float) -> PairBar:
        s = result.dimensions[dimension]
        width = None if s.score is None else round(at(s.score) - x, 2)
        return PairBar(y=y, width=width, value=_score_text(s, t))

    titles = {d.id: " ".join(richtext.to_plain(d.title).split()) for d in assessment.dimensions}
    bar_height, row, top = 12.0, 56.0, 40.0
    rows = []
    for n, d in enumerate(c.order):
        label_y = top + n * row + 12
        rows.append(
            PairRow(
                dimension=d,
                label=_short(titles[d]),
                title=titles[d],
                label_y=label_y,
                team=bar(c.same_questions, d, label_y + 6),
                customers=bar(c.customer, d, label_y + 6 + bar_height + 3),
            )
        )
    axis_y = top + len(rows) * row + 10
    threshold = _plain_number(assessment.threshold, t["decimal"])
    team_label = t["r_team"]
    return PairChart(
        name=t["r_pair_name"].format(
            team=c.customer.team, date=c.customer.date, threshold=threshold
        ),
        height=axis_y + 6,
        x=x,
        track=track,
        bar_height=bar_height,
        rows=rows,
        threshold_y=top - 6,
        axis_y=axis_y,
        **_axis_marks(assessment, at, t),
        team_label=team_label,
        customers_label=t["r_customers"],
        customers_legend_x=round(x + 26 + 8 * len(team_label) + 16, 2),
    )
