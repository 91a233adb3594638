"""mkdocs.yml: read safely, checked, and its texts shown as text.

Site settings are content too. The texts a page shows (site name, description, copyright,
labels in ``extra``, navigation titles) reach the theme escaped, so Material, which prints them
as HTML, shows them as typed. Addresses may only lead to web pages (``http:``, ``https:``,
``mailto:`` or a path in the site). A logo or favicon must exist, and an SVG one is published
as a rewritten copy that runs nothing (``svgclean``). Settings that make pages call other hosts
are reported as privacy warnings.

``playbook-gen`` reads mkdocs.yml here first, with a safe loader: only the YAML tags MkDocs
documents (``!ENV``, ``!relative``) and a short allowlist of documented Material and pymdownx
functions (``PYTHON_NAMES``, ``PYTHON_CALLS``) are accepted; any other Python tag is a problem
at its line and is never run. Only then does MkDocs load the file.

Nothing here imports MkDocs: the plugin and the CLI pass plain values and MkDocs' config objects
(which behave as mappings).
"""

from __future__ import annotations

import functools
import html
import os
import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup, escape

from .problems import ContentError, Problem, format_path, not_utf8, os_reason

MAX_BYTES = 1_000_000
MAX_VALUES = 100_000  # YAML aliases inside aliases could otherwise expand without end

_YAML = "tag:yaml.org,2002:"
STANDARD_TAGS = frozenset(
    _YAML + name
    for name in "str int float bool null map seq timestamp binary set omap pairs merge".split()
)
ENV_TAG = "!ENV"
RELATIVE_TAG = "!relative"
PYTHON_NAMES = frozenset(
    {
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
    }
)
"""The functions Material's documentation names with ``!!python/name:`` (emoji, diagrams)."""
PYTHON_CALLS = {"pymdownx.slugs.slugify": frozenset({"case", "percent_encode", "normalize"})}
"""Functions Material's documentation calls with ``!!python/object/apply:`` (slugs), with the
keyword arguments they may be given."""

SHOWN_TEXTS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
"""Top-level settings whose text the theme prints on pages."""

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
WEB_SCHEMES = ("http", "https", "mailto")

_ADDRESS_CHAR = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")
_HTML_IN_TEXT = re.compile(r"<[A-Za-z/!]|&#?[A-Za-z0-9]+;")


class Relative(str):
    """The value of a ``!relative`` tag (a path MkDocs works out when it builds)."""


class PythonName(str):
    """A function named by an allowed ``!!python/...`` tag (never imported here)."""


@dataclass
class Settings:
    """mkdocs.yml read safely: its plain data, and where each value was written."""

    path: Path
    file: str
    data: dict
    places: dict[tuple, tuple[str, int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def project(self) -> Path:
        """The folder that holds mkdocs.yml."""
        return self.path.resolve().parent

    def get(self, *path: str | int, default: Any = None) -> Any:
        """Return the value at `path`, or `default` when it is not written."""
        value: Any = self.data
        for part in path:
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return default
        return value

    def problem(self, path: tuple, message: str, hint: str = "") -> Problem:
        """Return a problem about the value at `path`, at the line it was written on."""
        path = tuple(path)
        while path and path not in self.places:
            path = path[:-1]
        file, line, column = self.places.get(path, (self.file, 0, 0))
        return Problem(file, line, column, format_path(path), message, hint)

    def theme(self) -> dict:
        """Return the theme settings as a mapping (``theme: material`` is ``{name: material}``)."""
        theme = self.data.get("theme")
        if isinstance(theme, str):
            return {"name": theme}
        return theme if isinstance(theme, dict) else {}

    def plugins(self) -> list[tuple[str, Any, tuple]]:
        """Return (name, options, path) of every plugin listed."""
        return _named_entries(self.data.get("plugins"), "plugins")

    def extensions(self) -> list[tuple[str, Any, tuple]]:
        """Return (name, options, path) of every Markdown extension listed."""
        return _named_entries(self.data.get("markdown_extensions"), "markdown_extensions")

    def content_dir(self) -> Path:
        """Return the content folder that the playbook plugin's settings name."""
        for name, options, _ in self.plugins():
            if name == "playbook" and isinstance(options, dict):
                if isinstance(options.get("content"), str):
                    return self.path.parent / options["content"]
        return self.path.parent / "content"

    def docs_dir(self) -> Path:
        """Return the folder of hand-written pages (which may not exist)."""
        docs = self.data.get("docs_dir", "docs")
        return self.path.parent / (docs if isinstance(docs, str) else "docs")


@dataclass
class Checked:
    """What checking mkdocs.yml found, and the image files to publish in place of the originals."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    """Site path -> the rewritten SVG to publish there."""


# -- reading --------------------------------------------------------------------------------------


def read_settings(config_file: str | os.PathLike, shown: str | None = None) -> Settings:
    """Read mkdocs.yml (and any file it names under ``INHERIT``) without running anything in it.

    Args:
        config_file: the file.
        shown: its name in problems (default: as given).

    Raises:
        ContentError: the file cannot be read, is not valid YAML, is not a set of settings, or
            holds a YAML tag that is not allowed.
    """
    path = Path(config_file)
    return _read(path, shown or path.as_posix(), seen=())


def _read(path: Path, shown: str, seen: tuple[Path, ...]) -> Settings:
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            [Problem(shown, message=f"this file could not be read: {os_reason(exc)}")]
        ) from None
    text = _decode(source, shown)
    walk = _Walk(shown)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ContentError(_malformed(text, shown, exc)) from None
    except yaml.YAMLError:
        raise ContentError(
            [Problem(shown, 1, 1, "", "this file could not be read as YAML")]
        ) from None
    finally:
        loader.dispose()
    data = walk.value(node, (), frozenset()) if node is not None else {}
    if not walk.errors and not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        walk.errors.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"the file holds {what} instead of settings",
                "write each setting as a 'name: value' line",
            )
        )
    if walk.errors:
        raise ContentError(walk.errors)
    settings = Settings(path, shown, data, walk.places, walk.warnings)
    parent = data.get("INHERIT")
    if parent is not None:
        settings = _inherit(settings, parent, seen + (path.resolve(),))
    return settings


def _decode(source: bytes, shown: str) -> str:
    if len(source) > MAX_BYTES:
        raise ContentError(
            [Problem(shown, message=f"the file is larger than the limit of {MAX_BYTES:,} bytes")]
        )
    try:
        return source.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ContentError(
            [not_utf8(shown, source, exc, "save the file again with the UTF-8 encoding")]
        ) from None


def _malformed(text: str, shown: str, exc: yaml.MarkedYAMLError) -> list[Problem]:
    """Say what is wrong with a file that is not valid YAML, in the words used for content."""
    from .content.yamlread import read_yaml

    try:
        read_yaml(text, shown)
    except ContentError as found:
        lines = [p for p in found.problems if p.message.startswith("this line could not be read")]
        if lines:
            return lines
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return [Problem(shown, line, column, "", "this line could not be read as YAML")]


def _inherit(child: Settings, parent: Any, seen: tuple[Path, ...]) -> Settings:
    """Merge the settings `child` inherits, as MkDocs does: the child's values win."""
    if not isinstance(parent, str):
        raise ContentError([child.problem(("INHERIT",), "give the name of a settings file")])
    path = child.path.parent / parent
    if not path.is_file():
        raise ContentError([child.problem(("INHERIT",), f"the file '{parent}' does not exist")])
    if path.resolve() in seen:
        raise ContentError(
            [child.problem(("INHERIT",), f"'{parent}' inherits, in the end, from this file")]
        )
    base = _read(path, _shown_beside(child.file, parent), seen)
    data = dict(child.data)
    data.pop("INHERIT")
    places = dict(base.places)
    places.update(child.places)
    merged = Settings(child.path, child.file, _merge(base.data, data), places)
    merged.warnings = base.warnings + child.warnings
    return merged


def _shown_beside(file: str, name: str) -> str:
    folder = PurePosixPath(file).parent
    return (folder / name).as_posix() if str(folder) != "." else name


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Walk:
    """Turn YAML nodes into plain values, checking every tag, keeping every position."""

    def __init__(self, file: str):
        self.file = file
        self.places: dict[tuple, tuple[str, int, int]] = {}
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.budget = MAX_VALUES
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, path: tuple, message: str, hint: str = "") -> Problem:
        mark = node.start_mark
        return Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message, hint)

    def value(self, node: yaml.Node, path: tuple, inside: frozenset[int]) -> Any:
        self.budget -= 1
        if self.budget == 0:
            self.errors.append(
                self.problem(
                    node,
                    path,
                    f"the settings repeat into more than {MAX_VALUES:,} "
                    "values (YAML aliases inside aliases)",
                )
            )
        if self.budget <= 0:
            return None
        if id(node) in inside:
            self.errors.append(
                self.problem(node, path, "this value contains itself (a YAML alias)")
            )
            return None
        mark = node.start_mark
        self.places.setdefault(path, (self.file, mark.line + 1, mark.column + 1))
        tag = node.tag
        if tag == ENV_TAG:
            return self.env(node, path, inside)
        if tag == RELATIVE_TAG:
            if not isinstance(node, yaml.ScalarNode):
                self.errors.append(
                    self.problem(node, path, "'!relative' takes a path, e.g. '!relative $docs_dir'")
                )
                return None
            return Relative(node.value)
        if tag.startswith(_YAML + "python/"):
            return self.python(node, path, inside)
        if tag not in STANDARD_TAGS:
            self.errors.append(
                self.problem(
                    node,
                    path,
                    f"YAML tag '{_tag(tag)}' is not one MkDocs reads",
                    "remove it, or put the text in quotes if it starts with '!'",
                )
            )
            return None
        inside = inside | {id(node)}
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, inside)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,), inside) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except yaml.YAMLError:
            self.errors.append(self.problem(node, path, "this value could not be read"))
            return None

    def mapping(self, node: yaml.MappingNode, path: tuple, inside: frozenset[int]) -> dict:
        out: dict = {}
        merged: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":
                for part in self._merged(value_node, path, inside):
                    for key, value in part.items():
                        merged.setdefault(key, value)
                continue
            key = self.value(key_node, path, inside)
            if isinstance(key, (dict, list, set)):
                self.errors.append(self.problem(key_node, path, "a setting's name must be text"))
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.warnings.append(
                    self.problem(
                        key_node,
                        path,
                        f"duplicate setting '{key}', already set on line "
                        f"{first_line[key]}; MkDocs uses this one",
                        "keep only one of them",
                    )
                )
            first_line[key] = line
            self.places.pop(path + (key,), None)  # a repeated key: the one MkDocs uses counts
            out[key] = self.value(value_node, path + (key,), inside)
            if not isinstance(value_node, yaml.ScalarNode):  # a block: point at its name
                self.places[path + (key,)] = (self.file, line, key_node.start_mark.column + 1)
        for key, value in merged.items():
            out.setdefault(key, value)
        return out

    def _merged(self, node: yaml.Node, path: tuple, inside: frozenset[int]) -> Iterator[dict]:
        value = self.value(node, path, inside)
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, dict):
                yield part

    def env(self, node: yaml.Node, path: tuple, inside: frozenset[int]) -> Any:
        """Resolve ``!ENV NAME`` or ``!ENV [NAME, ..., default]`` as MkDocs would."""
        if isinstance(node, yaml.ScalarNode):
            names, default = [node.value], None
        elif isinstance(node, yaml.SequenceNode) and node.value:
            items = [self.value(item, path, inside) for item in node.value]
            names = items[:-1] if len(items) > 1 else items
            default = items[-1] if len(items) > 1 else None
        else:
            self.errors.append(
                self.problem(
                    node,
                    path,
                    "'!ENV' takes the name of an environment variable, or a "
                    "list of names and then a default value",
                )
            )
            return None
        for name in names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return default

    def python(self, node: yaml.Node, path: tuple, inside: frozenset[int]) -> Any:
        """Accept only the documented Material and pymdownx functions; never import anything."""
        tag = node.tag.removeprefix(_YAML)
        kind, _, target = tag.partition(":")
        empty = isinstance(node, yaml.ScalarNode) and node.value == ""
        if kind == "python/name" and target in PYTHON_NAMES and empty:
            return PythonName(target)
        if kind == "python/object/apply" and target in PYTHON_CALLS:
            allowed = PYTHON_CALLS[target]
            if empty:
                return PythonName(target)
            if isinstance(node, yaml.MappingNode):
                value = self.mapping(node, path, inside | {id(node)})
                kwds = value.get("kwds", {})
                if set(value) <= {"kwds"} and isinstance(kwds, dict) and set(kwds) <= allowed:
                    if all(isinstance(v, (str, bool, int)) for v in kwds.values()):
                        return PythonName(target)
            self.errors.append(
                self.problem(
                    node,
                    path,
                    f"'!!{tag}' may only be given 'kwds:' with "
                    f"{', '.join(sorted(allowed)[:-1])} or {sorted(allowed)[-1]}",
                )
            )
            return None
        self.errors.append(
            self.problem(
                node,
                path,
                f"YAML tag '!!{tag}' is not allowed: it would run Python code",
                "only the Material and pymdownx functions that the editor's guide lists "
                "can be named",
            )
        )
        return None


def _tag(tag: str) -> str:
    return tag.replace(_YAML, "!!")


def _named_entries(value: Any, key: str) -> list[tuple[str, Any, tuple]]:
    """Return (name, options, path) of a list like ``plugins:`` (names, or {name: options})."""
    out: list[tuple[str, Any, tuple]] = []
    if isinstance(value, dict):
        return [(str(name), options, (key, name)) for name, options in value.items()]
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, str):
                out.append((entry, None, (key, i)))
            elif isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                out.append((str(name), options, (key, i, name)))
    return out


def check_file(
    config_file: str | os.PathLike,
    *,
    docs_dir: Path | None = None,
    theme_dirs: list[Path] | None = None,
) -> tuple[Settings | None, Checked]:
    """Read and check mkdocs.yml; problems in reading it are errors of the result.

    See ``read_settings`` and ``check_settings``.
    """
    from .content.loader import display_path

    try:
        settings = read_settings(config_file, display_path(Path(config_file)))
    except ContentError as exc:
        return None, Checked(errors=exc.problems)
    return settings, check_settings(settings, docs_dir=docs_dir, theme_dirs=theme_dirs)


# -- checking -------------------------------------------------------------------------------------


def check_settings(
    settings: Settings, *, docs_dir: Path | None = None, theme_dirs: list[Path] | None = None
) -> Checked:
    """Check what mkdocs.yml makes pages show, link to and load.

    Args:
        settings: mkdocs.yml, read with ``read_settings``.
        docs_dir: the folder of hand-written pages (default: ``docs_dir`` of the settings).
        theme_dirs: the theme's folders, first wins (default: ``custom_dir``, then the installed
            theme's own folder).

    Returns:
        Errors (addresses that are not web pages, missing or unreadable logos), warnings
        (requests to other hosts, HTML that will be shown as typed, what an SVG logo loses) and
        the rewritten SVG images to publish.
    """
    checked = Checked(warnings=list(settings.warnings))
    if docs_dir is None:
        docs_dir = settings.docs_dir()
    _check_addresses(settings, checked)
    _check_shown_texts(settings, checked)
    _check_images(settings, checked, docs_dir, theme_dirs)
    _check_privacy(settings, checked)
    return checked


# -- the handbook's name and logo (content/playbook.yaml) -----------------------------------------


@dataclass
class Brand:
    """What content/playbook.yaml makes every page show: the site's name and its logo."""

    site_name: str
    """The name in every page's header and tab title: '<organisation> · <title>'."""
    logo: str | None = None
    """The logo's path in the site (for ``theme.logo``), when playbook.yaml gives one."""


def check_brand(
    settings: Settings | None,
    playbook: Any,
    content_dir: Path,
    *,
    docs_dir: Path,
    theme_dir: Path | None,
) -> tuple[Brand, Checked]:
    """Work out the site's name and logo from playbook.yaml, and check them against mkdocs.yml.

    The title and organisation in playbook.yaml are the handbook's name: MkDocs requires a
    ``site_name`` in mkdocs.yml too, before any plugin runs, so that one is only a stand-in, and
    a warning says so when it differs. A ``logo`` (a path from the folder that holds mkdocs.yml,
    to a file in docs/ or the theme folder) becomes the theme's logo and favicon, unless
    mkdocs.yml sets them.

    Args:
        settings: mkdocs.yml, read with ``read_settings`` (None: no checks against it).
        playbook: the loaded ``content.model.Playbook``.
        content_dir: the content folder (for the place of a problem in playbook.yaml).
        docs_dir: the folder of hand-written pages.
        theme_dir: the theme folder (``custom_dir``), if any.
    """
    from .content.loader import display_path
    from .content.model import handbook_name
    from .content.richtext import to_plain

    title = to_plain(playbook.title)
    brand = Brand(handbook_name(playbook))
    checked = Checked()
    playbook_file = content_dir / "playbook.yaml"
    shown = display_path(playbook_file)
    if settings is not None:
        written = settings.get("site_name")
        if isinstance(written, str) and written not in (title, brand.site_name):
            checked.warnings.append(
                settings.problem(
                    ("site_name",),
                    f"'{_snippet(written, 0, 40)}' is not shown; pages are named "
                    f"'{brand.site_name}' from {shown}",
                    f"write its title here too: '{title}'",
                )
            )
        else:
            checked.warnings.extend(_html_shown_as_typed(settings, "site_name"))
    if playbook.logo is None:
        return brand, checked

    def problem(message: str, hint: str = "") -> Problem:
        try:
            from .content.yamlread import read_yaml

            line, column = read_yaml(playbook_file.read_bytes(), shown).position(("logo",))
        except (ContentError, OSError):
            line, column = 0, 0
        return Problem(shown, line, column, "logo", message, hint)

    theme = settings.theme() if settings is not None else {}
    if isinstance(theme.get("logo"), str) and theme["logo"].strip():
        checked.warnings.append(
            problem("not used: mkdocs.yml sets the logo (theme: logo:)", "keep only one of them")
        )
        return brand, checked
    value = playbook.logo
    example = "e.g. docs/images/logo.svg"
    if urlsplit(value).scheme or value.startswith("//"):
        checked.errors.append(
            problem(
                "give a file in docs/ or the theme folder, not an address: pages load nothing "
                "from another host",
                f"copy the file into the handbook, {example}",
            )
        )
        return brand, checked
    project = content_dir.parent
    file = (project / value).resolve()
    roots = [docs_dir.resolve(), *([theme_dir.resolve()] if theme_dir else [])]
    root = next((r for r in roots if file.is_relative_to(r)), None)
    if root is None or "\\" in value:
        checked.errors.append(
            problem(
                f"'{value}' is not in docs/ or the theme folder",
                f"the path starts from the folder that holds mkdocs.yml, {example}",
            )
        )
        return brand, checked
    uri = PurePosixPath(file.relative_to(root).as_posix())
    missing = (f"the file '{value}' does not exist", "check the name and the folder")
    if _check_image(uri, file if file.is_file() else None, checked, problem, missing, value):
        brand.logo = uri.as_posix()
    return brand, checked


def apply_brand(config: MutableMapping, brand: Brand) -> None:
    """Give MkDocs' settings (or an exported mkdocs.yml) the handbook's name and logo.

    The logo is the favicon too when mkdocs.yml sets none.
    """
    config["site_name"] = brand.site_name
    theme = config.get("theme")
    if brand.logo is None or theme is None:
        return
    if not theme.get("logo"):
        theme["logo"] = brand.logo
        if not theme.get("favicon") or theme.get("favicon") == "assets/images/favicon.png":
            theme["favicon"] = brand.logo


def default_theme_dirs(settings: Settings) -> list[Path]:
    """Return the theme's folders as MkDocs finds them: ``custom_dir``, then the theme's own."""
    theme = settings.theme()
    dirs = []
    if isinstance(theme.get("custom_dir"), str):
        dirs.append(settings.path.parent / theme["custom_dir"])
    name = theme.get("name", "mkdocs")
    for entry in entry_points(group="mkdocs.themes"):
        if entry.name == name:
            try:
                dirs.append(Path(entry.load().__file__).parent)
            except Exception:  # a broken theme package: MkDocs will say so when it builds
                pass
            break
    return dirs


def _address_problem(value: str, *, schemes=WEB_SCHEMES) -> tuple[str, str] | None:
    """Say why `value` can't be an address on a page, or None when it can."""
    seen = html.unescape(value)  # what a browser reads in an attribute
    bad = _ADDRESS_CHAR.search(value) or _ADDRESS_CHAR.search(seen)
    if bad:
        char = bad.group()
        name = {" ": "a space", '"': "a quote", "'": "a quote", "\\": "a backslash"}.get(
            char, f"the character {char!r}" if char.isprintable() else "an invisible character"
        )
        return f"an address can't hold {name}", "write a space as %20, a quote as %22"
    scheme = urlsplit(seen).scheme.lower()
    if scheme and scheme not in schemes:
        if not schemes:
            return f"'{scheme}:' addresses are not allowed here", "give a path in the site"
        *others, last = [f"{s}:" for s in schemes]
        allowed = f"{', '.join(others)} or {last}" if others else last
        return f"'{scheme}:' addresses are not allowed", f"use an {allowed} address or a path"
    return None


def _addresses(settings: Settings) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """Yield (path, value, allowed schemes) of every address a page may print."""
    for key in ("site_url", "repo_url", "edit_uri", "edit_uri_template"):
        if isinstance(settings.get(key), str):
            yield (key,), settings.get(key), ("http", "https")
    extra = settings.get("extra", default={})
    if isinstance(extra, dict):
        if isinstance(extra.get("homepage"), str):
            yield ("extra", "homepage"), extra["homepage"], WEB_SCHEMES
        if isinstance(extra.get("scope"), str):
            yield ("extra", "scope"), extra["scope"], ()
        for key in ("social", "alternate"):
            for i, entry in enumerate(extra.get(key) or []):
                if isinstance(entry, dict) and isinstance(entry.get("link"), str):
                    yield ("extra", key, i, "link"), entry["link"], WEB_SCHEMES
        for i, entry in enumerate(_list(extra.get("polyfills"))):
            if isinstance(entry, str):
                yield ("extra", "polyfills", i), entry, ("http", "https")
    for key in ("extra_css", "extra_javascript"):
        for i, entry in enumerate(_list(settings.get(key))):
            where: tuple = (key, i)
            if isinstance(entry, dict):
                entry, where = entry.get("path"), (key, i, "path")
            if isinstance(entry, str):
                yield where, entry, ("http", "https")
    theme = settings.theme()
    for key in ("logo", "favicon"):
        if isinstance(theme.get(key), str):
            yield ("theme", key), theme[key], ("http", "https")
    yield from _nav_addresses(settings.get("nav"), ("nav",))


def _nav_addresses(nav: Any, path: tuple) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    if isinstance(nav, str):
        yield path, nav, WEB_SCHEMES
    elif isinstance(nav, list):
        for i, item in enumerate(nav):
            yield from _nav_addresses(item, path + (i,))
    elif isinstance(nav, dict):
        for title, item in nav.items():
            yield from _nav_addresses(item, path + (title,))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _check_addresses(settings: Settings, checked: Checked) -> None:
    for path, value, schemes in _addresses(settings):
        if isinstance(value, Relative):
            continue
        found = _address_problem(value, schemes=schemes)
        if found:
            checked.errors.append(settings.problem(path, *found))


def _check_shown_texts(settings: Settings, checked: Checked) -> None:
    for key in SHOWN_TEXTS:
        if key != "site_name":  # check_brand knows whether pages show it
            checked.warnings.extend(_html_shown_as_typed(settings, key))


def _html_shown_as_typed(settings: Settings, key: str) -> list[Problem]:
    """A warning when the setting `key` holds what looks like HTML, which pages show as typed."""
    value = settings.get(key)
    if not isinstance(value, str) or not (match := _HTML_IN_TEXT.search(value)):
        return []
    hint = "write the character itself, e.g. ©" if match.group().startswith("&") else ""
    message = (
        f"'{_snippet(value, match.start())}' is shown as typed: site settings are text, never HTML"
    )
    return [settings.problem((key,), message, hint)]


def _snippet(text: str, start: int, width: int = 20) -> str:
    piece = text[start : start + width]
    return piece + ("…" if len(text) > start + width else "")


def _check_images(
    settings: Settings, checked: Checked, docs_dir: Path, theme_dirs: list[Path] | None
) -> None:
    theme = settings.theme()
    for key in ("logo", "favicon"):
        value = theme.get(key)
        if not isinstance(value, str) or isinstance(value, Relative) or not value.strip():
            continue
        where = ("theme", key)
        if _address_problem(value, schemes=("http", "https")):
            continue  # reported with the addresses
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            checked.warnings.append(
                settings.problem(
                    where,
                    f"every page loads the {key} from {parts.netloc}",
                    "put the file in docs/ and give its path here",
                )
            )
            continue
        uri = PurePosixPath(parts.path.lstrip("/"))
        if ".." in uri.parts or not uri.parts:
            checked.errors.append(
                settings.problem(
                    where,
                    f"the {key} must be a file inside docs/ or the theme folder",
                    f"give its path from docs/, e.g. images/{key}.svg",
                )
            )
            continue
        file = docs_dir / uri if (docs_dir / uri).is_file() else None
        if file is None:
            if theme_dirs is None:  # only now: finding the installed theme reads every package
                theme_dirs = default_theme_dirs(settings)
            file = next((d / uri for d in theme_dirs if (d / uri).is_file()), None)
        missing = (
            f"the file '{uri}' is not in docs/ or the theme folder",
            "check the name; the path starts from docs/",
        )
        _check_image(uri, file, checked, functools.partial(settings.problem, where), missing)


def _check_image(
    uri: PurePosixPath,
    file: Path | None,
    checked: Checked,
    problem: Any,
    missing: tuple[str, str],
    shown: str = "",
) -> bool:
    """Check one image file the theme shows; keep an SVG's safe copy. Return whether it can be.

    `shown` is its name in problems (default: its path in the site).
    """
    shown = shown or uri.as_posix()
    if uri.suffix.lower() not in IMAGE_SUFFIXES:
        checked.errors.append(
            problem(
                f"'{shown}' is not an image file",
                "use an .svg, .png, .jpg, .gif, .webp or .ico file",
            )
        )
        return False
    if file is None:
        checked.errors.append(problem(*missing))
        return False
    if uri.suffix.lower() != ".svg":
        return True
    from .svgclean import SvgRefused, clean_svg  # its XML parser: only for an SVG image

    try:
        clean = clean_svg(file.read_bytes())
    except SvgRefused as exc:
        checked.errors.append(
            problem(
                f"'{shown}' can't be published: {exc}",
                "open it in a drawing program and save it again as plain SVG",
            )
        )
        return False
    except OSError as exc:
        checked.errors.append(problem(f"'{shown}' could not be read: {os_reason(exc)}"))
        return False
    checked.images[uri.as_posix()] = clean.data
    if clean.removed:
        listed = ", ".join(clean.removed[:5])
        if len(clean.removed) > 5:
            listed += f" and {len(clean.removed) - 5} more"
        checked.warnings.append(
            problem(
                f"the published copy of '{shown}' leaves out what could "
                f"run or load from elsewhere: {listed}"
            )
        )
    return True


def _check_privacy(settings: Settings, checked: Checked) -> None:
    """Warn about each setting that makes pages (or the build) call other hosts."""

    def warn(path: tuple, message: str, hint: str = "") -> None:
        checked.warnings.append(settings.problem(path, message, hint))

    theme = settings.theme()
    material = theme.get("name") == "material"
    repo = settings.get("repo_url")
    if material and isinstance(repo, str):
        host = urlsplit(repo).hostname or ""
        api = "api.github.com" if host.endswith("github.com") else host if "gitlab" in host else ""
        if api:
            warn(
                ("repo_url",),
                f"every reader's browser asks {api} for the repository's stars and forks",
                "remove repo_url to keep every request on your own server",
            )
    for key, what in (("extra_javascript", "a script"), ("extra_css", "a style sheet")):
        for i, entry in enumerate(_list(settings.get(key))):
            address = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(address, str) and _host(address):
                warn(
                    (key, i),
                    f"every page loads {what} from {_host(address)}",
                    "copy the file into docs/ and give its path here",
                )
    extra = settings.get("extra", default={})
    if isinstance(extra, dict):
        for i, entry in enumerate(_list(extra.get("polyfills"))):
            if isinstance(entry, str) and _host(entry):
                warn(("extra", "polyfills", i), f"every page loads a script from {_host(entry)}")
        analytics = extra.get("analytics")
        if analytics:
            provider = analytics.get("provider") if isinstance(analytics, dict) else None
            name = "Google Analytics" if provider in (None, "google") else f"'{provider}'"
            warn(
                ("extra", "analytics"),
                f"every page view is reported to {name}",
                "remove extra.analytics to keep every request on your own server",
            )
    if material and theme.get("font") not in (None, False):
        warn(
            ("theme", "font"),
            "ignored: the handbook loads no fonts from Google Fonts and "
            "shows the reader's own fonts",
            "write 'font: false'",
        )
    for name, options, path in settings.plugins():
        options = options if isinstance(options, dict) else {}
        if name in ("social", "material/social") and options.get("enabled", True) is not False:
            warn(path, "the social plugin downloads fonts from Google Fonts to draw its cards")
        if name in ("privacy", "material/privacy") and options.get("cache") is False:
            warn(
                path,
                "with 'cache: false' every build downloads the outside files again",
                "remove 'cache: false'",
            )
    for name, options, path in settings.extensions():
        options = options if isinstance(options, dict) else {}
        if name == "pymdownx.emoji":
            folder = (options.get("options") or {}).get("image_path")
            if not (isinstance(folder, str) and not _host(folder)):
                warn(
                    path,
                    "emoji are pictures that pages load from another host",
                    "set options: image_path to a folder of the site, or remove the extension",
                )
        if name == "pymdownx.superfences" and material:
            for i, fence in enumerate(_list(options.get("custom_fences"))):
                if isinstance(fence, dict) and fence.get("name") == "mermaid":
                    warn(
                        path + ("custom_fences", i),
                        "a page with a mermaid diagram loads mermaid.js from unpkg.com",
                    )


def _host(address: str) -> str:
    parts = urlsplit(address)
    if parts.netloc:
        return parts.hostname or parts.netloc
    return ""


# -- what the plugin does with the settings --------------------------------------------------------


def show_as_text(config: MutableMapping) -> None:
    """Escape every text mkdocs.yml gives a page, so the theme shows it as typed.

    Material prints these as HTML (``{{ config.site_name }}``). Each becomes a
    ``markupsafe.Markup`` holding the escaped text: printed as it is, it reads as the text; and
    Jinja's ``| e`` leaves it as it is, so it is never escaped twice. Doing it again changes
    nothing.
    """
    for key in SHOWN_TEXTS:
        if isinstance(config.get(key), str):
            config[key] = escape(config[key])
    extra = config.get("extra")
    if extra is not None:
        for key in list(extra):
            extra[key] = as_text(extra[key])
    theme = config.get("theme")
    if theme is not None and "palette" in theme:
        theme["palette"] = as_text(theme["palette"])
    if config.get("nav"):
        config["nav"] = nav_as_text(config["nav"])
    toc = (config.get("mdx_configs") or {}).get("toc")
    if isinstance(toc, dict) and isinstance(toc.get("title"), str):
        toc["title"] = escape(toc["title"])


def as_text(value: Any, *, plain: bool = False) -> Any:
    """Return `value` with every text in it (in lists and mappings, keys too) escaped.

    Texts become ``Markup``, or plain ``str`` with `plain` (to write into a YAML file).
    """
    if isinstance(value, str) and not isinstance(value, (Relative, PythonName)):
        return str(escape(value)) if plain else escape(value)
    if isinstance(value, list):
        return [as_text(v, plain=plain) for v in value]
    if isinstance(value, dict):
        return {as_text(k, plain=plain): as_text(v, plain=plain) for k, v in value.items()}
    return value


def nav_as_text(nav: Any, *, plain: bool = False) -> Any:
    """Return a ``nav:`` setting with its titles escaped (its addresses as they were)."""
    if isinstance(nav, list):
        return [nav_as_text(item, plain=plain) for item in nav]
    if isinstance(nav, dict):
        return {
            as_text(title, plain=plain) if isinstance(title, str) else title: nav_as_text(
                item, plain=plain
            )
            for title, item in nav.items()
        }
    return nav


def settings_as_text(settings: dict) -> dict:
    """Return plain settings (as read from mkdocs.yml) with every shown text escaped.

    For a project that builds without the plugin (``playbook-gen export``): the texts are
    plain ``str``, escaped once, so the file can be written as YAML.
    """
    out = dict(settings)
    for key in SHOWN_TEXTS:
        if isinstance(out.get(key), str):
            out[key] = as_text(out[key], plain=True)
    if isinstance(out.get("extra"), dict):
        out["extra"] = as_text(out["extra"], plain=True)
    theme = out.get("theme")
    if isinstance(theme, dict) and "palette" in theme:
        out["theme"] = {**theme, "palette": as_text(theme["palette"], plain=True)}
    if out.get("nav"):
        out["nav"] = nav_as_text(out["nav"], plain=True)
    extensions = out.get("markdown_extensions")
    entries = (
        extensions.items()
        if isinstance(extensions, dict)
        else [
            next(iter(e.items())) for e in extensions or [] if isinstance(e, dict) and len(e) == 1
        ]
    )
    for name, options in entries:
        if name == "toc" and isinstance(options, dict) and isinstance(options.get("title"), str):
            options["title"] = as_text(options["title"], plain=True)
    return out


TITLES_HOOK = (
    '"""Written by playbook-gen export: page titles stay text in <title>.\n\n'
    "Jinja's striptags turns &lt; back into <, and themes print its result unescaped.\n"
    '"""\n\n'
    "import jinja2.filters\n"
    "import markupsafe\n\n\n"
    "def on_env(env, config, files):\n"
    '    env.filters["striptags"] = lambda value: markupsafe.escape(\n'
    "        jinja2.filters.do_striptags(value)\n"
    "    )\n"
    "    return env\n"
)
"""A MkDocs hook that does what the plugin's ``on_env`` does (``striptags_as_text``)."""


def striptags_as_text(value: Any) -> Markup:
    """Jinja's ``striptags``, escaped again for the HTML it is printed into.

    ``striptags`` turns ``&lt;`` back into ``<``, and Material prints its result in ``<title>``
    unescaped, so an escaped title would become markup again there.
    """
    import jinja2.filters  # a build has Jinja loaded already; `validate` needs none of it

    return escape(jinja2.filters.do_striptags(value))


def anchors_level(settings: Settings | None, current: int) -> int:
    """Return how MkDocs should report links to missing anchors in hand-written pages.

    A warning (so ``--strict`` fails on one), unless mkdocs.yml sets it explicitly.
    """
    if settings is not None:
        validation = settings.get("validation", default={})
        if isinstance(validation, dict) and (
            "anchors" in validation
            or (isinstance(validation.get("links"), dict) and "anchors" in validation["links"])
        ):
            return current
    import logging  # loaded with MkDocs, which alone asks this

    return max(current, logging.WARNING)
