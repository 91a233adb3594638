"""A Content-Security-Policy in every built page: only the page's own scripts may run.

The policy goes in a ``<meta http-equiv>`` at the top of ``<head>``, so it travels with the site
to any web server or file share. Scripts may come from the site itself (``'self'``) or be one of
the inline scripts the page was built with, named by their SHA-256 hashes (the theme's few small
ones, our 404 and redirect scripts). A script added to a page afterwards, for instance through a
hole in some script's handling of text, does not run. Data blocks (``<script
type="application/json">``) are not scripts and need no hash.

The rest of the policy repeats SPEC's promise that a page loads nothing from another host.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(["']?)(?P<type>[^"'\s>]*)\1""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)
"""Styles may be inline (the theme sets a few); images may be ``data:`` (the theme's icons)."""


def inline_script_hashes(page_html: str) -> list[str]:
    """Return the CSP source (``'sha256-...'``) of every inline script that runs, in order."""
    hashes = []
    for match in _SCRIPT.finditer(page_html):
        attrs = match["attrs"]
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind["type"].lower() not in _RUNNABLE_TYPES:
            continue  # a data block
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(page_html: str) -> str:
    """Return the policy for one page: its own inline scripts, and nothing from elsewhere."""
    hashes = "".join(f" {h}" for h in inline_script_hashes(page_html))
    return POLICY.format(hashes=hashes)


def with_policy(page_html: str) -> str:
    """Return the page with its policy as the first thing in ``<head>`` after ``<meta charset>``.

    A page without ``<head>`` (not an HTML page) is returned as it is.
    """
    head = re.search(r"<meta charset=[^>]*>", page_html, re.I) or re.search(
        r"<head(?:\s[^>]*)?>", page_html, re.I
    )
    if head is None:
        return page_html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(page_html)}">'
    return page_html[: head.end()] + meta + page_html[head.end() :]
