"""Incremental preview: while serving, rebuild only the pages a content change touched.

HR's loop is edit, save, look. On every save the plugin loads the content again (files that
did not change are not read again, ``LoadCache``) and renders the Markdown of the pages that
show what changed (the others come from ``RenderCache``: a page shows its entity and the
entities it lists, ``PlannedPage.shows``). MkDocs' share, turning Markdown into HTML inside the
theme, is what takes the time. So MkDocs is asked to rebuild only the pages whose Markdown
differs from the last build, in its dirty mode (``playbook-gen serve`` and ``mkdocs serve
--dirty``): an example's title that shows on its principles' pages changes their Markdown too,
so they are rebuilt.

Whatever every page shows (the navigation, the site's name, logo, stylesheets and scripts,
mkdocs.yml, playbook.yaml, the theme's files) is summed up in one fingerprint; when it changes,
every page is rebuilt (hand-written pages are in it: their titles feed the navigation). A
hand-written page is otherwise rebuilt when what it shows of the navigation changed, when pages
came or went, or when it may take in other files (a snippet, a plugin we do not know). A page
whose Markdown did not change but whose navigation did is built in the theme again without
converting its Markdown again (the plugin's ``_PageHTML``). When in doubt, everything is
rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .pages.render import Site


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
    menus: dict[str, object] = field(default_factory=dict)
    """Docs-relative path -> what the page showed of the navigation (``nav_menus``)."""
    shared: str | None = None
    """The fingerprint of what every page shows (``fingerprint``), None before a first build."""

    def changed(self, site: Site, shared: str, menus: dict[str, object]) -> set[str] | None:
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

    def remember(self, site: Site, shared: str, menus: dict[str, object]) -> None:
        """Keep what this build was made of, for the next one."""
        self.pages = dict(site.pages)
        self.menus = menus
        self.files = set(site.files)
        self.shared = shared


def nav_menus(nav: list, pages: Iterable[str], *, pruned: bool) -> dict[str, object]:
    """Return page path -> what that page shows of the navigation (a digest and the titles and
    paths of its neighbours), to compare with another build's.

    Every page shows the titles and links of the pages before and after it. Without pruning it
    shows the whole navigation. With Material's ``navigation.prune`` (the default handbook's
    setting) it shows the top-level entries, the entries of top-level sections, and the
    contents of the sections it is in; any other section shows as its title and a link to its
    first page. So renaming a principle rebuilds the pages of its navigation group, not all.
    """
    entries: list[tuple[str | None, str, tuple[int, ...]]] = []
    _walk(nav, (), entries)
    place = {path: i for i, (_, path, _) in enumerate(entries)}
    views: dict[tuple[int, ...], str] = {}  # the pages of one section show the same
    menus: dict[str, object] = {}
    for path in pages:  # pages left out of the navigation show it too
        i = place.get(path)
        section = entries[i][2] if i is not None else ()
        if section not in views:
            views[section] = fingerprint([_shown(nav, section, ()) if pruned else nav])
        around = () if i is None else tuple(entry[:2] for entry in entries[max(i - 1, 0) : i + 2])
        menus[path] = (views[section], around)
    return menus


def _walk(nav: list, at: tuple[int, ...], out: list) -> None:
    """Collect (title, path, the section it is in) for every page, in navigation order.

    A section is named by its position: the indexes of the entries that lead to it.
    """
    for n, entry in enumerate(nav):
        if not isinstance(entry, dict):
            out.append((None, entry, at))
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                _walk(value, (*at, n), out)
            else:
                out.append((title, value, at))


def _shown(nav: list, section: tuple[int, ...], at: tuple[int, ...]) -> list:
    """Return what a page in `section` shows of `nav` under pruning (see ``nav_menus``)."""
    out: list = []
    for n, entry in enumerate(nav):
        if not isinstance(entry, dict):
            out.append(entry)
            continue
        for title, value in entry.items():
            here = (*at, n)
            if not isinstance(value, list):
                out.append([title, value])
            elif not at or section[: len(here)] == here:  # top level, or on the way to it
                out.append([title, _shown(value, section, here)])
            else:
                out.append([title, _first_page(value)])
    return out


def _first_page(nav: list) -> list[str]:
    """Return the first page path of a navigation section (as ``render.nav_pages(nav)[:1]``)."""
    for entry in nav:
        if isinstance(entry, str):
            return [entry]
        if isinstance(entry, dict):
            for value in entry.values():
                first = _first_page(value) if isinstance(value, list) else [value]
                if first:
                    return first
    return []
