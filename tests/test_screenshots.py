"""The README's screenshots come from tools/screenshots.py: it runs; the README shows each."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys

from site_support import ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools/screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk (IHDR), after checking the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


def test_the_readme_shows_every_screenshot_the_script_makes_and_no_other():
    shots = load_script().SHOTS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\((screenshots/[^)]+\.png)\)", readme)
    assert shown == [f"screenshots/{s.name}.png" for s in shots]
    for shot in shots:
        file = ROOT / "screenshots" / f"{shot.name}.png"
        assert png_size(file.read_bytes()) == (shot.width, shot.height), shot.name


def test_the_script_photographs_each_page_of_the_default_handbook(browser, tmp_path):
    script = load_script()
    written = script.take(tmp_path, browser)
    assert [f.name for f in written] == [f"{s.name}.png" for s in script.SHOTS]
    for file, shot in zip(written, script.SHOTS, strict=True):
        assert png_size(file.read_bytes()) == (shot.width, shot.height)
