"""Output folders: which ones a command may replace.

A build replaces its whole output folder, so the folder is checked first (``check_output``): it
must not be, hold or sit inside the project or one of its source folders, a home folder or
``/``, and when it holds files they must be an earlier build (one that has our assets). Then
``atomic.replacing`` makes a fresh folder beside it and swaps it in only when the build succeeds.

Nothing here knows about MkDocs: ``build.py`` and the plugin pass plain paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .problems import UsageProblem, os_reason

MARK = "assets/playbook"
"""Every site playbook-gen builds holds this folder (our scripts and styles): its mark."""


def check_output(
    target: Path, *, project: Path, sources: Mapping[str, Path], what: str = "site"
) -> None:
    """Refuse an output folder that a build would have no right to replace.

    Args:
        target: the folder the build or export would replace.
        project: the folder that holds mkdocs.yml.
        sources: name -> folder the output must keep clear of (content, docs, theme...).
        what: "site" or "export", for the message.

    Raises:
        UsageProblem: one line naming the folder and why.
    """
    target = target.resolve()
    refuse = f"refusing to write the {what} into {target}"
    if target == project or project.is_relative_to(target):
        raise UsageProblem(f"{refuse}: it holds the project ({project})")
    for name, folder in sources.items():
        folder = folder.resolve()
        if target == folder or target.is_relative_to(folder) or folder.is_relative_to(target):
            raise UsageProblem(f"{refuse}: it overlaps the {name} folder ({folder})")
    home = _home()
    if home is not None and home.is_relative_to(target):
        raise UsageProblem(f"{refuse}: it holds your home folder ({home})")
    if target.exists() and not target.is_dir():
        raise UsageProblem(f"{target} is a file, not a folder")
    if target.is_dir() and os.path.ismount(target):
        raise UsageProblem(
            f"{target} is a mount point, which cannot be replaced by renaming; "
            f"use a folder inside it, e.g. {target / 'handbook'}"
        )
    if what == "site":
        check_earlier_build(target, refuse)


def check_earlier_build(target: Path, refuse: str) -> None:
    """Refuse a non-empty folder that is not an earlier build, or that holds ``.git``."""
    try:
        if not target.is_dir() or not any(target.iterdir()):
            return
    except OSError as exc:
        raise UsageProblem(f"{refuse}: it cannot be read ({os_reason(exc)})") from None
    if (target / ".git").exists():
        raise UsageProblem(
            f"{refuse}: it holds a .git folder, which a build would delete; "
            "build elsewhere and copy the site in"
        )
    if not (target / MARK).is_dir():
        raise UsageProblem(
            f"{refuse}: it is not empty and holds no earlier build, and a build replaces the "
            "whole folder; choose a new or empty folder"
        )


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known
        return None
