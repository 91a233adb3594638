"""SVG logos: the published copy runs nothing and loads nothing from another host."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.svgclean import SvgRefused, clean_svg

SVG = "http://www.w3.org/2000/svg"


def svg(body: str, attrs: str = "") -> bytes:
    return (
        f'<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 10 10" {attrs}>{body}</svg>'
    ).encode()


def active_parts(data: bytes) -> list[str]:
    """Return what in an SVG file could run or load from another host."""
    found = []
    for el in ET.fromstring(data).iter():
        name = el.tag.rpartition("}")[2]
        if name in ("script", "foreignObject", "iframe", "object", "embed", "set", "animate"):
            found.append(name)
        if not el.tag.startswith(f"{{{SVG}}}"):
            found.append(el.tag)
        for key, value in el.attrib.items():
            low = "".join(value.split()).lower()
            if key.rpartition("}")[2].lower().startswith("on"):
                found.append(key)
            if "javascript:" in low or "//" in low.replace("http://www.w3.org", ""):
                found.append(f"{key}={value}")
        if name == "style" and ("@import" in (el.text or "") or "//" in (el.text or "")):
            found.append("style")
    return found


def test_a_plain_drawing_is_kept():
    source = svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient>'
        '<clipPath id="c"><rect width="5" height="5"/></clipPath></defs>'
        "<style>.a { fill: #f00 }</style>"
        '<g class="a" transform="translate(1 1)" clip-path="url(#c)">'
        '<path d="M0 0L10 10" stroke="url(#g)"/><circle cx="5" cy="5" r="2"/>'
        '<text x="1" y="9" font-family="sans-serif">Example &amp; Co</text></g>'
        '<use xlink:href="#c"/>'
    )
    clean = clean_svg(source)
    assert clean.removed == []
    root = ET.fromstring(clean.data)
    names = [el.tag.rpartition("}")[2] for el in root.iter()]
    for name in ("linearGradient", "stop", "clipPath", "style", "g", "path", "circle", "text"):
        assert name in names
    assert root.find(f".//{{{SVG}}}text").text == "Example & Co"
    assert root.find(f".//{{{SVG}}}path").get("stroke") == "url(#g)"
    assert root.find(f".//{{{SVG}}}use").get("{http://www.w3.org/1999/xlink}href") == "#c"


@pytest.mark.parametrize(
    ("body", "attrs", "reported"),
    [
        ("<script>window.__pwned=1</script>", "", "<script>"),
        ("", 'onload="window.__pwned=1"', "onload"),
        ('<rect width="1" height="1" onclick="x()"/>', "", "onclick"),
        ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "",
         "<foreignObject>"),
        ('<script xmlns="http://www.w3.org/1999/xhtml">window.__pwned=1</script>', "", "<script>"),
        ('<a href="javascript:window.__pwned=1"><rect width="1" height="1"/></a>', "",
         "a reference to javascript:window.__pwned=1"),
        ('<a xlink:href="java&#9;script:x()"><rect width="1" height="1"/></a>', "",
         "a reference to java script:x()"),
        ('<image href="https://tracker.example.com/p.png" width="1" height="1"/>', "",
         "a reference to https://tracker.example.com/p.png"),
        ('<use href="//evil.example/s.svg#a"/>', "", "a reference to //evil.example/s.svg#a"),
        ('<rect width="1" height="1" fill="url(https://evil.example/f)"/>', "",
         "a reference to https://evil.example/f"),
        ("<style>@import url(https://fonts.example.com/x.css);</style>", "",
         "a style sheet that loads from elsewhere"),
        ("<style>rect { fill: u\\72l(https://evil.example) }</style>", "",
         "a style sheet that loads from elsewhere"),
        ('<rect width="1" height="1" style="background:url(//evil.example/x)"/>', "",
         "a style attribute that loads from elsewhere"),
        ('<set attributeName="onload" to="window.__pwned=1"/>', "", "<set>"),
        ('<animate attributeName="href" values="javascript:alert(1)"/>', "", "<animate>"),
        ('<feImage href="https://evil.example/x.png"/>', "", "<feImage>"),
        ('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/>', "",
         "<iframe>"),
        ('<g xml:base="https://evil.example/"><use href="#a"/></g>', "", "xml:base"),
    ],
)  # fmt: skip
def test_what_could_run_or_load_is_left_out_and_reported(body, attrs, reported):
    clean = clean_svg(svg(body, attrs))
    assert reported in clean.removed
    assert active_parts(clean.data) == []
    assert b"pwned" not in clean.data and b"evil.example" not in clean.data


def test_a_link_keeps_what_it_draws():
    clean = clean_svg(svg('<a href="https://example.org"><circle r="1"/></a>'))
    assert ET.fromstring(clean.data).find(f".//{{{SVG}}}circle") is not None
    assert b"example.org" not in clean.data


def test_an_embedded_raster_picture_is_kept_and_an_embedded_svg_is_not():
    png = "data:image/png;base64,iVBORw0KGgo="
    clean = clean_svg(svg(f'<image href="{png}" width="1" height="1"/>'))
    assert clean.removed == [] and png.encode() in clean.data
    clean = clean_svg(svg('<image href="data:image/svg+xml,&lt;svg onload=x&gt;" width="1"/>'))
    assert clean.removed and b"<image" not in clean.data


def test_drawing_programs_notes_are_dropped_without_a_word():
    source = (
        f'<svg xmlns="{SVG}" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'inkscape:version="1.3"><sodipodi:namedview pagecolor="#fff"/>'
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect width="1" height="1"/></g>'
        "</svg>"
    ).encode()
    clean = clean_svg(source)
    assert clean.removed == []
    assert b"inkscape" not in clean.data and b"<rect" in clean.data


def test_the_copy_has_no_declarations_or_processing_instructions():
    source = (
        b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/x.xsl"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg("<!-- note --><rect/>")
    )
    data = clean_svg(source).data
    assert data.startswith(b"<svg") and b"<?" not in data and b"<!" not in data


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (b'<!DOCTYPE svg [<!ENTITY a "x">]>' + svg("<text>&a;</text>"), "declares XML entities"),
        (b"<html><body/></html>", "not an SVG image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "not well-formed SVG"),
        (b"\xff\xfe<\x00s\x00", "not saved as UTF-8"),
        (b"", "not well-formed"),
        (b"<svg>" * 200 + b"</svg>" * 200, "not an SVG image"),
    ],
)
def test_a_file_that_is_not_a_safe_svg_is_refused_with_a_reason(source, reason):
    with pytest.raises(SvgRefused) as info:
        clean_svg(source)
    assert reason in str(info.value)


def test_deep_nesting_is_refused():
    with pytest.raises(SvgRefused, match="nested"):
        clean_svg(svg("<g>" * 150 + "</g>" * 150))


_FRAGMENTS = st.sampled_from(
    [
        "<script>window.__pwned=1</script>",
        '<rect onload="window.__pwned=1" width="1"/>',
        '<a href="javascript:window.__pwned=1"><text>x</text></a>',
        '<image href="https://evil.example/i.png"/>',
        '<use xlink:href="https://evil.example/s.svg#a"/>',
        "<style>@import 'https://evil.example/c.css';</style>",
        '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>',
        '<set attributeName="href" to="javascript:window.__pwned=1"/>',
        '<g fill="url( \'https://evil.example/g\' )"><path d="M0 0"/></g>',
        '<rect width="1" height="1"/>',
        '<text x="1">&lt;script&gt;</text>',
        "<g>",
        "</g>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12))
def test_no_copy_ever_holds_active_content(fragments):
    body = "".join(fragments)
    try:
        clean = clean_svg(svg(body, 'onload="window.__pwned=1"'))
    except SvgRefused:
        return  # unbalanced <g>: refused, nothing published
    assert active_parts(clean.data) == []
    assert b"pwned" not in clean.data and b"evil.example" not in clean.data
