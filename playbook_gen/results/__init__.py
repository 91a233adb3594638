"""Exported assessment results: read and check result files, combine them per team, report.

A team fills in a self-assessment in the browser and exports a JSON result file (SPEC "Results
file"). HR collects the files; ``playbook-gen report`` and the ``results/`` dashboard page read
them here. Scores are always worked out again with ``scoring.py``; any ``scores`` in a file are
ignored.

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

import bisect
import csv
import datetime
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import richtext
from ..content.model import Assessment, Band, ExportedResult, Handbook
from ..i18n import words
from ..problems import Problem, did_you_mean, format_path, not_utf8, os_reason
from . import scoring

FORMAT = "playbook-assessment-result"
VERSION = 1
REPORT_FORMAT = "playbook-assessment-report"
MAX_BYTES = 1_000_000  # the assessment page's import refuses larger files too
MAX_TEXT = 200  # id and team, as on the assessment page
MAX_COMMENT = 5000

IGNORED_FIELDS = {"scores", "$schema"}
"""Fields a result file may have that are not read: scores are always worked out again."""


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


@dataclass
class Checked:
    """What reading a set of result files found."""

    files: list[ResultFile] = field(default_factory=list)
    """Files that passed every check, each result counted once, in the order read."""
    errors: list[Problem] = field(default_factory=list)
    """Problems that make a file unusable; a report or build stops on any."""
    warnings: list[Problem] = field(default_factory=list)
    """Problems that were worked around (an unknown question, a file handed in twice)."""


# -- the questionnaire's fingerprint ---------------------------------------------------------------
# One rule, here: the assessment page exports the value render.py puts in its data, so the
# browser never works it out again (SubtleCrypto's hash is missing on a plain-http intranet).
# tests/vectors/questionnaire/ pins it, in pytest and in an export from Chromium.


def questionnaire_text(assessment: Assessment) -> str:
    """Return what the fingerprint is made from: what decides what an answer means.

    That is the scale (lowest and highest answer, whether N/A is offered) and each question's
    id and direction, sorted by id: never the wording (fixing a typo changes no answer's
    meaning), the order, the dimensions a question is in, the bands or the threshold (scores
    are always worked out again with the current ones).
    """
    scale = assessment.scale
    lines = [f"scale {scale.min} {scale.max} {'na' if scale.allow_na else 'no-na'}"]
    questions = sorted((q.id, q.reverse) for d in assessment.dimensions for q in d.questions)
    lines += [f"question {q}{' reverse' if reverse else ''}" for q, reverse in questions]
    return "\n".join(lines) + "\n"


def questionnaire(assessment: Assessment) -> str:
    """Return the assessment's questionnaire fingerprint: 12 hex digits of SHA-256."""
    return hashlib.sha256(questionnaire_text(assessment).encode("utf-8")).hexdigest()[:12]


# -- reading and checking --------------------------------------------------------------------------


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


Pos = tuple[int, int]

MAX_JSON_DEPTH = 32
"""Deeper JSON is refused before Python reads it (an exported result is 2 levels deep)."""


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
        data = self._parse(source)
        if data is _MISSING:
            return None
        if not isinstance(data, dict):
            self.error((), f"the file holds {_kind(data)}, not an exported result ({{...}})")
            return None
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
        if not self._format_and_version(data):
            return None

        known = {f.alias or name for name, f in ExportedResult.model_fields.items()}
        for key in data:
            if key not in known:
                self.warn(
                    (key,), f"unknown field '{key}', ignored", did_you_mean(key, known), where=()
                )
        for key in ("assessment", "team", "date", "answers"):
            if key not in data:
                self.error((), f"missing required field '{key}'")

        assessment = self._assessment(data.get("assessment", _MISSING))
        team = self._text("team", data.get("team", _MISSING))
        date = self._date(data.get("date", _MISSING))
        result_id = self._text("id", data.get("id", _MISSING))
        fingerprint = self._text("questionnaire", data.get("questionnaire", _MISSING))
        if assessment is None:
            return None
        answers = self._answers(assessment, data.get("answers", _MISSING))
        comments = self._comments(assessment, data.get("comments", {}))
        if self.errors or None in (team, date, answers, comments):
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
        )

    def _parse(self, source: bytes) -> Any:
        """Return the file's JSON data, or _MISSING after reporting why it can't be read."""
        if len(source) > MAX_BYTES:
            self.error(
                (),
                f"the file is larger than the limit of {MAX_BYTES:,} bytes",
                "a result file is a few kilobytes; is this the right file?",
            )
            return _MISSING
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
            return _MISSING
        if not text.strip():
            self.error((), "the file is empty", "export the result again")
            return _MISSING
        problem = None
        # Only then can it be too deep. Python's reader would meet that with a RecursionError,
        # at a depth that differs between Python versions.
        if text.count("{") + text.count("[") > MAX_JSON_DEPTH:
            problem = json_problem(text)
        if problem is None:
            try:
                data = json.loads(text, parse_constant=_no_constant)
            except ValueError:  # not JSON, NaN or Infinity, or a number too long for Python
                problem = json_problem(text)
                if problem is None:  # pragma: no cover - it finds what Python refuses (tested)
                    self.error((), "this is not valid JSON")
                    return _MISSING
        if problem is not None:
            offset, message, hint = problem
            line, column = _line_and_column(text, offset)
            self.errors.append(Problem(self.name, line, column, "", message, hint))
            return _MISSING
        self.keys, self.twice, halves = _key_positions(text)
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
            data = _readable(data)
        return data

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


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity: json_problem says so


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


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(_STRING + r"|[{}\[\]:,]")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SURROGATE = re.compile("[\ud800-\udfff]")

Half = tuple[Pos, tuple, bool, str]
"""A lone surrogate escape: (where it is written, the field's path, in a field name, the escape)"""


def _key_positions(text: str) -> tuple[dict[tuple, Pos], dict[tuple, Pos], list[Half]]:
    """Return where each field of a valid JSON text is written, fields written twice, and texts
    with a lone surrogate escape (such as "\\ud800": half of a character).

    Paths are like ``("answers", "rsp-1")``; ``()`` is the opening brace of the document.
    Only the structure is followed (strings, brackets, colons and commas), so it is cheap.
    """
    newlines = [m.start() for m in re.finditer("\n", text)]

    def position(offset: int) -> Pos:
        line = bisect.bisect_left(newlines, offset)
        start = newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    keys: dict[tuple, Pos] = {}
    twice: dict[tuple, Pos] = {}
    halves: list[Half] = []
    # Each open container: [its path, whether it is an object, its current key or index,
    # whether a field name comes next].
    stack: list[list] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("{", "["):
            path = stack[-1][0] + (stack[-1][2],) if stack else ()
            if not stack and token == "{":
                keys[()] = position(match.start())
            stack.append([path, token == "{", None if token == "{" else 0, token == "{"])
        elif token in ("}", "]"):
            stack.pop()
        elif token == ",":
            if stack[-1][1]:
                stack[-1][3] = True
            else:
                stack[-1][2] += 1
        elif token == ":":
            stack[-1][3] = False
        else:
            is_key = bool(stack) and stack[-1][1] and stack[-1][3]
            half = _lone_surrogate(token) if "\\u" in token else None
            if half is not None:
                path = stack[-1][0] if is_key else stack[-1][0] + (stack[-1][2],) if stack else ()
                place = position(match.start() + half)
                halves.append((place, path, is_key, token[half : half + 6]))
            if is_key:
                key = _readable(json.loads(token))
                path = stack[-1][0] + (key,)
                if path in keys:
                    twice.setdefault(path, position(match.start()))
                else:
                    keys[path] = position(match.start())
                stack[-1][2] = key
    return keys, twice, halves


def _lone_surrogate(token: str) -> int | None:
    """Return the offset of the first lone surrogate escape in a JSON string, or None.

    A high surrogate escape (\\ud800 to \\udbff) directly followed by a low one (\\udc00 to
    \\udfff) is one character, as JSON readers pair them; any other is half of one.
    """
    pos = 0
    while escape := _ESCAPE.search(token, pos):
        pos = escape.end()
        code = int(escape.group(1)[1:], 16) if len(escape.group(1)) == 5 else 0
        if 0xD800 <= code <= 0xDBFF:
            low = _ESCAPE.match(token, pos)
            if low and len(low.group(1)) == 5 and 0xDC00 <= int(low.group(1)[1:], 16) <= 0xDFFF:
                pos = low.end()
                continue
            return escape.start()
        if 0xDC00 <= code <= 0xDFFF:
            return escape.start()
    return None


def _readable(value: Any) -> Any:
    """Return JSON data with every lone surrogate replaced by U+FFFD, which can be written."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_readable(item) for item in value]
    if isinstance(value, dict):
        return {_readable(k): _readable(v) for k, v in value.items()}
    return value


# -- JSON problems, in our words ------------------------------------------------------------------
# Python's messages for bad JSON are not ours to show, and Python 3.13 words some of them anew
# (and places them elsewhere). So when Python refuses a file, json_problem finds the first thing
# wrong in it and says what, in the same words and at the same place on every Python.

JsonProblem = tuple[int, str, str]
"""(offset in the text, message, hint)"""

_JSON_SPACE = " \t\n\r"
_JSON_SPACES = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_TEXT = re.compile(r'[^"\\\x00-\x1f]*')  # a string's characters up to '"', '\' or a control
_JSON_ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})')
_JSON_WORD = re.compile(r"\w+")
_NUMBER_START = frozenset("-+.0123456789")
_CLOSING = {"{": "}", "[": "]"}
# Where the reader is: what may come next.
_VALUE, _FIRST_VALUE, _NEXT_VALUE, _FIRST_KEY, _NEXT_KEY, _COLON, _AFTER = range(7)
_TOO_DEEP = "the file is nested too deeply to be a result file"


def json_problem(text: str) -> JsonProblem | None:
    """Return the first problem in a JSON text, or None if there is none.

    A text has none when ``json.loads`` reads it, it holds no NaN or Infinity (not JSON) and
    it is nested no deeper than MAX_JSON_DEPTH.
    """
    opened: list[int] = []  # offsets of the '{' and '[' not closed yet
    state = _VALUE
    pos = _JSON_SPACES.match(text).end()
    while pos < len(text):
        char = text[pos]
        closes = bool(opened) and char == _CLOSING[text[opened[-1]]]
        if state == _AFTER:
            if not opened:
                return _not_json(pos, "there is more after the end of the result")
            if char == ",":
                state = _NEXT_KEY if text[opened[-1]] == "{" else _NEXT_VALUE
            elif closes:
                opened.pop()
            elif char in "}]":
                line = _line_and_column(text, opened[-1])[0]
                return _not_json(
                    pos, f"'{char}' does not close the '{text[opened[-1]]}' opened on line {line}"
                )
            else:
                return _not_json(pos, "a ',' is missing before this")
            pos += 1
        elif state == _COLON:
            if char != ":":
                return _not_json(pos, "a ':' is missing after the field name")
            state = _VALUE
            pos += 1
        elif closes and state in (_FIRST_KEY, _FIRST_VALUE):  # {} or []
            opened.pop()
            state = _AFTER
            pos += 1
        elif closes and state in (_NEXT_KEY, _NEXT_VALUE):
            comma = len(text[:pos].rstrip(_JSON_SPACE)) - 1
            last = "field" if char == "}" else "value"
            return _not_json(
                comma, f"there is a ',' after the last {last}", "remove it: JSON allows none there"
            )
        elif state in (_FIRST_KEY, _NEXT_KEY):
            if char != '"':
                hint = "JSON uses double quotes, not single ones" if char == "'" else ""
                return _not_json(pos, "expected a field name in double quotes", hint)
            end = _json_text_end(text, pos)
            if isinstance(end, tuple):
                return end
            state = _COLON
            pos = end
        elif char in "{[":
            if len(opened) >= MAX_JSON_DEPTH:
                return pos, _TOO_DEEP, ""
            opened.append(pos)
            state = _FIRST_KEY if char == "{" else _FIRST_VALUE
            pos += 1
        else:
            end = _json_value_end(text, pos)
            if isinstance(end, tuple):
                return end
            state = _AFTER
            pos = end
        pos = _JSON_SPACES.match(text, pos).end()
    if opened:
        return _not_json(
            opened[-1],
            f"this '{text[opened[-1]]}' is never closed",
            "the file may be cut short; export the result again",
        )
    if state != _AFTER:
        return _not_json(pos, "the file holds no value")
    return None


def _not_json(offset: int, message: str, hint: str = "") -> JsonProblem:
    return offset, f"this is not valid JSON: {message}", hint


def _json_value_end(text: str, start: int) -> int | JsonProblem:
    """Return the offset after the text, number, true, false or null at `start`, or a problem."""
    char = text[start]
    if char == '"':
        return _json_text_end(text, start)
    if text.startswith("-Infinity", start):
        return _not_json(start, "-Infinity is not a number in JSON")
    if char in _NUMBER_START:
        number = _JSON_NUMBER.match(text, start)
        end = number.end() if number else start
        if not number or _JSON_WORD.match(text, end) or text[end : end + 1] in _NUMBER_START:
            return _not_json(
                start, "this is not a number JSON can read", "write numbers like 4, -1 or 2.5"
            )
        # Python reads whole numbers up to a limit of digits (4,300 unless set otherwise).
        limit = sys.get_int_max_str_digits()
        digits = end - start - (char == "-")
        if limit and digits > limit and not (number.group(1) or number.group(2)):
            return _not_json(start, f"this number has more than {limit:,} digits")
        return end
    word = _JSON_WORD.match(text, start)
    if word and word.group() in ("true", "false", "null"):
        return word.end()
    if word and word.group() in ("NaN", "Infinity"):
        return _not_json(start, f"{word.group()} is not a number in JSON")
    if char == "'":
        hint = "JSON uses double quotes, not single ones"
    elif char.isalpha():
        hint = "write true, false and null in small letters, and text in double quotes"
    else:
        hint = ""
    return _not_json(
        start, "expected a value: text in double quotes, a number, true, false or null", hint
    )


def _json_text_end(text: str, start: int) -> int | JsonProblem:
    """Return the offset after the string whose quote is at `start`, or the problem in it."""
    pos = start + 1
    while True:
        pos = _JSON_TEXT.match(text, pos).end()
        char = text[pos : pos + 1]
        if char == '"':
            return pos + 1
        if char == "\\":
            escape = _JSON_ESCAPE.match(text, pos)
            if escape is None:
                return _not_json(pos, "a backslash in text must be written \\\\")
            pos = escape.end()
        elif not char:
            return _not_json(start, "a quote is opened here but never closed")
        elif char in "\n\r":
            message = "text in quotes must end on the same line; write line breaks as \\n"
            return _not_json(pos, message)
        elif char == "\t":
            return _not_json(pos, "a tab in quotes must be written \\t")
        else:
            return _not_json(
                pos,
                f"control character U+{ord(char):04X} is not allowed",
                "delete it; it is often pasted in invisibly",
            )


def _line_and_column(text: str, offset: int) -> Pos:
    """Return the 1-based line and column of an offset in a text (lines end at '\\n')."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


# -- combining respondents -------------------------------------------------------------------------


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
        scores = [f.scores.dimensions[d.id] for f in files]
        scores = [s for s in scores if s is not None]
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


def _unique_slug(name: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).lower()).strip("-")
    base = f"team-{base}" if base else "team"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


# -- reports ---------------------------------------------------------------------------------------


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


def report_markdown(results: Sequence[AssessmentResults], language: str = "en") -> str:
    """Return the report as Markdown: per assessment an overview, then each team, latest first.

    Scores have one decimal; names from result files are escaped, so they show as written.
    """
    t = words(language)

    def number(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}".replace(".", t["decimal"])

    def band(r: TeamResult) -> str:
        return markdown_text(richtext.to_plain(r.band.name)) if r.band else "–"

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]

    lines = [f"# {t['results']}", ""]
    for a in results:
        assessment = a.assessment
        least = assessment.min_respondents
        lines += [f"## {markdown_text(richtext.to_plain(assessment.title))}", ""]
        if not a.teams:
            lines += [t["r_none"], ""]
            continue
        lines += [t["r_counts"].format(files=a.files, teams=len(a.teams)), ""]
        if least > 1:
            lines += [t["r_rule"].format(n=least), ""]
        lines += table(
            [t["r_team"], t["a_date"], t["r_respondents"], t["a_overall"], t["a_band"]],
            [
                [
                    markdown_text(team.name),
                    team.latest.date,
                    str(team.latest.respondents),
                    number(team.latest.overall),
                    band(team.latest),
                ]
                for team in a.teams
            ],
        )
        for team in a.teams:
            lines += [f"### {markdown_text(team.name)}", ""]
            for r in team.results:
                lines += [f"#### {r.date}", ""]
                if r.withheld:
                    lines += [f"{t['r_respondents']}: {r.respondents}", ""]
                    lines += [t["r_withheld_team"].format(n=least), ""]
                    continue
                lines += [
                    f"{t['a_overall']}: {number(r.overall)} ({band(r)}) · "
                    f"{t['r_respondents']}: {r.respondents}",
                    "",
                ]
                rows = []
                for d in assessment.dimensions:
                    s = r.dimensions[d.id]
                    if s.withheld:
                        shown, spread = t["r_withheld"].format(n=least), ""
                    elif s.score is None:
                        shown, spread = t["a_not_enough"], ""
                    else:
                        shown, spread = number(s.score), f"{number(s.lowest)}–{number(s.highest)}"
                    title = markdown_text(richtext.to_plain(d.title))
                    rows.append([title, shown, str(s.respondents), spread])
                lines += table(
                    [t["a_dimension"], t["a_score"], t["r_respondents"], t["r_spread"]], rows
                )
    return "\n".join(lines)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|#~!])")


def markdown_text(text: str) -> str:
    """Return text that Markdown shows as written (no emphasis, links, HTML or table breaks)."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
