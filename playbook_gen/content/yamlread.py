"""Strict YAML for prose written by people who are not programmers.

PyYAML's defaults are wrong for a handbook: ``no`` becomes False, ``12:30`` becomes 750, duplicate
keys silently overwrite, anchors can expand exponentially and deep nesting overflows the stack.
So we read the parser's *events* ourselves, iteratively, and build plain values:

- every scalar stays the exact text that was written (the model converts numbers where a field
  is a number); an empty plain value, ``~`` and ``null`` mean "no value", and a field with no
  value is left out, exactly as if it were not written (its position is still kept);
- anchors, aliases, tags, merge keys, non-text keys and duplicate keys are problems;
- depth and size are bounded;
- the position of every value and every key is kept, so any later problem points at a line.

A problem that leaves the rest of the file readable (a duplicate field, an alias, a tag, a
control character...) does not stop the reading: ``read_document`` returns the document with its
problems, so the fields can still be checked and every mistake in the file is reported in one
run. Only a file whose structure cannot be trusted (malformed, nested too deep) has no document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from ..problems import ContentError, Problem, format_path, not_utf8


class _ReferenceParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser: the one that decides what is wrong with a file.

    Its code is the same from PyYAML 6.0.1 to 6.0.4 and sets no nesting limit, so our limit
    (MAX_DEPTH) applies first and a problem reads the same whatever PyYAML is installed.
    """

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


class _EventParser(Protocol):
    """What the composer asks of a parser: PyYAML's pure-Python one or libyaml's.

    Events are read untyped on purpose: the loop tells them apart by their exact class, once per
    node (see `_Composer.run`), and PyYAML's type stubs declare every mark optional although both
    parsers set one on every event.
    """

    def check_event(self) -> bool: ...

    def get_event(self) -> Any: ...


_FastParser: Callable[[str], _EventParser]
try:  # libyaml's parser: much faster, the same events and positions for a file it accepts
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastParser = _ReferenceParser


MAX_BYTES = 100_000  # the longest default file is ~10 KB; more text would make its page slow
MAX_DEPTH = 32
MAX_PROBLEMS_PER_FILE = 50
NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN = ("", None)  # the style of an unquoted scalar (C parser, pure-Python parser)
# What the YAML spec (and PyYAML's reader) refuses, less the BOM we strip first. Also NEL and the
# Unicode line and paragraph separators: YAML 1.1 breaks lines there but editors don't, so every
# line number after one would be wrong (and the text would change).
# Written as the forbidden ranges: the same set as "not printable", and far quicker to compile.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)

Pos = tuple[int, int]


@dataclass
class Document:
    """A YAML file read strictly: its plain data and where each part of it was written."""

    file: str
    data: Any
    values: dict[tuple, Pos] = field(default_factory=dict)
    keys: dict[tuple, Pos] = field(default_factory=dict)
    text: str = ""
    """The file's text (to find a line inside a block of text)."""
    refused: frozenset[tuple] = frozenset()
    """Paths of values left out after a reported problem (an alias, say): not reported again."""

    def position(self, path: tuple, *, key: bool = False) -> Pos:
        """Return (line, column) of the value at `path`, or of its nearest written ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self, path: tuple, message: str, hint: str = "", *, key: tuple | None = None
    ) -> Problem:
        """Return a problem about the value at `path`.

        It is located at that value, or at the field name `key` (a full path) when given.
        """
        line, column = self.position(key, key=True) if key else self.position(path)
        return Problem(self.file, line, column, format_path(path), message, hint)

    def text_position(self, path: tuple, line: int = 0, column: int = 0) -> Pos:
        """Return (line, column) in the file of a place in the text at `path`.

        Args:
            path: where the text is.
            line: 0-based line in the text.
            column: 0-based column in that line.

        A block written after ``|`` keeps the file's lines, and a one-line text is found as
        written (plain or in quotes). Otherwise YAML has joined or changed the lines, and the
        place is where the text starts.
        """
        path = tuple(path)
        start = self.position(path)
        lines = self.text.splitlines()
        row, col = start
        if path not in self.values or row > len(lines):
            return start
        written = lines[row - 1]
        if written.startswith("|", col - 1):
            if row + line >= len(lines):
                return start
            block = [text for text in lines[row : row + line + 1] if text.strip()]
            if not block:
                return start
            return row + line + 1, len(block[0]) - len(block[0].lstrip(" ")) + column + 1
        value = self.value(path)
        if line == 0 and isinstance(value, str) and "\n" not in value:
            rest = written[col - 1 :]
            if rest.startswith(value):
                return row, col + column
            if rest[:1] in ("'", '"') and rest[1:].startswith(value):
                return row, col + 1 + column
        return start

    def value(self, path: tuple) -> Any:
        """Return the value at `path` (None when there is none)."""
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def is_refused(self, path: tuple) -> bool:
        """Return whether the value at `path` (or around it) was left out after a problem."""
        return any(path[:n] in self.refused for n in range(1, len(path) + 1))


def read_yaml(source: bytes | str, file: str) -> Document:
    """Read one YAML file strictly.

    Args:
        source: the file's bytes (or text).
        file: the name to print in problems, e.g. ``content/principles/x.yaml``.

    Raises:
        ContentError: with every problem found in the file.
    """
    doc, problems = read_document(source, file)
    if problems or doc is None:
        raise ContentError(problems)
    return doc


def read_document(source: bytes | str, file: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file strictly, as far as it can be read.

    Returns:
        The document (None when its structure cannot be trusted: malformed YAML, nesting too
        deep, too large, not UTF-8, no fields) and every problem found. A document returned
        with problems holds what could be read: the first of two duplicate fields, no value
        for an alias, and so on.
    """
    try:
        text, problems = _decode(source, file)
    except ContentError as exc:
        return None, exc.problems
    replaced = bool(problems)
    try:
        doc, found = _Composer(text, file, replaced).run(_FastParser)
    except _Refused:
        # libyaml refused the file: a mistake in it, or a limit of libyaml's own (the libyaml
        # in PyYAML 6.0.4 stops at 1,000 levels, and it scans up to 1,024 characters ahead of
        # the events that MAX_DEPTH counts). Read it again with the reference parser, so that
        # what is reported, and where, never depends on the libyaml PyYAML was built with.
        doc, found = _Composer(text, file, replaced).run(_ReferenceParser)
    return doc, (problems + found)[:MAX_PROBLEMS_PER_FILE]


def _decode(source: bytes | str, file: str) -> tuple[str, list[Problem]]:
    """Return the text, with each control character replaced (and reported) so reading goes on.

    Raises:
        ContentError: the file is too large or not UTF-8.
    """
    if len(source) > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    file,
                    message=f"the file is larger than the limit of {MAX_BYTES:,} bytes",
                    hint="shorten it; even a long principle is far smaller",
                )
            ]
        )
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(
                [not_utf8(file, source, exc, "save the file again with the UTF-8 encoding")]
            ) from None
    else:
        text = source
    text = text.removeprefix("\ufeff")
    problems = []
    for match in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group()
        problems.append(
            Problem(
                file,
                line,
                column,
                "",
                f"control character U+{ord(char):04X} is not allowed",
                "delete it; it is often pasted in invisibly",
            )
        )
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            break
    if problems:
        # Each is one character wide: the replacement keeps every later position.
        text = _NOT_PRINTABLE.sub("\ufffd", text)
    return text, problems


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Mark:
    """A 0-based place in the text, like the parser's marks."""

    line: int
    column: int


class _Skip:
    """A collection whose contents are ignored (it was already reported)."""


@dataclass(slots=True)
class _Frame:
    """A mapping or list being read: where its values go, and what the next node is."""

    container: dict[str, Any] | list[Any]
    path: tuple
    key: str | type[_Skip] | None = None
    """In a mapping, the field name whose value comes next; None when the next node is a field
    name; `_Skip` when the value belongs to a refused name. Always None in a list."""


class _Composer:
    """Build plain values from parser events, iteratively, recording positions."""

    def __init__(self, text: str, file: str, replaced: bool = False):
        self.text = text
        self.file = file
        self.replaced = replaced  # control characters became U+FFFD: their values are reported
        self.problems: list[Problem] = []
        self.values: dict[tuple, Pos] = {}
        self.keys: dict[tuple, Pos] = {}
        self.refused: set[tuple] = set()
        self._lines = text.splitlines() if " #" in text or "\t#" in text else []

    def report(self, mark, message: str, hint: str = "", path: tuple = ()) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(
                Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message, hint)
            )

    def run(
        self, parser_class: Callable[[str], _EventParser]
    ) -> tuple[Document | None, list[Problem]]:
        """Return the document (None when its structure cannot be trusted) and the problems."""
        root: Any = None
        trusted = True
        documents = 0
        stack: list[_Frame] = []
        skip_depth = 0  # > 0 while inside a collection we refused (e.g. a mapping used as a key)
        skipped_key = False  # the collection skipped is a field name
        parser = parser_class(self.text)
        values = self.values
        # Lines where a comment may follow a value (not the usual whole-line comments).
        commented = {i for i, line in enumerate(self._lines) if " #" in line or "\t#" in line}
        # Locals: this loop runs once per YAML node, so lookups add up over 1,000 files.
        scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        try:
            while parser.check_event():
                event = parser.get_event()
                kind = type(event)
                opens = kind is map_start or kind is seq_start
                if skip_depth:
                    if opens:
                        skip_depth += 1
                    elif kind is map_end or kind is seq_end:
                        skip_depth -= 1
                        if not skip_depth:
                            if skipped_key:  # a list or mapping used as a field name
                                stack[-1].key = _Skip  # its value goes too
                                skipped_key = False
                            else:
                                self._after_value(stack)
                    continue
                if kind is map_end or kind is seq_end:
                    stack.pop()
                    if stack:
                        stack[-1].key = None  # the value is complete (a list's is always None)
                    continue
                if not (opens or kind is scalar or kind is alias):
                    if kind is yaml.DocumentStartEvent:
                        documents += 1
                        if documents == 2:
                            self.report(
                                event.start_mark,
                                "this file holds more than one YAML document",
                                "remove the second '---' line and what follows, or merge them",
                            )
                    continue  # stream and document starts and ends
                if documents > 1:
                    if opens:
                        skip_depth = 1
                    continue

                frame = stack[-1] if stack else None
                if frame is not None and frame.key is _Skip:  # value of a refused key
                    if opens:
                        skip_depth = 1
                    else:
                        self._after_value(stack)
                    continue
                # An anchor, or a tag ('!' alone is allowed on a scalar: it only means "text").
                marked = (
                    event.anchor is not None
                    or getattr(event, "tag", None) not in (None, "!")
                    or (opens and event.tag is not None)
                )
                if frame is not None and frame.key is None and isinstance(frame.container, dict):
                    if marked:  # a field name
                        self._check_node(event, frame.path)
                    self._key(event, frame)
                    if opens:
                        skip_depth, skipped_key = 1, True
                    continue
                path = self._path(frame) if frame is not None else ()
                if marked:
                    self._check_node(event, path)

                mark = event.start_mark
                if kind is scalar:
                    value = None if (event.implicit[0] and event.value in NULLS) else event.value
                    if self.replaced and value and "\ufffd" in value:
                        self.refused.add(path)  # not "not a valid id" as well
                    if event.end_mark.line in commented and event.style in _PLAIN:
                        self._cut_by_comment(event, value, path)
                elif kind is alias:
                    value = None
                    self.refused.add(path)  # reported; the field is not "missing" as well
                elif len(stack) >= MAX_DEPTH:
                    self.report(mark, f"the content is nested more than {MAX_DEPTH} levels deep")
                    raise _Stop
                else:  # a mapping or a list: its contents come next
                    opened: dict[str, Any] | list[Any] = {} if kind is map_start else []
                    stack.append(_Frame(opened, path))
                    value = opened
                values[path] = (mark.line + 1, mark.column + 1)
                if frame is None:
                    root = value
                elif isinstance(container := frame.container, dict):
                    if value is not None:  # `name:` with no value means the field is absent
                        container[path[-1]] = value  # the last part of its path: its name
                    frame.key = None  # the next scalar is a key again (or this value opens)
                else:
                    container.append(value)
        except yaml.MarkedYAMLError as exc:
            if parser_class is not _ReferenceParser:
                raise _Refused from None
            self._malformed(exc)
            trusted = False
        except _Stop:
            trusted = False

        if trusted:
            if root is None:
                self.problems.append(
                    Problem(
                        self.file,
                        message="the file has no fields"
                        if self.text.strip()
                        else "the file is empty",
                        hint="write its fields as 'name: value' lines, or delete the file",
                    )
                )
            elif not isinstance(root, dict):
                what = "a list" if isinstance(root, list) else "a single text"
                self.problems.append(
                    Problem(
                        self.file,
                        *self.values[()],
                        "",
                        f"the file holds {what} instead of fields",
                        "write each field as a 'name: value' line"
                        + (", with no '-' in front" if isinstance(root, list) else ""),
                    )
                )
        if not trusted or not isinstance(root, dict):
            return None, self.problems
        refused = frozenset(self.refused)
        return Document(self.file, root, self.values, self.keys, self.text, refused), self.problems

    @staticmethod
    def _path(frame: _Frame) -> tuple:
        """Return the path of the value that comes next in `frame`."""
        container = frame.container
        return frame.path + ((frame.key,) if isinstance(container, dict) else (len(container),))

    @staticmethod
    def _after_value(stack: list[_Frame]) -> None:
        """A mapping's value is complete: the next scalar is a key again."""
        if stack:
            stack[-1].key = None  # (a list's is always None)

    def _check_node(self, event, path: tuple) -> None:
        mark = event.start_mark
        if getattr(event, "anchor", None) is not None:
            if isinstance(event, yaml.AliasEvent):
                self.report(
                    mark,
                    f"YAML aliases such as '*{event.anchor}' are not allowed",
                    "write the text out in full, or put it in quotes if it starts with '*'",
                    path,
                )
            else:
                self.report(
                    mark,
                    f"YAML anchors such as '&{event.anchor}' are not allowed",
                    "remove it, or put the text in quotes if it starts with '&'",
                    path,
                )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self.report(
                mark,
                f"YAML tags such as '{tag}' are not allowed",
                "remove it, or put the text in quotes if it starts with '!'",
                path,
            )

    def _cut_by_comment(self, event, value: str | None, path: tuple) -> None:
        """Report unquoted text that a ' #' cut short, as in ``title: We are #1 at this``.

        YAML reads a space then '#' as the start of a comment, so the rest of the line vanishes
        without a word. A comment written as one (``# note``, with a space after '#') is left
        alone; '#' followed at once by more text (``#1``, ``#channel``) was meant as text.
        """
        end = event.end_mark
        rest = self._lines[end.line][end.column :]
        lost = rest.lstrip(" \t")
        if len(lost) == len(rest) or not lost.startswith("#") or lost[1:2] in ("", " ", "\t"):
            return
        self.report(
            _Mark(end.line, end.column + len(rest) - len(lost)),
            f"'{_shorten(lost)}' is not part of the text: after a space, '#' starts a YAML comment",
            "put the whole text in quotes",
            path,
        )

    def _key(self, event, frame: _Frame) -> None:
        mark = event.start_mark
        path = frame.path
        if not isinstance(event, yaml.ScalarEvent):
            self.report(
                mark,
                "a field name must be plain text, not a list or a group of fields",
                "remove the brackets or braces around the name",
                path,
            )
            frame.key = _Skip
            return
        key = event.value
        if event.implicit[0] and key == "<<":
            self.report(
                mark,
                "YAML merge keys ('<<') are not allowed",
                "write the fields out in full",
                path,
            )
            frame.key = _Skip
            return
        if event.implicit[0] and key in NULLS:
            self.report(mark, "a field name is missing before ':'", path=path)
            frame.key = _Skip
            return
        first = self.keys.get(path + (key,))
        if first is not None:
            self.report(
                mark,
                f"duplicate field '{key}', already set on line {first[0]}",
                "keep only one of them",
                path,
            )
            frame.key = _Skip
            return
        frame.key = key
        self.keys[path + (key,)] = (mark.line + 1, mark.column + 1)

    def _malformed(self, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        if mark is None:  # pragma: no cover - PyYAML always marks these
            self.problems.append(Problem(self.file, message="this file could not be read"))
            return
        problem = (exc.problem or "").strip()
        context = (exc.context or "").strip()
        lines = self.text.splitlines()
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        char = line_text[mark.column] if mark.column < len(line_text) else ""
        before = line_text[: mark.column].rstrip()
        opened = exc.context_mark or mark  # where an unclosed quote or bracket begins
        if (
            char == "\t"
            or ("tab" in problem)
            or (problem.startswith("found character") and "\t" in line_text)
        ):
            hint = "tabs can't indent YAML; use spaces"
        elif char in ("@", "`", "%") and (not before or before.endswith((":", "-", ",", "["))):
            hint = f"a value can't start with '{char}'; put the whole value in quotes"
        elif "alias" in context or "anchor" in context:
            sign = "*" if "alias" in context else "&"
            hint = f"a value that starts with '{sign}' must be put in quotes"
            mark = opened
        elif "mapping values are not allowed" in problem:
            if ": " in before.strip() + " " or before.strip().startswith("- "):
                hint = "a value that contains ': ' must be put in quotes"
            else:
                hint = "this line is indented more than the field above it"
        elif "quoted scalar" in context:
            hint = "a quote is opened here but never closed"
            mark = opened
        elif "flow sequence" in context:
            hint = "a '[' list is opened here but never closed, or a value in it needs quotes"
            mark = opened
        elif "flow mapping" in context:
            hint = "a '{' is opened here but never closed, or a value in it needs quotes"
            mark = opened
        elif "block scalar" in context:
            hint = "after '|' or '>' the text must start on the next line, indented"
            mark = opened
        elif line_text.strip().startswith(":"):
            hint = "a field name is missing before ':'"
        elif before.endswith(('"', "'")) and char and not char.isspace():
            hint = "nothing may follow a closing quote; put the whole value in quotes"
        elif before.rstrip().endswith(('"', "'")):
            hint = "nothing may follow a closing quote; put the whole value in quotes"
        elif "block" in context or "expected" in problem:
            hint = "the indentation does not line up with the lines above"
        else:
            hint = "YAML could not be read here"
        self.report(mark, f"this line could not be read: {hint}")


class _Stop(Exception):
    """Stop reading a file whose structure cannot be trusted any further."""


class _Refused(Exception):
    """The fast parser refused the file: the reference parser says why."""
