"""Exported assessment results: read and check result files, combine them per team, report.

A team fills in a self-assessment in the browser and exports a JSON result file (SPEC "Results
file"). HR collects the files; ``playbook-gen report`` and the ``results/`` dashboard pages read
them here, in stages:

1. ``format``: the file format, defined once (``ExportedResult``, its limits, the questionnaire
   fingerprint); the JSON Schema for editors and the checks both read it.
2. ``jsontext``: strict JSON with positions, so that every problem names a line and column.
3. ``reader``: each file checked completely (``read_results``), giving ``ResultFile``s and the
   problems found (``Checked``). Scores are always worked out again with ``scoring``; any
   ``scores`` in a file are ignored.
4. ``aggregate``: files grouped by assessment, team, date and perspective (the team's own
   answers or its customers'), each group's respondents combined (``aggregate``), with scores
   withheld below the assessment's ``min_respondents``; customers' scores compared with the
   team's own on the same questions (the gap).
5. ``report``: the combined results as JSON, CSV or Markdown, and the rows of the dashboard's
   overview, which shares its template with the Markdown report, and of its team pages.
6. ``charts``: each team page's charts as geometry (bars against the threshold, the overall
   score over time), which the page's template writes as inline SVG.

Each file is one respondent. Several files for the same team and date are several respondents:
the team's score in a dimension is the mean of their scores in it, shown with the number of
respondents and the spread (lowest and highest). The team's overall score is the mean of its
dimension scores that exist, with its band: the same rule as for one respondent.

Scores are only given where at least the assessment's ``min_respondents`` respondents have them
(default 3): with fewer, each person can work out the others' answers from the mean. A team with
fewer respondents gets only its count; a dimension that fewer of them could score gets no score
or spread and is left out of the overall score (which would give it away otherwise).

An export carries the ``questionnaire`` fingerprint of the questions and scale it answered
(``questionnaire()``). A file whose fingerprint is not the assessment's current one was answered
on other questions or another scale: it is named in a warning and not counted, unless the
assessment lists it under ``include_versions`` or ``report --include-other-versions`` asks.
Files without one (older exports, hand-made files) are checked as before.

Problems are ``Problem`` lines naming the file, and the line and column where the JSON says
where. Errors stop a report or a build; warnings (an answer to a question the assessment does
not have, a file handed in twice, a file for another version of the questions) do not.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Loaded now: the function aggregate shares its module's name, and importing a module later
# would set the package's name `aggregate` to the module.
from .aggregate import (
    AssessmentResults,
    CustomerResult,
    DimensionScore,
    Gap,
    Team,
    TeamResult,
    aggregate,
    customer_result,
    team_key,
    team_result,
)

if TYPE_CHECKING:  # for type checkers; when running, __getattr__ loads each name when first used
    from . import charts, scoring  # noqa: F401 (loaded when first used)
    from .format import (
        FORMAT,
        MAX_BYTES,
        MAX_COMMENT,
        MAX_TEXT,
        VERSION,
        ExportedResult,
        questionnaire,
        questionnaire_text,
    )
    from .jsontext import json_problem
    from .reader import Checked, ResultFile, read_result, read_results, result_files_in
    from .report import (
        CSV_COLUMNS,
        REPORT_FORMAT,
        csv_cell,
        markdown_text,
        page_tables,
        report_csv,
        report_json,
        report_markdown,
    )

_MODULES: dict[str, tuple[str, ...]] = {
    "format": (
        "FORMAT", "MAX_BYTES", "MAX_COMMENT", "MAX_TEXT", "VERSION", "ExportedResult",
        "questionnaire", "questionnaire_text",
    ),
    "jsontext": ("json_problem",),
    "reader": ("Checked", "ResultFile", "read_result", "read_results", "result_files_in"),
    "report": (
        "CSV_COLUMNS", "REPORT_FORMAT", "csv_cell", "markdown_text", "page_tables", "report_csv",
        "report_json", "report_markdown",
    ),
    "charts": (),
    "scoring": (),
}  # fmt: skip
"""This package's modules and the names it offers from each."""

_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> object:
    """Load a module, or a name from its module, when first used (PEP 562): a build without
    result files (the assessment page needs the file format only) imports none of the code that
    reads, reports or draws them."""
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "MAX_BYTES",
    "MAX_COMMENT",
    "MAX_TEXT",
    "REPORT_FORMAT",
    "VERSION",
    "AssessmentResults",
    "Checked",
    "CustomerResult",
    "DimensionScore",
    "ExportedResult",
    "Gap",
    "ResultFile",
    "Team",
    "TeamResult",
    "aggregate",
    "csv_cell",
    "customer_result",
    "json_problem",
    "markdown_text",
    "page_tables",
    "questionnaire",
    "questionnaire_text",
    "read_result",
    "read_results",
    "report_csv",
    "report_json",
    "report_markdown",
    "result_files_in",
    "scoring",
    "team_key",
    "team_result",
]
