"""Page speed: what our scripts and styles cost a reader, measured in Chromium.

Builds the default handbook into a temporary folder, serves it on 127.0.0.1 and prints:

1. the heaviest page of the handbook, by the JS and CSS of ours it loads (our files under
   ``assets/playbook/``, and a page's own styles written into it, ``<style data-pb-style>``,
   found in every built page), with those bytes gzip-compressed and
   uncompressed (target: ours <= 12 KB gzip on the heaviest page), what a principle page
   loads of ours, and what each file a page loads only when the reader asks for it weighs
   (the assessment's action plan, the onboarding plan's calendar);
2. the gzip-compressed bytes of JS and CSS each measured page adds, as loaded in Chromium,
   against the theme's own JS and CSS on the same pages, compressed the same way (target: ours
   <= 0.25 of the theme's), and the uncompressed sizes for comparison;
3. for each interactive page and the home page (cards, no script), the time until it is ready
   (its script has run) divided by the time until a plain handbook page is ready, both loaded
   N times in one browser run, in turns (target <= 1.1). The plain page loads no script of
   ours but the review notice's few lines (``pb-review.js``, which every page with a review
   date has: the assessment's and checklist's scripts carry them), so the ratio holds the whole
   cost of a page's script (or of the home page's cards);
   until each page loaded only its own, the plain page paid for all of them too, which made
   the ratio smaller and every page slower.

"Ready" is when the page can be used: the end of DOMContentLoaded (Material's start-up has run)
and, on a page with a script of ours, its marker (e.g. ``form[data-pb-ready]``), whichever comes
last. The site is served as one published a month ago (``_Published``), and each page is
loaded once to warm the cache first: loads measure a reader's visit to a deployed handbook,
its scripts and styles in the browser's cache. Then each round loads every page once,
in a shuffled order, and a page's ratio is the median of its per-round ratios to the plain page
of the same round: a machine that slows down for a while slows both sides of a ratio alike. The
spread printed with each ratio is the middle half of the per-round ratios.

To add a page, append to PAGES: a name, a path and the marker selector (None for the baseline).

``--before SITE`` also measures a site built from an earlier version (for instance with
``git worktree add /tmp/old <commit>`` and ``playbook-gen build --site-dir /tmp/old-site`` there),
in the same browser run, in turns with this one: its ratios are printed beside today's, so a
change is judged against figures taken under the same conditions. The spread printed with each
median is the middle half of the loads (first to third quartile).

Each measured load opens in a new tab, as a reader does who follows a link from an email or a
chat: a new renderer, which has not yet loaded, for instance, the browser's locale data (a page
that formats a date or number in the reader's language pays for it). Loads in new tabs also
agree with each other: on the project's 2-core VM the middle half of the per-round ratios spans
about 0.2 against 0.5 when one tab goes from page to page, which ``--same-tab`` measures (a
reader browsing the handbook), and which carries each page's clean-up into the next load.

Usage: python bench/bench_pages.py [--repeat N] [--chromium PATH] [--before SITE] [--same-tab]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import posixpath
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PAGES: list[dict] = [
    {"name": "plain", "path": "principles/serve-inside-out/", "ready": None},
    {
        "name": "assessment",
        "path": "assessments/internal-service/",
        "ready": "form[data-pb-assessment][data-pb-ready]",
    },
    {
        "name": "checklist",
        "path": "checklists/internal-service/",
        "ready": "[data-pb-checklist][data-pb-ready]",
    },
    {"name": "home (cards)", "path": "", "ready": None},
    {
        "name": "plan",
        "path": "onboarding/manager/?for=Alex%20Kim&start=2027-01-04",
        "ready": "[data-pb-onboarding][data-pb-ready]",
    },
]
"""The baseline first; every other page is compared with it. A page without a script of ours
(None) is ready, like the baseline, at the end of DOMContentLoaded: what it costs more is its
markup and CSS (the home page's cards)."""

OURS = "/assets/playbook/"
HEAVIEST_TARGET = 12 * 1024
"""Our JS + CSS on the heaviest page, gzip-compressed: at most 12 KB."""
PRINCIPLE_PAGE = "principles/serve-inside-out/index.html"

_OUR_REFERENCE = re.compile(
    r'<(?:script|link)\b[^>]*?\b(?:src|href)="(?P<url>[^"]*assets/playbook/[^"]+\.(?:js|css))"',
    re.I,
)
"""A <script src> or <link href> of one of our files, as a built page writes it."""
_PAGE_STYLE = re.compile(r'<style data-pb-style="(?P<name>[^"]+)">(?P<css>.*?)</style>', re.S)
"""A page's own styles, written into the page (``render.page_style``)."""
IN_PAGE = "in the page: "
"""How the bench names a page's own styles beside our files' paths."""

# Runs before any page script: records when the page's marker appears (ms since navigation).
WATCH_READY = """
(() => {
  const markers = %s;
  const bases = %s;
  const base = bases.find((each) => location.pathname.startsWith(each));
  const selector = base === undefined ? null : markers[location.pathname.slice(base.length)];
  window.__pbReadyAt = null;
  if (!selector) return;
  new MutationObserver((changes, observer) => {
    if (document.querySelector(selector)) {
      window.__pbReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def build(site_dir: Path) -> None:
    from playbook_gen.build import build_site

    build_site(ROOT / "mkdocs.yml", site_dir)


PUBLISHED_AGO = 30 * 24 * 3600
"""How long ago the measured sites say they were published, in seconds (see _Published)."""


class _Published(http.server.SimpleHTTPRequestHandler):
    """Serves a site as a web server serves one published a month ago.

    A static web server (nginx, Apache, IIS, a file share's) sends each file's Last-Modified
    date and no Cache-Control; a browser then keeps the file for a tenth of its age without
    asking again. A site built seconds ago made every load ask this server again for each
    script and style (an answer "304 Not Modified" each): that measured this Python server's
    round trips per file, on the parser's path at every script in a page, not the page. Dated a
    month back, files stay fresh in the cache for days, as on an intranet site.
    """

    def date_time_string(self, timestamp=None):
        if timestamp is not None:  # Last-Modified (the Date header passes no timestamp)
            timestamp = min(timestamp, time.time() - PUBLISHED_AGO)
        return super().date_time_string(timestamp)

    def log_message(self, *args):
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Published, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_files(page, site: Path, base: str) -> dict[str, bytes]:
    """Return {site path: bytes} of every JS and CSS file of this site the loaded page uses,
    and {IN_PAGE + name: bytes} of our styles written into it."""
    urls = page.eval_on_selector_all(
        "script[src], link[rel=stylesheet]", "els => els.map(e => e.src || e.href)"
    )
    out = {}
    for url in urls:
        path = urlsplit(url).path
        if path.startswith(urlsplit(base).path):
            out[path] = (site / path[len(urlsplit(base).path) :]).read_bytes()
    styles = page.eval_on_selector_all(
        "style[data-pb-style]", "els => els.map(e => [e.dataset.pbStyle, e.textContent])"
    )
    for name, css in styles:
        out[IN_PAGE + name] = css.encode("utf-8")
    return out


def is_ours(key: str) -> bool:
    """Whether a key of ``page_files`` is ours (not the theme's)."""
    return OURS in key or key.startswith(IN_PAGE)


def gzip_bytes(data: bytes) -> int:
    """Return the size of `data` compressed as a web server would send it (gzip, level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def ours_by_page(site: Path) -> dict[str, dict[str, bytes]]:
    """Return {page: {name: bytes} of our JS and CSS it loads} for every built page, read from
    its HTML: the files it links, by name, and the styles written into it (``IN_PAGE``)."""
    out = {}
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page
        page = file.relative_to(site).as_posix()
        urls = dict.fromkeys(m["url"] for m in _OUR_REFERENCE.finditer(html))
        here = posixpath.dirname(page)
        files = [site / posixpath.normpath(posixpath.join(here, url)) for url in urls]
        out[page] = {file.name: file.read_bytes() for file in files}
        for style in _PAGE_STYLE.finditer(html):
            out[page][IN_PAGE + style["name"]] = style["css"].encode("utf-8")
    return out


def weight(parts: dict[str, bytes]) -> tuple[int, int]:
    """Return (gzip bytes, uncompressed bytes) of parts each compressed on its own (a style
    written into a page counts as if it were a file of its own)."""
    return sum(gzip_bytes(b) for b in parts.values()), sum(len(b) for b in parts.values())


def report_heaviest(site: Path) -> bool:
    """Print the page that loads most of our JS + CSS, and a principle page; True if on target."""
    pages = ours_by_page(site)
    heaviest = max(pages, key=lambda page: weight(pages[page]))
    gz, raw = weight(pages[heaviest])
    ok = gz <= HEAVIEST_TARGET
    names = ", ".join(pages[heaviest])
    print(f"Heaviest page by our JS + CSS: {heaviest} ({names})")
    print(
        f"  ours: {gz} bytes gzip, {raw} bytes uncompressed; target <= {HEAVIEST_TARGET} "
        f"bytes (12 KB) gzip: {'pass' if ok else 'FAIL'}"
    )
    principle = pages.get(PRINCIPLE_PAGE, {})
    gz, raw = weight(principle)
    names = ", ".join(principle) or "nothing"
    print(f"A principle page ({PRINCIPLE_PAGE}) loads of ours: {names} ({gz} gzip, {raw} raw)")
    report_on_demand(site)
    return ok


def report_on_demand(site: Path) -> None:
    """Print the scripts and styles pages load only when the reader first needs them
    (``render.ON_DEMAND``, loaded by ``PB.need``), each gzip compressed on its own: not part of
    any page's first load, but what the first use of their feature costs."""
    from playbook_gen.pages.render import ASSET_DIR, ON_DEMAND

    print("Loaded on demand (not in any first load):")
    for name in ON_DEMAND:
        file = site / ASSET_DIR / name
        data = file.read_bytes()
        print(f"  {name}: {gzip_bytes(data)} bytes gzip, {len(data)} uncompressed")
    print()


def quartiles(values: list[float], digits: int = 0) -> str:
    """Return the middle half of `values`: "first-third" quartile."""
    if len(values) < 4:
        return "-"
    first, _, third = statistics.quantiles(values, n=4)
    return f"{first:.{digits}f}-{third:.{digits}f}"


def load(page, url: str, ready: str | None) -> float:
    """Load a page and return milliseconds from navigation start until it is ready."""
    page.goto(url, wait_until="load")
    if ready is not None:
        page.wait_for_function("window.__pbReadyAt !== null")
    return page.evaluate(
        "Math.max(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
        " window.__pbReadyAt || 0)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="loads per page (default 15)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="browser executable")
    parser.add_argument(
        "--before", type=Path, help="a site built from an earlier version, measured in turns"
    )
    parser.add_argument(
        "--same-tab", action="store_true", help="every load in one tab (default: a new tab each)"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        on_target = report_heaviest(site)
        # One server for both builds: /now/ and /before/ (links to the two site folders).
        root = Path(tmp) / "root"
        root.mkdir()
        (root / "now").symlink_to(site)
        builds = ["now"]
        if args.before:
            (root / "before").symlink_to(args.before.resolve())
            builds.append("before")
        server, base = serve(root)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=args.chromium, headless=True, args=["--no-sandbox"]
                )
                context = browser.new_context()
                page = context.new_page()
                markers = {  # by address without its query: the watcher sees the pathname
                    spec["path"].partition("?")[0]: spec["ready"] for spec in PAGES if spec["ready"]
                }
                bases = [f"{urlsplit(base).path}{name}/" for name in builds]
                context.add_init_script(WATCH_READY % (json.dumps(markers), json.dumps(bases)))
                times: dict[tuple[str, str], list[float]] = {
                    (name, spec["name"]): [] for name in builds for spec in PAGES
                }
                sizes = {}
                for name in builds:  # warm the cache; note what each page of today's adds
                    for spec in PAGES:
                        load(page, f"{base}{name}/{spec['path']}", spec["ready"])
                        if name == "now":
                            sizes[spec["name"]] = {
                                path: (gzip_bytes(data), len(data))
                                for path, data in page_files(page, site, f"{base}now/").items()
                            }
                shuffled = random.Random(14)  # the same order on every run of the bench
                for _ in range(args.repeat):
                    turns = [(name, spec) for name in builds for spec in PAGES]
                    shuffled.shuffle(turns)
                    for name, spec in turns:
                        url = f"{base}{name}/{spec['path']}"
                        tab = page if args.same_tab else context.new_page()
                        times[name, spec["name"]].append(load(tab, url, spec["ready"]))
                        if tab is not page:
                            tab.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()

    print("JS + CSS (bytes, gzip): ours, the theme's, and ours as a share of the theme's")
    for name, files in sizes.items():
        ours = {p: f for p, f in files.items() if is_ours(p)}
        theirs = {p: f for p, f in files.items() if not is_ours(p)}
        ours_gz = sum(gz for gz, _ in ours.values())
        theirs_gz = sum(gz for gz, _ in theirs.values())
        print(
            f"  {name:<13} {ours_gz:>7} {theirs_gz:>7}  ratio {ours_gz / theirs_gz:.2f} "
            "(target <= 0.25)"
        )
    every = {p: f for files in sizes.values() for p, f in files.items() if is_ours(p)}
    listing = ", ".join(f"{p.rsplit('/', 1)[-1]} {gz}/{raw}" for p, (gz, raw) in every.items())
    print(f"  ours, each file as gzip/uncompressed: {listing}")
    tabs = "all loads in one tab" if args.same_tab else "each load in a new tab"
    print(
        f"\nTime until ready, {tabs}, median of {args.repeat} loads (ms) [middle half], and the "
        "median of the per-round ratios to the plain page of the same build [middle half]:"
    )
    for name in builds:
        if len(builds) > 1:
            print(f"  {'this version' if name == 'now' else 'before (' + str(args.before) + ')'}:")
        baseline = times[name, PAGES[0]["name"]]
        for spec in PAGES:
            values = times[name, spec["name"]]
            ratio = ""
            if spec is not PAGES[0]:
                paired = [a / b for a, b in zip(values, baseline, strict=True)]
                ratio = (
                    f"  ratio {statistics.median(paired):.2f} [{quartiles(paired, 2)}]"
                    " (target <= 1.1)"
                )
            median = statistics.median(values)
            print(f"  {spec['name']:<12} {median:7.1f} [{quartiles(values):>9}]{ratio}")
    return 0 if on_target else 1


if __name__ == "__main__":
    sys.exit(main())
