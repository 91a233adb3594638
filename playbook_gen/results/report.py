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
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..content import richtext
from ..i18n import words
from .aggregate import AssessmentResults, CustomerResult, DimensionScore, Gap, Team, TeamResult

if TYPE_CHECKING:
    import jinja2

REPORT_FORMAT = "playbook-assessment-report"
"""The ``format`` field of a JSON report."""


def _asked(c: CustomerResult) -> tuple[str, ...]:
    """Return the ids of the dimensions that have questions with a customer wording."""
    return c.asked


def report_json(results: Sequence[AssessmentResults]) -> str:
    """Return the report as JSON: every figure unrounded (structure in docs/editing.md)."""

    def team_result_data(team: Team, r: TeamResult) -> dict:
        data = own_result_data(r)
        customers = team.customer(r.date)
        if customers is not None:
            data["customers"] = customer_data(customers)
        return data

    def own_result_data(r: TeamResult) -> dict:
        return {
            "date": r.date,
            "respondents": r.respondents,
            "withheld": r.withheld,
            "files": [f.file for f in r.files],
            "overall": r.overall,
            "band": richtext.to_plain(r.band.name) if r.band else None,
            "dimensions": {d: dimension_data(s) for d, s in r.dimensions.items()},
            "comments": comments_of(r),
        }

    def dimension_data(s: DimensionScore) -> dict:
        return {
            "score": s.score,
            "respondents": s.respondents,
            "min": s.lowest,
            "max": s.highest,
            "withheld": s.withheld,
        }

    def comments_of(r: TeamResult) -> dict[str, list[str]]:
        comments: dict[str, list[str]] = {}
        for f in r.files:
            for dimension, text in f.comments.items():
                comments.setdefault(dimension, []).append(text)
        return comments

    def customer_data(c: CustomerResult) -> dict:
        asked = _asked(c)
        return {
            "respondents": c.customer.respondents,
            "withheld": c.customer.withheld,
            "files": [f.file for f in c.customer.files],
            "dimensions": {
                d: dimension_data(s) for d, s in c.customer.dimensions.items() if d in asked
            },
            "same_questions": {
                d: {"score": s.score, "respondents": s.respondents, "withheld": s.withheld}
                for d, s in c.same_questions.dimensions.items()
                if d in asked
            },
            "gaps": None
            if c.gaps is None
            else [
                {"dimension": g.dimension, "customer": g.customer, "self": g.team, "gap": g.gap}
                for g in c.gaps
            ],
            "comments": comments_of(c.customer),
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
                    {
                        "team": team.name,
                        "results": [team_result_data(team, r) for r in team.results],
                    }
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
CSV_CUSTOMER_COLUMNS = ("perspective", "gap")
"""Added after ``CSV_COLUMNS`` when any team has customer results: whose score a row has
("self" or "customer"), and on a customer row the gap (the customers' score minus the team's
own on the same questions)."""


def report_csv(results: Sequence[AssessmentResults], language: str = "en") -> str:
    """Return the report as CSV: a row per team, date and dimension, then the overall row.

    Scores are unrounded, with a '.' as decimal mark; a withheld score is an empty cell beside
    its count of respondents. Text cells that a spreadsheet would run as a formula start with a
    "'" (as in the assessment page's exports).
    """
    t = words(language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    customers = any(a.has_customers for a in results)
    own = ["self", None] if customers else []
    writer.writerow(CSV_COLUMNS + (CSV_CUSTOMER_COLUMNS if customers else ()))
    for a in results:
        for team in a.teams:
            for r in team.results:
                start = [a.assessment.id, team.name, r.date]
                for d in a.assessment.dimensions:
                    s = r.dimensions[d.id]
                    row = [d.id, richtext.to_plain(d.title), s.score, s.respondents]
                    writer.writerow(_csv_row(start + row + [s.lowest, s.highest, None] + own))
                band = richtext.to_plain(r.band.name) if r.band else None
                row = ["overall", t["a_overall"], r.overall, r.respondents, None, None, band]
                writer.writerow(_csv_row(start + row + own))
                c = team.customer(r.date)
                if c is None:
                    continue
                gaps = {g.dimension: g.gap for g in c.gaps or ()}
                for d in a.assessment.dimensions:
                    if d.id not in _asked(c):
                        continue
                    s = c.customer.dimensions[d.id]
                    row = [d.id, richtext.to_plain(d.title), s.score, s.respondents]
                    row += [s.lowest, s.highest, None, "customer", gaps.get(d.id)]
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
class GapCells:
    """How differently the customers and the team rate a dimension, written for people."""

    dimension: str
    title: str
    value: str
    """The unrounded gap (customers minus team), for the page's ``data-value``."""
    words: str
    """The gap in words, its sign told: "customers rate it 1.3 lower"."""
    scores: str
    """Both scores in a phrase: "2.9 against the team's 4.2"."""
    lower: bool
    """Whether the customers rate it lower than the team does."""


@dataclass(frozen=True)
class PairCells:
    """A dimension asked of customers: the team's score on its customer questions and the
    customers' score side by side, and the gap between them."""

    dimension: str
    title: str
    team: ScoreCells
    """The team's own respondents' score on the same questions."""
    customers: ScoreCells
    gap: GapCells | None


@dataclass(frozen=True)
class CustomerCells:
    """What a team's customers said on one date, beside the team, written for a table."""

    date: str
    counts: str
    """The date, the team's respondents and its customers, in a line."""
    respondents: int
    """How many customers answered."""
    withheld: bool
    """Whether the customers are fewer than ``min_respondents``: none of their scores shown."""
    team_withheld: bool
    """Whether the team has too few respondents of its own that day: no gap shown."""
    rows: list[PairCells]
    """The dimensions asked of customers: those with a gap, largest first, then the others in
    the assessment's order."""
    gaps: list[GapCells] | None
    """Largest first; None when either side is withheld."""
    not_asked: str
    """The sentence naming the dimensions customers are not asked about, or ''."""

    @property
    def largest(self) -> GapCells | None:
        return self.gaps[0] if self.gaps else None


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
    customers: CustomerCells | None = None
    """What the team's customers said that day, or None if none answered."""


@dataclass(frozen=True)
class TeamCells:
    """A team and its results, latest first, written for a table."""

    name: str
    slug: str
    results: list[ResultCells]

    @property
    def latest(self) -> ResultCells:
        return self.results[0]

    @property
    def customers(self) -> CustomerCells | None:
        """What customers said on the latest date they answered, or None if they never did."""
        return next((r.customers for r in self.results if r.customers is not None), None)


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
    has_customers: bool = False
    """Whether any team has customer results (the overview then shows the largest gaps)."""


def tables(
    results: Sequence[AssessmentResults],
    t: dict[str, str],
    text: Callable[[str], str],
    rich: Callable[[str], str],
    *,
    html: bool = False,
) -> list[AssessmentTables]:
    """Return the combined results as rows of cells for people to read.

    Args:
        results: the combined results (``aggregate``).
        t: the words of the handbook's language (``i18n.words``).
        text: writes a text from a result file (a team name) so the output shows it as written.
        rich: writes a text from the handbook (a title, a band's name), which may hold Markdown.
        html: whether the output is HTML (sentences that hold a title are then ``Markup``).
    """
    return [_Cells(t, text, rich, html).assessment(a) for a in results]


@dataclass(frozen=True)
class _Cells:
    """Writes the cells of the tables in one language, for one output (``tables``' args)."""

    t: dict[str, str]
    text: Callable[[str], str]
    rich: Callable[[str], str]
    html: bool = False

    def sentence(self, key: str, **values: str) -> str:
        """Return one of the language's sentences with values put in, which are written for
        the output already (titles); on a page, the sentence's own words are escaped."""
        if self.html:
            return Markup(escape(self.t[key])).format(**values)
        return self.t[key].format(**values)

    def assessment(self, a: AssessmentResults) -> AssessmentTables:
        dimensions = [(d.id, self.rich(d.title)) for d in a.assessment.dimensions]
        least = a.assessment.min_respondents
        teams = [
            TeamCells(
                name=self.text(team.name),
                slug=team.slug,
                results=[self.result(team, r, dimensions, least) for r in team.results],
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
            has_customers=a.has_customers,
        )

    def result(
        self, team: Team, r: TeamResult, dimensions: list[tuple[str, str]], least: int
    ) -> ResultCells:
        cells = [self.score(r, d, title, least) for d, title in dimensions]
        c = team.customer(r.date)
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
            customers=None if c is None else self.customers(r, c, dimensions, least),
        )

    def customers(
        self, r: TeamResult, c: CustomerResult, dimensions: list[tuple[str, str]], least: int
    ) -> CustomerCells:
        titles = dict(dimensions)
        gaps = None if c.gaps is None else [self.gap(g, titles[g.dimension]) for g in c.gaps]
        by_dimension = {g.dimension: g for g in gaps or ()}
        rows = [
            PairCells(
                dimension=d,
                title=titles[d],
                team=self.score(c.same_questions, d, titles[d], least),
                customers=self.score(c.customer, d, titles[d], least),
                gap=by_dimension.get(d),
            )
            for d in c.order
        ]
        not_asked = [title for d, title in dimensions if d not in c.asked]
        return CustomerCells(
            date=r.date,
            counts=self.t["r_customers_counts"].format(
                date=r.date, team=r.respondents, customers=c.respondents
            ),
            respondents=c.respondents,
            withheld=c.customer.withheld,
            team_withheld=c.same_questions.withheld,
            rows=rows,
            gaps=gaps,
            not_asked=self.sentence(
                "r_not_asked", dimensions=(Markup(", ") if self.html else ", ").join(not_asked)
            )
            if not_asked
            else "",
        )

    def gap(self, g: Gap, title: str) -> GapCells:
        size = self.number(abs(g.gap))
        if size == self.number(0.0):
            words = self.t["r_gap_same"]
        else:
            words = self.t["r_gap_lower" if g.gap < 0 else "r_gap_higher"].format(gap=size)
        scores = self.t["r_gap_scores"].format(
            customers=self.number(g.customer), team=self.number(g.team)
        )
        return GapCells(
            dimension=g.dimension,
            title=title,
            value=_data_value(g.gap),
            words=words,
            scores=scores,
            lower=g.gap < 0,
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
        html=True,
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
    import jinja2  # only `report --format md` needs it, not the commands that read results

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
