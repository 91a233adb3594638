"""Make an SVG image safe to publish: nothing in it can run, and it loads nothing from elsewhere.

An SVG file is a document, not just a picture: opened on its own (a reader clicks the logo's
address), its scripts run in the site's origin and could read what teams stored in the browser.
So a logo or favicon is never published as it was written. It is read, and a new file is written
from what was read: only the elements of static drawing (an allowlist), without event attributes
(``onload``...), without references to other hosts or ``javascript:`` (``href``, ``xlink:href``,
``url()``), and without style sheets that import or fetch anything. What was left out is listed,
so the editor can be told.

Writing a new file, rather than checking the old one and publishing it as it was, means nothing
depends on Python's XML parser reading the file exactly as a browser would.

Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

MAX_BYTES = 5_000_000  # a logo with a photo embedded in it is still far smaller
MAX_DEPTH = 100

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

DRAWING = frozenset(
    """
    svg g defs symbol use title desc path rect circle ellipse line polyline polygon text tspan
    textPath linearGradient radialGradient stop clipPath mask pattern marker switch image style
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence
    """.split()
)
"""SVG elements that only draw. Anything else (script, foreignObject, animation, links, ...)
is left out with everything inside it."""

EDITOR_NAMESPACES = (
    "http://www.inkscape.org/",
    "http://sodipodi.",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/",
    "http://creativecommons.org/",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/",
    "http://www.figma.com/",
)
"""Drawing programs' own notes (Inkscape, Illustrator, Sketch...): left out without a word."""

_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*", re.I)
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_UNSAFE_CSS = re.compile(r"@import|image-set|expression\(|-moz-binding|behavior|\\|<", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class SvgRefused(Exception):
    """The file cannot be published as an SVG image; the message says why, in our words."""


@dataclass
class CleanSvg:
    """A rewritten SVG file and what was left out of it."""

    data: bytes
    removed: list[str] = field(default_factory=list)


def clean_svg(source: bytes) -> CleanSvg:
    """Return a copy of an SVG image that runs nothing and loads nothing from other hosts.

    Raises:
        SvgRefused: the file is not an SVG image that can be read safely.
    """
    if len(source) > MAX_BYTES:
        raise SvgRefused(f"it is larger than the limit of {MAX_BYTES:,} bytes for an image")
    try:
        text = source.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise SvgRefused("it is not saved as UTF-8 text, as SVG files are") from None
    if "<!ENTITY" in text:
        raise SvgRefused("it declares XML entities, which an image never needs")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        where = f", on line {line} of the file" if line else ""
        raise SvgRefused(
            f"it is not well-formed SVG: a tag is not closed or not written right{where}"
        ) from None
    if root.tag != f"{{{SVG}}}svg":
        raise SvgRefused("it is not an SVG image (its first element is not <svg>)")
    cleaner = _Cleaner()
    out = cleaner.element(root, 0)
    assert out is not None
    out.set("xmlns", SVG)
    if cleaner.uses_xlink:
        out.set("xmlns:xlink", XLINK)
    data = ET.tostring(out, encoding="unicode", short_empty_elements=True)
    return CleanSvg(data.encode("utf-8"), sorted(set(cleaner.removed), key=cleaner.removed.index))


class _Cleaner:
    def __init__(self) -> None:
        self.removed: list[str] = []
        self.uses_xlink = False

    def element(self, node: ET.Element, depth: int) -> ET.Element | None:
        if depth > MAX_DEPTH:
            raise SvgRefused(f"its elements are nested more than {MAX_DEPTH} levels deep")
        namespace, name = _split(node.tag)
        link = namespace == SVG and name == "a"  # kept as a group: what it draws stays
        if namespace != SVG or (name not in DRAWING and not link):
            if not namespace.startswith(EDITOR_NAMESPACES):
                self.removed.append(f"<{name}>")
            return None
        out = ET.Element("g" if link else name)
        for key, value in node.attrib.items():
            kept = self.attribute(name, key, value)
            if kept is not None and not (link and kept[0] in ("href", "xlink:href")):
                out.set(*kept)
        if name == "style":
            css = node.text or ""
            if _css_problem(css):
                self.removed.append("a style sheet that loads from elsewhere")
                return None
            out.text = css
            return out
        if name == "image" and not any(k in ("href", "xlink:href") for k in out.attrib):
            return None  # an image whose picture was left out
        out.text = node.text
        for child in node:
            cleaned = self.element(child, depth + 1)
            if cleaned is not None:
                cleaned.tail = child.tail
                out.append(cleaned)
            elif child.tail:  # keep the text that followed it
                if len(out):
                    out[-1].tail = (out[-1].tail or "") + child.tail
                else:
                    out.text = (out.text or "") + child.tail
        return out

    def attribute(self, element: str, key: str, value: str) -> tuple[str, str] | None:
        namespace, name = _split(key)
        if namespace == XLINK and name == "href":
            name = "xlink:href"
        elif namespace == XML and name in ("space", "lang"):
            return f"xml:{name}", value
        elif namespace:
            if namespace == XML and name == "base":
                self.removed.append("xml:base")
            return None  # drawing programs' notes
        if name.lower().startswith("on"):
            self.removed.append(name)
            return None
        if name in ("href", "xlink:href"):
            if not _local_reference(value, image=element == "image"):
                self.removed.append(f"a reference to {_shorten(value)}")
                return None
            self.uses_xlink |= name == "xlink:href"
            return name, value
        if _INVISIBLE.sub("", value).lower().find("javascript:") >= 0:
            self.removed.append(f"{name} (javascript:)")
            return None
        if name == "style" and _css_problem(value):
            self.removed.append("a style attribute that loads from elsewhere")
            return None
        if "url(" in value.lower():
            for match in _URL_FUNCTION.finditer(value):
                if not _local_reference(match[2], image=False):
                    self.removed.append(f"a reference to {_shorten(match[2])}")
                    return None
        return name, value


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _local_reference(value: str, *, image: bool) -> bool:
    """Whether `value` points inside this file or this site (never another host or a script)."""
    compact = _INVISIBLE.sub("", value)
    if compact.startswith("#"):
        return True
    if image and _RASTER_DATA.fullmatch(value.strip()):
        return True
    head = re.split(r"[/?#]", compact, maxsplit=1)[0]
    if ":" in head or compact.startswith("//"):
        return False  # a scheme (http:, javascript:, data:...) or another host
    return not compact.startswith("\\")


def _css_problem(css: str) -> bool:
    """Whether CSS could load something from elsewhere (or hide that it does)."""
    if _UNSAFE_CSS.search(css):
        return True
    if _INVISIBLE.sub("", css).lower().find("javascript:") >= 0:
        return True
    return any(not _local_reference(m[2], image=False) for m in _URL_FUNCTION.finditer(css))


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
