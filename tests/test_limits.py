"""Bounded text: every text has a length and a nesting limit, and what they allow renders fast.

Python-Markdown's time per character grows with the length of a text for some constructs (a '['
that nothing closes is read to the end of its paragraph: 8,000 of them took 9 s), and it
recurses once per level of lists (250 levels stopped the build). The limits in model.py refuse
what is slow or deep; every worst case they allow renders in a fraction of a second.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook_gen.content import richtext
from playbook_gen.content.model import (
    BACKTICKS_MAX,
    BACKTICKS_RUN_MAX,
    ID_MAX,
    LINE_MAX,
    LINES_MAX,
    NAME_MAX,
    NESTING_MAX,
    OPEN_MAX,
    RESERVED_IDS,
    TEXT_MAX,
    Checklist,
    Playbook,
    Principle,
    markdown_limit_problem,
)

PRINCIPLE = {"title": "T", "summary": "S", "why": "W", "practices": ["p"]}

# Units that Markdown spends the most time on, each repeated up to a limit (found by trying
# every construct of the installed Markdown; see the module docstring).
UNITS = [
    "[", "![", "[a](", "[a][", "(", "]", "*", "_", "`", "``", "<", "&", "\\", "*a ", "_a_ ",
    "**a ", "*_", "# a\n", "a\n=\n", "a\n-\n", "***\n", "- - -\n", "- a\n", "1. a\n", "> a\n",
    ">", "> ", "|x|y|\n", "a|", "[a](b) ", "<http://a.b> ", "<a@b.c> ", "[a]: http://b\n",
    "a  \n", "a\n\n", "    a\n", "- ", "    - a\n        - b\n", "[[a]]", "[a](<", '[a](b "',
    "![a](b) ", "&#123;", "<!--", "\n", "\t", "-\n", "#\n", "> - ", "1) ", "``a`", "`a",
    "_\n", "*\n", "\n#|", "#|\n", "* >", "+ ", " + ", "# a | b\n", "a|b\n-|-\n",
]  # fmt: skip


def allowed(text: str, limit: int) -> str:
    """Return the longest start of `text` that the model accepts in a field of `limit`."""
    text = text[:limit]
    if text.count("\n") >= LINES_MAX:
        text = "\n".join(text.split("\n")[:LINES_MAX])
    lo, hi = 0, len(text)
    while lo < hi:  # the limits only ever refuse more when a text grows
        mid = (lo + hi + 1) // 2
        if markdown_limit_problem(text[:mid]) is None:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo]


def render_seconds(text: str, *, under: float) -> float:
    """Return the processor time rendering `text` takes: the least of up to three tries,
    stopping at the first under `under` (a busy machine slows one try, not the text)."""
    times: list[float] = []
    while len(times) < 3:
        start = time.process_time()
        richtext._markdown_html(text, False)
        richtext._to_plain.__wrapped__(text)
        times.append(time.process_time() - start)
        if times[-1] < under:
            break
    return min(times)


@pytest.mark.parametrize("unit", UNITS)
def test_the_worst_text_the_limits_allow_renders_in_a_fraction_of_a_second(unit):
    text = allowed(unit * (TEXT_MAX // len(unit) + 1), TEXT_MAX)
    if len(text) < TEXT_MAX:  # as many as allowed, then words: each slow unit reads them all
        text = allowed(text + " word" * TEXT_MAX, TEXT_MAX)
    assert markdown_limit_problem(text) is None and len(text) > TEXT_MAX // 2
    # The slowest of these takes about 0.2 s on a 2-core laptop and 0.4-0.5 s of processor time
    # on the shared CI machine (Python 3.13 the slowest); one page holds a few such texts at most
    # within the file size limit. A text the limits let grow quadratically takes many seconds.
    assert render_seconds(text, under=1.0) < 1.0


@pytest.mark.parametrize(
    "text",
    [
        ("[ " * OPEN_MAX) + "word " * (TEXT_MAX // 5 - 2 * OPEN_MAX),
        "".join("    " * (i % NESTING_MAX) + "- a\n" for i in range(LINES_MAX - 1)),
        ("> " * NESTING_MAX + "a\n") * (LINES_MAX - 1),
        ("[" * NESTING_MAX + "a" + "]" * NESTING_MAX + " ") * (TEXT_MAX // 20),
        ("[a](" + "(" * 50 + "b" + ")" * 51 + " ") * 90,
        ("`" * BACKTICKS_RUN_MAX + " ") * (BACKTICKS_MAX // BACKTICKS_RUN_MAX)
        + " word" * (TEXT_MAX // 5 - BACKTICKS_MAX),
        "".join("`" * n + " a " for n in range(1, BACKTICKS_RUN_MAX + 1)) + " word" * 1900,
        ("``a`" * (BACKTICKS_MAX // 3) + " word" * TEXT_MAX)[:TEXT_MAX],
    ],
    ids=[
        "open-brackets-then-words",
        "lists-8-deep",
        "quotes-8-deep",
        "brackets-8-deep",
        "parens",
        "runs-of-backticks",
        "runs-of-backticks-that-close-nothing",
        "backticks-that-close-nothing",
    ],
)
def test_texts_at_every_limit_at_once_render_fast(text):
    assert len(text) <= TEXT_MAX and markdown_limit_problem(text) is None
    assert render_seconds(text, under=0.5) < 0.5


def test_the_known_slow_and_deep_texts_are_refused():
    assert markdown_limit_problem("[" * 8000)[1].startswith("8,000 brackets are left open")
    # Markdown 3.5 takes minutes over a run of 4,000 backticks; 3.11 a second over "``a`" * 2,500
    assert markdown_limit_problem("`" * 4000)[1].startswith("4,000 backticks (`) in a row")
    assert markdown_limit_problem("``a`" * 2500)[1].startswith("this text has 7,500 backticks")
    deep_list = "".join("\t" * i + "- a\n" for i in range(500))
    assert markdown_limit_problem(deep_list)[1].startswith("lists and quotes are nested 500")
    assert markdown_limit_problem("- " * 500 + "a")[1].startswith("lists and quotes are nested")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(UNITS + ["a", " ", "b ", "\n    ", "\t"]), max_size=600).map("".join)
)
def test_any_mix_is_refused_or_renders_fast_without_recursion(text):
    text = text[: LINE_MAX * 2]
    if markdown_limit_problem(text) is None:
        assert render_seconds(text, under=0.5) < 0.5


# -- how the structure is measured -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, depth",
    [
        ("a", 0),
        ("- a", 1),
        ("    - a", 2),
        ("\t\t- a", 3),
        ("> > > a", 3),
        (">>> a", 3),
        ("- > - > a", 4),
        ("1. 2) - a", 3),
        ("- - -", 0),  # a rule, not three lists
        ("* * * * * * * * * * * *", 0),
        ("-a", 0),
        ("*emphasis*", 0),
        ("12345678901. a", 1),
    ],
)
def test_line_nesting_counts_lists_quotes_and_indentation(line, depth):
    assert richtext.line_nesting(line) == depth


def test_brackets_in_code_and_escaped_brackets_are_text():
    found = richtext.structure("`[[[[[[[[[[[[[[[[[[[[[[[[[` and \\[" * 3 + " [a](b)")
    assert (found.open, found.brackets) == (0, 1)


def test_a_paragraph_ends_what_it_left_open():
    found = richtext.structure("[a\n\n[b\n  \n[c](d")
    assert (found.open, found.open_line) == (3, 0)
    assert richtext.structure("[a]\n\n[b]").open == 0


def test_problem_lines_are_those_of_the_text():
    text = "One\n\n" + "".join("    " * i + "- a\n" for i in range(NESTING_MAX + 2))
    line, message, _ = markdown_limit_problem(text)
    assert line == 2 + NESTING_MAX + 1 and "nested 10 levels" in message
    line, message, _ = markdown_limit_problem("a\n\nb [" + "[x " * OPEN_MAX)
    assert line == 2 and message.startswith(f"{OPEN_MAX + 1} brackets are left open")


# -- limits in the model -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, limit",
    [("title", NAME_MAX), ("summary", LINE_MAX), ("why", TEXT_MAX)],
)
def test_each_text_field_has_its_length_limit(field, limit):
    Principle.model_validate({**PRINCIPLE, field: "x" * limit})
    with pytest.raises(ValidationError) as info:
        Principle.model_validate({**PRINCIPLE, field: "x" * (limit + 1)})
    assert info.value.errors()[0]["type"] == "string_too_long"


def test_every_text_field_of_every_model_has_a_length_limit():
    """No str field is left unbounded: the JSON Schemas carry each limit for editors too."""
    from playbook_gen.content.model import KINDS

    def strings(schema, defs, path=""):
        if "$ref" in schema:
            yield from strings(defs[schema["$ref"].split("/")[-1]], defs, path)
            return
        for key in ("anyOf", "allOf"):
            for sub in schema.get(key, []):
                yield from strings(sub, defs, path)
        if schema.get("type") == "string":
            yield path, schema
        if schema.get("type") == "array":
            yield from strings(schema.get("items", {}), defs, path + "[]")
        for name, sub in schema.get("properties", {}).items():
            yield from strings(sub, defs, f"{path}.{name}")

    for model in [Playbook, *(kind.model for kind in KINDS.values())]:
        schema = model.model_json_schema()
        for path, field in strings(schema, schema.get("$defs", {})):
            if "enum" in field or "const" in field:
                continue
            if "pattern" in field and not re.search(r"[*+]|\{\d*,\}", field["pattern"]):
                continue  # the pattern bounds it (a fingerprint)
            assert "maxLength" in field, f"{model.__name__}{path} has no length limit"


@pytest.mark.parametrize("name", sorted(RESERVED_IDS))
def test_names_windows_reserves_are_not_role_ids_or_aliases(name):
    playbook = {
        "title": "T",
        "organisation": "O",
        "summary": "S",
        "roles": [{"id": name, "name": "R"}],
        "phases": [{"id": name, "name": "P"}],  # a phase is no folder: fine
    }
    with pytest.raises(ValidationError) as info:
        Playbook.model_validate(playbook)
    assert [e["loc"] for e in info.value.errors()] == [("roles", 0, "id")]
    with pytest.raises(ValidationError):
        Principle.model_validate({**PRINCIPLE, "aliases": [name]})
    items = [{"id": name, "text": "t", "role": "r", "when": "w"}]  # an anchor: fine
    Checklist.model_validate({"title": "C", "summary": "S", "items": items})


def test_ids_have_a_length_limit():
    Principle.model_validate({**PRINCIPLE, "aliases": ["a" * ID_MAX]})
    with pytest.raises(ValidationError):
        Principle.model_validate({**PRINCIPLE, "aliases": ["a" * (ID_MAX + 1)]})
