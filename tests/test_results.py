"""Result files: reading and checking them, combining respondents per team, and the reports.

The wording of problems is pinned down by the golden cases (tests/test_results_golden.py); these
tests check what the figures are and what is counted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_scoring import VECTORS, same

from playbook_gen import results
from playbook_gen.content.loader import load_handbook
from playbook_gen.results import jsontext, scoring

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests/golden/base"  # internal-service: 1-5 with N/A; rsp-1, rsp-2 (reverse), own-1


@cache
def handbook(folder: str = str(BASE)):
    return load_handbook(Path(folder) / "content")


@cache
def showing_all(folder: str = str(BASE)):
    """The handbook with min_respondents 1 in every assessment: every score is shown, so tests
    of how respondents are combined see every figure (tests of what is withheld use the
    default of 3)."""
    book = load_handbook(Path(folder) / "content")
    for assessment in book.assessments.values():
        assessment.min_respondents = 1
    return book


def result(answers: dict, *, team="Payroll", date="2026-11-22", rid=None, **fields) -> bytes:
    data = {
        "format": "playbook-assessment-result",
        "version": 1,
        "assessment": "internal-service",
        "team": team,
        "date": date,
        "answers": answers,
        **fields,
    }
    if rid is not None:
        data["id"] = rid
    return json.dumps(data, indent=2).encode()


def read(*files: bytes, book=None) -> results.Checked:
    """Check files as if they were results/1.json, results/2.json, ..."""
    book = book or handbook()
    checked = results.Checked()
    for i, source in enumerate(files, 1):
        one = results.read_result(source, f"results/{i}.json", book)
        checked.errors += one.errors
        checked.warnings += one.warnings
        checked.files += one.files
    return checked


def read_all(tmp_path: Path, *files: bytes, book=None) -> results.Checked:
    """Check files through read_results (which also notices a file handed in twice)."""
    paths = []
    for i, source in enumerate(files, 1):
        path = tmp_path / f"{i}.json"
        path.write_bytes(source)
        paths.append((f"results/{i}.json", path))
    return results.read_results(paths, book or handbook())


def lines(problems) -> list[str]:
    return [p.format() for p in problems]


# -- reading and checking --------------------------------------------------------------------------


def test_a_good_file_is_read_and_scored_again_ignoring_its_scores():
    checked = read(result({"rsp-1": 4, "rsp-2": 2, "own-1": None}, scores={"overall": 1}))
    assert (checked.errors, checked.warnings) == ([], [])
    (f,) = checked.files
    assert (f.assessment, f.team, f.date, f.id) == (
        "internal-service",
        "Payroll",
        "2026-11-22",
        None,
    )
    assert f.answers == {"rsp-1": 4, "rsp-2": 2, "own-1": None}
    assert f.scores.dimensions == {"responsiveness": 4.0, "ownership": None}
    assert f.scores.overall == 4.0
    assert f.scores == scoring.score(handbook().assessments["internal-service"], f.answers)


def test_unknown_questions_are_warned_about_and_left_out():
    checked = read(result({"rsp-1": 5, "rsp-9": 1, "__proto__": 1}))
    assert checked.errors == []
    assert lines(checked.warnings) == [
        "results/1.json:9:5: answers: unknown question 'rsp-9', ignored (did you mean 'rsp-2'?)",
        "results/1.json:10:5: answers: unknown question '__proto__', ignored",
    ]
    assert checked.files[0].answers == {"rsp-1": 5}


def test_a_whole_number_written_with_a_decimal_point_is_that_number():
    (f,) = read(result({"rsp-1": 4.0})).files
    assert f.answers == {"rsp-1": 4} and isinstance(f.answers["rsp-1"], int)


@pytest.mark.parametrize(
    "answer, message",
    [
        (True, "expected a number, not true"),
        (0, "0 is not on the scale"),
        (3.5, "3.5 is not a whole number"),
        ("3", "'3' is text, not a number"),
        ({"value": 3}, "expected a number, not fields"),
    ],
)
def test_bad_answers_are_errors(answer, message):
    checked = read(result({"own-1": answer}))
    assert checked.files == []
    (problem,) = checked.errors
    assert (problem.line, problem.column, problem.where) == (8, 5, "answers.own-1")
    assert problem.message == message


def test_true_is_not_version_1():
    data = json.loads(result({}))
    data["version"] = True
    (problem,) = read(json.dumps(data).encode()).errors
    assert problem.message == "results format version true can't be read"


def test_every_problem_in_a_file_is_reported_at_once():
    checked = read(result({"rsp-1": 6, "rsp-2": "x"}, team="", date="tomorrow", rid=""))
    assert [p.where for p in sorted(checked.errors)] == [
        "team",
        "date",
        "answers.rsp-1",
        "answers.rsp-2",
        "id",
    ]


def test_a_file_over_the_size_limit_is_not_read():
    source = result({"rsp-1": 4})[:-1] + b" " * results.MAX_BYTES + b"}"
    assert lines(read(source).errors) == [
        "results/1.json: the file is larger than the limit of 1,000,000 bytes "
        "(a result file is a few kilobytes; is this the right file?)"
    ]


@pytest.mark.parametrize(
    "source, message",
    [
        (b"[" * 100_000, "results/1.json:1:33: the file is nested too deeply to be a result file"),
        (
            b'{"version": ' + b"9" * 5000 + b"}",
            "results/1.json:1:13: this is not valid JSON: this number has more than 4,300 digits",
        ),
        (b'{"version": NaN}', "results/1.json:1:13: this is not valid JSON: NaN is not a number"),
        (
            b'{"version": -Infinity}',
            "results/1.json:1:13: this is not valid JSON: -Infinity is not a number in JSON",
        ),
        (b"\xef\xbb\xbf", "results/1.json: the file is empty"),
    ],
)
def test_json_that_python_would_choke_on_is_a_problem_not_a_crash(source, message):
    (problem,) = read(source).errors
    assert problem.format().startswith(message)


def test_a_number_json_does_not_have_is_located_outside_quotes():
    (problem,) = read(b'{"team": "NaN",\n "x": [1, NaN]}').errors
    assert (
        problem.format()
        == "results/1.json:2:11: this is not valid JSON: NaN is not a number in JSON"
    )


def test_a_byte_order_mark_is_fine():
    assert read(b"\xef\xbb\xbf" + result({"rsp-1": 4})).files


def test_team_names_are_one_line_of_text():
    (f,) = read(result({}, team="  Payroll\n and\tPensions ")).files
    assert f.team == "Payroll and Pensions"


def test_a_file_for_an_old_assessment_id_counts_for_the_renamed_assessment(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    file = tmp_path / "content/assessments/internal-service.yaml"
    file.write_text(file.read_text() + "aliases: [service-check]\n")
    book = load_handbook(tmp_path / "content")
    checked = read(result({"rsp-1": 4}, assessment="service-check"), book=book)
    assert checked.errors == [] and checked.files[0].assessment == "internal-service"


def test_a_file_handed_in_twice_counts_once(tmp_path):
    same_export = result({"rsp-1": 4}, rid="5f0c6c1e")
    checked = read_all(tmp_path, same_export, result({"rsp-1": 2}, rid="other"), same_export)
    assert [f.file for f in checked.files] == ["results/1.json", "results/2.json"]
    assert lines(checked.warnings) == [
        "results/3.json:10:3: id: the same result as results/1.json (handed in twice); counted once"
    ]


def test_files_without_an_id_count_each(tmp_path):
    checked = read_all(tmp_path, result({"rsp-1": 4}), result({"rsp-1": 4}))
    assert len(checked.files) == 2 and checked.warnings == []


def test_a_bad_file_does_not_claim_its_id(tmp_path):
    checked = read_all(tmp_path, result({"rsp-1": 9}, rid="x"), result({"rsp-1": 4}, rid="x"))
    assert [f.file for f in checked.files] == ["results/2.json"]
    assert checked.warnings == [] and len(checked.errors) == 1


def test_results_for_an_assessment_with_problems_of_its_own_are_not_judged(tmp_path):
    checked = results.read_results(
        [("results/1.json", _write(tmp_path, result({"rsp-1": 9})))],
        handbook(),
        unchecked={"internal-service"},
    )
    assert (checked.files, checked.errors, checked.warnings) == ([], [], [])


def test_a_result_file_that_cannot_be_read_is_one_line_in_our_words(tmp_path):
    (tmp_path / "folder.json").mkdir()
    checked = results.read_results(
        [
            ("results/gone.json", tmp_path / "gone.json"),
            ("results/folder.json", tmp_path / "folder.json"),
        ],
        handbook(),
    )
    assert lines(checked.errors) == [
        "results/gone.json: this file could not be read: "
        "it does not exist (was it moved or deleted?)",
        "results/folder.json: this file could not be read: it is a folder",
    ]


def _write(tmp_path: Path, source: bytes) -> Path:
    path = tmp_path / "x.json"
    path.write_bytes(source)
    return path


def test_field_positions_follow_nesting_and_escapes():
    source = (
        b'{"answers": {"own-1": 3}, "comments": {"a\\"b": "}", "ownership": 7},\n'
        b' "format": "playbook-assessment-result", "version": 1, "assessment": "internal-service",'
        b'\n "team": "T", "date": "2026-01-01", "x": [{"answers": 1}], "answers": {}}'
    )
    checked = read(source)
    assert lines(sorted(checked.errors)) == [
        "results/1.json:1:53: comments.ownership: expected text, not 7",
        "results/1.json:3:60: duplicate field 'answers', already set on line 1 "
        "(keep only one of them)",
    ]
    assert "results/1.json:1:40: comments: unknown dimension 'a\"b', ignored" in lines(
        checked.warnings
    )


@pytest.mark.parametrize(
    "text, at",
    [
        ('"a\\ud800b"', 2),
        ('"\\udc00"', 1),
        ('"\\ud83d\\ude00 fine"', None),  # a pair: one character (😀)
        ('"\\ud83d\\ud83d\\ude00"', 1),  # the first high half has no low half after it
        ('"\\ude00\\ud83d"', 1),  # the wrong way round
        ('"\\\\ud800"', None),  # a backslash, then the letters ud800
        ('"\\u00e9\\uD800"', 7),
    ],
)
def test_lone_surrogates_are_found_where_json_readers_would_not_pair_them(text, at):
    assert jsontext.lone_surrogate(text) == at
    assert bool(jsontext.SURROGATE.search(json.loads(text))) == (at is not None)


def test_a_lone_surrogate_is_a_problem_at_its_place_and_the_rest_is_still_checked():
    source = (
        b'{"format": "playbook-assessment-result", "version": 1,\n'
        b' "assessment": "internal-service", "team": "Pay\\ud800roll", "date": "2026-11-22",\n'
        b' "answers": {"rsp-1": 9, "x\\udc00": 1}, "comments": {"ownership": "\\ud83d\\ude00"}}'
    )
    checked = read(source)
    assert checked.files == []
    assert lines(sorted(checked.errors)) == [
        'results/1.json:2:48: team: "\\ud800" is only half of a character, so this text '
        "can't be read (export the result again, or delete it from the file)",
        "results/1.json:3:14: answers.rsp-1: 9 is not on the scale "
        "(answer with a whole number from 1 to 5, or null for not applicable)",
        'results/1.json:3:28: answers: "\\udc00" is only half of a character, so this field '
        "name can't be read (export the result again, or delete it from the file)",
    ]
    assert lines(checked.warnings) == [
        "results/1.json:3:26: answers: unknown question 'x\ufffd', ignored"
    ]


_PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["format", "version", "assessment", "team", "date", "answers", "comments", "id",
                 "rsp-1", "own-1", "ownership", "__proto__"]
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=20,
)  # fmt: skip


@_PROPERTY
@given(st.binary())
def test_any_bytes_give_a_result_or_problems(data):
    checked = read(data)
    assert bool(checked.files) != bool(checked.errors)


_JSON_PIECES = st.sampled_from(
    list('{}[]:,"\\ \n\t\r0123456789.-+eE\'')
    + ["true", "false", "null", "True", "None", "NaN", "Infinity", "-Infinity", "\\u00e9",
       "\\u12", "\\x", "é", "a", "\x01", "\ufeff", "\u2028", "00", "9" * 4301]
)  # fmt: skip


@st.composite
def _nearly_json(draw) -> str:
    """JSON text with a few characters deleted, inserted or replaced."""
    text = json.dumps(draw(_JSONISH), indent=draw(st.sampled_from([None, 1])))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        piece = draw(_JSON_PIECES)
        text = draw(st.sampled_from([text[:at] + text[at + 1 :], text[:at] + piece + text[at:]]))
    return text


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_nearly_json(), st.lists(_JSON_PIECES, max_size=30).map("".join), st.text()))
def test_our_json_reader_refuses_exactly_what_python_refuses(text):
    """Every JSON problem is worded by us: we find one wherever Python's reader finds one."""
    assume(text.strip(" \t\n\r"))  # an empty file is told so before JSON is read
    try:
        json.loads(text, parse_constant=jsontext.no_constant)
        python_reads = True
    except ValueError:
        python_reads = False
    problem = results.json_problem(text)
    if python_reads:
        assert problem is None or problem[1] == jsontext.TOO_DEEP
    else:
        assert problem is not None
        assert 0 <= problem[0] <= len(text)


@pytest.mark.parametrize(
    "text, place, message",
    [
        ('{"a": }', 6, "expected a value: text in double quotes, a number, true, false or null"),
        ('{"a": 1,\n}', 7, "there is a ',' after the last field"),
        ("[1 , ]", 3, "there is a ',' after the last value"),
        ("[1}", 2, "'}' does not close the '[' opened on line 1"),
        ('{"a" 1}', 5, "a ':' is missing after the field name"),
        ("{a: 1}", 1, "expected a field name in double quotes"),
        ("[1.]", 1, "this is not a number JSON can read"),
        ('["a\tb"]', 3, "a tab in quotes must be written \\t"),
        ('["a\x07"]', 3, "control character U+0007 is not allowed"),
        ('["ab', 1, "a quote is opened here but never closed"),
        ('[{"a": [1]', 1, "this '{' is never closed"),
        ("[] x", 3, "there is more after the end of the result"),
    ],
)
def test_json_problems_are_worded_and_placed_by_us(text, place, message):
    offset, said, _ = results.json_problem(text)
    assert (offset, said) == (place, "this is not valid JSON: " + message)


@_PROPERTY
@given(_JSONISH)
def test_any_json_gives_a_result_or_located_problems(data):
    base = json.loads(result({"rsp-1": 4}))
    if isinstance(data, dict):
        base.update(data)
    else:
        base["answers"] = data
    source = json.dumps(base, indent=1).encode()
    checked = read(source)
    assert bool(checked.files) != bool(checked.errors)
    for problem in checked.errors + checked.warnings:
        assert problem.line >= 1 and "\n" not in problem.format()


_SOME_HALVES = st.text(
    st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=6,
)


@_PROPERTY
@given(team=_SOME_HALVES, rid=_SOME_HALVES, key=_SOME_HALVES, comment=_SOME_HALVES)
def test_any_text_in_any_field_gives_problems_or_reports_that_can_be_written(
    team, rid, key, comment
):
    """Lone surrogates ("\\ud800", escaped in JSON) anywhere: located problems, never a crash."""
    data = json.loads(result({"rsp-1": 4, key: 4}, team=team, rid=rid))
    data["comments"] = {"ownership": comment, key: comment}
    checked = read(json.dumps(data, indent=1).encode())  # json.dumps writes halves as \udXXX
    assert bool(checked.files) != bool(checked.errors)
    for problem in checked.errors + checked.warnings:
        assert problem.line >= 1
        problem.format().encode("utf-8")
    read_back = [json.loads(json.dumps(text)) for text in (team, rid, key, comment)]
    halves = any(jsontext.SURROGATE.search(text) for text in read_back)
    said = any("only half of a character" in p.message for p in checked.errors)
    assert said == halves
    if checked.files:
        combined = results.aggregate(handbook(), checked.files)
        for report in (results.report_markdown, results.report_csv, results.report_json):
            report(combined).encode("utf-8")


# -- the questionnaire's fingerprint ---------------------------------------------------------------

FINGERPRINTS = json.loads(
    (ROOT / "tests/vectors/questionnaire/fingerprints.json").read_text(encoding="utf-8")
)["vectors"]
CURRENT = "250c53d94098"  # the golden base's internal-service (checked below)


@pytest.mark.parametrize("vector", FINGERPRINTS, ids=[v["assessment"] for v in FINGERPRINTS])
def test_questionnaire_fingerprint_matches_the_shared_vector(vector):
    """The same vectors are checked in an export from Chromium (test_browser_assessment.py)."""
    assessment = handbook(str(ROOT / vector["handbook"])).assessments[vector["assessment"]]
    text = "".join(line + "\n" for line in vector["lines"])
    assert results.questionnaire_text(assessment) == text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] == vector["questionnaire"]
    assert results.questionnaire(assessment) == vector["questionnaire"]


def test_the_vectors_cover_both_scales_with_and_without_na_and_differ():
    assert len({v["questionnaire"] for v in FINGERPRINTS}) == len(FINGERPRINTS) >= 4
    firsts = {v["lines"][0] for v in FINGERPRINTS}
    assert {"scale 1 5 na", "scale 0 6 no-na", "scale 1 7 na"} <= firsts
    assert results.questionnaire(handbook().assessments["internal-service"]) == CURRENT


def _fingerprint_after(change) -> str:
    assessment = handbook().assessments["internal-service"].model_copy(deep=True)
    change(assessment)
    return results.questionnaire(assessment)


def _move_own_1(a):
    a.dimensions[0].questions.append(a.dimensions[1].questions.pop())


@pytest.mark.parametrize(
    "change",
    [
        lambda a: setattr(a.dimensions[0].questions[0], "text", "We reply in time."),
        lambda a: setattr(a.dimensions[0], "title", "Speed"),
        lambda a: setattr(a.scale, "labels", ["1", "2", "3", "4", "5"]),
        lambda a: a.dimensions[0].questions.reverse(),
        lambda a: a.dimensions.reverse(),
        _move_own_1,
        lambda a: setattr(a, "threshold", 4.0),
        lambda a: setattr(a.bands[0], "upto", 2.0),
        lambda a: setattr(a, "min_answered", 2),
        lambda a: setattr(a, "min_respondents", 1),
        lambda a: setattr(a, "title", "Another title"),
    ],
    ids=["question text", "dimension title", "labels", "question order", "dimension order",
         "question moved to another dimension", "threshold", "bands", "min_answered",
         "min_respondents", "title"],
)  # fmt: skip
def test_fingerprint_ignores_what_does_not_change_an_answers_meaning(change):
    assert _fingerprint_after(change) == CURRENT


@pytest.mark.parametrize(
    "change",
    [
        lambda a: setattr(a.dimensions[0].questions[0], "id", "rsp-9"),
        lambda a: setattr(a.dimensions[0].questions[0], "reverse", True),
        lambda a: setattr(a.dimensions[0].questions[1], "reverse", False),
        lambda a: a.dimensions[1].questions.append(a.dimensions[1].questions[0].model_copy(
            update={"id": "own-2"})),
        lambda a: a.dimensions[0].questions.pop(),
        lambda a: setattr(a.scale, "min", 0),
        lambda a: setattr(a.scale, "max", 7),
        lambda a: setattr(a.scale, "allow_na", False),
    ],
    ids=["question id", "reverse added", "reverse removed", "question added", "question removed",
         "scale min", "scale max", "N/A offered or not"],
)  # fmt: skip
def test_fingerprint_changes_with_question_ids_directions_and_the_scale(change):
    assert _fingerprint_after(change) != CURRENT


def versioned(answers: dict, questionnaire: str | None, **fields) -> bytes:
    if questionnaire is not None:
        fields["questionnaire"] = questionnaire
    return result(answers, **fields)


def test_a_file_from_another_version_is_named_and_not_counted(tmp_path):
    checked = read_all(
        tmp_path,
        versioned({"rsp-1": 4}, CURRENT),
        versioned({"rsp-1": 1}, "3fa1c09b2e7d"),
        versioned({"rsp-1": 5}, None),  # an older export, or a hand-made file
    )
    assert checked.errors == []
    assert [f.file for f in checked.files] == ["results/1.json", "results/3.json"]
    assert [f.questionnaire for f in checked.files] == [CURRENT, None]
    assert lines(checked.warnings) == [
        "results/2.json:10:3: questionnaire: answered on another version of the questions or "
        "scale ('3fa1c09b2e7d' instead of '250c53d94098'), not counted (if its answers still "
        "compare, list '3fa1c09b2e7d' under include_versions in the assessment's file)"
    ]


def test_include_other_versions_counts_such_a_file_and_still_names_it(tmp_path):
    path = tmp_path / "old.json"
    path.write_bytes(versioned({"rsp-1": 1}, "3fa1c09b2e7d"))
    checked = results.read_results(
        [("results/old.json", path)], handbook(), include_other_versions=True
    )
    assert [f.answers for f in checked.files] == [{"rsp-1": 1}]
    assert lines(checked.warnings) == [
        "results/old.json:10:3: questionnaire: answered on another version of the questions or "
        "scale ('3fa1c09b2e7d' instead of '250c53d94098'); counted, as "
        "--include-other-versions asks"
    ]


def test_a_version_listed_under_include_versions_counts_without_a_warning(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    file = tmp_path / "content/assessments/internal-service.yaml"
    file.write_text(file.read_text() + "include_versions: [3fa1c09b2e7d]\n")
    book = load_handbook(tmp_path / "content")
    checked = read(
        versioned({"rsp-1": 1}, "3fa1c09b2e7d"), versioned({"rsp-1": 2}, "0123456789ab"), book=book
    )
    assert [f.answers for f in checked.files] == [{"rsp-1": 1}]
    assert [p.file for p in checked.warnings] == ["results/2.json"]


def test_a_file_that_is_not_counted_does_not_claim_its_id(tmp_path):
    checked = read_all(
        tmp_path,
        versioned({"rsp-1": 1}, "3fa1c09b2e7d", rid="same-export"),
        versioned({"rsp-1": 4}, CURRENT, rid="same-export"),
    )
    assert [f.file for f in checked.files] == ["results/2.json"]
    assert [p.where for p in checked.warnings] == ["questionnaire"]


def test_report_leaves_other_versions_out_unless_asked(tmp_path, monkeypatch):
    """Three respondents answered the current questions (responsiveness 4, 3 and 5: 4.0), and
    one an earlier version (1). The report averages the three and names the fourth; with
    --include-other-versions it averages all four (3.25) and still names it."""
    from click.testing import CliRunner

    from playbook_gen.cli import cli

    shutil.copytree(BASE / "content", tmp_path / "content")
    (tmp_path / "results").mkdir()
    for name, answer, questionnaire in (
        ("anna", 4, CURRENT), ("ben", 3, CURRENT), ("cleo", 5, None), ("dan", 1, "3fa1c09b2e7d")
    ):  # fmt: skip
        source = versioned({"rsp-1": answer, "rsp-2": 6 - answer}, questionnaire)
        (tmp_path / "results" / f"{name}.json").write_bytes(source)
    monkeypatch.chdir(tmp_path)

    def report(*options: str) -> tuple[dict, str]:
        run = CliRunner().invoke(cli, ["report", "results", "--format", "json", *options])
        assert run.exit_code == 0, run.output
        (assessment,) = json.loads(run.stdout)["assessments"]
        (team,) = assessment["teams"]
        return team["results"][0], run.stderr

    counted, said = report()
    assert counted["respondents"] == 3 and "results/dan.json" not in counted["files"]
    assert counted["dimensions"]["responsiveness"]["score"] == 4.0
    assert said.startswith("results/dan.json:11:3: questionnaire: answered on another version")
    assert said.count("\n") == 1 and "not counted" in said

    counted, said = report("--include-other-versions")
    assert counted["respondents"] == 4 and "results/dan.json" in counted["files"]
    assert counted["dimensions"]["responsiveness"]["score"] == 3.25
    assert (counted["dimensions"]["responsiveness"]["min"], said.count("\n")) == (1.0, 1)
    assert "counted, as --include-other-versions asks" in said


# -- combining respondents -------------------------------------------------------------------------


def combine(*files: bytes, book=None) -> list[results.AssessmentResults]:
    book = book or handbook()
    checked = read(*files, book=book)
    assert checked.errors == [], lines(checked.errors)
    return results.aggregate(book, checked.files)


THREE_RESPONDENTS = (
    result({"rsp-1": 5, "rsp-2": 1, "own-1": 2}),  # responsiveness 5, ownership 2
    result({"rsp-1": 3, "rsp-2": 2, "own-1": 4}),  # 3.5, 4
    result({"rsp-1": 2, "rsp-2": 4, "own-1": None}),  # 2, none
)


def test_respondents_of_a_team_and_date_are_averaged_with_their_spread():
    (a,) = combine(*THREE_RESPONDENTS, book=showing_all())
    (team,) = a.teams
    (r,) = team.results
    assert (team.name, r.date, r.respondents) == ("Payroll", "2026-11-22", 3)
    resp, own = r.dimensions["responsiveness"], r.dimensions["ownership"]
    assert (resp.score, resp.respondents, resp.lowest, resp.highest) == (
        (5.0 + 3.5 + 2.0) / 3,  # a plain left-to-right sum, as scoring.py and the page do
        3,
        2.0,
        5.0,
    )
    assert (own.score, own.respondents, own.lowest, own.highest) == (3.0, 2, 2.0, 4.0)
    assert r.overall == (resp.score + own.score) / 2
    assert r.band.name == "Developing"  # 3.25: above 2.5, up to 3.5
    assert not r.withheld and not resp.withheld and not own.withheld


def test_a_dimension_fewer_than_min_respondents_scored_is_withheld_and_not_in_the_overall():
    """Three respondents, the default minimum: Ownership was scored by two of them, so each of
    the two could work out the other's answer from the mean, and everyone could from the
    overall score and Responsiveness. So it has a count and nothing else."""
    assert handbook().assessments["internal-service"].min_respondents == 3
    (a,) = combine(*THREE_RESPONDENTS)
    r = a.teams[0].latest
    resp, own = r.dimensions["responsiveness"], r.dimensions["ownership"]
    assert (r.respondents, r.withheld) == (3, False)
    assert resp == results.DimensionScore((5.0 + 3.5 + 2.0) / 3, 3, 2.0, 5.0)
    assert own == results.DimensionScore(None, 2, None, None, withheld=True)
    assert r.overall == resp.score and r.band.name == "Developing"  # 3.5


def test_a_team_with_fewer_than_min_respondents_has_its_count_and_no_figure():
    (a,) = combine(*THREE_RESPONDENTS[:2])
    r = a.teams[0].latest
    assert (r.respondents, r.withheld, r.overall, r.band) == (2, True, None, None)
    assert r.dimensions == {
        "responsiveness": results.DimensionScore(None, 2, None, None, withheld=True),
        "ownership": results.DimensionScore(None, 2, None, None, withheld=True),
    }


@pytest.mark.parametrize("least", [1, 2, 3, 4])
def test_min_respondents_is_the_fewest_that_show_a_score(least, tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    file = tmp_path / "content/assessments/internal-service.yaml"
    file.write_text(file.read_text() + f"min_respondents: {least}\n")
    book = load_handbook(tmp_path / "content")
    (a,) = combine(*THREE_RESPONDENTS, book=book)
    r = a.teams[0].latest
    assert r.withheld == (least > 3)
    assert (r.dimensions["responsiveness"].score is None) == (least > 3)
    assert (r.dimensions["ownership"].score is None) == (least > 2)
    assert (r.overall is None) == (least > 3)


def test_a_dimension_nobody_could_score_has_no_score_and_the_overall_uses_the_others():
    (a,) = combine(result({"rsp-1": 4, "own-1": None}), result({"rsp-2": 4}), book=showing_all())
    (r,) = a.teams[0].results
    assert r.dimensions["ownership"] == results.DimensionScore(None, 0, None, None)
    assert r.dimensions["responsiveness"].score == 3.0  # 4 and reversed 4 = 2
    assert r.overall == 3.0 and r.band.name == "Developing"


def test_nothing_answered_gives_no_scores_and_no_band():
    (a,) = combine(result({}), book=showing_all())
    r = a.teams[0].latest
    assert (r.overall, r.band, r.respondents, r.withheld) == (None, None, 1, False)
    assert r.dimensions["ownership"] == results.DimensionScore(None, 0, None, None)


def test_teams_are_grouped_by_name_regardless_of_case_and_spaces_and_dated_latest_first():
    (a,) = combine(
        result({"rsp-1": 1}, team="Payroll", date="2026-05-04"),
        result({"rsp-1": 5}, team="payroll ", date="2026-11-22"),
        result({"rsp-1": 3}, team="Facilities", date="2026-11-20"),
        result({"rsp-1": 2}, team="PAYROLL", date="2026-11-22"),
        book=showing_all(),
    )
    assert [t.name for t in a.teams] == ["Facilities", "Payroll"]
    payroll = a.teams[1]
    assert [r.date for r in payroll.results] == ["2026-11-22", "2026-05-04"]
    assert payroll.latest.respondents == 2 and payroll.latest.overall == 3.5
    assert a.files == 4


def test_team_slugs_are_unique_within_an_assessment():
    """A slug names the team's page; a name without a letter or digit gets a fingerprint."""
    (a,) = combine(
        result({}, team="Sales & Ops"), result({}, team="sales-ops"), result({}, team="<>")
    )
    slugs = [t.slug for t in a.teams]
    assert slugs[1:] == ["team-sales-ops", "team-sales-ops-2"]
    assert re.fullmatch(r"team-[0-9a-f]{8}", slugs[0])


def test_assessments_come_in_the_handbooks_order_and_only_with_results():
    book = handbook(str(ROOT / "tests/sites/assessment7"))
    ids = list(book.assessments)
    assert len(ids) == 2
    later = ids[1]
    answers = {book.assessments[later].dimensions[0].questions[0].id: 3}
    (a,) = combine(result(answers, assessment=later), book=book)
    assert a.assessment.id == later


def _vector_handbook(folder: str, *, everything: bool = False):
    return showing_all(str(ROOT / folder)) if everything else handbook(str(ROOT / folder))


@pytest.mark.parametrize(
    "folder, assessment_id, vector", VECTORS, ids=[f"{a}: {v['name']}" for _, a, v in VECTORS]
)
def test_one_respondent_or_several_alike_score_as_the_shared_vectors_say(
    folder, assessment_id, vector
):
    expected = vector["expected"]
    source = result(vector["answers"], assessment=assessment_id)
    # One respondent is below the default min_respondents (3): shown here with a minimum of 1.
    for copies, everything in ((1, True), (3, False)):
        book = _vector_handbook(folder, everything=everything)
        (a,) = combine(*[source] * copies, book=book)
        r = a.teams[0].latest
        assert r.respondents == copies
        for dim_id, want in expected["dimensions"].items():
            s = r.dimensions[dim_id]
            assert same(s.score, want), (dim_id, s.score, want)
            assert same(s.lowest, want) and same(s.highest, want)
            assert s.respondents == (0 if want is None else copies)
        assert same(r.overall, expected["overall"])
        assert (r.band.name if r.band else None) == expected["band"]


def test_the_team_score_of_two_vectors_is_the_mean_of_their_scores():
    folder, assessment_id, first = VECTORS[1]
    _, _, second = VECTORS[2]
    book = _vector_handbook(folder, everything=True)
    (a,) = combine(
        result(first["answers"], assessment=assessment_id),
        result(second["answers"], assessment=assessment_id),
        book=book,
    )
    r = a.teams[0].latest
    for dim_id, s in r.dimensions.items():
        scores = [
            v["expected"]["dimensions"][dim_id]
            for v in (first, second)
            if v["expected"]["dimensions"][dim_id] is not None
        ]
        if scores:
            assert math.isclose(s.score, sum(scores) / len(scores), abs_tol=1e-12)
            assert (s.lowest, s.highest) == (min(scores), max(scores))
        else:
            assert s.score is None


# -- reports ---------------------------------------------------------------------------------------

HOSTILE_TEAM = "<script>alert(1)</script> *Ops* | [x](javascript:y) #1 & co"


def test_markdown_report_shows_hostile_team_names_as_text():
    text = results.report_markdown(
        combine(result({"rsp-1": 4}, team=HOSTILE_TEAM), book=showing_all())
    )
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\*Ops\\* \\| \\[x\\](javascript:y) \\#1 &amp; co"
    )
    assert f"### {escaped}\n" in text
    assert f"| {escaped} | 2026-11-22 | 1 | 4.0 | Leading |" in text
    assert "<script>" not in text


def test_markdown_report_in_german_uses_german_words_and_a_decimal_comma():
    book = showing_all(str(ROOT / "tests/sites/assessment7"))
    answers = {"t-1": 3, "t-2": 2, "k-1": 5}  # tempo (3 + 4) / 2 = 3.5, klarheit 5
    text = results.report_markdown(
        combine(result(answers, assessment="null-bis-sechs"), book=book), "de"
    )
    assert "| Tempo | 3,5 | 1 | 3,5–3,5 |" in text
    assert "Gesamtwert: 4,2 (Hoch) · Teilnehmende: 1" in text


def test_csv_report_neutralises_formulas_in_text_but_not_numbers():
    teams = ["=1+1", "+1", "-1", "@SUM(A1)", "Plain"]
    text = results.report_csv(combine(*[result({"rsp-1": 4}, team=t) for t in teams]))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(results.CSV_COLUMNS)
    names = sorted({row[1] for row in rows[1:]})
    assert names == sorted(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "Plain"])
    assert results.csv_cell("\tx") == "'\tx" and results.csv_cell("\rx") == "'\rx"
    assert results.csv_cell(-1.5) == "-1.5" and results.csv_cell(None) == ""


def test_json_report_has_unrounded_figures():
    data = json.loads(
        results.report_json(
            combine(result({"rsp-1": 5, "rsp-2": 1}), result({"rsp-1": 4}), result({"rsp-1": 5}))
        )
    )
    (team,) = data["assessments"][0]["teams"]
    resp = team["results"][0]["dimensions"]["responsiveness"]
    assert resp == {"score": 14 / 3, "respondents": 3, "min": 4.0, "max": 5.0, "withheld": False}
    assert team["results"][0]["dimensions"]["ownership"] == {
        "score": None,
        "respondents": 0,
        "min": None,
        "max": None,
        "withheld": False,  # nobody scored it: nothing to withhold
    }


def test_reports_give_a_count_but_no_figure_below_min_respondents():
    """Payroll: two respondents, withheld; Facilities: three, Ownership scored by two of them.
    The CSV and JSON reports, read as a spreadsheet or a program would, hold no figure of
    either; the Markdown report says why."""
    combined = combine(
        *[result(json.loads(f)["answers"], team="Facilities") for f in THREE_RESPONDENTS],
        result({"rsp-1": 5, "own-1": 1}),
        result({"rsp-1": 1, "own-1": 5}),
    )
    rows = list(csv.DictReader(io.StringIO(results.report_csv(combined), newline="")))
    by_team = {(row["team"], row["dimension"]): row for row in rows}
    figures = ("score", "min", "max", "band")
    for dimension in ("responsiveness", "ownership", "overall"):
        payroll = by_team[("Payroll", dimension)]
        assert [payroll[k] for k in figures] == ["", "", "", ""]
        assert payroll["respondents"] == "2"
    assert [by_team[("Facilities", "ownership")][k] for k in figures] == ["", "", "", ""]
    assert by_team[("Facilities", "ownership")]["respondents"] == "2"
    assert float(by_team[("Facilities", "overall")]["score"]) == 3.5  # responsiveness alone

    (assessment,) = json.loads(results.report_json(combined))["assessments"]
    assert assessment["min_respondents"] == 3
    teams = {team["team"]: team["results"][0] for team in assessment["teams"]}
    payroll = teams["Payroll"]
    assert (payroll["respondents"], payroll["withheld"]) == (2, True)
    assert (payroll["overall"], payroll["band"]) == (None, None)
    for s in payroll["dimensions"].values():
        assert (s["score"], s["min"], s["max"], s["withheld"]) == (None, None, None, True)
    ownership = teams["Facilities"]["dimensions"]["ownership"]
    assert ownership == {
        "score": None, "respondents": 2, "min": None, "max": None, "withheld": True
    }  # fmt: skip

    text = results.report_markdown(combined)
    assert "| Payroll | 2026-11-22 | 2 | – | – |" in text
    assert (
        "Respondents: 2\n\nFewer than 3 respondents: no scores are shown, so that no one's "
        "answers can be worked out.\n"
    ) in text
    assert "| Ownership | Fewer than 3 respondents | 2 |  |" in text
    assert "| Responsiveness | 3.5 | 3 | 2.0–5.0 |" in text
    assert "1.0" not in text and "3.0" not in text  # Payroll's figures, Facilities' ownership
