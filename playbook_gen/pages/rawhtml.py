"""Two MkDocs hooks for the raw HTML in our pages, written with the standard library only.

The playbook plugin calls them, and ``playbook-gen export`` copies this file into the exported
project (as ``playbook_rawhtml.py`` under ``hooks:``), so plain MkDocs does the same without the
plugin. Zensical runs no hooks and needs neither: it does both by itself.

- ``on_page_content``: links in our raw HTML (``<a href>``, ``<script src>``) are written as
  Markdown links are, relative to the page's Markdown file, a page by its ``.md`` path
  (``../principles/x.md#why``). Zensical resolves those in raw HTML as in Markdown; MkDocs
  leaves raw HTML alone, so this resolves them as MkDocs resolves a Markdown link. Only
  targets that are pages (``.md``) or our assets (``assets/playbook/``) are touched.
- ``on_post_page`` / ``on_post_template``: Material's search dialog gets an accessible name,
  as Zensical's has (axe: aria-dialog-name), without overriding Material's search partial.
"""

import html
import posixpath
import re
from urllib.parse import urlsplit

OUR_ASSETS = "assets/playbook/"
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_LINK = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def on_page_content(html_text, page, config, files):
    """Resolve the page and asset links in a page's raw HTML for MkDocs (see above)."""
    folder = posixpath.dirname(page.file.src_uri)

    def resolve(match):
        parts = urlsplit(html.unescape(match[3]))
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match[0]
        path = posixpath.normpath(posixpath.join(folder, parts.path))
        if not (path.endswith(".md") or path.startswith(OUR_ASSETS)):
            return match[0]
        target = files.get_file_from_path(path)
        if target is None:
            return match[0]
        url = target.url_relative_to(page.file)
        url += (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else ""
        )
        return f"{match[1]}{match[2]}{html.escape(url)}{match[2]}"

    return _TAG.sub(lambda tag: _LINK.sub(resolve, tag[0]), html_text)


_SEARCH_DIALOG = re.compile(r"<div\s[^<>]*\bdata-md-component=\"search\"[^<>]*>")
_SEARCH_LABEL = re.compile(r"<nav\s[^<>]*\bclass=\"md-search__options\"[^<>]*>")
_ARIA_LABEL = re.compile(r"\saria-label=\"([^\"]*)\"")


def name_search_dialog(page_html):
    """Give Material's search dialog the accessible name its own options bar has ("Search",
    in the site's language); a dialog that has a name already is left as it is."""
    dialog = _SEARCH_DIALOG.search(page_html)
    if dialog is None or 'role="dialog"' not in dialog[0] or _ARIA_LABEL.search(dialog[0]):
        return page_html
    options = _SEARCH_LABEL.search(page_html, dialog.end())
    label = _ARIA_LABEL.search(options[0]) if options else None
    name = label[1] if label else "Search"
    tag = dialog[0][:-1] + f' aria-label="{name}">'
    return page_html[: dialog.start()] + tag + page_html[dialog.end() :]


def on_post_page(output, page, config):
    return name_search_dialog(output)


def on_post_template(output_content, template_name, config):
    return name_search_dialog(output_content)
