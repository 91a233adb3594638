"""Build the site into a fresh folder and swap it in; export the pages as a plain MkDocs project.

``build_site`` reads like ``mkdocs.commands.build.build()``: load the config, check the content,
build with MkDocs into a new folder beside the target, and only then put it in place. A failed or
killed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import shutil
import sys
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from .atomic import replacing
from .content.loader import display_path, load_handbook
from .content.model import Handbook
from .folders import check_output
from .pages import rawhtml
from .pages.render import (
    ASSET_DIR,
    OFFLINE_SCRIPT,
    Site,
    hand_written_pages,
    nav_pages,
    render_site,
)
from .plugin import PlaybookPlugin
from .problems import ContentError, UsageProblem
from .settings import (
    TITLES_HOOK,
    Brand,
    Checked,
    apply_brand,
    check_file,
    read_settings,
    settings_as_text,
)

TITLES_HOOK_FILE = "playbook_titles.py"
"""The hook an exported project runs (see ``settings.TITLES_HOOK``)."""
RAW_HTML_HOOK_FILE = "playbook_rawhtml.py"
"""The other hook: a copy of ``pages/rawhtml.py`` (links in raw HTML, the search dialog's name)."""


def build_site(
    config_file: str | os.PathLike = "mkdocs.yml",
    site_dir: str | os.PathLike | None = None,
    *,
    strict: bool | None = None,
    offline: bool = False,
) -> Path:
    """Validate the content, build the site into a fresh folder, then swap it in.

    Args:
        config_file: the handbook's mkdocs.yml.
        site_dir: where the site goes (relative to the working directory); default: the
            ``site_dir`` of mkdocs.yml.
        strict: override mkdocs.yml's ``strict`` (warnings abort the build).
        offline: build a site that works opened straight from a folder or file share
            (``file://``): pages end in ``.html`` and search needs no web server.

    Returns:
        The site folder.

    Raises:
        UsageProblem: the site folder overlaps the sources, is not a folder, or holds files
            that are not an earlier build.
        ContentError: mkdocs.yml or the content has problems; nothing was touched.
        mkdocs.exceptions.MkDocsException: MkDocs could not build; nothing was touched.
    """
    with mkdocs_config(config_file, strict=strict) as config:
        target = Path(site_dir or config.site_dir).resolve()
        check_output_dir(target, config, what="site")

        check_sources(config)  # every problem, before anything is written

        if offline:
            for_opening_from_a_folder(config)
        with replacing(target) as staging:
            config.site_dir = str(staging)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
            if offline:
                inline_search_index(staging)
    return target


def check_sources(config: MkDocsConfig) -> tuple[Checked, Handbook]:
    """Check mkdocs.yml, the content, and what the site would publish, together.

    Returns:
        What checking mkdocs.yml found (its warnings, the SVG images to publish), and the
        handbook.

    Raises:
        ContentError: with every problem in all of them (and their warnings): also a link in
            docs/ or the theme folder that leads out of the project, a docs_dir over the
            content, and (with ``strict``) text that may not be meant for readers.
    """
    settings, checked = check_file(
        config.config_file_path,
        docs_dir=Path(config.docs_dir),
        theme_dirs=[Path(d) for d in config.theme.dirs],
    )
    plugin = playbook_plugin(config)
    refused = plugin.published_problems(config)
    try:
        handbook = load_handbook(
            plugin.content_dir(config),
            project=plugin.project_dir(config),
            strict=config.strict,
            history=True,
        )
    except ContentError as exc:
        raise ContentError(checked.errors + refused + exc.problems + checked.warnings) from None
    plugin.settings = settings
    _, branded = plugin.check_brand(config, handbook)
    refused += branded.errors
    checked.warnings += branded.warnings
    checked.images.update(branded.images)
    if checked.errors or refused:
        raise ContentError(checked.errors + refused + checked.warnings + handbook.warnings)
    return checked, handbook


@contextlib.contextmanager
def mkdocs_config(config_file: str | os.PathLike, **overrides: Any) -> Iterator[MkDocsConfig]:
    """Load mkdocs.yml; a handbook without its ``docs_dir`` gets an empty one while it is used.

    MkDocs refuses a ``docs_dir`` that does not exist, but SPEC makes ``docs/`` optional: a
    handbook may be all generated pages.

    Raises:
        ContentError: mkdocs.yml is not valid YAML or holds a YAML tag that is not allowed (it
            is read safely first: MkDocs' own reading would run a Python tag).
    """
    with docs_dir_override(config_file) as docs_dir:
        if docs_dir is not None:
            overrides["docs_dir"] = docs_dir
        yield load_config(str(config_file), **overrides)


@contextlib.contextmanager
def docs_dir_override(config_file: str | os.PathLike) -> Iterator[str | None]:
    """Yield an empty folder to use as ``docs_dir`` when mkdocs.yml's is missing, else None.

    Raises:
        ContentError: mkdocs.yml cannot be read safely (see ``settings.read_settings``).
    """
    settings = read_settings(config_file, display_path(Path(config_file)))
    docs_dir = settings.data.get("docs_dir", "docs")
    if not isinstance(docs_dir, str) or (Path(config_file).parent / docs_dir).exists():
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="playbook-gen-docs-") as empty:
        yield empty


def for_opening_from_a_folder(config: MkDocsConfig) -> None:
    """Set up a build for ``file://``: page files instead of folders, search without a server.

    Browsers open ``x/`` from a folder as a file listing, so pages become ``x.html``; they
    refuse Web Workers there, so Material's search worker runs in a frame (our OFFLINE_SCRIPT)
    and reads its index from a script (``inline_search_index``) instead of fetching it.
    """
    config.use_directory_urls = False
    if config.theme.name == "material":
        polyfills = config.extra.setdefault("polyfills", [])
        polyfills.append(f"{ASSET_DIR}/{OFFLINE_SCRIPT}")
        features = config.theme.get("features") or []
        # Instant navigation fetches pages with XHR, which browsers refuse from a folder.
        config.theme["features"] = [f for f in features if f != "navigation.instant"]


def inline_search_index(site: Path) -> None:
    """Write ``search/search_index.js``, the index as a script Material loads from a folder."""
    index = site / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        (site / "search" / "search_index.js").write_text(f"var __index = {text};\n", "utf-8")


def export_site(
    config_file: str | os.PathLike, out_dir: str | os.PathLike, *, force: bool = False
) -> Path:
    """Write the handbook as a plain MkDocs project that builds without the playbook plugin.

    The project holds the generated Markdown pages, our assets and redirect pages, the
    hand-written docs, the theme folder and an mkdocs.yml with an explicit ``nav``.

    Args:
        config_file: the handbook's mkdocs.yml.
        out_dir: the folder to write; it must be empty or missing unless `force` is set, in
            which case its old contents are replaced.
        force: replace a non-empty `out_dir`.

    Raises:
        UsageProblem: `out_dir` is not empty (without `force`) or overlaps the sources.
        ContentError: the content has problems; nothing was written.
    """
    with mkdocs_config(config_file) as config:
        return _export(config, Path(out_dir).resolve(), force=force)


def _export(config: MkDocsConfig, target: Path, *, force: bool) -> Path:
    check_output_dir(target, config, what="export")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageProblem(f"{target} is not empty (use --force to replace it)")

    checked, handbook = check_sources(config)
    docs_dir = Path(config.docs_dir)
    site = render_site(
        handbook,
        hand_written=hand_written_pages(docs_dir),
        directory_urls=config.use_directory_urls,
    )

    with replacing(target) as staging:
        shutil.copytree(docs_dir, staging / "docs", dirs_exist_ok=True)
        generated: dict[str, bytes] = {
            **{path: text.encode() for path, text in site.pages.items()},
            **site.files,
        }
        for path, data in generated.items():
            file = staging / "docs" / path
            if file.exists():  # a hand-written file wins, as in the plugin
                continue
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        for path, data in checked.images.items():  # a logo's safe copy (docs/ wins over themes)
            file = staging / "docs" / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        theme_dir = None
        if config.theme.custom_dir:
            theme_dir = _theme_copy_path(Path(config.theme.custom_dir), project_dir(config))
            shutil.copytree(config.theme.custom_dir, staging / theme_dir)
        (staging / TITLES_HOOK_FILE).write_text(TITLES_HOOK, encoding="utf-8")
        (staging / RAW_HTML_HOOK_FILE).write_bytes(
            resources.files(rawhtml.__package__).joinpath("rawhtml.py").read_bytes()
        )
        brand, _ = playbook_plugin(config).check_brand(config, handbook)
        settings = exported_config(config, site, handbook, theme_dir, brand)
        (staging / "mkdocs.yml").write_text(
            f"# Exported by playbook-gen from {Path(config.config_file_path).name}; "
            "build it with `mkdocs build`.\n"
            + yaml.dump(settings, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return target


def exported_config(
    config: MkDocsConfig, site: Site, handbook: Handbook, theme_dir: str | None, brand: Brand
) -> dict[str, Any]:
    """Return the settings of an exported project: the original's, without the playbook plugin."""
    with open(config.config_file_path, "rb") as fd:
        settings = yaml_load(fd)
    # Without the plugin, the theme prints these as HTML: give it the texts escaped, and a hook
    # that keeps titles text in <title>, as the plugin does.
    if settings.get("theme") is None:
        settings["theme"] = {"name": "mkdocs"}
    elif isinstance(settings["theme"], str):
        settings["theme"] = {"name": settings["theme"]}
    settings["theme"] = dict(settings["theme"])
    apply_brand(settings, brand)  # the name and logo the plugin would give the pages
    settings = settings_as_text(settings)
    settings["hooks"] = [*(settings.get("hooks") or []), TITLES_HOOK_FILE, RAW_HTML_HOOK_FILE]
    settings["docs_dir"] = "docs"
    settings["site_dir"] = "site"

    theme = settings.get("theme") or {"name": "mkdocs"}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    if theme_dir:
        theme["custom_dir"] = theme_dir
    if theme.get("name") == "material":
        theme["font"] = False  # as the plugin does: no web fonts from another host
        theme.setdefault("language", handbook.playbook.language)
    settings["theme"] = theme

    plugins = settings.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    settings["plugins"] = [
        p for p in plugins if (p if isinstance(p, str) else next(iter(p), None)) != "playbook"
    ]

    if not settings.get("nav"):
        hand_written = hand_written_pages(Path(config.docs_dir)) - set(site.pages)
        settings["nav"] = site.nav + sorted(hand_written)
    if site.not_in_nav:  # as the plugin marks them: reached through links, not reported
        listed = {posixpath.dirname(p) for p in nav_pages(settings["nav"])}
        patterns = sorted(
            {
                f"/{folder}/*.md" if folder not in listed else f"/{page}"
                for page in site.not_in_nav
                for folder in [posixpath.dirname(page)]
            }
        )
        theirs = str(settings.get("not_in_nav") or "").splitlines()
        settings["not_in_nav"] = "\n".join([*theirs, *patterns])
    for key, ours in (("extra_css", site.extra_css), ("extra_javascript", site.extra_javascript)):
        theirs = list(settings.get(key) or [])
        known = {x if isinstance(x, str) else x.get("path") for x in theirs}
        settings[key] = theirs + [x for x in ours if x not in known]
    return settings


# -- where things are ------------------------------------------------------------------------------


def project_dir(config: MkDocsConfig) -> Path:
    """Return the folder that holds mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent


def content_dir(config: MkDocsConfig) -> Path:
    """Return the content folder named by the playbook plugin's settings.

    Raises:
        UsageProblem: mkdocs.yml does not use the playbook plugin.
    """
    return playbook_plugin(config).content_dir(config).resolve()


def playbook_plugin(config: MkDocsConfig) -> PlaybookPlugin:
    """Return the playbook plugin of mkdocs.yml.

    Raises:
        UsageProblem: mkdocs.yml does not use the playbook plugin.
    """
    for plugin in config.plugins.values():
        if isinstance(plugin, PlaybookPlugin):
            return plugin
    raise UsageProblem(
        f"{config.config_file_path} does not use the playbook plugin "
        "(add `- playbook` under `plugins:`)"
    )


def check_output_dir(target: Path, config: MkDocsConfig, *, what: str) -> None:
    """Refuse an output folder that a build or export has no right to replace.

    Raises:
        UsageProblem: with one line naming the folder and why (see ``folders.check_output``).
    """
    plugin = playbook_plugin(config)
    sources = plugin.source_dirs(config)
    check_output(target, project=project_dir(config), sources=sources, what=what)


def _theme_copy_path(custom_dir: Path, project: Path) -> str:
    custom_dir = custom_dir.resolve()
    if custom_dir.is_relative_to(project):
        return custom_dir.relative_to(project).as_posix()
    return f"themes/{custom_dir.name}"


def log_mkdocs(*, verbose: bool) -> None:
    """Show MkDocs' own messages on stderr: warnings, or progress too (`verbose`: serve,
    --debug)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _MkDocsHandler) for h in logger.handlers):
        logger.addHandler(_MkDocsHandler())
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    """Leave out MkDocs' warning about dirty builds: the preview rebuilds what a save changed."""
    return "'dirty' build" not in record.getMessage()


class _MkDocsHandler(logging.StreamHandler):
    def __init__(self):
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        self.addFilter(_not_dirty_warning)

    @property
    def stream(self):
        return sys.stderr  # whatever stderr is now (tests swap it)

    @stream.setter
    def stream(self, value):
        pass
