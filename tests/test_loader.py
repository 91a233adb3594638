"""Strict YAML, the shape of each file, and the meaning of the content as a whole."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook_gen.content import yamlread
from playbook_gen.content.loader import display_path, load_handbook, validate_document
from playbook_gen.content.model import KINDS, Checklist, Example, Handbook, Playbook, Principle
from playbook_gen.content.yamlread import Document, read_yaml
from playbook_gen.problems import (
    ContentError,
    Problem,
    did_you_mean,
    format_path,
    problems_json,
    sort_problems,
)

BASE = Path(__file__).parent / "golden" / "base" / "content"
MODELS = [Playbook, *(kind.model for kind in KINDS.values())]
PRINCIPLE = "title: T\nsummary: S\nwhy: W\npractices: [p]\n"


def problems_of(source: str | bytes, model=Principle) -> list[str]:
    """Return the formatted problems of one file read as `model` (empty when it is fine)."""
    try:
        validate_document(read_yaml(source, "f.yaml"), model)
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return []


@pytest.fixture
def handbook_dir(tmp_path, monkeypatch) -> Path:
    """A copy of the small valid handbook, with the working directory at its parent."""
    shutil.copytree(BASE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def load_problems(content: Path) -> list[str]:
    try:
        load_handbook(content)
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return []


# -- text stays text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, read",
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("true", "true"),
        ("12:30", "12:30"),
        ("1.10", "1.10"),
        ("2024-01-02", "2024-01-02"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("010", "010"),
        ("1_000", "1_000"),
        ("'~'", "~"),
        ('"null"', "null"),
        ("''", ""),
        ("'yes'", "yes"),
        ("  spaced out  ", "spaced out"),
    ],
)
def test_yaml_1_1_looking_text_stays_exactly_as_written(written, read):
    doc = read_yaml(f"title: {written}\n", "f.yaml")
    assert doc.data == {"title": read}
    if read:
        text = f"title: T\nsummary: {written}\nwhy: W\npractices:\n  - {written}\n"
        principle = validate_document(read_yaml(text, "f.yaml"), Principle)
        assert principle.summary == read
        assert principle.practices == [read]


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_null_and_empty_mean_the_field_is_absent(written):
    doc = read_yaml(f"{PRINCIPLE}order: {written}\nexamples: {written}\n", "f.yaml")
    assert "order" not in doc.data and "examples" not in doc.data
    principle = validate_document(doc, Principle)
    assert principle.order is None
    assert principle.examples == []


def test_required_field_without_value_says_it_has_no_value():
    assert problems_of("title:\nsummary: S\nwhy: W\npractices: [p]\n") == [
        "f.yaml:1:1: title: has no value (write a value after the ':')"
    ]


def test_required_list_without_value_says_how_to_write_entries():
    assert problems_of("title: T\nsummary: S\nwhy: W\npractices:\n") == [
        "f.yaml:4:1: practices: has no value "
        "(list its entries on the lines below, each starting with '- ')"
    ]


def test_block_text_keeps_its_lines():
    doc = read_yaml("why: |\n  one\n  two\nsummary: >\n  folded\n  text\n", "f.yaml")
    assert doc.data == {"why": "one\ntwo\n", "summary": "folded text\n"}


def test_numbers_are_converted_only_where_a_field_is_a_number():
    text = "title: 1994\nsummary: S\nwhy: W\npractices: ['2']\norder: 3\n"
    principle = validate_document(read_yaml(text, "f.yaml"), Principle)
    assert principle.title == "1994"
    assert principle.practices == ["2"]
    assert principle.order == 3


def test_true_and_false_are_read_for_true_false_fields():
    base = "title: t\norganisation: o\nsummary: s\nroles: [{id: a, name: A}]\n"
    base += "phases: [{id: b, name: B}]\n"
    assert validate_document(read_yaml(base + "allow_html: true\n", "f"), Playbook).allow_html
    assert not validate_document(read_yaml(base + "allow_html: false\n", "f"), Playbook).allow_html


def test_infinity_is_not_a_threshold():
    assert any(
        "threshold: expected a number, not '.inf'" in p
        for p in problems_of(
            (BASE / "assessments" / "internal-service.yaml")
            .read_text()
            .replace("threshold: 3", "threshold: .inf"),
            KINDS["assessments"].model,
        )
    )


def test_byte_order_mark_and_windows_line_ends_are_accepted():
    text = "\ufeff" + PRINCIPLE.replace("\n", "\r\n")
    assert validate_document(read_yaml(text.encode("utf-8"), "f.yaml"), Principle).title == "T"


# -- strict YAML ---------------------------------------------------------------------------------


def test_duplicate_key_names_the_first_line():
    assert problems_of("title: a\nsummary: b\ntitle: c\n") == [
        "f.yaml:3:1: duplicate field 'title', already set on line 1 (keep only one of them)"
    ]


def test_duplicate_of_an_empty_key_is_still_a_duplicate():
    assert problems_of("title:\ntitle: c\n") == [
        "f.yaml:2:1: duplicate field 'title', already set on line 1 (keep only one of them)"
    ]


def test_anchors_aliases_tags_and_merge_keys_are_refused():
    found = problems_of("a: &x 1\nb: *x\nc: !!int 3\n<<: {d: 1}\n")
    assert [p.split(": ", 1)[0] for p in found] == ["f.yaml:1:4", "f.yaml:2:4", "f.yaml:3:4",
                                                     "f.yaml:4:1"]  # fmt: skip
    assert "anchors" in found[0] and "aliases" in found[1] and "tags" in found[2]
    assert "merge keys" in found[3]


def test_a_billion_laughs_is_refused_without_expanding():
    lol = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(20)
    )
    with pytest.raises(ContentError) as info:
        read_yaml(lol, "f.yaml")
    assert len(info.value.problems) <= yamlread.MAX_PROBLEMS_PER_FILE


def test_deep_nesting_is_refused_without_crashing():
    with pytest.raises(ContentError, match="nested more than"):
        read_yaml("title: " + "[" * 40_000 + "]" * 40_000, "f.yaml")
    deep = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x: 1\n"
    with pytest.raises(ContentError, match="nested more than"):
        read_yaml(deep, "f.yaml")


@pytest.mark.parametrize(
    "text, problem",
    [
        # libyaml 0.2.6 (in PyYAML 6.0.4) stops at 1,000 levels, scanning ahead of the events.
        ("title: " + "[" * 1100, "f.yaml:1:39: the content is nested more than 32 levels deep"),
        ("title: " + "{a: " * 1100, "f.yaml:1:132: the content is nested more than 32 levels deep"),
        ("title: " + "[\n" * 1100, "f.yaml:32:1: the content is nested more than 32 levels deep"),
        ("- " * 1100 + "x", "f.yaml:1:65: the content is nested more than 32 levels deep"),
        ("? " + "[" * 1100 + "]" * 1100 + "\n: x", "f.yaml:1:3: a field name must be plain text"),
    ],
)
def test_deep_nesting_gets_our_words_and_place_whatever_libyaml_allows(text, problem):
    found = problems_of(text)
    assert len(found) == 1 and found[0].startswith(problem), found


class _RefusingParser:
    """A libyaml that refuses every file (as one with a nesting limit below ours would)."""

    def __init__(self, text: str):
        self.mark = yaml.Mark("<unicode string>", 0, 0, 0, text, 0)

    def check_event(self, *choices):
        raise yaml.scanner.ScannerError(None, None, "refused by libyaml", self.mark)


@pytest.mark.parametrize(
    "text",
    [
        "title: " + "[" * 40 + "]" * 40,
        'title: "open\n',
        "title: a\n\tsummary: b\n",
        "title: Rule: one owner\n",
        "a: &x 1\nb: *x\n",
        PRINCIPLE,
    ],
)
def test_what_libyaml_refuses_is_told_in_our_words(text, monkeypatch):
    expected = problems_of(text)
    monkeypatch.setattr(yamlread, "_FastParser", _RefusingParser)
    assert problems_of(text) == expected


def test_oversized_file_is_refused_before_reading():
    with pytest.raises(ContentError) as info:
        read_yaml(b"# " + b"x" * yamlread.MAX_BYTES, "f.yaml")
    assert info.value.problems[0].format() == (
        "f.yaml: the file is larger than the limit of 100,000 bytes "
        "(shorten it; even a long principle is far smaller)"
    )


def test_non_utf8_position_counts_characters_not_bytes():
    assert problems_of("title: café\nsummary: ñé".encode() + b"\xff\n")[0].startswith(
        "f.yaml:2:12: this character can't be read"
    )


def test_byte_order_mark_does_not_shift_columns():
    assert problems_of(b"\xef\xbb\xbftitle: \xff\n")[0].startswith("f.yaml:1:8:")
    assert problems_of("\ufefftitle: a\x07\n")[0].startswith("f.yaml:1:9:")


def test_control_characters_are_located():
    assert problems_of("title: a\nsummary: b\x1bc\n") == [
        "f.yaml:2:11: control character U+001B is not allowed "
        "(delete it; it is often pasted in invisibly)"
    ]


def test_problems_per_file_are_capped():
    text = "".join(f"k: &a{i} x\n" for i in range(200))
    with pytest.raises(ContentError) as info:
        read_yaml(text, "f.yaml")
    assert len(info.value.problems) == yamlread.MAX_PROBLEMS_PER_FILE


@pytest.mark.parametrize(
    "text, hint",
    [
        ("title: a\n\tsummary: b\n", "tabs can't indent YAML; use spaces"),
        ("title: Rule: one owner\n", "a value that contains ': ' must be put in quotes"),
        ("title: a\n  summary: b\n", "this line is indented more than the field above it"),
        ("title: *bold* move\n", "a value that starts with '*' must be put in quotes"),
        ("title: &co\n", "YAML anchors such as '&co' are not allowed"),
        ("title: @home\n", "a value can't start with '@'; put the whole value in quotes"),
        ("title: `x`\n", "a value can't start with '`'; put the whole value in quotes"),
        ("title: %x\n", "a value can't start with '%'; put the whole value in quotes"),
        ('title: "open\n', "a quote is opened here but never closed"),
        ("title: [a, b\n", "a '[' list is opened here but never closed"),
        ("title: {a: b\n", "a '{' is opened here but never closed"),
        ("title: | text\n", "after '|' or '>' the text must start on the next line"),
        ('title: "a" b\n', "nothing may follow a closing quote"),
        (": x\n", "a field name is missing before ':'"),
    ],
)
def test_malformed_yaml_gets_a_hint(text, hint):
    found = problems_of(text)
    assert len(found) == 1 and hint in found[0], found


def test_unclosed_quote_points_at_the_opening_quote():
    assert problems_of('title: a\nsummary: "open\nwhy: w\n')[0].startswith("f.yaml:2:10:")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "f.yaml: the file is empty"),
        ("# just a comment\n", "f.yaml: the file has no fields"),
        ("~\n", "f.yaml: the file has no fields"),
        ("- a\n", "f.yaml:1:1: the file holds a list instead of fields"),
        ("just text\n", "f.yaml:1:1: the file holds a single text instead of fields"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: this file holds more than one YAML document"),
        ("[a]: 1\n", "f.yaml:1:1: a field name must be plain text"),
    ],
)
def test_file_shape_problems(text, message):
    found = problems_of(text)
    assert len(found) == 1 and found[0].startswith(message), found


def test_positions_of_keys_and_values_are_kept():
    doc = read_yaml("title: T\nsources:\n  - title: S\n    year: 1994\n", "f.yaml")
    assert doc.position(("sources", 0, "year")) == (4, 11)
    assert doc.position(("sources", 0, "year"), key=True) == (4, 5)
    assert doc.position(("sources", 0, "nothing", 3)) == (3, 5)
    assert doc.position(()) == (1, 1)


# -- shape of each file --------------------------------------------------------------------------


def test_unknown_field_suggests_closest_name():
    assert problems_of(PRINCIPLE + "exampels: [a]\n") == [
        "f.yaml:5:1: unknown field 'exampels' (did you mean 'examples'?)"
    ]


def test_unknown_nested_field_suggests_closest_name():
    found = problems_of(PRINCIPLE + "sources:\n  - title: S\n    yaer: 1994\n")
    assert found == ["f.yaml:7:5: sources[0]: unknown field 'yaer' (did you mean 'year'?)"]


def test_unknown_field_without_a_close_name_lists_the_fields():
    found = problems_of(PRINCIPLE + "sources:\n  - title: S\n    isbn: 123\n")
    assert found == [
        "f.yaml:7:5: sources[0]: unknown field 'isbn' "
        "(the fields here are: title, author, year, publisher, url)"
    ]


def test_id_field_in_an_entity_file_explains_the_file_name_is_the_id():
    assert problems_of("id: x\n" + PRINCIPLE) == [
        "f.yaml:1:1: unknown field 'id' (the id is the file name; remove this line)"
    ]


def test_missing_nested_field_names_the_entry():
    text = (BASE / "assessments" / "internal-service.yaml").read_text()
    text = text.replace("        text: Every request has one named owner.\n", "")
    assert problems_of(text, KINDS["assessments"].model) == [
        "f.yaml:22:9: dimensions[1].questions[0]: missing required field 'text'"
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        ("title: [a, b]", "f.yaml:1:8: title: expected text, not a list"),
        ("title: {a: b}", "f.yaml:1:8: title: expected text, not 'name: value' fields"),
        ("practices: one", "f.yaml:4:12: practices: expected a list, not 'one'"),
        ("order: first", "f.yaml:5:8: order: expected a whole number, not 'first'"),
        ("order: 1.5", "f.yaml:5:8: order: expected a whole number, not '1.5'"),
        ("sources: [x]", "f.yaml:5:11: sources[0]: expected fields written as 'name: value'"),
        ("examples: [Zappos]", "f.yaml:5:12: examples[0]: 'Zappos' is not a valid id"),
        ("practices: []", "f.yaml:4:12: practices: needs at least one entry"),
        ("practices: [a, '']", "f.yaml:4:16: practices[1]: must not be empty"),
        ("practices: [a, ~]", "f.yaml:4:16: practices[1]: this entry is empty"),
    ],
)
def test_wrong_types_are_explained_in_words(line, message):
    field = line.split(":")[0]
    lines = (
        [ln for ln in PRINCIPLE.splitlines() if not ln.startswith(field + ":")]
        if field in ("title", "practices")
        else PRINCIPLE.splitlines()
    )
    if field == "title":
        lines.insert(0, line)
    elif field == "practices":
        lines.insert(3, line)
    else:
        lines.append(line)
    found = problems_of("\n".join(lines) + "\n")
    assert len(found) == 1 and found[0].startswith(message), found


def test_bool_field_given_maybe():
    text = "title: t\norganisation: o\nsummary: s\nroles: [{id: a, name: A}]\n"
    text += "phases: [{id: b, name: B}]\nallow_html: maybe\n"
    assert problems_of(text, Playbook) == [
        "f.yaml:6:13: allow_html: expected true or false, not 'maybe'"
    ]


def test_validate_document_returns_the_model():
    assert isinstance(validate_document(read_yaml(PRINCIPLE, "f"), Principle), Principle)


# -- the handbook as a whole ---------------------------------------------------------------------


def test_valid_handbook_loads(handbook_dir):
    handbook = load_handbook(handbook_dir)
    assert isinstance(handbook, Handbook)
    assert list(handbook.principles) == ["serve-inside-out", "one-owner"]
    assert handbook.principles["one-owner"].id == "one-owner"


def test_default_content_loads():
    root = Path(__file__).parent.parent / "content"
    if not root.is_dir():
        pytest.skip("no default content")
    assert load_handbook(root).principles


def test_every_problem_in_every_file_is_reported_at_once(handbook_dir):
    (handbook_dir / "principles" / "one-owner.yaml").write_text(PRINCIPLE + "tittle: x\n")
    (handbook_dir / "examples" / "dell.yaml").write_text("title: 'open\n")
    checklist = handbook_dir / "checklists" / "internal-service.yaml"
    checklist.write_text(checklist.read_text().replace("role: manager", "role: boss"))
    found = load_problems(handbook_dir)
    assert [p.split(":")[0] for p in found] == [
        "content/checklists/internal-service.yaml",
        "content/examples/dell.yaml",
        "content/principles/one-owner.yaml",
    ]


def test_problems_are_sorted_by_file_then_line(handbook_dir):
    path = handbook_dir / "assessments" / "internal-service.yaml"
    text = path.read_text().replace("threshold: 3", "threshold: 9")
    text = text.replace("[serve-inside-out]", "[nowhere]")
    path.write_text(text)
    found = load_problems(handbook_dir)
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines) and len(lines) == 2


def test_reference_to_failed_file_is_not_reported_twice(handbook_dir):
    (handbook_dir / "examples" / "zappos.yaml").write_text("title: [broken\n")
    assert load_problems(handbook_dir) == [
        "content/examples/zappos.yaml:1:8: this line could not be read: "
        "a '[' list is opened here but never closed, or a value in it needs quotes"
    ]  # serve-inside-out.yaml names zappos, and that is not a second problem


def test_failed_playbook_means_roles_are_not_checked(handbook_dir):
    (handbook_dir / "playbook.yaml").write_text("title: x\n")
    found = load_problems(handbook_dir)
    assert all(p.startswith("content/playbook.yaml") for p in found), found


def test_reference_to_renamed_id_names_the_new_id(handbook_dir):
    path = handbook_dir / "examples" / "zappos.yaml"
    path.write_text(path.read_text().replace("  - one-owner", "  - single-owner"))
    assert load_problems(handbook_dir) == [
        "content/examples/zappos.yaml:7:5: principles[0]: principle 'single-owner' was renamed "
        "to 'one-owner' (use the new id)"
    ]


def test_unknown_reference_suggests_closest_id(handbook_dir):
    path = handbook_dir / "principles" / "serve-inside-out.yaml"
    path.write_text(path.read_text().replace("  - zappos", "  - zapos"))
    assert load_problems(handbook_dir) == [
        "content/principles/serve-inside-out.yaml:8:5: examples[0]: unknown example 'zapos' "
        "(did you mean 'zappos'?)"
    ]


def test_missing_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_problems(tmp_path / "nope") == ["nope: the content folder does not exist"]


def test_hidden_files_and_schemas_are_ignored(handbook_dir):
    (handbook_dir / ".DS_Store").write_bytes(b"\x00\x01")
    (handbook_dir / "principles" / ".one-owner.yaml.swp").write_bytes(b"\xff")
    (handbook_dir / "results").mkdir()  # read as result files: see test_results*.py
    (handbook_dir / "results" / ".team.json").write_text("{}")
    (handbook_dir / "schemas").mkdir()
    (handbook_dir / "schemas" / "principle.schema.json").write_text("{}")
    (handbook_dir / "README.md").write_text("notes")
    assert load_problems(handbook_dir) == []


def test_display_path_is_relative_to_the_working_directory(handbook_dir):
    assert display_path(handbook_dir / "playbook.yaml") == "content/playbook.yaml"


def test_examples_named_by_either_side_link_both_ways(handbook_dir):
    handbook = load_handbook(handbook_dir)
    # serve-inside-out names zappos; dell names serve-inside-out; zappos names one-owner.
    assert [e.id for e in handbook.examples_of("serve-inside-out")] == ["dell", "zappos"]
    assert [p.id for p in handbook.principles_of("zappos")] == ["serve-inside-out", "one-owner"]


# -- problems --------------------------------------------------------------------------------------


def test_problem_without_position_prints_path_and_message():
    assert Problem("content/x.yaml", message="gone", hint="add it").format() == (
        "content/x.yaml: gone (add it)"
    )


def test_problem_is_always_one_line():
    problem = Problem("f.yaml", 1, 1, "a\nb", "unknown field 'a\nb'")
    assert problem.format() == "f.yaml:1:1: a\\nb: unknown field 'a\\nb'"


def test_long_or_multi_line_values_are_shortened_in_messages():
    found = problems_of(
        PRINCIPLE + "order: |\n  first\n  second\nexamples: ['" + "x " * 40 + "']\n"
    )
    assert found == [
        "f.yaml:5:8: order: expected a whole number, not 'first...'",
        "f.yaml:8:12: examples[0]: 'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x...' "
        "is not a valid id "
        "(use lowercase letters, digits and hyphens, "
        "e.g. 'x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x')",
    ]


def test_problem_with_position_and_field():
    problem = Problem("f.yaml", 3, 5, "items[0].role", "unknown role 'x'")
    assert problem.format() == "f.yaml:3:5: items[0].role: unknown role 'x'"


def test_sort_problems_drops_exact_repeats():
    a = Problem("b.yaml", 2, 1, "", "m")
    b = Problem("a.yaml", 9, 1, "", "m")
    assert sort_problems([a, b, a]) == [b, a]


def test_problems_json_is_machine_readable():
    data = json.loads(problems_json([Problem("f.yaml", 1, 2, "title", "bad", "fix")]))
    assert data == {
        "problems": [
            {"file": "f.yaml", "line": 1, "column": 2, "where": "title", "message": "bad",
             "hint": "fix"}
        ]
    }  # fmt: skip


def test_format_path_reads_like_the_yaml():
    assert format_path(("dimensions", 2, "questions", 0, "text")) == (
        "dimensions[2].questions[0].text"
    )
    assert format_path((3,)) == "[3]"


def test_did_you_mean_needs_a_close_match():
    assert did_you_mean("zapos", ["zappos", "dell"]) == "did you mean 'zappos'?"
    assert did_you_mean("qqq", ["zappos"]) == ""


# -- properties: nothing but a model or a ContentError --------------------------------------------

_YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                ":",
                ": ",
                "-",
                "- ",
                "[",
                "]",
                "{",
                "}",
                ",",
                "&",
                "*",
                "!",
                "!!",
                "|",
                ">",
                "?",
                "#",
                "%",
                "@",
                "`",
                "'",
                '"',
                "\t",
                "\n",
                "\r\n",
                "  ",
                "    ",
                "~",
                "---\n",
                "...\n",
                "<<",
                "title",
                "summary",
                "why",
                "practices",
                "id",
                "items",
                "scale",
                "min",
                "max",
                "bands",
                "upto",
                "roles",
                "phases",
                "aliases",
                "1",
                "2.5",
                "null",
                "yes",
                "é",
                "😀",
                "\u2028",
                "\x85",
                "\ufeff",
                "\x00",
                "\\",
                "\\u",
            ]
        ),
        st.text(max_size=4),
    ),
    max_size=60,
).map("".join)

_PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_and_validate(source: str | bytes) -> None:
    try:
        doc = read_yaml(source, "f.yaml")
    except ContentError as exc:
        assert exc.problems
        _check_problems(exc.problems, source)
        return
    assert isinstance(doc, Document) and isinstance(doc.data, dict)
    for model in MODELS:
        try:
            assert isinstance(validate_document(doc, model), model)
        except ContentError as exc:
            assert exc.problems
            _check_problems(exc.problems, source)


def _check_problems(problems, source) -> None:
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    line_count = text.count("\n") + text.count("\r") + 2
    for problem in problems:
        assert 0 <= problem.line <= line_count
        assert (problem.line == 0) == (problem.column == 0)
        formatted = problem.format()
        assert "\n" not in formatted and "\r" not in formatted
        assert "Traceback" not in formatted and "pydantic" not in formatted


@_PROPERTY
@given(st.text())
def test_any_text_gives_a_model_or_a_content_error(text):
    _read_and_validate(text)


@_PROPERTY
@given(st.binary())
def test_any_bytes_give_a_model_or_a_content_error(data):
    _read_and_validate(data)


@_PROPERTY
@given(_YAMLISH)
def test_yaml_looking_text_gives_a_model_or_a_content_error(text):
    _read_and_validate(text)
    _read_and_validate(PRINCIPLE + text)


@_PROPERTY
@given(
    st.recursive(
        st.one_of(st.none(), st.text(max_size=5), st.sampled_from(["1", "x", "a-b", "c#d"])),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    ["title", "summary", "why", "practices", "id", "text", "role", "when",
                     "items", "scale", "min", "max", "labels", "dimensions", "questions",
                     "bands", "upto", "name", "threshold", "roles", "phases", "sources", "x"]
                ),
                inner,
                max_size=6,
            ),
        ),
        max_leaves=20,
    )
)  # fmt: skip
def test_any_data_shape_gives_a_model_or_a_content_error(data):
    """Every pydantic error, whatever the shape, is translated and located."""
    doc = Document("f.yaml", data if isinstance(data, dict) else {"title": data})
    for model in MODELS:
        try:
            validate_document(doc, model)
        except ContentError as exc:
            _check_problems(exc.problems, "")


_TROUBLE = ":-[{&*!|>'\"\t#%@`\n\u2028"


def _mutate(text: str, ops: list[tuple[int, int, int]]) -> str:
    for op, a, b in ops:
        lines = text.splitlines(keepends=True)
        if op == 0 and lines:  # delete a line
            del lines[a % len(lines)]
        elif op == 1 and lines:  # duplicate a line
            i = a % len(lines)
            lines.insert(i, lines[i])
        elif op == 2 and len(text) > 1:  # swap two characters
            i, j = a % len(text), b % len(text)
            chars = list(text)
            chars[i], chars[j] = chars[j], chars[i]
            return "".join(chars)
        elif op == 3:  # insert a troublesome character
            i = a % (len(text) + 1)
            return text[:i] + _TROUBLE[b % len(_TROUBLE)] + text[i:]
        text = "".join(lines)
    return text


_FILES = sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*.yaml"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_FILES),
            st.lists(
                st.tuples(st.integers(0, 3), st.integers(0, 10_000), st.integers(0, 10_000)),
                min_size=1,
                max_size=3,
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_handbook_gives_a_handbook_or_a_content_error(mutations):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(BASE, content)
        for rel, ops in mutations:
            path = content / rel
            path.write_text(_mutate(path.read_text(), ops))
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            handbook = load_handbook("content")
        except ContentError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file.startswith("content")
                if problem.line:
                    lines = (Path(tmp) / problem.file).read_text().splitlines()
                    assert problem.line <= len(lines) + 1, problem.format()
        else:
            assert isinstance(handbook, Handbook)
            assert isinstance(handbook.playbook, Playbook)
            for checklist in handbook.checklists.values():
                assert isinstance(checklist, Checklist)
            for example in handbook.examples.values():
                assert isinstance(example, Example)
        finally:
            os.chdir(cwd)


# -- every problem in one run ----------------------------------------------------------------------


def test_a_duplicate_field_does_not_hide_a_wrong_role_in_the_same_file(handbook_dir):
    checklist = handbook_dir / "checklists" / "internal-service.yaml"
    text = checklist.read_text().replace(
        "    role: manager\n", "    role: manger\n    role: manger\n", 1
    )
    checklist.write_text(text)
    found = load_problems(handbook_dir)
    assert [p.split(": ", 2)[2] for p in found] == [
        "unknown role 'manger' (did you mean 'manager'?)",
        "duplicate field 'role', already set on line 6 (keep only one of them)",
    ]


def test_unknown_fields_do_not_hide_a_broken_example_reference(handbook_dir):
    principle = handbook_dir / "principles" / "one-owner.yaml"
    principle.write_text(principle.read_text() + "tittle: x\nexamples: [zapos]\n")
    found = load_problems(handbook_dir)
    assert [p.split(": ", 1)[1] for p in found] == [
        "unknown field 'tittle' (did you mean 'title'?)",
        "examples[0]: unknown example 'zapos' (did you mean 'zappos'?)",
    ]


def test_five_mistakes_in_two_files_are_listed_in_one_run(handbook_dir):
    """The run a new user tried: it took three runs to see these five."""
    case = Path(__file__).parent / "golden" / "problems" / "five-mistakes-in-two-files"
    shutil.copytree(case / "content", handbook_dir, dirs_exist_ok=True)
    found = load_problems(handbook_dir)
    assert len(found) == 5, found
    assert {p.split(":")[0] for p in found} == {
        "content/checklists/internal-service.yaml",
        "content/principles/one-owner.yaml",
    }


def test_references_are_checked_in_a_file_whose_fields_are_wrong(handbook_dir):
    assessment = handbook_dir / "assessments" / "internal-service.yaml"
    text = assessment.read_text().replace("threshold: 3", "threshold: high")
    assessment.write_text(text.replace("[serve-inside-out]", "[nowhere]"))
    found = load_problems(handbook_dir)
    assert any("threshold: expected a number" in p for p in found)
    assert any("unknown principle 'nowhere'" in p for p in found)


def test_a_file_named_badly_is_still_checked(handbook_dir):
    good = handbook_dir / "examples" / "dell.yaml"
    (handbook_dir / "examples" / "Dell Story.yaml").write_text(
        good.read_text().replace("serve-inside-out", "serve-inside-owt")
    )
    (handbook_dir / "examples" / "quiet.yml").write_text(good.read_text() + "storey: x\n")
    found = load_problems(handbook_dir)
    assert [p.split(": ", 1)[1] for p in found] == [
        "file name 'Dell Story' is not a valid id (use lowercase letters, digits and hyphens, "
        "e.g. 'dell-story.yaml')",
        "principles[0]: unknown principle 'serve-inside-owt' (did you mean 'serve-inside-out'?)",
        "content files end in .yaml (rename it to quiet.yaml)",
        "unknown field 'storey' (did you mean 'story'?)",
    ]


def test_a_value_left_out_after_a_problem_is_not_reported_again():
    """`why: *x` is an alias (refused); the field is not also "missing"."""
    assert problems_of("title: T\nsummary: S\nwhy: *x\npractices: [p, *y]\n") == [
        "f.yaml:3:6: why: YAML aliases such as '*x' are not allowed (write the text out in full, "
        "or put it in quotes if it starts with '*')",
        "f.yaml:4:16: practices[1]: YAML aliases such as '*y' are not allowed (write the text "
        "out in full, or put it in quotes if it starts with '*')",
    ]


def test_read_document_keeps_what_could_be_read():
    doc, problems = yamlread.read_document("title: a\ntitle: b\nsummary: &x s\nwhy: \x07w\n", "f")
    assert doc.data == {"title": "a", "summary": "s", "why": "\ufffdw"}
    assert [p.message for p in problems] == [
        "control character U+0007 is not allowed",
        "duplicate field 'title', already set on line 1",
        "YAML anchors such as '&x' are not allowed",
    ]
    assert yamlread.read_document("title: [a\n", "f")[0] is None  # structure unknown


def test_a_control_character_is_reported_once_not_again_as_a_bad_value(handbook_dir):
    principle = handbook_dir / "principles" / "one-owner.yaml"
    principle.write_text(principle.read_text() + "examples: [zap\x07pos]\n")
    assert load_problems(handbook_dir) == [
        "content/principles/one-owner.yaml:13:15: control character U+0007 is not allowed "
        "(delete it; it is often pasted in invisibly)"
    ]


def test_a_list_as_a_field_name_takes_its_value_with_it():
    assert problems_of(PRINCIPLE + "[order]: 10\n") == [
        "f.yaml:5:1: a field name must be plain text, not a list or a group of fields "
        "(remove the brackets or braces around the name)"
    ]


# -- places inside a text --------------------------------------------------------------------------


def test_text_position_finds_lines_of_a_block_and_columns_of_one_line_texts():
    doc = read_yaml('a: |\n  one\n\n    two\nb: plain <x>\nc: "quoted <x>"\nd: folded\n  on\n', "f")
    assert doc.text_position(("a",), 0) == (2, 3)
    assert doc.text_position(("a",), 2, 2) == (4, 5)
    assert doc.text_position(("b",), 0, 6) == (5, 10)
    assert doc.text_position(("c",), 0, 7) == (6, 12)
    assert doc.text_position(("d",), 0, 3) == (7, 4)  # joined lines: where the text starts


# -- what may be published -----------------------------------------------------------------------


def test_warnings_about_published_text_do_not_stop_unless_strict(handbook_dir):
    principle = handbook_dir / "principles" / "one-owner.yaml"
    principle.write_text(
        principle.read_text().replace("why: Handing", "why: <!-- band 3 --> Handing")
    )
    handbook = load_handbook(handbook_dir)
    assert [w.format() for w in handbook.warnings] == [
        "content/principles/one-owner.yaml:3:6: why: '<!-- band 3 -->' is published on the page: "
        "an HTML comment does not hide it (delete it if it is not for readers; a note for "
        "editors goes on a line starting with '#' outside the text)"
    ]
    with pytest.raises(ContentError) as info:
        load_handbook(handbook_dir, strict=True)
    assert info.value.problems == handbook.warnings


def test_files_without_comments_or_hashes_in_text_are_not_read_twice(handbook_dir, monkeypatch):
    from playbook_gen.content import checks

    seen = []
    monkeypatch.setattr(checks, "_texts", lambda data, path: seen.append(data) or iter(()))
    load_handbook(handbook_dir)
    assert seen == []


def test_a_reading_cache_gives_what_reading_afresh_gives(project, monkeypatch):
    from playbook_gen.content import loader

    cache = loader.LoadCache()
    first = load_handbook("content", cache=cache)
    validated: list[str] = []
    real = loader._read_and_validate
    monkeypatch.setattr(
        loader,
        "_read_and_validate",
        lambda src, name, model: validated.append(name) or real(src, name, model),
    )
    again = load_handbook("content", cache=cache)
    assert validated == []  # nothing changed: nothing parsed again
    assert again.principles["listen-first"] is first.principles["listen-first"]

    path = Path("content/principles/listen-first.yaml")
    path.write_text(path.read_text().replace("title: Listen first", "title: Listen first, always"))
    edited = load_handbook("content", cache=cache)
    assert validated == ["content/principles/listen-first.yaml"]  # only the saved file
    assert edited.principles["listen-first"].title == "Listen first, always"
    assert edited.principles == load_handbook("content").principles

    path.write_text(path.read_text().replace("title:", "tittle:", 1))
    expected = "content/principles/listen-first.yaml:1:1: unknown field 'tittle'"
    for _ in range(2):  # a problem found once is reported on every reading, not only the first
        with pytest.raises(ContentError) as exc:
            load_handbook("content", cache=cache)
        assert [p.format() for p in exc.value.problems if "tittle" in p.format()] == [
            f"{expected} (did you mean 'title'?)"
        ]


def test_the_cycle_collector_is_paused_while_reading_and_running_after(project, monkeypatch):
    """Reading makes objects that live on: Python's cycle collector waits (a third of the time
    at 1,000 files went to it), and runs again afterwards, whether the reading failed or not;
    one the caller had paused stays paused."""
    import gc

    from playbook_gen.content import loader

    during: list[bool] = []
    real = loader._read_and_validate
    monkeypatch.setattr(
        loader,
        "_read_and_validate",
        lambda src, name, model: during.append(gc.isenabled()) or real(src, name, model),
    )
    load_handbook("content")
    assert during and not any(during)
    assert gc.isenabled()

    path = Path("content/principles/listen-first.yaml")
    path.write_text(path.read_text().replace("title:", "tittle:", 1))
    with pytest.raises(ContentError):
        load_handbook("content")
    assert gc.isenabled()

    gc.disable()
    try:
        with pytest.raises(ContentError):
            load_handbook("content")
        assert not gc.isenabled()
    finally:
        gc.enable()
