"""JSON Schemas for editor completion: committed, current, and accepting the real content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from site_support import ROOT, SITES

from playbook_gen.cli import cli
from playbook_gen.schema import SCHEMAS, schema_texts

COMMITTED = ROOT / "content" / "schemas"
SHIPPED = ROOT / "playbook_gen" / "starter" / "content" / "schemas"
"""The same files, which `playbook-gen new` copies into a new handbook."""
KIND_OF_FOLDER = {
    "principles": "principle",
    "examples": "example",
    "assessments": "assessment",
    "checklists": "checklist",
}


class Yaml12Loader(yaml.SafeLoader):
    """Roughly what an editor's YAML 1.2 language server sees: only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for first in list(Yaml12Loader.yaml_implicit_resolvers):
    Yaml12Loader.yaml_implicit_resolvers[first] = [
        (tag, rx)
        for tag, rx in Yaml12Loader.yaml_implicit_resolvers[first]
        if tag != "tag:yaml.org,2002:bool"
    ]
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def content_files(project: Path):
    """Yield (schema name, file) for every content file of a handbook."""
    yield "playbook", project / "content/playbook.yaml"
    for folder, kind in KIND_OF_FOLDER.items():
        for file in sorted((project / "content" / folder).glob("*.yaml")):
            yield kind, file


@pytest.mark.parametrize("committed_dir", [COMMITTED, SHIPPED], ids=["content", "starter"])
def test_committed_schemas_are_current(tmp_path, committed_dir):
    """The default handbook's schemas, and those `new` copies, are what `schema` writes now."""
    result = CliRunner().invoke(cli, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in committed_dir.iterdir()) == sorted(
        f"{name}.schema.json" for name in SCHEMAS
    )
    for name in SCHEMAS:
        fresh = (tmp_path / f"{name}.schema.json").read_text()
        committed = committed_dir / f"{name}.schema.json"
        shown = committed.relative_to(ROOT).as_posix()
        assert committed.is_file() and committed.read_text() == fresh, (
            f"{shown} is stale: run `playbook-gen schema -o {committed.parent.relative_to(ROOT)}`"
            " and commit it"
        )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_and_forbids_unknown_fields(name):
    schema = json.loads(schema_texts()[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"]
    assert schema["additionalProperties"] is False
    for definition in schema.get("$defs", {}).values():
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize("project", [ROOT, SITES / "small"], ids=["default", "small"])
def test_content_files_match_their_schema(project):
    validators = {
        name: jsonschema.Draft202012Validator(json.loads(text))
        for name, text in schema_texts().items()
    }
    for name, file in content_files(project):
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in validators[name].iter_errors(data)
        ]
        assert errors == [], f"{file}: {errors}"


def test_schema_catches_a_misspelt_field():
    validator = jsonschema.Draft202012Validator(json.loads(schema_texts()["principle"]))
    data = {"tittle": "x", "summary": "x", "why": "x", "practices": ["x"]}
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("tittle" in m for m in messages) and any("title" in m for m in messages)


def test_content_files_point_editors_at_the_committed_schemas():
    for name, file in content_files(ROOT):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{file} does not start with a yaml-language-server comment"
        target = (file.parent / match[1]).resolve()
        assert target == (COMMITTED / f"{name}.schema.json").resolve(), file
