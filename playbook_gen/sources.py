"""Only the handbook is published: no file from outside the project, nothing from content/.

MkDocs copies every file it finds in ``docs_dir`` and in the theme folder into the site, and it
follows symbolic links: a link in ``docs/`` to ``~/.ssh`` or to another project's data would be
published. ``content/`` holds what the generated pages are made from, and ``content/results/``
holds respondents' comments: none of it is ever copied as a file, whatever ``docs_dir`` says.

So a link in content/, docs/ or the theme folder that leads outside the project (or nowhere, or
round in a loop) is a problem, and so is a ``docs_dir`` that is, holds or sits inside the content
folder. ``published_files`` is the last guard: the plugin drops any file that would still be
copied from the content folder or from outside the project (while serving, a site with problems
is still built, to show them).

Nothing here knows about MkDocs: the plugin and ``build.py`` pass plain paths.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from .problems import Problem, os_reason

Item = TypeVar("Item")


def shown_path(path: Path) -> str:
    """Return `path` as problems show it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def real(path: Path) -> Path:
    """Return the real path of `path` (links resolved), as far as it can be resolved."""
    return Path(os.path.realpath(path))


def link_problem(link: Path, shown: str, allowed: Iterable[Path]) -> tuple[Problem | None, Path]:
    """Check a symbolic link: it must lead to a file or folder inside one of `allowed`.

    Args:
        link: the link.
        shown: its name in problems.
        allowed: real paths of the folders it may lead into (the project).

    Returns:
        The problem (None when the link is fine) and where the link leads.
    """
    try:
        target = Path(os.path.realpath(link, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            message = "is a loop of symbolic links, which leads to no file"
        elif exc.errno == errno.ENOENT:
            message = f"is a link to {os.readlink(link)}, which does not exist"
        else:
            message = f"is a link that can't be followed: {os_reason(exc)}"
        return Problem(shown, message=message, hint="remove the link"), link
    if not any(target == folder or target.is_relative_to(folder) for folder in allowed):
        return (
            Problem(
                shown,
                message=f"is a link to {os.readlink(link)}, outside the project; only the "
                "handbook's own files are published",
                hint="copy what it should publish into the project, or remove the link",
            ),
            target,
        )
    return None, target


def tree_problems(folder: Path, shown: str, project: Path, content: Path | None) -> list[Problem]:
    """Return the problems of the links in `folder`, a folder MkDocs copies into the site.

    Links are followed as MkDocs follows them, into folders inside the project; a link back to
    a folder on the way is a loop.

    Args:
        folder: docs_dir or the theme folder.
        shown: its name in problems.
        project: the real path of the project folder.
        content: the real path of the content folder, whose files are never published.
    """
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    allowed = [project, real(folder)]  # a docs_dir outside the project is the user's choice
    _walk(folder, shown, allowed, content, [real(folder)], problems)
    return problems


def _walk(
    folder: Path, shown: str, allowed: list[Path], content, ancestors: list[Path], problems
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(shown, message=f"this folder can't be read: {os_reason(exc)}"))
        return
    for entry in entries:
        name = f"{shown}/{entry.name}"
        path = Path(entry.path)
        target = path
        if entry.is_symlink():
            problem, target = link_problem(path, name, allowed)
            if problem is not None:
                problems.append(problem)
                continue
            if content is not None and (target == content or target.is_relative_to(content)):
                problems.append(_into_content(name))
                continue
        if not target.is_dir():
            continue
        target = real(target)
        if target in ancestors:
            problems.append(
                Problem(
                    name,
                    message="is a link to a folder that holds it, a loop that never ends",
                    hint="remove the link",
                )
            )
            continue
        _walk(path, name, allowed, content, [*ancestors, target], problems)


def _into_content(shown: str) -> Problem:
    return Problem(
        shown,
        message="is a link into the content folder, whose files are never published",
        hint="remove the link; the handbook's pages are made from the content already",
    )


def docs_dir_problem(docs_dir: Path, content: Path, config_file: Path | None) -> Problem | None:
    """Refuse a docs_dir that is, holds or sits inside the content folder."""
    docs, content = real(docs_dir), real(content)
    if docs == content:
        relation = "is the content folder"
    elif content.is_relative_to(docs):
        relation = "holds the content folder"
    elif docs.is_relative_to(content):
        relation = "is inside the content folder"
    else:
        return None
    file, line = shown_path(config_file) if config_file else "mkdocs.yml", 0
    if config_file is not None:
        line = _line_of(config_file, "docs_dir")
    return Problem(
        file,
        line,
        1 if line else 0,
        "docs_dir",
        f"{shown_path(docs_dir)} {relation}, and MkDocs publishes every file in docs_dir: the "
        "content files, and the respondents' comments in content/results, would be published",
        "use a folder of its own for hand-written pages, e.g. 'docs_dir: docs'",
    )


def _line_of(config_file: Path, key: str) -> int:
    try:
        text = config_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    match = re.search(rf"^{key}[ \t]*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def published_problems(
    *,
    project: Path,
    docs_dir: Path,
    content: Path,
    theme_dir: Path | None = None,
    config_file: Path | None = None,
) -> list[Problem]:
    """Return every reason a build would publish what is not the handbook's.

    Args:
        project: the folder of mkdocs.yml.
        docs_dir: the hand-written pages (MkDocs copies every file in it).
        content: the content folder.
        theme_dir: the theme's ``custom_dir`` (MkDocs copies its files too).
        config_file: mkdocs.yml, to place a problem with ``docs_dir``.
    """
    problems: list[Problem] = []
    overlap = docs_dir_problem(docs_dir, content, config_file)
    if overlap is not None:
        return [overlap]  # every content file would be listed again below
    project, content_real = real(project), real(content)
    problems += tree_problems(docs_dir, shown_path(docs_dir), project, content_real)
    if theme_dir is not None:
        problems += tree_problems(theme_dir, shown_path(theme_dir), project, content_real)
    return problems


def published_files(
    paths: Iterable[tuple[Item, str]], *, project: Path, content: Path
) -> Iterator[Item]:
    """Yield the items of `paths` ((item, source file)) that may be published.

    A file from the content folder, or from outside the project (through a link), is left out.
    """
    project, content = real(project), real(content)
    for item, source in paths:
        target = real(Path(source))
        if target.is_relative_to(content):
            continue
        if not target.is_relative_to(project) and Path(source) != target:
            continue  # a link out of the project
        yield item
