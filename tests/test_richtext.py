"""Content Markdown becomes HTML that shows what was written and runs nothing."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from playbook_gen.content.richtext import (
    ATTRIBUTES,
    TAGS,
    URL_SCHEMES,
    to_html,
    to_inline_html,
    to_plain,
)


class _Collect(HTMLParser):
    """Collect every start tag with its attributes, and any comment or declaration."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(decl)

    def handle_pi(self, data):
        self.other.append(data)

    def unknown_decl(self, data):
        self.other.append(data)


def _is_safe_url(url: str) -> bool:
    # Browsers ignore whitespace and control characters inside a scheme; so must we.
    squashed = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squashed)
    return scheme is None or scheme.group(1) in URL_SCHEMES


def assert_inert(out: str) -> None:
    """Fail unless `out` holds only allowed tags, allowed attributes and safe links."""
    parser = _Collect()
    parser.feed(out)
    parser.close()
    assert not parser.other, parser.other
    for tag, attrs in parser.tags:
        assert tag in TAGS, f"tag <{tag}> in {out!r}"
        allowed = ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            assert name in allowed, f"attribute {name} on <{tag}> in {out!r}"
            assert not name.startswith("on")
            if name in ("href", "src"):
                assert _is_safe_url(value or ""), f"{name}={value!r} in {out!r}"
    lowered = out.lower()
    for active in ("<script", "<iframe", "<object", "<embed", "<style", "<img", "<svg", "<math"):
        assert active not in lowered, out
    assert "{" not in out and "}" not in out  # attr_list in the site's Markdown can't see any


# -- behaviour -------------------------------------------------------------------------------------


def test_raw_html_is_shown_as_text():
    out = to_html("Press <b>here</b> <script>alert(1)</script>")
    assert "&lt;b&gt;here&lt;/b&gt;" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>" not in out and "<script" not in out


def test_html_block_is_shown_as_text():
    out = to_html('<div onclick="steal()">\nhello\n</div>')
    assert "<div" not in out
    assert "&lt;div" in out


def test_html_comments_are_shown_as_text():
    assert to_html("a <!-- secret --> b") == "<p>a &lt;!-- secret --&gt; b</p>"


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#115;cript:alert(1))",
        "[x](&#x6a;avascript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_javascript_links_are_dropped(link):
    out = to_html(link)
    assert "href" not in out
    assert_inert(out)


@pytest.mark.parametrize(
    "link, href",
    [
        ("[site](https://example.org/a?b=1)", "https://example.org/a?b=1"),
        ("[mail](mailto:hr@example.org)", "mailto:hr@example.org"),
        ("[page](../principles/one-owner/)", "../principles/one-owner/"),
        ("<https://example.org>", "https://example.org"),
    ],
)
def test_web_mail_and_relative_links_are_kept(link, href):
    out = to_html(link)
    assert f'href="{href}"' in out
    assert 'rel="noopener noreferrer"' in out


def test_attr_list_braces_cannot_add_attributes():
    out = to_html('Click me{: onclick="steal()" } and [x](https://a.example){: onmouseover=x }')
    assert "<p>Click me&#123;: onclick=" in out  # shown as typed, in a text node
    assert "{" not in out and "}" not in out
    assert "&#123;" in out and "&#125;" in out
    assert_inert(out)


def test_braces_still_read_as_braces():
    assert html.unescape(to_plain("{a}")) == "{a}"
    assert html.unescape(to_html("`{x}`")) == "<p><code>{x}</code></p>"


def test_images_show_their_description_instead():
    assert to_html("See ![the intake chart](chart.png) below.") == (
        "<p>See the intake chart below.</p>"
    )
    assert to_html("![](https://tracker.example/pixel.gif)") == "<p></p>"


def test_headings_sit_below_the_page_headings():
    assert to_html("# Why\n\n## How\n\n###### Deep") == "<h3>Why</h3>\n<h4>How</h4>\n<h6>Deep</h6>"


def test_markdown_basics_render():
    out = to_html("**bold** and *italic* and `code`\n\n- one\n- two\n\n1. first\n2. second")
    assert "<strong>bold</strong>" in out
    assert "<em>italic</em>" in out
    assert "<code>code</code>" in out
    assert "<ul>\n<li>one</li>" in out
    assert "<ol>\n<li>first</li>" in out


def test_table_alignment_survives():
    out = to_html("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th align="left">a</th>' in out
    assert '<td align="right">2</td>' in out


def test_allow_html_true_keeps_html():
    out = to_html('Press <b class="x">here</b>\n\n<div markdown="0">raw</div>', allow_html=True)
    assert '<b class="x">here</b>' in out
    assert "<div" in out


def test_allow_html_true_keeps_markdown_images():
    assert "<img" in to_html("![chart](chart.png)", allow_html=True)


def test_empty_text_gives_empty_html():
    assert to_html(None) == ""
    assert to_html("") == ""
    assert to_inline_html(None) == ""
    assert to_plain(None) == ""


def test_inline_html_drops_the_paragraph():
    assert to_inline_html("**Run** one intake channel.") == (
        "<strong>Run</strong> one intake channel."
    )


def test_inline_html_keeps_several_paragraphs():
    out = to_inline_html("one\n\ntwo")
    assert out.count("<p>") == 2


def test_plain_text_has_no_markup():
    assert to_plain("**Bold** [link](https://example.org) `code` & more") == (
        "Bold link code & more"
    )


def test_plain_text_keeps_what_looks_like_html_as_text():
    assert to_plain("Use <b> for bold") == "Use <b> for bold"


def test_rendering_does_not_leak_between_calls():
    to_html("[a]: https://example.org/first\n\n[a]")
    assert "example.org" not in to_html("[a]")


# -- properties -----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "<", ">", "/", "=", '"', "'", "`", "[", "]", "(", ")", "{", "}", "!", ":", "&", "#", ";",
        "*", "_", "\n", "\n\n", "    ", "\t", " ", "-", "|", "\\", "x", "a",
        "script", "iframe", "object", "embed", "style", "img", "svg", "math", "form", "base",
        "javascript", "JaVaScRiPt", "vbscript", "data", "java\tscript", "java\nscript",
        "&#106;", "&#x6a;", "&colon;", "&#58;", "\x00", "%6a", "onerror", "onclick", "src",
        "href", "{: ", " }", "<!--", "-->", "<![CDATA[", "]]>", "http://", "mailto:",
        "<a href=", "](", "![", "[x]: ", "<https://", "markdown=\"1\"", "<div>", "</div>",
    ]
)  # fmt: skip
_MARKUPISH = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_MARKUPISH, st.text()))
def test_no_output_ever_contains_active_content(text):
    assert_inert(to_html(text))
    assert_inert(to_inline_html(text))


@settings(max_examples=200, deadline=None)
@given(st.one_of(_MARKUPISH, st.text()))
def test_plain_text_never_raises(text):
    assert isinstance(to_plain(text), str)


# -- the shortcut for plain paragraphs -------------------------------------------------------------
# Paragraphs of words, *emphasis* and **strong** skip Markdown (richtext._plain_html). Whenever
# the shortcut answers, it must answer exactly what Markdown and the sanitizer answer.

_PLAIN_PIECES = st.sampled_from(
    [
        "a", "Word", "ÄÖü", "1", "42", " ", "  ", "    ", "\n", "\n\n", "\n\n\n", "\n \n", "*",
        "**", "* ", " *", "&", "&amp;", "&#123;", "&copy;", "-", "--", "---", "1.", "2)", ".",
        ",", ";", ":", "'", '"', "?", "!", "(", ")", "/", "%", "$", "…", "–", "—", "“", "”", "’",
        "#", ">", "+", "=", "_", "`", "<", "[", "]", "\\", "http://x.org", "\t",
    ]
)  # fmt: skip
_PLAINISH = st.lists(_PLAIN_PIECES, max_size=30).map("".join)
# Prose that mostly is plain: words and punctuation between single spaces, emphasis, line and
# paragraph breaks, with now and then a piece of the above.
_PROSE_WORD = st.one_of(
    st.sampled_from(["we", "Team", "ask", "“quoted”", "it's", "(a)", "x/y", "5%", "A&B", "3", "é"]),
    st.sampled_from(["we", "Team", "ask"]).map(lambda w: f"*{w}*"),
    st.sampled_from(["*we", "ask*", "*a b*", "*a\nb*", "*", "* a *", "**we**", "**a b**", "***"]),
    st.sampled_from(["2014).", "1994),", "3.", "12.5", "7)"]),
    _PLAIN_PIECES,
)
_PROSE = st.lists(
    st.tuples(_PROSE_WORD, st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". ", ""])),
    max_size=25,
).map(lambda pairs: "".join(w + sep for w, sep in pairs))


def _through_markdown(text: str) -> tuple[str, str]:
    """What Markdown and the sanitizer make of `text`: (HTML, plain text)."""
    from playbook_gen.content import richtext

    md = richtext._markdown(False)
    md.reset()
    plain = html.unescape(re.sub(r"<[^>]+>", "", md.convert(text))).strip()
    return richtext._markdown_html(text, False), plain


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_PLAINISH, _PROSE))
@example("*we**we**we*")  # Markdown 3.5 to 3.10 and 3.11 nest these differently
@example("*we **we** we*")
def test_the_plain_paragraph_shortcut_gives_what_markdown_gives(text):
    from playbook_gen.content import richtext

    shortcut = richtext._plain_html(text)
    if shortcut is not None:
        assert (shortcut, to_plain(text)) == _through_markdown(text)


def test_the_shortcut_answers_for_most_of_the_default_handbook():
    """Every text of the default content: the same HTML either way, and mostly by the shortcut."""
    from pathlib import Path

    from playbook_gen.content import richtext
    from playbook_gen.content.loader import load_handbook

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)
        elif hasattr(value, "model_dump"):
            yield from texts(value.model_dump())

    handbook = load_handbook(Path(__file__).resolve().parent.parent / "content")
    every = {
        t
        for kind in ("principles", "examples", "assessments", "checklists")
        for entity in getattr(handbook, kind).values()
        for t in texts(entity)
    }
    answered = [t for t in every if richtext._plain_html(t) is not None]
    for text in answered:
        assert richtext._plain_html(text) == _through_markdown(text)[0], text
    assert len(answered) > 0.8 * len(every)


@pytest.mark.parametrize(
    "text",
    [
        "    indented is code",
        "1. a list",
        "- a list",
        "* a list",
        "line with a break  \nnext",
        "***strong and emphasis***",
        "*emphasis around **strong** text*",
        "*we**we**we*",
        "a * lone star",
        "2014. a year, or a numbered item",
        "AT&amp;T",
        "# heading",
        "---",
    ],
)
def test_the_shortcut_leaves_other_markdown_to_markdown(text):
    from playbook_gen.content import richtext

    assert richtext._plain_html(text) is None
