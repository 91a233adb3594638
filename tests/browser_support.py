"""Real-browser test support: Debian's Chromium driven by Playwright, sites served on loopback.

tests/conftest.py registers this module as a plugin: every test gets the fixtures browser,
page, serve_site and default_site, from one Playwright instance per session. Import the plain
helpers (build_handbook, copy_project, ROOT) where they are used.

In CI (``CI=true``) a missing browser fails the test run; elsewhere it skips.

Every test that uses one of these fixtures (directly or through another fixture) is marked
``browser`` at collection, so ``pytest -m "not browser"`` runs everything that needs no Chromium.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_support import copy_project  # noqa: F401  (re-exported for browser tests)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parent.parent
BROWSER_FIXTURES = frozenset({"browser", "page", "serve_site", "default_site"})


@pytest.hookimpl(tryfirst=True)  # before -m deselects anything
def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium shared by the whole session."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """What a page did that a user would not want: console errors and requests off this host."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []

    def assert_clean(self) -> None:
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.external_requests == [], f"requests to other hosts: {self.external_requests}"


@pytest.fixture
def page(browser):
    """A fresh browser context (empty localStorage) and page.

    ``page.watch`` collects console errors and requests to any host other than 127.0.0.1;
    the test fails at teardown if there were any (set ``page.watch = None`` to opt out).
    """
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    watch = PageWatch()

    def on_console(msg):
        if msg.type == "error":
            watch.console_errors.append(msg.text)

    def on_request(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:", "file:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            watch.external_requests.append(request.url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watch.console_errors.append(f"uncaught: {exc}"))
    pg.on("request", on_request)
    pg.watch = watch
    yield pg
    context.close()
    if pg.watch is not None:
        pg.watch.assert_clean()


def build_handbook(project: Path, site_dir: Path) -> Path:
    """Build a handbook project (a folder with mkdocs.yml) into `site_dir`, as `build` does."""
    from playbook_gen.build import build_site

    return build_site(project / "mkdocs.yml", site_dir)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files fresh every time: a test may rebuild a site within the same second, and
    Last-Modified has one-second resolution, so a conditional request could get a stale 304."""

    def send_head(self):
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


class StaticServer:
    """Serve a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def serve_site():
    """Return a function that serves a folder and gives its base URL; servers stop at the end."""
    servers: list[StaticServer] = []

    def serve(root: Path) -> str:
        server = StaticServer(root)
        servers.append(server)
        return server.url

    yield serve
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def default_site(tmp_path_factory, serve_site) -> str:
    """The repo's default handbook, built once and served from a sub-path: base URL ending in /."""
    root = tmp_path_factory.mktemp("default-site")
    build_handbook(ROOT, root / "handbook")
    return serve_site(root) + "handbook/"


def print_preview(pg) -> None:
    """Show the page as printed, as a reader's print preview does: the print media, and the day
    of printing our page scripts then write into the printed heading (pb-core.js)."""
    pg.emulate_media(media="print")
    pg.wait_for_selector("html[data-pb-printed]", state="attached")


def serious_violations(pg) -> list[str]:
    """Serious and critical axe-core findings, except in Material's own search dialog.

    Material renders the search overlay as role=dialog without a name (aria-dialog-name); that
    markup is the theme's, not the handbook's.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(pg, context={"exclude": [[".md-search"]]})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
