"""Incremental preview: while serving, rebuild only the pages a content change touched.

HR's loop is edit, save, look. On every save the plugin loads the content and renders every
page's Markdown again (cheap: a few per cent of a build); MkDocs' share, turning Markdown into
HTML inside the theme, is what takes the time. So MkDocs is asked to rebuild only the pages
whose Markdown differs from the last build, in its dirty mode (``playbook-gen serve`` and
``mkdocs serve --dirty``). The dependency between pages is found by comparing what was
rendered, not by tracing it through the model: an example's title that shows on its
principles' pages changes their Markdown too, so they are rebuilt; nothing is missed because a
rule forgot a dependency.

Whatever every page shows (the navigation, the site's name, logo, stylesheets and scripts,
mkdocs.yml, playbook.yaml, the theme's files) is summed up in one fingerprint; when it changes,
every page is rebuilt. Hand-written pages are always rebuilt (there are few, and their titles
feed the navigation). When in doubt, everything is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .pages.render import Site, nav_pages


def fingerprint(parts: Iterable[object], files: Iterable[Path] = ()) -> str:
    """Return a digest of values (as JSON) and of files' names, sizes and modification times."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=repr).encode())
    for path in sorted(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def files_under(folder: Path | None) -> list[Path]:
    """Return every file under a folder (none when it is missing)."""
    if folder is None or not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file()]


@dataclass
class Preview:
    """What the last build of a preview was made of."""

    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> the Markdown built last time."""
    files: set[str] = field(default_factory=set)
    """Docs-relative paths of the static files written last time."""
    titles: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> the page's title, as MkDocs found it when it last built the page."""
    menus: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> the digest of the navigation the page showed (``nav_menus``)."""
    shared: str | None = None
    """The fingerprint of what every page shows (``fingerprint``), None before a first build."""

    def changed(self, site: Site, shared: str, menus: dict[str, str]) -> set[str] | None:
        """Return the generated pages to rebuild, or None for every page.

        A page is rebuilt when its Markdown or the part of the navigation it shows (``menus``,
        see ``nav_menus``) differs from the last build's, or it is new; every page is, on the
        first build and whenever the shared fingerprint changes.
        """
        if self.shared != shared:
            return None
        return {
            path
            for path, text in site.pages.items()
            if self.pages.get(path) != text or self.menus.get(path) != menus.get(path)
        }

    def gone(self, site: Site) -> list[str]:
        """Return the pages and files written last time that this build no longer has."""
        return sorted((set(self.pages) - set(site.pages)) | (self.files - set(site.files)))

    def remember(self, site: Site, shared: str, menus: dict[str, str]) -> None:
        """Keep what this build was made of, for the next one."""
        self.pages = dict(site.pages)
        self.menus = menus
        self.files = set(site.files)
        self.shared = shared


def nav_menus(nav: list, pages: Iterable[str], *, pruned: bool) -> dict[str, str]:
    """Return page path -> a digest of the part of the navigation that page shows.

    Every page shows the titles and links of the pages before and after it. Without pruning it
    shows the whole navigation. With Material's ``navigation.prune`` (the default handbook's
    setting) it shows the top-level entries, the entries of top-level sections, and the
    contents of the sections it is in; any other section shows as its title and a link to its
    first page. So renaming a principle rebuilds the pages of its navigation group, not all.
    """
    order = nav_pages(nav)
    place = {path: i for i, path in enumerate(order)}
    whole = fingerprint([nav])
    menus = {}
    for path in pages:  # pages left out of the navigation show it too
        i = place.get(path)
        neighbours = [] if i is None else [_entry_of(nav, p) for p in order[max(i - 1, 0) : i + 2]]
        shown = _shown(nav, path, depth=0) if pruned else whole
        menus[path] = fingerprint([shown, neighbours])
    return menus


def _shown(entries: list, page: str, depth: int) -> list:
    """Return the navigation entries a page shows under pruning (see ``nav_menus``)."""
    out: list = []
    for entry in entries:
        if not isinstance(entry, dict):
            out.append(entry)
            continue
        for title, value in entry.items():
            if not isinstance(value, list):
                out.append([title, value])
            elif depth == 0 or page in nav_pages(value):
                out.append([title, _shown(value, page, depth + 1)])
            else:
                out.append([title, nav_pages(value)[:1]])
    return out


def _entry_of(nav: list, page: str) -> list:
    """Return the title and path the navigation gives a page."""
    for entry in nav:
        if entry == page:
            return [None, page]
        if isinstance(entry, dict):
            for title, value in entry.items():
                if value == page:
                    return [title, page]
                if isinstance(value, list) and page in nav_pages(value):
                    return _entry_of(value, page)
    return [None, page]
