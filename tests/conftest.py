"""Fixtures shared by every test module.

The real-browser fixtures (browser, page, serve_site, default_site) live in browser_support.py;
registering them here, once, gives the whole session a single Playwright instance.
"""

pytest_plugins = ["browser_support"]
