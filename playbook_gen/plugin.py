"""The MkDocs adapter: load content, hand the rendered pages over, watch content/ when serving.

Kept thin on purpose (MkDocs 2.0 drops plugins): everything it calls is plain functions that
``playbook-gen export`` uses too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from click import ClickException
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import is_error_template, normalize_url

from .content.loader import LoadCache, load_handbook
from .folders import check_output
from .pages import rawhtml
from .pages.csp import with_policy
from .pages.render import (
    RenderCache,
    Site,
    compiled_templates,
    error_page_anywhere,
    hand_written_pages,
    preview_problems,
    problems_site,
    render_site,
)
from .preview import Preview, files_under, fingerprint, nav_menus
from .problems import ContentError, Problem, UsageProblem, format_problems, sort_problems
from .settings import (
    Brand,
    Checked,
    Settings,
    anchors_level,
    apply_brand,
    check_brand,
    check_file,
    show_as_text,
    striptags_as_text,
)
from .sources import published_files, published_problems


class PlaybookConfig(Config):
    content = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Add the handbook's generated pages to an MkDocs site."""

    def __init__(self) -> None:
        self.serving = False
        self.site: Site | None = None
        self.settings: Settings | None = None
        self.checked = Checked()
        self.preview: Preview | None = None
        """While serving in dirty mode: what the last build was made of (see ``preview``)."""
        self.rebuilt: set[str] = set()
        """URLs of the pages this build renders (the search index keeps the others' entries)."""
        self.page_urls: set[str] = set()
        """URLs of every page of this build (the search index drops the entries of the rest)."""
        self.load_cache: LoadCache | None = None
        """While serving: what each content file gave last time (files read again on change)."""
        self.render_cache: RenderCache | None = None
        """While serving: the pages rendered last time (pages a save did not change are kept)."""
        self.page_html: _PageHTML | None = None
        """While previewing: the HTML MkDocs made of each generated page's Markdown last time."""
        self.last_good: tuple[Site, Brand, dict[str, bytes], str] | None = None
        """While serving: the last build without problems (its site, name, logo and language)."""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.preview = Preview() if self.serving and dirty else None
        self.page_html = _PageHTML() if self.preview is not None else None
        self.last_good = None
        self.load_cache = LoadCache() if self.serving else None
        self.render_cache = RenderCache() if self.serving else None

    def content_dir(self, config) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.content

    def source_dirs(self, config) -> dict[str, Path]:
        """Return name -> folder of every source folder, which no output may touch."""
        sources = {"docs": Path(config.docs_dir), "content": self.content_dir(config)}
        if config.theme.custom_dir:
            sources["theme"] = Path(config.theme.custom_dir)
        themes = Path(config.config_file_path or ".").parent / "themes"
        if themes.is_dir():
            sources["themes"] = themes
        return sources

    def on_config(self, config):
        self.settings, self.checked = self.check_settings(config)
        refused = self.published_problems(config)  # listed with the content's problems
        try:
            handbook = load_handbook(
                self.content_dir(config),
                project=self.project_dir(config),
                strict=config.strict,
                cache=self.load_cache,
                history=True,
            )
            brand, branded = self.check_brand(config, handbook)
            refused += branded.errors
            if refused:
                raise ContentError(handbook.warnings + branded.warnings)
        except ContentError as exc:
            exc = ContentError(refused + exc.problems)
            print(str(exc), file=sys.stderr, flush=True)
            if not self.serving:
                count = len(exc.problems)
                raise PluginError(
                    f"{count} problem{'s' * (count != 1)} in the content; nothing was built"
                ) from None
            if self.last_good is None:
                # While serving, show the problems in the browser; the next save rebuilds.
                self.site = problems_site(exc.problems)
            else:
                # Keep showing the last good pages, under a banner listing the problems.
                self.site, brand, images, language = self.last_good
                self.site = preview_problems(self.site, exc.problems)
                apply_brand(config, brand)
                self.checked.images.update(images)
                _set_theme_language(config, language)
        else:
            for warning in handbook.warnings:  # worked around (e.g. a result file handed in twice)
                print(warning.format(), file=sys.stderr, flush=True)
            for warning in branded.warnings:
                print(warning.format(), file=sys.stderr, flush=True)
            apply_brand(config, brand)  # the handbook's name in every header and tab title
            self.checked.images.update(branded.images)
            self.site = render_site(
                handbook,
                hand_written=hand_written_pages(config.docs_dir),
                directory_urls=config.use_directory_urls,
                cache=self.render_cache,
            )
            language = handbook.playbook.language
            _set_theme_language(config, language)
            if self.serving:
                self.site = preview_problems(self.site, [])
                self.last_good = (self.site, brand, branded.images, language)
        if config.theme.name == "material":
            config.theme["font"] = False  # the site makes no request to another host (SPEC)
        show_as_text(config)  # site settings are text too: Material prints them as HTML
        links = config.validation.links
        links["anchors"] = anchors_level(self.settings, links.anchors)  # --strict fails on one
        for css in self.site.extra_css:
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in self.site.extra_javascript:
            if js not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(js)
        return config

    def check_brand(self, config, handbook) -> tuple[Brand, Checked]:
        """Return the handbook's name and logo (see ``settings.check_brand``)."""
        theme = config.theme.custom_dir
        return check_brand(
            self.settings,
            handbook.playbook,
            self.content_dir(config),
            docs_dir=Path(config.docs_dir),
            theme_dir=Path(theme) if theme else None,
        )

    def project_dir(self, config) -> Path:
        """Return the folder that holds mkdocs.yml."""
        return Path(config.config_file_path or ".").absolute().parent

    def published_problems(self, config) -> list[Problem]:
        """Return why the build would publish more than the handbook (see ``sources``)."""
        theme = config.theme.custom_dir
        return published_problems(
            project=self.project_dir(config),
            docs_dir=Path(config.docs_dir),
            content=self.content_dir(config),
            theme_dir=Path(theme) if theme else None,
            config_file=Path(config.config_file_path) if config.config_file_path else None,
        )

    def check_settings(self, config) -> tuple[Settings | None, Checked]:
        """Check mkdocs.yml (see ``settings.check_file``); print what was found, stop on errors."""
        if not config.config_file_path:
            return None, Checked()
        settings, checked = check_file(
            config.config_file_path,
            docs_dir=Path(config.docs_dir),
            theme_dirs=[Path(d) for d in config.theme.dirs],
        )
        if checked.errors or checked.warnings:
            found = format_problems(sort_problems(checked.errors + checked.warnings))
            print(found, file=sys.stderr, flush=True)
        if checked.errors:
            count, name = len(checked.errors), Path(config.config_file_path).name
            raise PluginError(f"{count} problem{'s' * (count != 1)} in {name}; nothing was built")
        return settings, checked

    def on_pre_build(self, *, config):
        # Plain `mkdocs build` empties site_dir next: never one the handbook did not build.
        if self.serving:
            return
        project = Path(config.config_file_path or ".").resolve().parent
        try:
            check_output(Path(config.site_dir), project=project, sources=self.source_dirs(config))
        except UsageProblem as exc:
            raise _Refused(str(exc)) from None

    def on_files(self, files: Files, *, config) -> Files:
        assert self.site is not None
        # Only the handbook is published: nothing from content/ (a docs_dir over it), nothing
        # through a link out of the project. on_config refuses both; serving, a site with
        # problems is still built, so they are left out here too.
        theme = config.theme.custom_dir
        own = [Path(config.docs_dir), *([Path(theme)] if theme else [])]
        copied = [
            (f, f.abs_src_path)
            for f in files
            if f.generated_by is None
            and f.abs_src_path is not None
            and any(_inside(f.abs_src_path, d) for d in own)
        ]
        kept = published_files(
            copied, project=self.project_dir(config), content=self.content_dir(config)
        )
        kept_ids = {id(f) for f in kept}
        for file, _ in copied:
            if id(file) not in kept_ids:
                files.remove(file)
        hidden = set(self.site.not_in_nav)
        present = set(files.src_uris)  # docs-relative paths, as ours are
        for path, text in self.site.pages.items():
            if path not in present:
                level = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
                files.append(_GeneratedPage.generated(config, path, content=text, inclusion=level))
        for path, data in self.site.files.items():
            if path not in present:
                files.append(File.generated(config, path, content=data))
        for path, data in self.checked.images.items():  # a logo's safe copy, never the original
            original = files.get_file_from_path(path)
            if original is not None:
                files.remove(original)
            files.append(File.generated(config, path, content=data))
        if config.nav is None:
            ours = set(self.site.pages)
            extra = [f.src_uri for f in files.documentation_pages() if f.src_uri not in ours]
            config.nav = self.site.nav + sorted(extra)
        if self.preview is not None:
            self.skip_unchanged(files, config)
        return files

    def skip_unchanged(self, files: Files, config) -> None:
        """While previewing, let MkDocs' dirty mode skip the pages this save did not change.

        See ``preview``. The pages a save removed are deleted from the preview's folder (a
        temporary one MkDocs made), so that none is served stale.
        """
        assert self.site is not None and self.preview is not None
        shared = self.shared_fingerprint(config)
        features = config.theme.get("features") or []
        pages = [file.src_uri for file in files.documentation_pages()]
        menus = nav_menus(config.nav, pages, pruned="navigation.prune" in features)
        same_pages = set(self.preview.pages) == set(self.site.pages)
        changed = self.preview.changed(self.site, shared, menus)
        if _search_plugin(config) is None:
            changed = None  # only Material's search keeps the skipped pages' entries
        site_dir = Path(config.site_dir)
        for path in self.preview.gone(self.site):
            target = Path(
                File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path
            )
            if target.is_file() and target.is_relative_to(site_dir):
                target.unlink()
        self.rebuilt = set()
        for file in files.documentation_pages():
            if isinstance(file, _GeneratedPage):
                file.unchanged = changed is not None and file.src_uri not in changed
            elif os.path.isfile(file.abs_dest_path) and (
                changed is None
                or not same_pages
                or self.preview.menus.get(file.src_uri) != menus.get(file.src_uri)
                or _may_show_other_files(config)
            ):
                # A hand-written page is rebuilt when it changed (MkDocs sees that; and then
                # the shared fingerprint changed too), when what it shows of the navigation
                # changed, when pages came or went (links to them), and when it may take in
                # other files (snippets, other plugins): else it is the same as last time.
                os.utime(file.abs_dest_path, (0, 0))
        self.preview.remember(self.site, shared, menus)

    def shared_fingerprint(self, config) -> str:
        """Return the fingerprint of what every page shows (see ``preview``)."""
        assert self.site is not None
        theme = config.theme
        parts = [
            self.site.not_in_nav,
            [str(x) for x in config.extra_css],
            [str(x) for x in config.extra_javascript],
            {key: theme[key] for key in theme},
            [config.site_name, config.site_url, config.copyright, config.use_directory_urls],
            config.extra,
            {path: hash(data) for path, data in self.checked.images.items()},
        ]
        watched = [Path(config.config_file_path)] if config.config_file_path else []
        watched += files_under(Path(config.docs_dir))  # hand-written pages' titles are in menus
        custom = theme.custom_dir
        return fingerprint(parts, watched + files_under(Path(custom) if custom else None))

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        search = _search_plugin(config)
        if self.preview is None or search is None:
            return
        # Material's search, in dirty mode, merges in the last index on the assumption that
        # one page was rebuilt. Hand it the last index without every page rebuilt this time.
        previous = search.search_index_prev
        if previous is not None:
            kept = [
                entry
                for entry in previous.entries
                if (page := entry["location"].split("#")[0]) in self.page_urls
                and page not in self.rebuilt
            ]
            search.search_index.entries = kept + search.search_index.entries
            search.search_index_prev = None

    def on_nav(self, nav, *, config, files):
        if self.page_html is not None and self.preview is not None:
            self.page_html.start((self.preview.shared, [(f.src_uri, f.url) for f in files]))
        if self.preview is not None:
            # A page MkDocs skips is not read, so it would have no title for the others' menus.
            titles = self.preview.titles
            self.page_urls = set()
            for file in files.documentation_pages():
                if file.src_uri in titles and not file.is_modified():
                    file.page.title = titles[file.src_uri]
                if file.page is not None:
                    self.page_urls.add(file.page.url)
        return nav

    def on_pre_page(self, page, *, config, files):
        if self.page_html is not None and isinstance(page.file, _GeneratedPage):
            self.page_html.wrap(page)
        return page

    def on_page_context(self, context, *, page, config, nav):
        if self.preview is not None:
            self.preview.titles[page.file.src_uri] = page.title
            self.rebuilt.add(page.url)
        return context

    def on_env(self, env, *, config, files):
        env.filters["striptags"] = striptags_as_text  # titles stay text in <title>
        if env.bytecode_cache is None:  # the theme's templates, compiled once, not every build
            env.bytecode_cache = compiled_templates(env)
        return env

    def on_template_context(self, context, *, template_name, config):
        if _error_page_without_site_url(template_name, config):
            # MkDocs links error pages from the server's root, which breaks under a sub-path.
            context["base_url"] = "."
            context["extra_css"] = [normalize_url(p, None, ".") for p in config.extra_css]
            context["extra_javascript"] = [
                normalize_url(str(s), None, ".") for s in config.extra_javascript
            ]
        return context

    def on_page_content(self, html, *, page, config, files):
        return rawhtml.on_page_content(html, page, config, files)  # links in our raw HTML

    def on_post_template(self, output, *, template_name, config):
        output = rawhtml.name_search_dialog(output)
        if _error_page_without_site_url(template_name, config):
            output = error_page_anywhere(output)
        if template_name.endswith(".html") and not self.serving:
            output = with_policy(output)
        return output

    def on_post_page(self, output, *, page, config):
        output = rawhtml.name_search_dialog(output)
        # Not while serving: MkDocs' live reload adds a script of its own to every page.
        return output if self.serving else with_policy(output)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_dir(config)))
        return server


class _GeneratedPage(File):
    """A generated page, which the preview may mark unchanged since the last build."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class _PageHTML:
    """While previewing: what MkDocs' conversion of each generated page's Markdown set on it.

    A page whose navigation changed but whose Markdown did not (a principle renamed: the other
    pages of its navigation group) is built again in the theme, but its Markdown is not
    converted again: what the conversion set on the page last time (its HTML, table of
    contents, anchors and links) is set again. Kept while the site's settings and its files are
    the same (``start``); the plugins' later steps (``on_page_content``) run as always.
    """

    def __init__(self) -> None:
        self.key: object = None
        self.pages: dict[str, tuple[str, dict]] = {}
        """Page path -> (the Markdown converted, what the conversion set on the page)."""

    def start(self, key: object) -> None:
        """Begin a build; forget every page when the settings or the files changed."""
        if key != self.key:
            self.pages = {}
        self.key = key

    def wrap(self, page) -> None:
        """Make the page's conversion (``Page.render``) take its result from here when it can."""
        convert, path = page.render, page.file.src_uri

        def render(config, files) -> None:
            kept = self.pages.get(path)
            if kept is not None and kept[0] == page.markdown:
                vars(page).update(kept[1])
                links = getattr(page, "links_to_anchors", None)
                if links:  # by the pages linked to: this build's, for MkDocs' anchor checks
                    page.links_to_anchors = {
                        files.get_file_from_path(file.src_uri) or file: anchors
                        for file, anchors in links.items()
                    }
                return
            markdown, before = page.markdown, dict(vars(page))
            convert(config, files)
            made = {k: v for k, v in vars(page).items() if k not in before or before[k] is not v}
            self.pages[path] = (markdown, made)

        page.render = render


KNOWN_PLUGINS = frozenset({"search", "material/search", "playbook"})


def _may_show_other_files(config) -> bool:
    """Whether a hand-written page may take in other files (so it is rebuilt on every save)."""
    if set(config.plugins) - KNOWN_PLUGINS:
        return True
    return any("snippets" in name or "include" in name for name in config.markdown_extensions)


def _search_plugin(config):
    """Return Material's search plugin when it keeps a dirty build's index whole, else None."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev") and hasattr(plugin, "search_index"):
            return plugin
    return None


class _Refused(ClickException):
    """A site folder MkDocs must not empty: MkDocs prints "Error: ..." and exits 2."""

    exit_code = 2


def _inside(path: str, folder: Path) -> bool:
    return Path(path).is_relative_to(folder)


def _error_page_without_site_url(template_name: str, config) -> bool:
    return is_error_template(template_name) and not config.site_url


def _set_theme_language(config, language: str) -> None:
    """Give Material the handbook's language (its labels, and <html lang>).

    Material always has a language ('en' by default), so only an explicit other choice in
    mkdocs.yml is kept; a language Material has no labels for keeps English labels.
    """
    if config.theme.name != "material" or config.theme.get("language", "en") != "en":
        return
    for code in (language, language.split("-")[0]):
        if any(
            (Path(d) / "partials" / "languages" / f"{code}.html").is_file()
            for d in config.theme.dirs
        ):
            config.theme["language"] = code
            return
