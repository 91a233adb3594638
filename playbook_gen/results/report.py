"""Reports: the combined results as JSON, CSV and Markdown, and the tables the dashboard shows.

JSON and CSV are for programs and spreadsheets: every figure unrounded, one row per figure.
Markdown (``report --format md``) and the dashboard (``results/``) are for people, and come
from one data shape: ``tables`` turns the combined results into rows of cells written for the
output (scores with one decimal and the language's decimal mark, names escaped).
``pages/templates/results.md.j2`` lays them out, as the dashboard's overview (a compact HTML
table of each team's latest result) and as the Markdown report; ``results_team.md.j2`` as each
team's page on the dashboard.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..content import richtext
from ..i18n import words
from .aggregate import AssessmentResults, TeamResult

REPORT_FORMAT = "playbook-assessment-report"
"""The ``format`` field of a JSON report."""


def report_json(results: Sequence[AssessmentResults]) -> str:
    """Return the report as JSON: every figure unrounded (structure in docs/editing.md)."""

    def team_result_data(r: TeamResult) -> dict:
        comments: dict[str, list[str]] = {}
        for f in r.files:
            for dimension, text in f.comments.items():
                comments.setdefault(dimension, []).append(text)
        return {
            "date": r.date,
            "respondents": r.respondents,
            "withheld": r.withheld,
            "files": [f.file for f in r.files],
            "overall": r.overall,
            "band": richtext.to_plain(r.band.name) if r.band else None,
            "dimensions": {
                d: {
                    "score": s.score,
                    "respondents": s.respondents,
                    "min": s.lowest,
                    "max": s.highest,
                    "withheld": s.withheld,
                }
                for d, s in r.dimensions.items()
            },
            "comments": comments,
        }

    data = {
        "format": REPORT_FORMAT,
        "version": 1,
        "assessments": [
            {
                "id": a.assessment.id,
                "title": richtext.to_plain(a.assessment.title),
                "scale": {"min": a.assessment.scale.min, "max": a.assessment.scale.max},
                "min_respondents": a.assessment.min_respondents,
                "dimensions": [
                    {"id": d.id, "title": richtext.to_plain(d.title)}
                    for d in a.assessment.dimensions
                ],
                "teams": [
                    {"team": team.name, "results": [team_result_data(r) for r in team.results]}
                    for team in a.teams
                ],
            }
            for a in results
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "assessment", "team", "date", "dimension", "title", "score", "respondents", "min", "max",
    "band",
)  # fmt: skip


def report_csv(results: Sequence[AssessmentResults], language: str = "en") -> str:
    """Return the report as CSV: a row per team, date and dimension, then the overall row.

    Scores are unrounded, with a '.' as decimal mark; a withheld score is an empty cell beside
    its count of respondents. Text cells that a spreadsheet would run as a formula start with a
    "'" (as in the assessment page's exports).
    """
    t = words(language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in results:
        for team in a.teams:
            for r in team.results:
                start = [a.assessment.id, team.name, r.date]
                for d in a.assessment.dimensions:
                    s = r.dimensions[d.id]
                    row = [d.id, richtext.to_plain(d.title), s.score, s.respondents]
                    writer.writerow(_csv_row(start + row + [s.lowest, s.highest, None]))
                band = richtext.to_plain(r.band.name) if r.band else None
                row = ["overall", t["a_overall"], r.overall, r.respondents, None, None, band]
                writer.writerow(_csv_row(start + row))
    return out.getvalue()


def _csv_row(cells: list) -> list[str]:
    return [csv_cell(cell) for cell in cells]


def csv_cell(value: Any) -> str:
    """Return one CSV cell's text: numbers as they are, text neutralised against formulas."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return repr(value)  # a number is never a formula, even a negative one
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# -- the tables people read: the Markdown report and the dashboard page ---------------------------


def format_score(value: float | None, decimal: str = ".") -> str:
    """Return a score as people read it: one decimal, the language's decimal mark; '–' for none."""
    return "–" if value is None else f"{value:.1f}".replace(".", decimal)


@dataclass(frozen=True)
class ScoreCells:
    """A team's score in one dimension on one date, written for a table."""

    dimension: str
    """The dimension's id (the assessment page's anchor)."""
    title: str
    """The dimension's title."""
    value: str
    """The unrounded score, or '' (for the page's ``data-value``)."""
    score: str
    """The score as people read it (``format_score``)."""
    spread: str
    """'lowest–highest', or '' where there is no score."""
    shown: str
    """The score in the team's table: the score, or why there is none."""
    respondents: int
    withheld: bool


@dataclass(frozen=True)
class ResultCells:
    """A team's result on one date, written for a table."""

    date: str
    respondents: int
    withheld: bool
    value: str
    """The unrounded overall score, or ''."""
    overall: str
    band: str | None
    """The band's name, or None when there is no overall score."""
    dimensions: list[ScoreCells]
    """In the assessment's order."""
    weakest: ScoreCells | None = None
    """The dimension with the lowest score given (the first of equals), or None."""


@dataclass(frozen=True)
class TeamCells:
    """A team and its results, latest first, written for a table."""

    name: str
    slug: str
    results: list[ResultCells]

    @property
    def latest(self) -> ResultCells:
        return self.results[0]


@dataclass(frozen=True)
class AssessmentTables:
    """What the tables say about one assessment: the latest result of each team, then each
    team's results by date."""

    id: str
    title: str
    files: int
    """How many result files were counted."""
    min_respondents: int
    """The assessment's: fewer respondents give no score."""
    dimensions: list[tuple[str, str]]
    """(id, title) of each dimension, in the assessment's order."""
    teams: list[TeamCells]


def tables(
    results: Sequence[AssessmentResults],
    t: dict[str, str],
    text: Callable[[str], str],
    rich: Callable[[str], str],
) -> list[AssessmentTables]:
    """Return the combined results as rows of cells for people to read.

    Args:
        results: the combined results (``aggregate``).
        t: the words of the handbook's language (``i18n.words``).
        text: writes a text from a result file (a team name) so the output shows it as written.
        rich: writes a text from the handbook (a title, a band's name), which may hold Markdown.
    """
    return [_Cells(t, text, rich).assessment(a) for a in results]


@dataclass(frozen=True)
class _Cells:
    """Writes the cells of the tables in one language, for one output (``tables``' args)."""

    t: dict[str, str]
    text: Callable[[str], str]
    rich: Callable[[str], str]

    def assessment(self, a: AssessmentResults) -> AssessmentTables:
        dimensions = [(d.id, self.rich(d.title)) for d in a.assessment.dimensions]
        least = a.assessment.min_respondents
        teams = [
            TeamCells(
                name=self.text(team.name),
                slug=team.slug,
                results=[self.result(r, dimensions, least) for r in team.results],
            )
            for team in a.teams
        ]
        return AssessmentTables(
            id=a.assessment.id,
            title=self.rich(a.assessment.title),
            files=a.files,
            min_respondents=least,
            dimensions=dimensions,
            teams=teams,
        )

    def result(self, r: TeamResult, dimensions: list[tuple[str, str]], least: int) -> ResultCells:
        cells = [self.score(r, d, title, least) for d, title in dimensions]
        given = [(s, c) for c in cells if (s := r.dimensions[c.dimension].score) is not None]
        return ResultCells(
            date=r.date,
            respondents=r.respondents,
            withheld=r.withheld,
            value=_data_value(r.overall),
            overall=self.number(r.overall),
            band=self.rich(r.band.name) if r.band else None,
            dimensions=cells,
            weakest=min(given, key=lambda pair: pair[0])[1] if given else None,
        )

    def score(self, r: TeamResult, dimension: str, title: str, least: int) -> ScoreCells:
        s = r.dimensions[dimension]
        if s.withheld:
            shown = self.t["r_withheld"].format(n=least)
        elif s.score is None:
            shown = self.t["a_not_enough"]
        else:
            shown = self.number(s.score)
        spread = ""
        if s.score is not None:
            spread = f"{self.number(s.lowest)}–{self.number(s.highest)}"
        return ScoreCells(
            dimension=dimension,
            title=title,
            value=_data_value(s.score),
            score=self.number(s.score),
            spread=spread,
            shown=shown,
            respondents=s.respondents,
            withheld=s.withheld,
        )

    def number(self, value: float | None) -> str:
        return format_score(value, self.t["decimal"])


def _data_value(value: float | None) -> str:
    """Return a score unrounded, as the page's sortable ``data-value`` holds it ('' for none)."""
    return "" if value is None else str(value)


def page_tables(
    results: Sequence[AssessmentResults], t: dict[str, str], *, allow_html: bool = False
) -> list[AssessmentTables]:
    """Return the tables for the dashboard page: HTML, with the handbook's texts as HTML."""
    return tables(
        results,
        t,
        text=escape,
        rich=lambda source: Markup(richtext.to_inline_html(source, allow_html=allow_html)),
    )


def report_markdown(results: Sequence[AssessmentResults], language: str = "en") -> str:
    """Return the report as Markdown: per assessment an overview, then each team, latest first.

    Scores have one decimal; names from result files are escaped, so they show as written.
    """
    t = words(language)
    shown = tables(
        results,
        t,
        text=markdown_text,
        rich=lambda source: markdown_text(richtext.to_plain(source)),
    )
    text = (
        _markdown_templates().get_template("results.md.j2").render(t=t, results=shown, page=False)
    )
    return text.removesuffix("\n")  # every part ends with a blank line; the report with none


@functools.cache
def _markdown_templates() -> jinja2.Environment:
    """The pages' templates, for the Markdown report: no HTML escaping, as it is not HTML (the
    cells are escaped for Markdown by ``tables``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("playbook_gen.pages", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|#~!])")


def markdown_text(text: str) -> str:
    """Return text that Markdown shows as written (no emphasis, links, HTML or table breaks)."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
