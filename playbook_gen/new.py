"""Create a small working handbook from the files in ``starter/`` (``playbook-gen new``).

The JSON Schemas in ``starter/content/schemas/`` are the ones ``playbook-gen schema`` writes from
the content models, shipped ready (tests/test_schemas.py keeps them current): so ``new`` needs
neither the models nor pydantic, and starts as fast as ``mkdocs new``.
"""

from __future__ import annotations

import json
from pathlib import Path

# The package's own folders: what importlib.resources gives for an installed package, without
# importing it (it would add to every command's start-up, `--help` included: --theme names them).
HERE = Path(__file__).parent
THEMES = HERE / "themes"
"""The shipped themes, one folder each: ``stylesheets/<name>.css`` and ``palette.yml``."""

DEFAULT_THEME = "service"
PALETTE_FILE = "palette.yml"


def theme_names() -> list[str]:
    """Return the names of the shipped themes, the default first."""
    names = [entry.name for entry in THEMES.iterdir() if (entry / PALETTE_FILE).is_file()]
    return sorted(names, key=lambda name: (name != DEFAULT_THEME, name))


def theme_palette(theme: str) -> str:
    """Return a shipped theme's palette: the YAML list that goes under ``theme.palette``."""
    text = (THEMES / theme / PALETTE_FILE).read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def create_handbook(directory: Path, *, organisation: str, theme: str) -> list[Path]:
    """Write a handbook that validates and builds: content, docs, a theme and mkdocs.yml.

    Args:
        directory: a missing or empty folder.
        organisation: shown in headers and exports.
        theme: the theme folder's name, ``themes/<theme>/``: a shipped theme
            (``theme_names()``) is copied with its palette; any other name starts a theme of
            your own from the default one, its CSS renamed to ``stylesheets/<theme>.css``.

    Returns:
        The files written.
    """
    start_from = theme if theme in theme_names() else DEFAULT_THEME
    values = {
        "organisation": _yaml_text(organisation),
        "theme": theme,
        "palette": _indent(theme_palette(start_from), "    "),
    }
    written = []
    for rel, source in _starter_files(HERE / "starter"):
        text = source.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        written.append(_write(directory / rel.replace("gitignore", ".gitignore"), text))
    for rel, source in _starter_files(THEMES / start_from):
        if rel != PALETTE_FILE:
            text = source.read_text(encoding="utf-8")
            rel = rel.replace(f"stylesheets/{start_from}.css", f"stylesheets/{theme}.css")
            written.append(_write(directory / "themes" / theme / rel, text))
    return written


def _starter_files(folder: Path, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _starter_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith(".pyc"):
            yield f"{prefix}{entry.name}", entry


def _write(file: Path, text: str) -> Path:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def _indent(text: str, prefix: str) -> str:
    lines = text.rstrip("\n").splitlines(keepends=True)
    return "".join(prefix + line if line.strip() else line for line in lines)


def _yaml_text(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
