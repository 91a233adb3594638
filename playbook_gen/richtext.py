"""Content Markdown -> safe HTML.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, and ``attr_list``
lets text add ``onmouseover``. So content goes through our own Markdown instance: raw HTML is
turned off (it shows as text), no attribute extensions are loaded, and the result passes an
allowlist sanitizer (nh3) that keeps only harmless tags and http(s)/mailto/relative links.
``allow_html: true`` in playbook.yaml lets raw HTML through for handbooks whose every editor is
trusted.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)
_TAG = re.compile(r"<[^>]+>")
# Markdown extensions (attr_list above all) in the *site's* Markdown could still read these.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


class _FitIntoPage(Treeprocessor):
    """Fit content into a generated page: headings sit below the page's, images become text.

    The page has its own title and sections, so ``#`` in a field becomes ``<h3>``. Images are
    not allowed (a page must load nothing from elsewhere), so an image shows its description
    instead of vanishing.
    """

    def __init__(self, md: markdown.Markdown, keep_images: bool):
        super().__init__(md)
        self.keep_images = keep_images

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    child.tag = f"h{min(6, int(child.tag[1]) + 2)}"
                elif child.tag == "img" and not self.keep_images:
                    _replace_with_text(parent, child, child.get("alt") or "")


def _replace_with_text(parent, child, text: str) -> None:
    text += child.tail or ""
    index = list(parent).index(child)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


@lru_cache(maxsize=2)
def _markdown(allow_html: bool) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},  # style= would be dropped
        output_format="html",
    )
    if not allow_html:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    # After inline patterns (20), which create the images, and before prettify (10).
    md.treeprocessors.register(_FitIntoPage(md, keep_images=allow_html), "pb-fit", 15)
    return md


# Most content is paragraphs of words, punctuation, *emphasis* and **strong** text, which
# Markdown would only wrap in <p>, <em> and <strong>. Rendering a handbook meets many such texts,
# so they skip Markdown (tested to give exactly what Markdown and the sanitizer give:
# tests/test_richtext.py). This and the caches below keep the plugin's share of a build small
# (see bench/bench_build.py).
_WORD = r"[^\W_]|[,.;:'\"?()/%&$!\u2018\u2019\u201c\u201d\u2026\u2013\u2014-]"
_PLAIN_LINE = re.compile(
    # Not a list item or numbered item; no leading space (code), no trailing one (a line break).
    rf"(?!\d+\.|-|\* )(?:{_WORD}|\*)(?:{_WORD}| |\*)*(?<! )"
)
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
# Emphasis around strong text is left to Markdown: its releases nest `*a**b**c*` differently.
# (`<` is never in a plain line, so a '<' here is the start of a <strong> made just before.)
_EMPHASIS = re.compile(r"\*([^*<\s](?:[^*<]*[^*<\s])?)\*")
_ENTITY = re.compile(r"&#?\w+;")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _plain_html(text: str) -> str | None:
    """Return the HTML of paragraphs of words, *emphasis* and **strong**, else None."""
    if "&" in text and _ENTITY.search(text):
        return None  # Markdown keeps '&amp;' or '&#123;' as written: leave those to it
    if "***" in text:
        return None  # strong and emphasis at once: Markdown has rules of its own for that
    paragraphs = []
    for paragraph in _PARAGRAPH_BREAK.split(text.strip("\n")):
        if not all(_PLAIN_LINE.fullmatch(line) for line in paragraph.split("\n")):
            return None
        body = _STRONG.sub(r"<strong>\1</strong>", paragraph.replace("&", "&amp;"))
        if "**" in body:
            return None  # '**' that is not strong, or emphasis touching emphasis
        body = _EMPHASIS.sub(r"<em>\1</em>", body)
        if "*" in body:
            return None  # an asterisk that is not emphasis, or emphasis around strong text
        paragraphs.append(f"<p>{body}</p>")
    return "\n".join(paragraphs)


def to_html(text: str | None, *, allow_html: bool = False) -> str:
    """Render content Markdown to HTML that runs nothing.

    Args:
        text: Markdown written by an editor (``None`` gives an empty string).
        allow_html: keep the editor's raw HTML (only for trusted editors).
    """
    return _to_html(text, allow_html) if text else ""


@lru_cache(maxsize=16384)
def _to_html(text: str, allow_html: bool) -> str:
    return _plain_html(text) or _markdown_html(text, allow_html)


def _markdown_html(text: str, allow_html: bool) -> str:
    md = _markdown(allow_html)
    md.reset()
    out = md.convert(text)
    if not allow_html:
        out = nh3.clean(
            out,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
    return out.translate(_BRACES)


def to_inline_html(text: str | None, *, allow_html: bool = False) -> str:
    """Render one line of Markdown without the surrounding paragraph."""
    return _to_inline_html(text, allow_html) if text else ""


@lru_cache(maxsize=16384)
def _to_inline_html(text: str, allow_html: bool) -> str:
    out = to_html(text, allow_html=allow_html).strip()
    match = _PARAGRAPH.match(out)
    return match.group(1) if match and "<p>" not in match.group(1) else out


def to_plain(text: str | None) -> str:
    """Return the text a reader sees, without markup (for titles, exports and attributes)."""
    return _to_plain(text) if text else ""


@lru_cache(maxsize=16384)
def _to_plain(text: str) -> str:
    rendered = _plain_html(text)
    if rendered is None:
        md = _markdown(False)
        md.reset()
        rendered = md.convert(text)
    return html.unescape(_TAG.sub("", rendered)).strip()


def to_theme_text(text: str | None) -> str:
    """Return plain text escaped for the places the theme prints without escaping.

    MkDocs themes print page titles and navigation entries as HTML (Material's nav, header and
    footer; its ``<title>`` where a page sets ``title:``), so those get escaped text, never
    markup.
    """
    return html.escape(to_plain(text), quote=False)
