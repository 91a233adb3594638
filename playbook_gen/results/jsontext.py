"""Strict JSON with positions: where a result file's JSON is wrong, in our words, and where each
field is written.

Python's ``json`` reads a valid file fast, but says nothing a person can act on when it is not,
words its messages anew between versions, and forgets where each field was. So ``loads`` lets
Python read the text and, when Python refuses it, finds the first problem itself
(``json_problem``); ``key_positions`` then gives the line and column of every field name, the
fields written twice and the lone surrogate escapes (half of a character, which Python reads
into text that can't be written out again).
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from typing import Any

Pos = tuple[int, int]
"""A 1-based (line, column)."""

MAX_DEPTH = 32
"""Deeper JSON is refused before Python reads it (an exported result is 2 levels deep)."""


class NotJson(ValueError):
    """A text that is not strict JSON: where (None: nowhere in particular), what, and a hint."""

    def __init__(self, offset: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.hint = hint


def loads(text: str) -> Any:
    """Return the data of a JSON text; raise NotJson with the first problem in it.

    Strict: NaN and Infinity are refused, and so is nesting deeper than MAX_DEPTH.
    """
    problem = None
    # Only then can it be too deep. Python's reader would meet that with a RecursionError,
    # at a depth that differs between Python versions.
    if text.count("{") + text.count("[") > MAX_DEPTH:
        problem = json_problem(text)
    if problem is None:
        try:
            return json.loads(text, parse_constant=no_constant)
        except ValueError:  # not JSON, NaN or Infinity, or a number too long for Python
            problem = json_problem(text)
            if problem is None:  # pragma: no cover - it finds what Python refuses (tested)
                raise NotJson(None, "this is not valid JSON") from None
    raise NotJson(*problem)


def no_constant(name: str) -> Any:
    """Refuse NaN and Infinity (``json.loads``' parse_constant): json_problem says why."""
    raise ValueError(name)


def line_and_column(text: str, offset: int) -> Pos:
    """Return the 1-based line and column of an offset in a text (lines end at '\\n')."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


# -- where each field is written ------------------------------------------------------------------

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(_STRING + r"|[{}\[\]:,]")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
SURROGATE = re.compile("[\ud800-\udfff]")

Half = tuple[Pos, tuple, bool, str]
"""A lone surrogate escape: (where it is written, the field's path, in a field name, the escape)"""


def key_positions(text: str) -> tuple[dict[tuple, Pos], dict[tuple, Pos], list[Half]]:
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
            half = lone_surrogate(token) if "\\u" in token else None
            if half is not None:
                path = stack[-1][0] if is_key else stack[-1][0] + (stack[-1][2],) if stack else ()
                place = position(match.start() + half)
                halves.append((place, path, is_key, token[half : half + 6]))
            if is_key:
                key = readable(json.loads(token))
                path = stack[-1][0] + (key,)
                if path in keys:
                    twice.setdefault(path, position(match.start()))
                else:
                    keys[path] = position(match.start())
                stack[-1][2] = key
    return keys, twice, halves


def lone_surrogate(token: str) -> int | None:
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


def readable(value: Any) -> Any:
    """Return JSON data with every lone surrogate replaced by U+FFFD, which can be written."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [readable(item) for item in value]
    if isinstance(value, dict):
        return {readable(k): readable(v) for k, v in value.items()}
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
TOO_DEEP = "the file is nested too deeply to be a result file"


def json_problem(text: str) -> JsonProblem | None:
    """Return the first problem in a JSON text, or None if there is none.

    A text has none when ``json.loads`` reads it, it holds no NaN or Infinity (not JSON) and
    it is nested no deeper than MAX_DEPTH.
    """
    opened: list[int] = []  # offsets of the '{' and '[' not closed yet
    state = _VALUE
    pos = _run_end(_JSON_SPACES, text, 0)
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
                line = line_and_column(text, opened[-1])[0]
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
            if len(opened) >= MAX_DEPTH:
                return pos, TOO_DEEP, ""
            opened.append(pos)
            state = _FIRST_KEY if char == "{" else _FIRST_VALUE
            pos += 1
        else:
            end = _json_value_end(text, pos)
            if isinstance(end, tuple):
                return end
            state = _AFTER
            pos = end
        pos = _run_end(_JSON_SPACES, text, pos)
    if opened:
        return _not_json(
            opened[-1],
            f"this '{text[opened[-1]]}' is never closed",
            "the file may be cut short; export the result again",
        )
    if state != _AFTER:
        return _not_json(pos, "the file holds no value")
    return None


def _run_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Return where a run of characters that `pattern` (``[...]*``, never failing) takes ends."""
    match = pattern.match(text, pos)
    assert match is not None  # it matches the empty string
    return match.end()


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
        pos = _run_end(_JSON_TEXT, text, pos)
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
