"""Reading result files: each file checked completely, every problem located in it.

A file is read in steps, each of which may stop it: its size and encoding, its JSON
(``jsontext``), the format and version (nothing else is worth checking in another kind of file),
then every field against ``format.ExportedResult`` and the assessment it answers, with
warnings for what can be worked around (an unknown field, question or dimension). A file that
passes becomes a ``ResultFile``, with its scores worked out again (``scoring``). Then the set of
files: a result handed in twice counts once, and a file answered on another version of the
questions (its ``questionnaire`` fingerprint) counts only when allowed.

The checks are written by hand rather than left to pydantic: a result file is judged against
the assessment it answers (its questions, its scale), most of what is wrong in one is a warning
rather than an error, and the problems are worded for the person who exported the file; the
limits and field names come from ``ExportedResult``.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.model import Assessment, Handbook
from ..problems import Problem, did_you_mean, format_path, not_utf8, os_reason
from . import jsontext, scoring
from .format import (
    FIELDS,
    FORMAT,
    MAX_BYTES,
    MAX_COMMENT,
    MAX_TEXT,
    PERSPECTIVES,
    REQUIRED,
    VERSION,
    questionnaire,
)
from .jsontext import Pos


@dataclass(frozen=True)
class ResultFile:
    """One respondent's answers, from a result file that passed every check."""

    file: str
    """The file, as problems name it."""
    assessment: str
    """The assessment's id (an old id from its ``aliases`` is read as the current one)."""
    team: str
    """The team's name, with runs of spaces and line breaks made single spaces."""
    date: str
    """The day of the export, YYYY-MM-DD."""
    answers: dict[str, int | None]
    """Question id -> answer (None: not applicable); answers to unknown questions are dropped."""
    comments: dict[str, str]
    """Dimension id -> the respondent's comment."""
    scores: scoring.Result
    """The scores of these answers (scoring.score)."""
    id: str | None = None
    """The random id made at export; a second file with the same id is not counted."""
    questionnaire: str | None = None
    """The fingerprint of the questions and scale answered (``questionnaire``), if the file
    has one."""
    perspective: str = "self"
    """Who answered: ``"self"`` (a member of the team; also when the file does not say) or
    ``"customer"`` (someone from a team it serves, on the questions with a customer wording)."""


@dataclass
class Checked:
    """What reading a set of result files found."""

    files: list[ResultFile] = field(default_factory=list)
    """Files that passed every check, each result counted once, in the order read."""
    errors: list[Problem] = field(default_factory=list)
    """Problems that make a file unusable; a report or build stops on any."""
    warnings: list[Problem] = field(default_factory=list)
    """Problems that were worked around (an unknown question, a file handed in twice)."""


def result_files_in(folder: str | Path) -> list[Path]:
    """Return the result files (``*.json``) in a folder, by name, without hidden files."""
    return sorted(
        p for p in Path(folder).glob("*.json") if p.is_file() and not p.name.startswith(".")
    )


def read_results(
    files: Iterable[tuple[str, Path]],
    handbook: Handbook,
    *,
    unchecked: Collection[str] = (),
    include_other_versions: bool = False,
) -> Checked:
    """Read and check result files against a handbook; a file handed in twice counts once.

    Args:
        files: (name shown in problems, path) of each file, in the order to read them; of two
            files with the same ``id`` the first one counts.
        handbook: the handbook whose assessments the files answer.
        unchecked: ids of assessments whose content files have problems of their own: files
            for them are not checked (and not counted), as the answers can't be judged.
        include_other_versions: count files whose questionnaire fingerprint is not the
            assessment's (with a warning each) instead of leaving them out.
    """
    reader = _Reader(handbook, unchecked, include_other_versions)
    for name, path in files:
        try:
            with open(path, "rb") as fd:
                source = fd.read(MAX_BYTES + 1)
        except OSError as exc:
            reader.checked.errors.append(
                Problem(name, message=f"this file could not be read: {os_reason(exc)}")
            )
            continue
        reader.read(name, source)
    return reader.checked


def read_result(
    source: bytes, name: str, handbook: Handbook, *, include_other_versions: bool = False
) -> Checked:
    """Read and check the bytes of one result file (see ``read_results``)."""
    reader = _Reader(handbook, (), include_other_versions)
    reader.read(name, source)
    return reader.checked


class _Reader:
    """Check result files one by one, collecting every problem."""

    def __init__(
        self, handbook: Handbook, unchecked: Collection[str], include_other_versions: bool
    ):
        self.handbook = handbook
        self.unchecked = set(unchecked)
        self.include_other_versions = include_other_versions
        self.fingerprints: dict[str, str] = {}
        self.checked = Checked()
        self.first_with_id: dict[str, str] = {}
        self.assessment_ids = {a: a for a in handbook.assessments}
        for assessment in handbook.assessments.values():
            for alias in assessment.aliases:
                self.assessment_ids.setdefault(alias, assessment.id)

    def read(self, name: str, source: bytes) -> None:
        check = _FileCheck(self, name)
        result = check.run(source)
        self.checked.errors += check.errors
        self.checked.warnings += check.warnings
        if result is None or not self._counts(check, result):
            return
        if result.id is not None:
            first = self.first_with_id.get(result.id)
            if first is not None:
                self.checked.warnings.append(
                    check.problem(
                        ("id",), f"the same result as {first} (handed in twice); counted once"
                    )
                )
                return
            self.first_with_id[result.id] = name
        self.checked.files.append(result)

    def _counts(self, check: _FileCheck, result: ResultFile) -> bool:
        """Return whether a file counts: it answered this version of the questions, or may."""
        theirs = result.questionnaire
        if theirs is None:
            return True  # an older export or a hand-made file: checked as it always was
        assessment = self.handbook.assessments[result.assessment]
        current = self.fingerprints.get(assessment.id)
        if current is None:
            current = self.fingerprints[assessment.id] = questionnaire(assessment)
        if theirs == current or theirs in assessment.include_versions:
            return True
        other = (
            f"answered on another version of the questions or scale ({_show(theirs)} instead "
            f"of '{current}')"
        )
        if self.include_other_versions:
            message = f"{other}; counted, as --include-other-versions asks"
            self.checked.warnings.append(check.problem(("questionnaire",), message))
            return True
        message = f"{other}, not counted"
        hint = (
            f"if its answers still compare, list {_show(theirs)} under include_versions in the "
            "assessment's file"
        )
        self.checked.warnings.append(check.problem(("questionnaire",), message, hint))
        return False


_MISSING: Any = object()


class _FileCheck:
    """The checks of one file: every problem in it, then the result if there were no errors."""

    def __init__(self, reader: _Reader, name: str):
        self.reader = reader
        self.name = name
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.keys: dict[tuple, Pos] = {}
        self.twice: dict[tuple, Pos] = {}

    def problem(
        self, path: tuple, message: str, hint: str = "", *, where: tuple | None = None
    ) -> Problem:
        """Return a problem about the field at `path`, located at its name where known."""
        line, column = self.keys.get(path) or self.keys.get((), (0, 0))
        where = path if where is None else where
        return Problem(self.name, line, column, format_path(where), message, hint)

    def error(self, path: tuple, message: str, hint: str = "", **kw) -> None:
        self.errors.append(self.problem(path, message, hint, **kw))

    def warn(self, path: tuple, message: str, hint: str = "", **kw) -> None:
        self.warnings.append(self.problem(path, message, hint, **kw))

    def run(self, source: bytes) -> ResultFile | None:
        """Check the file in steps, each of which may stop it; return it if nothing is wrong."""
        text = self._text_of(source)
        if text is None:
            return None
        data = self._json(text)
        if data is _MISSING or not self._is_a_result(data):
            return None
        self._field_names(data)
        assessment = self._assessment(data.get("assessment", _MISSING))
        team = self._text("team", data.get("team", _MISSING))
        date = self._date(data.get("date", _MISSING))
        result_id = self._text("id", data.get("id", _MISSING))
        fingerprint = self._text("questionnaire", data.get("questionnaire", _MISSING))
        perspective = self._perspective(data.get("perspective", _MISSING))
        if assessment is None:
            return None  # answers and comments can only be judged against their assessment
        answers = self._answers(assessment, data.get("answers", _MISSING))
        comments = self._comments(assessment, data.get("comments", {}))
        if answers is not None and perspective == "customer":
            answers = self._customer_answers(assessment, answers)
        if self.errors or team is None or date is None or answers is None or comments is None:
            return None
        return ResultFile(
            file=self.name,
            assessment=assessment.id,
            team=team,
            date=date,
            answers=answers,
            comments=comments,
            scores=scoring.score(assessment, answers),
            id=None if result_id is _MISSING else result_id,
            questionnaire=None if fingerprint is _MISSING else fingerprint,
            perspective=perspective or "self",
        )

    # -- the file --------------------------------------------------------------------------------

    def _text_of(self, source: bytes) -> str | None:
        """Return the file's text, or None after reporting why it has none worth reading."""
        if len(source) > MAX_BYTES:
            self.error(
                (),
                f"the file is larger than the limit of {MAX_BYTES:,} bytes",
                "a result file is a few kilobytes; is this the right file?",
            )
            return None
        try:
            text = source.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            self.errors.append(
                not_utf8(
                    self.name,
                    source,
                    exc,
                    "export the result again, or save the file with the UTF-8 encoding",
                )
            )
            return None
        if not text.strip():
            self.error((), "the file is empty", "export the result again")
            return None
        return text

    def _json(self, text: str) -> Any:
        """Return the file's JSON data, noting where each field is written; or _MISSING after
        reporting why it can't be read."""
        try:
            data = jsontext.loads(text)
        except jsontext.NotJson as exc:
            line, column = (
                (0, 0) if exc.offset is None else jsontext.line_and_column(text, exc.offset)
            )
            self.errors.append(Problem(self.name, line, column, "", exc.message, exc.hint))
            return _MISSING
        self.keys, self.twice, halves = jsontext.key_positions(text)
        if halves:
            # Python reads "\ud800" into a string that can't be written out again, so every
            # report or page would fail; each is a problem, and the rest is checked with U+FFFD.
            for (line, column), path, is_key, escape in halves:
                what = "field name" if is_key else "text"
                self.errors.append(
                    Problem(
                        self.name,
                        line,
                        column,
                        format_path(path),
                        f'"{escape}" is only half of a character, so this {what} can\'t be read',
                        "export the result again, or delete it from the file",
                    )
                )
            data = jsontext.readable(data)
        return data

    def _is_a_result(self, data: Any) -> bool:
        """Check that the data is a result file this version reads (fields, the format and
        its version); nothing else is worth checking in another kind of file."""
        if not isinstance(data, dict):
            self.error((), f"the file holds {_kind(data)}, not an exported result ({{...}})")
            return False
        for path, (line, column) in self.twice.items():
            self.errors.append(
                Problem(
                    self.name,
                    line,
                    column,
                    format_path(path[:-1]),
                    f"duplicate field '{path[-1]}', already set on line {self.keys[path][0]}",
                    "keep only one of them",
                )
            )
        return self._format_and_version(data)

    def _format_and_version(self, data: dict) -> bool:
        """Check that this is a result file this version reads; nothing else is worth checking."""
        if "format" not in data:
            self.error((), "missing required field 'format'", "this is not an exported result")
            return False
        if data["format"] != FORMAT:
            self.error(
                ("format",),
                f"{_show(data['format'])} is not an exported assessment result",
                f"expected '{FORMAT}'",
            )
            return False
        if "version" not in data:
            self.error((), "missing required field 'version'")
            return False
        if not _is_int(data["version"]) or data["version"] != VERSION:
            self.error(
                ("version",),
                f"results format version {_show(data['version'])} can't be read",
                f"this playbook-gen reads version {VERSION}",
            )
            return False
        return True

    # -- its fields --------------------------------------------------------------------------------

    def _field_names(self, data: dict) -> None:
        """Warn about fields the format does not have; report the required ones missing."""
        for key in data:
            if key not in FIELDS:
                self.warn(
                    (key,), f"unknown field '{key}', ignored", did_you_mean(key, FIELDS), where=()
                )
        for key in REQUIRED:
            if key not in data and key not in ("format", "version"):  # checked first
                self.error((), f"missing required field '{key}'")

    def _assessment(self, value: Any) -> Assessment | None:
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.error(("assessment",), f"expected an assessment id, not {_show(value)}")
            return None
        if value in self.reader.unchecked:
            return None  # its content file has problems of its own; answers can't be judged
        ids = self.reader.assessment_ids
        if value not in ids:
            listed = ", ".join(self.reader.handbook.assessments)
            hint = did_you_mean(value, ids) or (
                f"this handbook's assessments are: {listed}"
                if listed
                else "this handbook has no assessments"
            )
            self.error(("assessment",), f"unknown assessment {_show(value)}", hint)
            return None
        return self.reader.handbook.assessments[ids[value]]

    def _text(self, key: str, value: Any) -> Any:
        """Return a one-line text field (runs of spaces made single), or None if it is wrong.

        Only ``team`` is required; another field that is absent gives _MISSING.
        """
        if value is _MISSING:
            return None if key == "team" else _MISSING
        if not isinstance(value, str):
            self.error((key,), f"expected text, not {_show(value)}")
            return None
        text = unicodedata.normalize("NFC", " ".join(value.split()))
        if not text:
            self.error((key,), "must not be empty")
            return None
        if len(text) > MAX_TEXT:
            self.error((key,), f"is longer than {MAX_TEXT} characters")
            return None
        return text

    def _date(self, value: Any) -> str | None:
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.error(("date",), f"expected a date as text, not {_show(value)}")
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.error(("date",), f"{_show(value)} is not a date", "write it as YYYY-MM-DD")
            return None
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            self.error(("date",), f"{_show(value)} is not a date", "there is no such day")
            return None
        return value

    def _answers(self, assessment: Assessment, value: Any) -> dict[str, int | None] | None:
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.error(("answers",), f"expected question ids with answers, not {_kind(value)}")
            return None
        scale = assessment.scale
        questions = [q.id for d in assessment.dimensions for q in d.questions]
        known = set(questions)
        allowed = f"answer with a whole number from {scale.min} to {scale.max}"
        if scale.allow_na:
            allowed += ", or null for not applicable"
        answers: dict[str, int | None] = {}
        for question, answer in value.items():
            path = ("answers", question)
            if question not in known:
                hint = did_you_mean(question, known)
                self.warn(path, f"unknown question '{question}', ignored", hint, where=("answers",))
                continue
            if isinstance(answer, float) and answer.is_integer():
                answer = int(answer)  # JSON has one kind of number: 4.0 is 4, as in the browser
            if scoring.valid_answer(assessment, answer):
                answers[question] = answer
            elif answer is None:
                self.error(
                    path,
                    "null (not applicable) is not an answer in this assessment",
                    f"{allowed}, or leave the question out",
                )
            elif _is_int(answer):
                self.error(path, f"{answer} is not on the scale", allowed)
            elif isinstance(answer, float):
                self.error(path, f"{_show(answer)} is not a whole number", allowed)
            elif isinstance(answer, str):
                self.error(
                    path,
                    f"{_show(answer)} is text, not a number",
                    "write the number without quotes",
                )
            else:
                self.error(path, f"expected a number, not {_show(answer)}", allowed)
        # In the assessment's order, so every report lists answers the same way.
        return {q: answers[q] for q in questions if q in answers}

    def _perspective(self, value: Any) -> str | None:
        """Return who answered, ``"self"`` when the file does not say; None if it is wrong."""
        if value is _MISSING:
            return "self"
        if isinstance(value, str) and value in PERSPECTIVES:
            return value
        hint = (
            'write "customer" for answers from a team it serves, or leave the field out for '
            "the team's own"
        )
        if isinstance(value, str):
            self.error(
                ("perspective",),
                f"{_show(value)} is not a perspective",
                did_you_mean(value, PERSPECTIVES) or hint,
            )
        else:
            self.error(("perspective",), f'expected "self" or "customer", not {_show(value)}', hint)
        return None

    def _customer_answers(
        self, assessment: Assessment, answers: dict[str, int | None]
    ) -> dict[str, int | None]:
        """Check a customer's answers: only questions with a customer wording are theirs.

        A customer who answers a team-only question (one without a customer wording) was not
        asked it, so the file is most likely a team member's marked as a customer's, or two
        people's answers in one: either way its scores can't be told apart, and it is an error
        for HR to settle. "Not applicable" (null) on a team-only question says nothing and is
        dropped.
        """
        asked = {q.id for d in assessment.dimensions for q in d.questions if q.customer}
        theirs = {q: a for q, a in answers.items() if q in asked}
        team_only = [q for q, a in answers.items() if q not in asked and a is not None]
        if team_only:
            listed = _listed(team_only)
            if theirs:
                self.error(
                    ("perspective",),
                    "mixed perspectives in one file: a customer's, but it also answers questions "
                    f"without a customer wording ({listed}), which customers are not asked",
                    'if a team member filled it in, delete the "perspective" line; if a '
                    "customer did, delete those answers",
                )
            else:
                self.error(
                    ("perspective",),
                    f"a customer's file that answers only questions without a customer wording "
                    f"({listed}), which customers are not asked",
                    'if a team member filled it in, delete the "perspective" line, so it '
                    "counts as the team's own",
                )
        return theirs

    def _comments(self, assessment: Assessment, value: Any) -> dict[str, str] | None:
        if not isinstance(value, dict):
            self.error(("comments",), f"expected dimension ids with comments, not {_kind(value)}")
            return None
        known = {d.id for d in assessment.dimensions}
        comments = {}
        for dimension, comment in value.items():
            path = ("comments", dimension)
            if dimension not in known:
                hint = did_you_mean(dimension, known)
                where = ("comments",)
                self.warn(path, f"unknown dimension '{dimension}', ignored", hint, where=where)
            elif not isinstance(comment, str):
                self.error(path, f"expected text, not {_show(comment)}")
            elif len(comment) > MAX_COMMENT:
                self.error(path, f"is longer than {MAX_COMMENT:,} characters")
            elif comment.strip():
                comments[dimension] = comment.strip()
        return comments


def _listed(ids: list[str], most: int = 3) -> str:
    """Return ids for a one-line message: the first few, then how many more."""
    shown = ", ".join(ids[:most])
    return shown if len(ids) <= most else f"{shown} and {len(ids) - most} more"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number"


def _show(value: Any) -> str:
    """Return a value as it is written in the file, shortened for a one-line message."""
    if isinstance(value, (list, dict)):
        return _kind(value)
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        text = "'" + value + "'"
    return text if len(text) <= 60 else text[:57] + "..."
