"""JSON Schemas of the content files and result files, for editors' completion.

Every content file may point at ``schemas/<name>.schema.json`` (``playbook-gen schema`` writes
them; ``playbook-gen new`` copies the same files, shipped in ``starter/content/schemas/``); the
schemas come from the pydantic models, whose field descriptions are written for the person
editing the YAML. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from .content.model import KINDS, Playbook
from .results.format import ExportedResult

SCHEMAS: dict[str, type[BaseModel]] = {
    "playbook": Playbook,
    **{kind.schema_name: kind.model for kind in KINDS.values()},
    "result": ExportedResult,
}
"""Schema name -> model; content files point at ``schemas/<name>.schema.json``."""


def write_schemas(out_dir: str | os.PathLike) -> list[Path]:
    """Write one JSON Schema per kind of content file, for editor completion.

    Returns:
        The files written, ``<out_dir>/<kind>.schema.json``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        file = out / f"{name}.schema.json"
        file.write_text(text, encoding="utf-8")
        written.append(file)
    return written


def schema_texts() -> dict[str, str]:
    """Return {kind: JSON Schema text} for every kind of content file."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"playbook-gen {name} file",
            **{k: v for k, v in model.model_json_schema().items() if k != "title"},
        }
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts
