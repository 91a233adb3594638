"""Helpers for site tests: copy handbooks, run commands in them, compare golden files, read
built HTML, find loads from other hosts."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"

FORBIDDEN_HOSTS = (
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "googletagmanager.com",
    "google-analytics.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "use.fontawesome.com",
    "unpkg.com",
)
"""Hosts of web fonts, CDNs and analytics: no built file may even mention them (see below)."""

MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?")
"""Material's bundle names unpkg.com in two lazy loaders: mermaid (only on a page with a
``class="mermaid"`` element, which the tests rule out) and a ResizeObserver polyfill (only in
browsers that predate it). Those two strings are the only mention tolerated."""

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".map", ".txt", ".webmanifest"}


def copy_project(src: Path, dest: Path) -> Path:
    """Copy a handbook project (mkdocs.yml, content/, docs/, themes/) to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("content", "docs", "themes"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name)
    return dest


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
"""The environment for commands the tests run (MkDocs' notice about version 2 silenced)."""


@contextlib.contextmanager
def inside(folder: Path):
    """Run the body with `folder` as the working directory, as a user in that folder would."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(cwd)


def run_mkdocs(
    *args: str, cwd: Path, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run plain ``mkdocs`` in a subprocess (the command users type), capturing its output.

    `env` adds to (or overrides) the tests' environment.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=check,
    )


REGEN_GOLDEN = os.environ.get("PB_REGEN_GOLDEN", "") not in ("", "0")


def golden(expected_file: Path, got: str) -> str:
    """Return a golden file's text to compare `got` with; PB_REGEN_GOLDEN=1 (or a missing file)
    writes `got` into it first."""
    import pytest

    if REGEN_GOLDEN or not expected_file.exists():
        expected_file.write_text(got, encoding="utf-8")
        if not REGEN_GOLDEN:
            pytest.fail(f"{expected_file} was missing and has been written; review it")
    return expected_file.read_text(encoding="utf-8")


def tree_hashes(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under `folder` (empty dirs as 'dir')."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


def leftovers(parent: Path) -> list[str]:
    """Return the names of staging folders (``.<name>-new-...``/``-old-...``) in `parent`."""
    return sorted(p.name for p in parent.iterdir() if re.match(r"\..+-(new|old)-\d+-", p.name))


def page_file(site: Path, url: str) -> Path:
    """Return the HTML file that serves a site-relative URL like ``principles/x/``."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


class _Collect(HTMLParser):
    """Collect tags with attributes, noting whether each is inside <article> or the primary nav."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], frozenset[str]]] = []
        self.styles: list[str] = []
        self._stack: list[tuple[str, str | None]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        region = None
        classes = attributes.get("class", "").split()
        if tag == "article":
            region = "article"
        elif tag == "nav" and "md-nav--primary" in classes:
            region = "nav"
        regions = frozenset(r for _, r in self._stack if r) | ({region} if region else set())
        self.tags.append((tag, attributes, frozenset(regions)))
        if tag == "style":
            self._in_style = True
        if tag not in VOID:
            self._stack.append((tag, region))

    def handle_startendtag(self, tag, attrs):
        regions = frozenset(r for _, r in self._stack if r)
        self.tags.append((tag, {k: v or "" for k, v in attrs}, regions))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
}  # fmt: skip


def parse(html: str) -> _Collect:
    """Parse HTML into tags (name, attributes, regions) and <style> texts."""
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


def links(html: str, page_url: str, *, region: str | None = None) -> set[str]:
    """Return the site-relative targets (``path#anchor``) of <a href> links on a page.

    Args:
        html: the page.
        page_url: the page's site-relative URL, e.g. ``principles/x/``.
        region: only links inside ``"article"`` (the page body) or ``"nav"`` (primary nav).
    """
    base = "http://site.invalid/" + page_url
    out = set()
    for tag, attrs, regions in parse(html).tags:
        if tag != "a" or "href" not in attrs or (region and region not in regions):
            continue
        parts = urlsplit(urljoin(base, attrs["href"]))
        if parts.netloc != "site.invalid":
            continue
        target = parts.path.lstrip("/")
        out.add(target + (f"#{parts.fragment}" if parts.fragment else ""))
    return out


def ids(html: str) -> set[str]:
    """Return every id attribute on a page."""
    return {attrs["id"] for _, attrs, _ in parse(html).tags if "id" in attrs}


# -- loads from other hosts ------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.I | re.S)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'"\s);]+)""", re.I)
RESOURCE_ATTRS = {"src", "srcset", "poster", "data", "background", "formaction", "action"}
RESOURCE_HREF_TAGS = {"link", "base", "image", "use"}


def is_external(url: str) -> bool:
    """Whether a URL points at another host (absolute or scheme-relative; data: is local)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def css_loads(css: str) -> list[str]:
    """Return the URLs a stylesheet loads (url(...) and @import)."""
    return [m[2] for m in _CSS_URL.finditer(css)] + [m[1] for m in _CSS_IMPORT.finditer(css)]


def html_loads(html: str) -> list[str]:
    """Return the URLs an HTML page loads by itself (not the ones a reader may follow)."""
    doc = parse(html)
    urls = []
    for tag, attrs, _ in doc.tags:
        for name, value in attrs.items():
            if name in RESOURCE_ATTRS:
                if name == "srcset":
                    urls += [c.strip().split()[0] for c in value.split(",") if c.strip()]
                else:
                    urls.append(value)
            elif name in ("href", "xlink:href") and tag in RESOURCE_HREF_TAGS:
                urls.append(value)
            elif name == "style":
                urls += css_loads(value)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            _, _, target = attrs.get("content", "").partition("url=")
            urls.append(target)
    for css in doc.styles:
        urls += css_loads(css)
    return urls


def external_loads(site: Path) -> list[str]:
    """Return 'file: url' for every load from another host, or mention of a CDN/font/analytics."""
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = []
        if path.suffix == ".html":
            urls = html_loads(text)
            if re.search(r"""class=["'][^"']*\bmermaid\b""", text):
                found.append(f"{rel}: a mermaid diagram (Material loads mermaid from unpkg.com)")
        elif path.suffix == ".css":
            urls = css_loads(text)
        elif path.name == "sitemap.xml":
            urls = re.findall(r"<loc>(.*?)</loc>", text)
        found += [f"{rel}: {url}" for url in urls if is_external(url)]
        for host in FORBIDDEN_HOSTS:
            if host in text and not (host == "unpkg.com" and MATERIAL_BUNDLE.fullmatch(rel)):
                found.append(f"{rel}: mentions {host}")
    return found


# -- servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """Return (status, text) of a GET; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_for(check, what: str, timeout: float = 30) -> None:
    """Call `check` until it is true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@contextlib.contextmanager
def serving(project: Path, *command: str):
    """Run ``<command> serve`` (e.g. ``-m mkdocs``) in `project` on a free port.

    Yields (base URL, the lines the server has printed so far); stops the server afterwards.
    """
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, *command, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", output
        assert proc.poll() is None, "the server stopped"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the command line, in this process ------------------------------------------------------------


def run_cli(*args: str):
    """Run ``playbook-gen ARGS`` in this process (click's CliRunner) and return the result."""
    from click.testing import CliRunner

    from playbook_gen.cli import cli

    return CliRunner().invoke(cli, list(args), prog_name="playbook-gen")


def run_in(folder: Path, *args: str):
    """Run ``playbook-gen ARGS`` with `folder` as the working directory."""
    with inside(folder):
        return run_cli(*args)
