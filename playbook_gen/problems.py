"""Problems found in content files, and the one way they are printed.

Every problem is one line a person can act on::

    content/principles/serve.yaml:14:3: examples[1]: unknown example 'zapos' (did you mean ...?)

The same formatter serves ``playbook-gen validate``, ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

import difflib
import errno
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

_ONE_LINE = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": " ", "\u2029": " ", "\x85": " "})

Path = tuple  # a path inside a YAML document: ("dimensions", 2, "questions", 0, "text")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one content file, at a line and column (both 1-based)."""

    file: str
    line: int = 0
    column: int = 0
    where: str = ""
    message: str = ""
    hint: str = ""

    def format(self) -> str:
        """Return the problem as the single line users see."""
        place = self.file
        if self.line:
            place += f":{self.line}:{self.column or 1}"
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        # One line per problem, whatever a field name or value held.
        return f"{place}: {text}".translate(_ONE_LINE)

    def to_dict(self) -> dict:
        """Return the problem as a plain dict (for ``--format json``)."""
        return asdict(self)


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sort_problems(problems)
        super().__init__(format_problems(self.problems))


class UsageProblem(Exception):
    """A request that cannot be carried out as asked (the CLI exits 2), in one line."""


class WriteProblem(UsageProblem):
    """The output could not be written (no permission, disk full, ...); nothing was replaced."""


def not_utf8(file: str, source: bytes, exc: UnicodeDecodeError, hint: str) -> Problem:
    """Return the problem of a file that is not UTF-8, at the first byte that can't be read."""
    line = source.count(b"\n", 0, exc.start) + 1
    start = source.rfind(b"\n", 0, exc.start) + 1
    before = source[start : exc.start].decode("utf-8", "replace").removeprefix("\ufeff")
    return Problem(
        file,
        line,
        len(before) + 1,
        "",
        "this character can't be read: the file is not saved as UTF-8 text",
        hint,
    )


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort problems by file, then line and column, dropping exact repeats."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.where, p.message))


def format_problems(problems: Iterable[Problem]) -> str:
    """Return every problem, one per line."""
    return "\n".join(p.format() for p in problems)


def problems_json(problems: Sequence[Problem]) -> str:
    """Return problems as a JSON document: {"problems": [...]}."""
    return json.dumps({"problems": [p.to_dict() for p in problems]}, indent=2, ensure_ascii=False)


def format_path(path: Sequence[str | int]) -> str:
    """Return a YAML path the way users read it: ``dimensions[2].questions[0].text``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a "did you mean ...?" hint for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


_OS_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENOENT: "it does not exist (was it moved or deleted?)",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "a file name is too long",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a folder on the way is a file",
    errno.EIO: "the disk reported an input/output error",
}


def os_reason(exc: OSError) -> str:
    """Say why a file operation failed, in our words (not the C library's)."""
    if exc.errno is None:
        return "the system refused"
    return _OS_REASONS.get(exc.errno, f"the system refused (error {exc.errno})")
