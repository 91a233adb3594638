"""Output folders: which ones a command may replace, and replacing them whole or not at all.

A build replaces its whole output folder, so the folder is checked first (``check_output``): it
must not be, hold or sit inside the project or one of its source folders, a home folder or
``/``, and when it holds files they must be an earlier build (one that has our assets). Then
``replacing`` makes a fresh folder beside it and swaps it in only when the block succeeds.

Nothing here knows about MkDocs: ``site.py`` and the plugin pass plain paths.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .problems import os_reason

MARK = "assets/playbook"
"""Every site playbook-gen builds holds this folder (our scripts and styles): its mark."""


class UsageProblem(Exception):
    """A request that cannot be carried out as asked (the CLI exits 2)."""


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


# -- replacing a folder whole ----------------------------------------------------------------------
# A new folder is made beside the target (same file system, so renames are atomic):
# ".<name>-new-<pid>-<random>". The swap renames the old folder to ".<name>-old-<pid>-<random>",
# renames the new one in and deletes the old one. A process killed half-way leaves such folders;
# the next run removes them, or puts the old site back if it died between the two renames.

_LEFTOVER = re.compile(r"\.(?P<name>.+)-(?P<kind>new|old)-(?P<pid>\d+)-[A-Za-z0-9_]+")


class WriteProblem(UsageProblem):
    """The output could not be written (no permission, disk full, ...); nothing was replaced."""


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; swap it in if the block succeeds, else delete it.

    Raises:
        WriteProblem: the folder could not be made or written; `target` is as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(target)
        staging = _staging_dir(target)
    except OSError as exc:
        raise WriteProblem(f"cannot write into {target.parent}: {os_reason(exc)}") from None
    try:
        yield staging
        swap_in(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        place = target
        if isinstance(exc.filename, str) and Path(exc.filename).is_relative_to(staging):
            place = target / Path(exc.filename).relative_to(staging)  # where it was going
        raise WriteProblem(
            f"cannot write {place}: {os_reason(exc)}; {target} was left as it was"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_atomically(target: Path, text: str) -> None:
    """Write a file through a temporary file beside it, so it is never seen half-written.

    Raises:
        WriteProblem: the file could not be written; an existing `target` is as it was.
    """
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    except OSError as exc:
        raise WriteProblem(f"cannot write {target}: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)  # mkstemp makes the file private; keep the usual permissions
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise WriteProblem(f"cannot write {target}: {os_reason(exc)}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _staging_dir(target: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-{os.getpid()}-", dir=target.parent))
    # mkdtemp makes the folder private, but a web server must read it: keep the old mode.
    staging.chmod(target.stat().st_mode & 0o7777 if target.is_dir() else 0o777 & ~_umask())
    return staging


def swap_in(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with two renames, then delete the old folder."""
    if not target.exists():
        os.rename(new, target)
        return
    old = target.parent / f".{target.name}-old-{os.getpid()}-{os.urandom(4).hex()}"
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def sweep_leftovers(target: Path) -> None:
    """Remove folders that builds of `target` killed half-way left behind."""
    for path in target.parent.glob(f".{glob_escape(target.name)}-*-*-*"):
        match = _LEFTOVER.fullmatch(path.name)
        if not match or match["name"] != target.name or _alive(int(match["pid"])):
            continue
        if match["kind"] == "old" and not target.exists():
            os.rename(path, target)  # killed between the two renames: the old site goes back
        else:
            shutil.rmtree(path, ignore_errors=True)


def glob_escape(text: str) -> str:
    """Escape glob wildcards in a file name."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) would not be a harmless probe
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
