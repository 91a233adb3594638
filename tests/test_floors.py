"""The lower bounds in pyproject.toml are the versions tests/run installs for its floors run."""

from __future__ import annotations

import re
import tomllib

from site_support import ROOT

FLOORS = ROOT / "tests" / "floors.txt"
NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_floors() -> dict[str, str]:
    """{package: version} from every `name>=version` in dependencies and the test extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        match = re.fullmatch(rf"({NAME})\s*>=\s*([^,;\s]+)(\s*,\s*<\s*[^,;\s]+)?", requirement)
        assert match, (
            f"pyproject.toml: {requirement!r} should be 'name>=floor' or 'name>=floor,<cap'"
        )
        floors[canonical(match[1])] = match[2]
    return floors


def pinned_floors() -> dict[str, str]:
    pins = {}
    for line in FLOORS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(rf"({NAME})==(\S+)", line.strip())
        assert match, f"tests/floors.txt: {line!r} should be 'name==version'"
        assert canonical(match[1]) not in pins, f"tests/floors.txt: {match[1]} twice"
        pins[canonical(match[1])] = match[2]
    return pins


def test_floors_file_pins_every_dependency_at_its_declared_floor():
    assert pinned_floors() == declared_floors()


def test_the_test_command_installs_the_floors():
    assert "tests/floors.txt" in (ROOT / "tests/run").read_text(encoding="utf-8")
