"""The package is typed: it ships the py.typed marker, and the test command type-checks it.

mypy and ruff themselves run in tests/run (its "static" row), once, in the main run's
environment: their verdict depends on the source, not on the Python or dependency versions that
the other runs vary.
"""

from __future__ import annotations

from importlib import resources

from site_support import ROOT


def test_package_ships_the_py_typed_marker():
    assert resources.files("playbook_gen").joinpath("py.typed").is_file()


def test_the_test_command_runs_mypy_and_ruff():
    script = (ROOT / "tests/run").read_text(encoding="utf-8")
    for check in ('"mypy"', '"ruff check"', '"ruff format --check"'):
        assert check in script, f"tests/run does not run {check}"
