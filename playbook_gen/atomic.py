"""Writing whole or not at all: a folder is swapped in only when it is complete, and a file is
never seen half-written.

``replacing`` makes a fresh folder beside the target and puts it in place with two renames when
the block succeeds; a failed or killed build leaves the old folder as it was (the next build
sweeps what a killed one left behind). ``write_atomically`` does the same for one file through a
temporary file beside it. Both keep the permissions a web server needs to read the result.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .problems import WriteProblem, os_reason

# -- replacing a folder whole ----------------------------------------------------------------------
# A new folder is made beside the target (same file system, so renames are atomic):
# ".<name>-new-<pid>-<random>". The swap renames the old folder to ".<name>-old-<pid>-<random>",
# renames the new one in and deletes the old one. A process killed half-way leaves such folders;
# the next run removes them, or puts the old site back if it died between the two renames.

_LEFTOVER = re.compile(r"\.(?P<name>.+)-(?P<kind>new|old)-(?P<pid>\d+)-[A-Za-z0-9_]+")


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
