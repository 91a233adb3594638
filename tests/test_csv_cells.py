"""CSV cells: one rule for `playbook-gen report` and the browser's exports, one vector file.

tests/vectors/csv/cells.json maps a cell value to the cell's text: text a spreadsheet would run
as a formula is neutralised, numbers stay numbers. results.csv_cell is checked here in Python,
PB.csvText in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook_gen import results

CELLS = json.loads(
    (Path(__file__).parent / "vectors" / "csv" / "cells.json").read_text(encoding="utf-8")
)["cells"]


def test_vectors_cover_formula_starts_numbers_and_plain_text():
    texts = [cell["value"] for cell in CELLS if isinstance(cell["value"], str)]
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert any(text.startswith(start) for text in texts), start
    numbers = [cell["value"] for cell in CELLS if isinstance(cell["value"], (int, float))]
    assert any(n < 0 and isinstance(n, int) for n in numbers)
    assert any(n < 0 and isinstance(n, float) for n in numbers)
    assert None in [cell["value"] for cell in CELLS]


@pytest.mark.parametrize("cell", CELLS, ids=[repr(cell["value"]) for cell in CELLS])
def test_report_csv_cell_follows_the_shared_vector(cell):
    assert results.csv_cell(cell["value"]) == cell["text"]


def test_browser_csv_cell_follows_the_shared_vector(page, default_site):
    page.goto(default_site + "checklists/internal-service/")  # a page with our script
    got = page.evaluate("cells => cells.map(cell => PB.csvText(cell.value))", CELLS)
    assert got == [cell["text"] for cell in CELLS]
    quoted = page.evaluate("() => PB.csvCell('-2 \"x\"') + ',' + PB.csvCell(-2)")
    assert quoted == '"\'-2 ""x""","-2"'
