"""Fixtures shared by every test module.

The real-browser fixtures (browser, page, serve_site, default_site) live in browser_support.py;
registering them here, once, gives the whole session a single Playwright instance.
"""

from pathlib import Path

import pytest
from site_support import SITES, copy_project

pytest_plugins = ["browser_support"]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the small handbook (tests/sites/small) as the working directory.

    Modules that need another project define their own ``project`` fixture.
    """
    path = copy_project(SITES / "small", tmp_path / "project")
    monkeypatch.chdir(path)
    return path
