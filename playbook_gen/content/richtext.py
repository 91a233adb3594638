"""Content Markdown -> safe HTML.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, and ``attr_list``
lets text add ``onmouseover``. So content goes through our own Markdown instance: raw HTML is
turned off (it shows as text), no attribute extensions are loaded, and the result passes an
allowlist sanitizer (nh3) that keeps only harmless tags and http(s)/mailto/relative links.
``allow_html: true`` in playbook.yaml lets raw HTML through for handbooks whose every editor is
trusted.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

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
    import markdown  # only when a text needs it: most texts skip Markdown (below), validate all

    md = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},  # style= would be dropped
        output_format="html",
    )
    if not allow_html:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    # After inline patterns (20), which create the images, and before prettify (10).
    md.treeprocessors.register(_fit_into_page(md, keep_images=allow_html), "pb-fit", 15)
    return md


def _fit_into_page(md: markdown.Markdown, keep_images: bool):
    """Return a tree processor that fits content into a generated page: headings sit below the
    page's, images become text.

    The page has its own title and sections, so ``#`` in a field becomes ``<h3>``. Images are not
    allowed (a page must load nothing from elsewhere), so an image shows its description instead
    of vanishing.
    """
    from markdown.treeprocessors import Treeprocessor

    class FitIntoPage(Treeprocessor):
        def run(self, root):
            for parent in list(root.iter()):
                for child in list(parent):
                    if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                        child.tag = f"h{min(6, int(child.tag[1]) + 2)}"
                    elif child.tag == "img" and not keep_images:
                        _replace_with_text(parent, child, child.get("alt") or "")

    return FitIntoPage(md)


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
        import nh3  # with Markdown, in _markdown

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


# -- what makes Markdown slow, or deep -----------------------------------------------------------
# Python-Markdown recurses once per level of lists and quotes (about 250 levels stop it), reads
# to the end of the paragraph for each '[' that no ']' closes and for each link whose '(' no ')'
# closes, and reads the rest of a block again for each heading or rule line in it. The model
# limits these (model.NESTING_MAX, OPEN_MAX, LINES_MAX); `structure` measures them, in one pass
# over the lines that can nest and the brackets that can be open.


@dataclass(frozen=True)
class Structure:
    """What a text asks of Markdown: the deepest nesting and the brackets left open.

    Lines are 0-based lines of the text.
    """

    nesting: int = 0
    nesting_line: int = 0
    brackets: int = 0
    """The deepest pair of '[' and ']' inside other '['."""
    brackets_line: int = 0
    open: int = 0
    """'[' that no ']' closes, and links whose '(' no ')' closes, in their paragraph."""
    open_line: int = 0


_LIST_MARKER = re.compile(r"(?:[-*+]|\d+[.)])(?: {1,4}|$)")
_RULE_REST = re.compile(r"([-*_])(?: *\1){2,} *$")  # a rule line (- - -) opens no list
_BACKTICKS = re.compile(r"`+")
_ESCAPED = re.compile(r"\\[\\`\[\]()]")
_BRACKET = re.compile(r"[\[\]()]")
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?=\n)")
_NOT_LINE_BREAK = re.compile(r"[^\n]")


def structure(text: str, *, prefix: int | None = 0, brackets: bool = True) -> Structure:
    """Measure how deep `text` nests and how many brackets it leaves open.

    Args:
        text: Markdown.
        prefix: measure the nesting of only the lines that start with at least this many
            characters of indentation and marks (a level takes at least one): a quick way to
            skip the lines that can't be deeper than a limit. None: measure no line.
        brackets: measure the brackets (a text with fewer '[' than a limit can skip them).
    """
    nesting = nesting_line = 0
    if prefix is not None:
        first, later = _line_starts(prefix)
        starts = [0] if first.match(text) else []
        starts += [match.start() + 1 for match in later.finditer(text)]
        for at in starts:
            end = text.find("\n", at)
            depth = line_nesting(text[at : end if end != -1 else len(text)])
            if depth > nesting:
                nesting, nesting_line = depth, text.count("\n", 0, at)
    found = _brackets(text) if brackets else (0, 0, 0, 0)
    return Structure(nesting, nesting_line, *found)


@lru_cache(maxsize=8)
def _line_starts(prefix: int) -> tuple[re.Pattern, re.Pattern]:
    """Match a first line, and a newline before a line, that starts with `prefix` characters of
    indent and marks. (Not one pattern with '^' and re.M, which is tried at every character.)"""
    start = rf"[ \t>*+\-\d.)]{{{prefix}}}"
    return re.compile(start), re.compile(rf"\n(?={start})")


def mask_code(text: str) -> str:
    """Return `text` with each code span (`` `...` ``) written over with 'x' (line breaks kept).

    A span runs from a run of backticks to the next run of the same length in its paragraph, as
    in Markdown. (A regular expression with a back-reference finds them in time that grows with
    the cube of the length of a run of backticks: not one for a text of 10,000 characters.)
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in _PARAGRAPH_END.finditer(text)] + [len(text)]:
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
        by_length: dict[int, list[int]] = {}
        for index, (first, last) in enumerate(runs):
            by_length.setdefault(last - first, []).append(index)
        index = 0
        while index < len(runs):
            first, last = runs[index]
            same = by_length[last - first]
            later = bisect.bisect_right(same, index)
            if (first and text[first - 1] == "\\") or later == len(same):
                index += 1  # escaped, or never closed: the backticks are text
            else:
                spans.append((first, runs[same[later]][1]))
                index = same[later] + 1
        start = end
    if not spans:
        return text
    parts, last = [], 0
    for first, end in spans:
        parts += [text[last:first], _NOT_LINE_BREAK.sub("x", text[first:end])]
        last = end
    return "".join(parts) + text[last:]


def line_nesting(line: str) -> int:
    """Return how many levels of lists and quotes a line sits in (4 spaces of indent are one)."""
    if not line or line[0] not in " \t>-*+0123456789":
        return 0
    line = line.expandtabs(4)
    depth = pos = 0
    end = len(line)
    while True:
        start = pos
        while pos < end and line[pos] == " ":
            pos += 1
        depth += (pos - start) // 4
        if line.startswith(">", pos):
            pos += 2 if line.startswith("> ", pos) else 1
        else:
            marker = _LIST_MARKER.match(line, pos)
            if marker is None or _RULE_REST.match(line, pos):
                return depth
            pos = marker.end()
        depth += 1


def _brackets(text: str) -> tuple[int, int, int, int]:
    """Return (deepest '[', its line, brackets left open, the first one's line)."""
    if "`" in text:  # brackets in code are text
        text = mask_code(text)
    if "\\" in text:
        text = _ESCAPED.sub("  ", text)
    deepest = deepest_at = left_open = first_open = 0
    start = 0
    # Markdown reads inline text a paragraph at a time: what is open ends with it.
    for end in [m.start() for m in _PARAGRAPH_END.finditer(text)] + [len(text)]:
        if text.find("[", start, end) == -1:
            start = end
            continue
        squares: list[int] = []  # where each open '[' is
        parens: list[int] = []  # where each open '(' of a link is, or -1 for a '(' inside it
        link_paren = -1  # where the '(' right after a link's ']' is
        for match in _BRACKET.finditer(text, start, end):
            char, at = match.group(), match.start()
            if char == "[":
                squares.append(at)
            elif char == "]":
                if squares:
                    # Nesting that costs: each '[' of a closed pair reads up to its ']'. (Those
                    # never closed are counted as open.)
                    if len(squares) > deepest:
                        deepest, deepest_at = len(squares), squares[-1]
                    squares.pop()
                    if text.startswith("(", at + 1):
                        link_paren = at + 1
            elif char == "(":
                if at == link_paren:
                    parens.append(at)
                elif parens:
                    parens.append(-1)
            elif parens:
                parens.pop()
        still = squares + [at for at in parens if at >= 0]
        if still:
            if not left_open:
                first_open = min(still)
            left_open += len(still)
        start = end
    return (
        deepest,
        text.count("\n", 0, deepest_at),
        left_open,
        text.count("\n", 0, first_open),
    )


def to_theme_text(text: str | None) -> str:
    """Return plain text escaped for the places the theme prints without escaping.

    MkDocs themes print page titles and navigation entries as HTML (Material's nav, header and
    footer; its ``<title>`` where a page sets ``title:``), so those get escaped text, never
    markup.
    """
    return html.escape(to_plain(text), quote=False)
