"""What changed in the content, and when: read from git, when the handbook lives in git.

Each page shows the day its file last changed, and the "What's new" page lists the recent
changes to the content, newest first, with each commit's summary line. Without git (not
installed, not a repository, the content not yet committed) there is no history: pages show no
such day, and "What's new" lists the pages by their ``reviewed`` dates instead.
"""

from __future__ import annotations

import datetime
import functools
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RECENT = 30
"""Changes the "What's new" page lists at most."""
SCANNED = 500
"""Commits read at most (the last change of a file not touched since is then unknown)."""


@dataclass(frozen=True)
class Change:
    """One commit that changed the content."""

    day: datetime.date
    summary: str
    """The commit message's first line."""
    files: tuple[str, ...]
    """The content files it changed, relative to the content folder (``principles/x.yaml``)."""


def read_history(content_dir: Path) -> list[Change] | None:
    """Return the commits that changed `content_dir`, newest first; None without git history."""
    return start_reading_history(content_dir)()


def start_reading_history(content_dir: Path) -> Callable[[], list[Change] | None]:
    """Start ``git log`` on `content_dir` and return at once a function that waits for it and
    returns what ``read_history`` does: the history is read while the content is loaded."""
    git = shutil.which("git")
    if git is None:
        return lambda: None
    try:
        running = subprocess.Popen(
            [git, "-C", str(content_dir), "log", f"-n{SCANNED}", "--no-merges", "--relative",
             "--date=short", "--format=%x1e%ad%x1f%s", "--name-only", "--", "."],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return lambda: None

    @functools.cache
    def finish() -> list[Change] | None:
        try:
            out, _ = running.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            running.kill()
            running.communicate()
            return None
        return _changes(out) if running.returncode == 0 else None

    return finish


def _changes(log: bytes) -> list[Change] | None:
    """Return the commits in ``git log``'s output (see ``start_reading_history``)."""
    changes = []
    for record in log.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        day, _, summary = head.partition("\x1f")
        try:
            date = datetime.date.fromisoformat(day.strip())
        except ValueError:
            continue
        files = tuple(n.strip() for n in names.splitlines() if n.strip().endswith(".yaml"))
        if files:
            changes.append(Change(date, summary.strip(), files))
    return changes or None


def last_changed(history: list[Change] | None) -> dict[str, datetime.date]:
    """Return {content file: the day it last changed} from a history, newest first."""
    days: dict[str, datetime.date] = {}
    for change in history or ():
        for file in change.files:
            days.setdefault(file, change.day)
    return days
