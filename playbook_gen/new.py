"""Create a small working handbook from the files in ``starter/`` (``playbook-gen new``)."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .schema import write_schemas

THEME_CSS = """\
/* The "{theme}" theme: look only. Pages work without it. */
:root {{
  --md-text-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --md-code-font: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}}
"""


def create_handbook(directory: Path, *, organisation: str, theme: str) -> list[Path]:
    """Write a handbook that validates and builds: content, docs, a theme and mkdocs.yml.

    Args:
        directory: a missing or empty folder.
        organisation: shown in headers and exports.
        theme: the theme folder's name (``themes/<theme>``), a lowercase slug.

    Returns:
        The files written.
    """
    values = {
        "organisation": _yaml_text(organisation),
        "theme": theme,
    }
    written = []
    for rel, source in _starter_files(resources.files(__package__) / "starter"):
        text = source.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        written.append(_write(directory / rel.replace("gitignore", ".gitignore"), text))
    css = THEME_CSS.format(theme=theme)
    written.append(_write(directory / "themes" / theme / "stylesheets" / f"{theme}.css", css))
    written.extend(write_schemas(directory / "content" / "schemas"))
    return written


def _starter_files(folder: Traversable, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _starter_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith(".pyc"):
            yield f"{prefix}{entry.name}", entry


def _write(file: Path, text: str) -> Path:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def _yaml_text(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
