"""Handbook -> Markdown pages, static files and navigation, ready for any site engine.

Nothing here knows about MkDocs: the plugin hands ``Site.pages`` to MkDocs in memory, and
``playbook-gen export`` writes the same pages to disk. Sorting and grouping happen here; the
templates only loop and branch.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import rcssmin
import rjsmin
from markupsafe import Markup

from .. import results
from ..collector import collector_paused
from ..content import richtext
from ..content.history import RECENT, last_changed
from ..content.model import KINDS, Assessment, Handbook, Question, handbook_name
from ..content.review import review_of
from ..i18n import words
from .csp import with_policy
from .plan import due_after

ASSET_DIR = "assets/playbook"
STYLESHEET = "pb.css"
"""Our CSS, on every page (it also styles links in running text)."""
PAGE_SCRIPTS = {
    "pb-assessment.js": ("pb-review.js", "pb-core.js", "pb-score.js", "pb-assessment.js"),
    "pb-checklist.js": ("pb-review.js", "pb-core.js", "pb-checklist.js"),
    "pb-review.js": ("pb-review.js",),
    "pb-plan.js": ("pb-core.js", "pb-checklist.js", "pb-plan.js"),
    "pb-results.js": ("pb-core.js", "pb-score.js", "pb-combine.js", "pb-results.js"),
}
"""Each page script as served: the shared core, then the page's own code, in one file (a script
loaded on demand by a page that has the core already, ``ON_DEMAND``, is its own code alone).

A page that uses one names it in its template (``<script src="{{ asset_url(...) }}">``), so a
principle page loads none, or only ``pb-review.js`` (a few lines, alone) when it has a review
date. One file per page, not two, because Material's instant navigation
inserts a page's scripts again without keeping their order, and because each file a page loads
costs its reader a trip to the browser's cache while the page is read: the assessment's and the
checklist's scripts carry ``pb-review.js`` too, as those pages have a review line
(``review_line(..., script=false)`` in their templates).
"""
PAGE_STYLES = ("pb-assessment.css", "pb-workshop.css")
"""Styles only one page type needs, which its template writes into the page (``page_style``):
the assessment's progress line and long form would weigh on every other page, the onboarding
plan's most of all (the heaviest page, by our JS and CSS), and the facilitator guide's print
layout is its own too. In the page, not linked: a stylesheet linked from the page's content
arrives after the page's first layout and has every element styled again; in
``bench/bench_pages.py`` the linked one made the assessment ready ~0.06-0.09 later, against a
plain page, than the same rules in a ``<style>``."""
ON_DEMAND = {
    "pb-export.js": ("pb-export.js",),
    "pb-combine.js": ("pb-combine.js",),
    "pb-customer.js": ("pb-combine.js", "pb-customer.js"),
    "pb-actions.js": ("pb-ics.js", "pb-actions.js"),
    "pb-actions.css": ("pb-actions.css",),
    "pb-ics.js": ("pb-ics.js",),
}
"""Scripts and styles a page loads only when the reader first needs them (``PB.need`` in
pb-core.js), each its own code alone on top of the page's script: the assessment's exports,
reading a result file (the assessment's Import), the customer's page and combining customers'
files, the action plan (which brings its own styles), and the onboarding plan's calendar (the
action plan carries the same calendar code). They add nothing to a page's first load;
bench/bench_pages.py prints their size."""
ASSETS = (STYLESHEET, *PAGE_SCRIPTS, *ON_DEMAND)
"""Our CSS and JS as files of the site (page styles are in their pages)."""
OFFLINE_SCRIPT = "pb-offline.js"
"""Shipped too, but loaded only by a site built to open from a folder (``build --offline``)."""
PREVIEW_SCRIPT = "pb-preview.js"
"""Loaded only while previewing (``serve``): shows the content's problems above every page."""
PREVIEW_PROBLEMS = "preview-problems.json"
"""What the preview script reads, next to it: the problems of the last save (none when good)."""


@dataclass
class Site:
    """Everything a site engine needs to publish the handbook."""

    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative Markdown path -> page source."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Docs-relative path -> bytes of a static file (our assets, redirect pages)."""
    nav: list[Any] = field(default_factory=list)
    """MkDocs-style navigation: [{title: path-or-list}, ...]."""
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)
    """Generated pages left out of ``nav`` on purpose, reached through links (the dashboard's
    team pages): the site engine need not report them."""


class RenderCache:
    """The pages a preview rendered last time, so that a save renders only the pages it changed.

    Each page is kept with its template and what it shows (``PlannedPage.shows``): the content
    objects its Markdown is made from. The next rendering takes a page from here when its
    template is the same and its objects equal the kept ones: the same objects when their files
    did not change (the loader keeps them, see ``LoadCache``), else equal field by field.
    What every page may show is the ``shared`` part: playbook.yaml (the names, roles, phases,
    language and settings), which entities there are and in what order, the content's history,
    the result files, the hand-written pages and the style of URLs. When it changes, nothing is
    taken from here. A page that shows the whole handbook (``shows`` None) is always rendered.
    """

    def __init__(self) -> None:
        self.shared: tuple | None = None
        self.pages: dict[str, tuple[str, tuple, str]] = {}
        """Page path -> (template, what it shows, its Markdown)."""
        self.rendered: list[str] = []
        """The pages the last rendering rendered; it took the others from here."""

    def start(self, shared: tuple) -> None:
        """Begin a rendering: forget every page when what every page may show changed."""
        if shared != self.shared:
            self.pages = {}
        self.shared = shared
        self.rendered = []

    def get(self, page: PlannedPage) -> str | None:
        """Return the page's Markdown when it was rendered from the same template and content."""
        kept = self.pages.get(page.path)
        if kept is None or page.shows is None or kept[0] != page.template:
            return None
        return kept[2] if kept[1] == page.shows else None

    def put(self, page: PlannedPage, text: str) -> None:
        self.rendered.append(page.path)
        if page.shows is not None:
            self.pages[page.path] = (page.template, page.shows, text)

    def keep_only(self, paths) -> None:
        """Forget the pages this rendering no longer has."""
        self.pages = {path: self.pages[path] for path in paths if path in self.pages}


@collector_paused()
def render_site(
    handbook: Handbook,
    *,
    hand_written: frozenset[str] = frozenset(),
    directory_urls: bool = True,
    cache: RenderCache | None = None,
) -> Site:
    """Render every generated page of the handbook.

    Args:
        handbook: validated content.
        hand_written: docs-relative paths of hand-written pages; a generated page never
            replaces one (a hand-written ``index.md`` replaces the generated home page).
        directory_urls: whether the site engine serves ``x.md`` at ``x/`` (MkDocs' default);
            used only for the targets of redirect pages.
        cache: the pages rendered last time, while previewing: a page whose content did not
            change is taken from it (see ``RenderCache``).
    """
    renderer = _Renderer(handbook, directory_urls)
    site = Site()
    if cache is not None:
        cache.start(_shared_by_every_page(handbook, hand_written, directory_urls))
    for page in _page_plan(handbook):
        if page.path in hand_written:
            continue
        text = cache.get(page) if cache is not None else None
        if text is None:
            text = renderer.render(page.template, page.path, **page.context())
            if cache is not None:
                cache.put(page, text)
        site.pages[page.path] = text
    if cache is not None:
        cache.keep_only(site.pages)
    for old, new in redirects(handbook, directory_urls).items():
        site.files[old] = redirect_page(
            old, new, directory_urls, renderer.words, handbook.playbook.language
        ).encode()
    for name in (*ASSETS, OFFLINE_SCRIPT):
        site.files[f"{ASSET_DIR}/{name}"] = asset(name)
    site.files[f"{ASSET_DIR}/{STYLESHEET}"] += print_texts(handbook).encode()
    site.extra_css = [f"{ASSET_DIR}/{STYLESHEET}"]
    # No script on every page: the assessment, checklist and onboarding templates write their
    # own <script src> elements in raw HTML, in the form Markdown links take (see ``rawhtml``).
    site.extra_javascript = []
    site.nav = _nav(handbook, site.pages, renderer.words)
    site.not_in_nav = sorted(set(site.pages) - set(nav_pages(site.nav)))
    return site


def _shared_by_every_page(
    handbook: Handbook, hand_written: frozenset[str], directory_urls: bool
) -> tuple:
    """What any page may show besides what it names in ``PlannedPage.shows`` (``RenderCache``)."""
    return (
        handbook.playbook,
        tuple(tuple(handbook.entities(kind)) for kind in KINDS),
        handbook.history,
        handbook.results,
        hand_written,
        directory_urls,
    )


def nav_pages(nav: list[Any]) -> list[str]:
    """Return every page path in a MkDocs-style navigation, in order."""
    out: list[str] = []
    for entry in nav:
        if isinstance(entry, str):
            out.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                out += nav_pages(value) if isinstance(value, list) else [value]
    return out


def hand_written_pages(docs_dir) -> frozenset[str]:
    """Return the docs-relative paths of the hand-written Markdown pages in `docs_dir`."""
    docs = Path(docs_dir)
    if not docs.is_dir():
        return frozenset()
    return frozenset(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


@functools.cache
def asset(name: str) -> bytes:
    """Return one of our assets as the site serves it: minified (the package keeps it readable).

    A page script (``PAGE_SCRIPTS``) is its source files joined, in order.
    """
    sources = {**PAGE_SCRIPTS, **ON_DEMAND}.get(name, (name,))
    folder = resources.files(__package__) / "assets"
    text = "\n".join((folder / source).read_text(encoding="utf-8") for source in sources)
    if name.endswith(".js"):
        text = rjsmin.jsmin(text)
    elif name.endswith(".css"):
        text = rcssmin.cssmin(text)
    return text.encode("utf-8")


def print_texts(handbook: Handbook) -> str:
    """Return the CSS that gives our print rules (in pb.css) the handbook's texts.

    The organisation and title head every printed page, whatever wrote the page: generated or
    hand-written, built with or without the plugin.
    """
    t = words(handbook.playbook.language)
    texts = {
        "head": handbook_name(handbook.playbook),
        "date": t["print_date"],
        "sign-off": t["sign_off"],
    }
    return ":root{" + "".join(f"--pb-print-{k}:{css_string(v)};" for k, v in texts.items()) + "}"


_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def css_string(text: str) -> str:
    """Return `text` as a CSS string: every character but a letter or digit as a six-digit
    escape, so nothing in it can end the string or the rule.

    A space after an escape would be read as the escape's end, so spaces are escaped too.
    """
    return '"' + "".join(c if c in _CSS_PLAIN else f"\\{ord(c):06x}" for c in text) + '"'


def preview_problems(site: Site, problems) -> Site:
    """Return the site as ``serve`` shows it: with a banner over every page listing problems.

    The banner is drawn by a script that reads the problems from a file beside it, so that a
    save with problems changes one file, not every page: the pages stay the last good ones.
    """
    lines = [p.format() for p in problems]
    count = len(lines)
    data = {
        "title": (
            f"{count} problem{'s' * (count != 1)} in the content. Until they are fixed, these "
            "pages show the last version without problems."
        ),
        "problems": lines,
    }
    files = dict(site.files)
    files[f"{ASSET_DIR}/{PREVIEW_SCRIPT}"] = asset(PREVIEW_SCRIPT)
    files[f"{ASSET_DIR}/{PREVIEW_PROBLEMS}"] = json.dumps(data, ensure_ascii=False).encode()
    scripts = [*site.extra_javascript, f"{ASSET_DIR}/{PREVIEW_SCRIPT}"]
    return dataclasses.replace(site, files=files, extra_javascript=scripts)


def problems_site(problems) -> Site:
    """Return a one-page site listing content problems (shown by ``serve`` until they are fixed)."""
    lines = "\n".join(html.escape(p.format()) for p in problems)
    page = (
        "---\ntitle: Content problems\n---\n\n# Content problems\n\n"
        "<p>Fix these in the content files and save; this page reloads by itself.</p>\n\n"
        f'<pre class="pb-problems">{lines}</pre>\n'
    )
    return Site(pages={"index.md": page}, nav=[{"Content problems": "index.md"}])


# -- the generated pages, in navigation order ------------------------------------------------------


def _principle_page(handbook: Handbook, principle) -> dict[str, Any]:
    return {
        "examples": handbook.examples_of(principle.id),
        "items": handbook.items_citing(principle.id),
    }


def _example_page(handbook: Handbook, example) -> dict[str, Any]:
    return {"principles": handbook.principles_of(example.id)}


def _assessment_page(handbook: Handbook, assessment) -> dict[str, Any]:
    return {
        "data": assessment_data(handbook, assessment),
        "recommend": assessment_links(handbook, assessment),
        "workshop": workshop_page(assessment.id),
        "actions": actions_data(handbook, assessment),
    }


def _checklist_page(handbook: Handbook, checklist) -> dict[str, Any]:
    return {
        "data": checklist_data(handbook, checklist),
        "filters": checklist_filters(handbook, checklist),
    }


ENTITY_PAGE_CONTEXT: dict[str, Callable[[Handbook, Any], dict[str, Any]]] = {
    "principles": _principle_page,
    "examples": _example_page,
    "assessments": _assessment_page,
    "checklists": _checklist_page,
}
"""What an entity's page shows besides the entity (the template names it ``Kind.one``), by kind:
what other pages link to it, and the data its page script reads. A kind without an entry gets
only the entity."""


def _principle_shows(handbook: Handbook, principle) -> list:
    citing = [checklist for checklist, _ in handbook.items_citing(principle.id)]
    return [*handbook.examples_of(principle.id), *citing]


def _example_shows(handbook: Handbook, example) -> list:
    return handbook.principles_of(example.id)


def _assessment_shows(handbook: Handbook, assessment) -> list:
    """The principles and checklists it recommends (the facilitator guide shows them too)."""
    return [
        entity
        for links in assessment_links(handbook, assessment).values()
        for entity in (*links["principles"], *(c for c, _ in links["checklist_items"]))
    ]


def _checklist_shows(handbook: Handbook, checklist) -> list:
    """The principles its items name (their titles are on the page)."""
    return [handbook.principles[p] for item in checklist.items for p in item.principles]


ENTITY_PAGE_SHOWS: dict[str, Callable[[Handbook, Any], list]] = {
    "principles": _principle_shows,
    "examples": _example_shows,
    "assessments": _assessment_shows,
    "checklists": _checklist_shows,
}
"""The other entities an entity's page shows, by kind: what is in ``ENTITY_PAGE_CONTEXT``'s
context, and what its template looks up in the handbook. A page is rendered again when one of
them changes (see ``RenderCache``); a kind without an entry shows only its entity."""


@dataclass(frozen=True)
class Card:
    """One card on the home page: where a group of readers starts."""

    group: str
    """Who it is for ("For everyone", "For teams", ...)."""
    title: str
    """What the reader does there: the card's heading and its one link."""
    text: str
    """One line: what the reader finds there."""
    page: str
    """The docs-relative .md path it links to."""
    count: str
    """How much is there ("12 principles")."""


def count_text(t: dict[str, str], key: str, n: int) -> str:
    """Return "1 item", "12 items", ... from the words ``<key>`` and ``<key>_one``."""
    return t[f"{key}_one"] if n == 1 else t[key].format(n=n)


def home_cards(handbook: Handbook, pages) -> list[Card]:
    """Return the home page's cards: one per thing the handbook has, each for its readers.

    A card is there only when there is something behind it and its page is made (`pages`: the
    docs-relative paths of the generated pages): a handbook without checklists has no checklist
    or onboarding card, one without result files no results card.
    """
    t = words(handbook.playbook.language)
    cards = []

    def add(group: str, what: str, page: str, count: str, n: int, title: str = "") -> None:
        if n and page in pages:
            cards.append(
                Card(
                    group=t[f"card_for_{group}"],
                    title=t[title or f"card_{what}"],
                    text=t[f"card_{what}_text"],
                    page=page,
                    count=count_text(t, count, n),
                )
            )

    add("everyone", "principles", "principles/index.md", "n_principles", len(handbook.principles))
    add("everyone", "examples", "examples/index.md", "n_examples", len(handbook.examples))
    assessments = list(handbook.assessments.values())
    if len(assessments) == 1:  # straight to it
        page = KINDS["assessments"].page(assessments[0].id)
        questions = sum(len(d.questions) for d in assessments[0].dimensions)
        add("teams", "assessment", page, "n_questions", questions)
    else:
        several = len(assessments)
        page = "assessments/index.md"
        add("teams", "assessment", page, "n_assessments", several, title="card_assessments")
    add("managers", "checklists", "checklists/index.md", "n_checklists", len(handbook.checklists))
    if handbook.checklists:
        roles = len(handbook.playbook.roles)
        add("newcomers", "onboarding", "onboarding/index.md", "n_roles", roles)
    teams = len({r.team for r in handbook.results})
    add("hr", "results", "results/index.md", "n_teams", teams)
    return cards


class PlannedPage(NamedTuple):
    """One generated page, before it is rendered."""

    path: str
    """Its docs-relative Markdown path."""
    template: str
    shows: tuple | None
    """The content it shows besides what every page may show (see ``RenderCache``): the entities
    (and results) its Markdown is made from. None: it shows the whole handbook."""
    context: Callable[[], dict[str, Any]]
    """Returns what its template is rendered with (only called when it is rendered)."""


def _page_plan(handbook: Handbook):
    """Yield a ``PlannedPage`` for every generated page, in navigation order."""
    pages = list(_entity_pages(handbook))  # first: the home page's cards link to them
    news = whats_new(handbook)
    if news:
        pages.append(PlannedPage("whats-new.md", "whats_new.md.j2", None, lambda: news))
    paths = frozenset(page.path for page in pages)
    latest = news["changes"][0]["day"] if news else None
    yield PlannedPage(
        "index.md",
        "home.md.j2",
        None,
        lambda: {"cards": home_cards(handbook, paths), "latest": latest},
    )
    yield from pages


def _entity_pages(handbook: Handbook):
    """Yield a ``PlannedPage`` for every generated page but the home page."""
    changed = last_changed(handbook.history)

    def entity_context(kind, entity) -> dict[str, Any]:
        more = ENTITY_PAGE_CONTEXT.get(kind.folder)
        context = {kind.one: entity, **more(handbook, entity)} if more else {kind.one: entity}
        if kind.sourced:
            context["cited"] = cited_sources(entity)
        context["review"] = review_of(handbook, kind.folder, entity)
        context["changed"] = changed.get(f"{kind.folder}/{entity.id}.yaml")
        return context

    for kind in KINDS.values():
        entities = handbook.entities(kind.folder)
        if entities or kind.index_when_empty:
            yield PlannedPage(kind.index_page, kind.index_template, tuple(entities.values()), dict)
        shows = ENTITY_PAGE_SHOWS.get(kind.folder)
        for entity in entities.values():
            yield PlannedPage(
                kind.page(entity.id),
                kind.page_template,
                (entity, *shows(handbook, entity)) if shows else (entity,),
                functools.partial(entity_context, kind, entity),
            )
    for assessment in handbook.assessments.values():
        yield PlannedPage(
            workshop_page(assessment.id),
            "workshop.md.j2",
            (assessment, *_assessment_shows(handbook, assessment)),
            functools.partial(workshop_context, handbook, assessment),
        )
    checklists = tuple(handbook.checklists.values())  # roles and phases: in the playbook
    plans = functools.cache(functools.partial(onboarding_plan, handbook))
    yield PlannedPage(
        "onboarding/index.md",
        "onboarding_index.md.j2",
        checklists,
        lambda: {
            "counts": [
                (role, sum(len(group["entries"]) for group in plans(role.id)))
                for role in handbook.playbook.roles
            ]
        },
    )
    for role in handbook.playbook.roles:
        yield PlannedPage(
            f"onboarding/{role.id}.md",
            "onboarding.md.j2",
            checklists,
            functools.partial(_onboarding_context, handbook, role, plans),
        )
    tags = tag_index(handbook)
    if tags:
        tagged = (
            e
            for kind in KINDS.values()
            if kind.tagged
            for e in handbook.entities(kind.folder).values()
        )
        yield PlannedPage("tags.md", "tags.md.j2", tuple(tagged), lambda: {"tags": tags})
    sources = source_index(handbook)
    if sources:
        sourced = (
            e
            for kind in KINDS.values()
            if kind.sourced
            for e in handbook.entities(kind.folder).values()
        )
        yield PlannedPage(
            "sources.md", "sources.md.j2", tuple(sourced), lambda: {"sources": sources}
        )
    if handbook.results:
        yield from _results_pages(handbook)


def _onboarding_context(handbook: Handbook, role, plans: Callable[[str], list[dict]]) -> dict:
    plan = plans(role.id)
    return {
        "role": role,
        "phases": plan,
        "data": onboarding_data(handbook, role, plan),
        "phase_filter": [group["phase"] for group in plan],
    }


def whats_new(handbook: Handbook) -> dict[str, Any] | None:
    """Return the "What's new" page's context: the recent changes to the content, newest first.

    From git, when the content has a history: each commit's day, summary line and the pages its
    files make. Without one, the pages by the day they were last ``reviewed``. None when there is
    neither.
    """
    pages: dict[str, tuple[str, Any]] = {"playbook.yaml": ("index.md", None)}
    for kind in KINDS.values():
        for entity in handbook.entities(kind.folder).values():
            pages[f"{kind.folder}/{entity.id}.yaml"] = (kind.page(entity.id), entity)
    changes = []
    if handbook.history:
        for change in handbook.history:
            shown = [pages[f] for f in dict.fromkeys(change.files) if f in pages]
            if shown:
                changes.append({"day": change.day, "summary": change.summary, "pages": shown})
            if len(changes) == RECENT:
                break
        return {"changes": changes, "from_git": True} if changes else None
    reviewed = sorted(
        (entity.reviewed, path, entity)
        for path, entity in pages.values()
        if entity is not None and getattr(entity, "reviewed", None) is not None
    )
    changes = [
        {"day": day, "summary": None, "pages": [(path, entity)]}
        for day, path, entity in reversed(reviewed[-RECENT:])
    ]
    return {"changes": changes, "from_git": False} if changes else None


def team_page(assessment_id: str, slug: str) -> str:
    """Return the page of a team's results for an assessment: ``results/<id>/<slug>.md``."""
    return f"results/{assessment_id}/{slug}.md"


def workshop_page(assessment_id: str) -> str:
    """Return the facilitator guide of an assessment: ``assessments/<id>/workshop.md``."""
    return f"assessments/{assessment_id}/workshop.md"


WORKSHOP_MINUTES = 90
"""The length of the session the guide's agenda plans."""
WORKSHOP_STEPS = (("why", 10), ("scores", 20), ("gaps", 20), ("choose", 25), ("commit", 15))
"""The agenda's parts and their minutes. Without customer statements there are no gaps to read:
their time goes to the scores and to choosing."""
WORKSHOP_STEPS_NO_GAPS = (("why", 10), ("scores", 30), ("choose", 35), ("commit", 15))


def workshop_agenda(has_gaps: bool) -> list[dict[str, Any]]:
    """Return the agenda: each part with its minutes and its start and end ("0:10")."""
    steps = WORKSHOP_STEPS if has_gaps else WORKSHOP_STEPS_NO_GAPS
    agenda, start = [], 0
    for key, minutes in steps:
        end = start + minutes
        agenda.append({"key": key, "minutes": minutes, "start": _clock(start), "end": _clock(end)})
        start = end
    assert start == WORKSHOP_MINUTES, "the agenda's parts fill the session"
    return agenda


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def workshop_questions(assessment, dimension, t: dict[str, str]) -> list[str]:
    """Return the questions the guide asks about one dimension, as Markdown.

    Every dimension gets the same few, filled from its title and statements (a customer wording,
    a statement that counts the other way); the assessment's own (``discuss``) come last.
    """
    title = richtext.to_plain(dimension.title)
    top = richtext.to_plain(assessment.scale.labels[-1])
    asked = [t["w_ask_lowest"].format(dimension=title), t["w_ask_spread"].format(dimension=title)]
    customer = next((q for q in dimension.questions if q.customer), None)
    if customer is not None:
        statement = richtext.to_plain(customer.customer)
        asked.append(t["w_ask_customer"].format(statement=statement, top=top))
    reverse = next((q for q in dimension.questions if q.reverse), None)
    if reverse is not None:
        asked.append(t["w_ask_reverse"].format(statement=richtext.to_plain(reverse.text)))
    asked.append(t["w_ask_evidence"].format(dimension=title))
    # The generated ones are plain text: escaped for Markdown, as the assessment's own are not.
    return [_markdown_escape(text) for text in asked] + list(dimension.discuss)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def workshop_context(handbook: Handbook, assessment) -> dict[str, Any]:
    """Return what the facilitator guide of an assessment shows besides the assessment."""
    t = words(handbook.playbook.language)
    customer_counts = {
        d.id: sum(1 for q in d.questions if q.customer) for d in assessment.dimensions
    }
    has_gaps = any(customer_counts.values())
    bands, low = [], assessment.scale.min
    for i, band in enumerate(assessment.bands):
        key = "w_band_first" if i == 0 else "w_band_next"
        values = {
            "low": format_number(low, t["decimal"]),
            "high": format_number(band.upto, t["decimal"]),
        }
        bands.append({"band": band, "range": t[key].format(**values)})
        low = band.upto
    return {
        "assessment": assessment,
        "agenda": workshop_agenda(has_gaps),
        "minutes": WORKSHOP_MINUTES,
        "has_gaps": has_gaps,
        "customer_counts": customer_counts,
        "bands": bands,
        "questions": {d.id: workshop_questions(assessment, d, t) for d in assessment.dimensions},
        "recommend": assessment_links(handbook, assessment),
        "results_page": "results/index.md"
        if any(r.assessment == assessment.id for r in handbook.results)
        else None,
    }


def _results_pages(handbook: Handbook):
    """Yield the results dashboard: the overview of every team, then a page per team.

    The team pages are not in the navigation (every page would carry every team's name, around
    a sign-in that guards the dashboard); the overview links to each of them.
    """
    t = words(handbook.playbook.language)
    combined = results.aggregate(handbook, handbook.results)
    shown = results.page_tables(combined, t, allow_html=handbook.playbook.allow_html)
    overview = {"results": shown, "page": True, "team_page": team_page, "drop": drop_data(handbook)}
    # Made from the result files and every assessment: rendered every time.
    yield PlannedPage("results/index.md", "results.md.j2", None, lambda: overview)
    for a, tables in zip(combined, shown, strict=True):
        for team, cells in zip(a.teams, tables.teams, strict=True):
            context = {
                "a": tables,
                "team": cells,
                "title": results.markdown_text(team.name),
                # The latest result as a chart; the earlier ones as tables (the trend shows how
                # they compare), which keeps a page with many dates light.
                "bars": None
                if team.latest.withheld
                else results.charts.bar_chart(a.assessment, team.latest, t),
                "trend": results.charts.trend_chart(a.assessment, team.results, t),
                "pairs": _pair_chart(a.assessment, team, t),
            }
            path = team_page(a.assessment.id, team.slug)
            yield PlannedPage(path, "results_team.md.j2", None, functools.partial(dict, context))


def _pair_chart(
    assessment: Assessment, team: results.Team, t: dict[str, str]
) -> results.charts.PairChart | None:
    """Return the chart of the team's own scores beside its customers' on the latest date they
    answered, or None when they never did or were too few to be shown."""
    latest = next((team.customers[r.date] for r in team.results if r.date in team.customers), None)
    if latest is None or latest.customer.withheld:
        return None
    return results.charts.pair_chart(assessment, latest, t)


# -- data shaped for templates and page scripts ----------------------------------------------------


def onboarding_plan(handbook: Handbook, role_id: str) -> list[dict]:
    """Return [{phase, entries: [(checklist, item), ...]}] for a role, phases in playbook order.

    Phases without items for the role are left out; within a phase, checklists come in handbook
    order and items in reading order. Each group also has ``due``, the phase's timing in words
    ("" when it has none), and ``item_due``, the timing of items that set their own, by
    ``checklist-id#item-id``.
    """
    t = words(handbook.playbook.language)
    working = handbook.playbook.due_days == "working"
    plan = []
    for phase in handbook.playbook.phases:
        items = [
            (checklist, item)
            for checklist in handbook.checklists.values()
            for item in checklist.items
            if item.role == role_id and item.when == phase.id
        ]
        if items:
            plan.append(
                {
                    "phase": phase,
                    "entries": items,
                    "due": due_text(t, phase.due_after_days, working),
                    "item_due": {
                        f"{checklist.id}#{item.id}": due_text(t, item.due_after_days, working)
                        for checklist, item in items
                        if item.due_after_days is not None
                    },
                }
            )
    return plan


def due_text(t: dict[str, str], days: int | None, working: bool) -> str:
    """Return when something is due, in words ("due 5 working days after the start")."""
    if days is None:
        return ""
    if days == 0:
        return t["due_start"]
    key = "due_working" if working else "due_calendar"
    return t[key + "_one"] if days == 1 else t[key].format(n=days)


def tag_index(handbook: Handbook) -> dict[str, list[tuple[str, Any]]]:
    """Return {tag: [(page path, entity), ...]} sorted by tag."""
    tags: dict[str, list] = {}
    for kind in KINDS.values():
        if not kind.tagged:
            continue
        for entity in handbook.entities(kind.folder).values():
            for tag in entity.tags:
                tags.setdefault(tag, []).append((kind.page(entity.id), entity))
    return dict(sorted(tags.items()))


def _work(source) -> tuple[str, int, str]:
    """What makes sources listed in several files one work: its author, year and title (the
    Sources page is sorted by it)."""
    return (source.author or "", source.year or 0, source.title)


def cited_sources(entity) -> list:
    """Return the sources an entity's page cites: its own, then its items' (once each)."""
    seen: dict[tuple, Any] = {}
    for source in [
        *entity.sources,
        *(s for item in getattr(entity, "items", ()) for s in item.sources),
    ]:
        seen.setdefault(_work(source), source)
    return list(seen.values())


def source_index(handbook: Handbook) -> list[tuple[Any, list[tuple[str, Any]]]]:
    """Return [(source, [(page path, entity), ...]), ...]: every distinct source, sorted by author
    and year, with the pages that cite it in handbook order.

    A source listed on a checklist item is cited by the checklist's page, at the item (the page
    path ends in ``#<item id>``).
    """
    seen: dict[tuple, tuple[Any, list[tuple[str, Any]]]] = {}
    for kind in KINDS.values():
        if not kind.sourced:
            continue
        for entity in handbook.entities(kind.folder).values():
            page = kind.page(entity.id)
            cited = [(source, page) for source in entity.sources]
            for item in getattr(entity, "items", ()):
                cited += [(source, f"{page}#{item.id}") for source in item.sources]
            for source, path in cited:
                key = _work(source)
                _, pages = seen.setdefault(key, (source, []))
                if all(path.split("#")[0] != p.split("#")[0] for p, _ in pages):
                    pages.append((path, entity))
    return [seen[key] for key in sorted(seen)]


ASSESSMENT_WORDS = (
    "not_applicable", "a_of", "a_progress", "a_not_enough", "a_no_score", "a_chart", "a_threshold",
    "a_rec_intro", "a_rec_none", "a_rec_wait", "a_reset_confirm", "a_reset_done", "a_imported",
    "a_import_confirm", "a_ignored", "a_unchanged", "a_err_json", "a_err_format", "a_err_version",
    "a_err_assessment", "a_err_answer", "a_err_key", "a_err_field", "a_err_size", "a_dimension",
    "a_question_id", "a_question", "a_answer", "a_answer_label", "a_score", "a_overall", "a_band",
    "a_team", "a_date", "a_comment_short", "storage_full", "storage_blocked", "storage_unreadable",
    "organisation", "a_answered_line", "a_weakest", "a_err_perspective", "a_err_questionnaire",
    "a_err_not_customer", "a_err_same", "a_no_customer",
)  # fmt: skip
"""Labels the assessment page script needs (the rest of the page is rendered in Python)."""


def _question_data(q: Question) -> dict[str, object]:
    """A question as the assessment page's script reads it; ``customer`` only when it has one."""
    data: dict[str, object] = {"id": q.id, "text": richtext.to_plain(q.text), "reverse": q.reverse}
    if q.customer:
        data["customer"] = richtext.to_plain(q.customer)
    return data


def assessment_data(handbook: Handbook, assessment) -> dict:
    """Return the data the assessment page script reads (JSON, via a script element).

    Recommendation links are not in here: the page renders them (they work without
    JavaScript) and the script only picks which to show.
    """
    t = words(handbook.playbook.language)
    scale = assessment.scale
    fill = {
        "threshold": format_number(assessment.threshold, t["decimal"]),
        "min": format_number(scale.min, t["decimal"]),
        "max": format_number(scale.max, t["decimal"]),
    }
    return {
        "id": assessment.id,
        "organisation": richtext.to_plain(handbook.playbook.organisation),
        "handbook": richtext.to_plain(handbook.playbook.title),
        "name": handbook_name(handbook.playbook),
        "questionnaire": results.questionnaire(assessment),  # copied into every export
        "include_versions": list(assessment.include_versions),  # files of these count too
        "title": richtext.to_plain(assessment.title),
        "scale": {
            "min": scale.min,
            "max": scale.max,
            "labels": [richtext.to_plain(label) for label in scale.labels],
            "allow_na": scale.allow_na,
        },
        "dimensions": [
            {
                "id": d.id,
                "title": richtext.to_plain(d.title),
                "questions": [_question_data(q) for q in d.questions],
            }
            for d in assessment.dimensions
        ],
        "bands": [
            {
                "upto": b.upto,
                "name": richtext.to_plain(b.name),
                "text": richtext.to_plain(b.description),
            }
            for b in assessment.bands
        ],
        "threshold": assessment.threshold,
        "min_answered": assessment.min_answered,
        "recommend_max": assessment.recommend_max,
        "result": {  # what Export JSON writes and Import accepts, as `report` reads it
            "format": results.FORMAT,
            "version": results.VERSION,
            "max_text": results.MAX_TEXT,
            "max_comment": results.MAX_COMMENT,
            "max_bytes": results.MAX_BYTES,
        },
        "t": {key.removeprefix("a_"): _fill(t[key], fill) for key in ASSESSMENT_WORDS},
        **_customer_data(assessment, t),
    }


DROP_WORDS = (
    "r_drop_counts", "r_drop_none", "r_drop_unknown", "r_drop_skipped", "r_team", "a_date",
    "r_respondents", "a_overall", "r_customers", "r_drop_withheld", "r_drop_read",
    "r_customers_title",
)  # fmt: skip
"""Labels the results page's drop zone script needs (pb-results.js)."""


def drop_data(handbook: Handbook) -> dict:
    """Return what the results page's drop zone reads: every assessment as its page's script
    reads it (to check and score dropped files the same way), and the zone's words."""
    t = words(handbook.playbook.language)
    assessments = []
    for a in handbook.assessments.values():
        # No bands: the zone shows none, and the page must not carry a band's name or limit
        # that its withheld figures could be mistaken for.
        assessments.append({**assessment_data(handbook, a), "bands": []})
    return {"assessments": assessments, "t": {key: t[key] for key in DROP_WORDS}}


def has_customer_questions(assessment) -> bool:
    """Whether any question of the assessment has a customer wording (issue #12)."""
    return any(q.customer for d in assessment.dimensions for q in d.questions)


def _customer_data(assessment, t: dict[str, str]) -> dict[str, object]:
    """What the customer's page and the team's view of its customers need: the fewest
    respondents per side whose scores are shown, and the words of pb-customer.js (``c``), only
    for an assessment with customer questions."""
    if not has_customer_questions(assessment):
        return {"min_respondents": assessment.min_respondents}
    return {
        "min_respondents": assessment.min_respondents,
        "c": {key.removeprefix("c_"): t[key] for key in t if key.startswith("c_")},
    }


def assessment_links(handbook: Handbook, assessment) -> dict[str, dict[str, list]]:
    """Return {dimension id: {principles, checklist_items: [(checklist, item)]}} to recommend."""
    out: dict[str, dict[str, list]] = {}
    for d in assessment.dimensions:
        items = []
        for ref in d.recommend.checklist_items:
            checklist_id, _, item_id = ref.partition("#")
            checklist = handbook.checklists[checklist_id]
            items.append((checklist, next(i for i in checklist.items if i.id == item_id)))
        principles = [handbook.principles[p] for p in d.recommend.principles]
        if principles or items:
            out[d.id] = {"principles": principles, "checklist_items": items}
    return out


ACTIONS_MAX = 3
"""Commitments an action plan holds: a few finished beat many started."""
ACTIONS_WORDS = (
    "storage_full", "storage_blocked", "storage_unreadable", "a_team", "a_date", "a_dimension",
)  # fmt: skip
"""Labels pb-actions.js needs besides its own (``x_*``)."""


def actions_data(handbook: Handbook, assessment) -> dict[str, Any]:
    """Return the data the action plan's script (pb-actions.js) reads from the assessment page.

    What the team may choose is on the page already: the recommendations' links, each marked
    ``data-pb-pick`` with its id (``principle:<id>``, ``item:<checklist>#<item>``).
    """
    t = words(handbook.playbook.language)
    keys = [key for key in t if key.startswith("x_")] + list(ACTIONS_WORDS)
    return {
        "id": assessment.id,
        "max": ACTIONS_MAX,
        "max_text": results.MAX_TEXT,
        "max_note": results.MAX_COMMENT,
        "t": {key.removeprefix("x_").removeprefix("a_"): t[key] for key in keys},
    }


def format_day(day: datetime.date, t: dict[str, str]) -> str:
    """Return a date as people of the handbook's language write it, e.g. '1 March 2026'."""
    month = t["months"].split()[day.month - 1]
    return t["day_format"].format(day=day.day, month=month, year=day.year)


def format_number(value: float, decimal: str = ".") -> str:
    """Return a number as people write it: no trailing zeros, the language's decimal mark."""
    return f"{value:g}".replace(".", decimal)


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


CHECKLIST_WORDS = (
    "progress", "progress_shown", "copied", "copy_manual", "reset_confirm", "yes", "no",
    "storage_full", "storage_blocked", "storage_unreadable",
)  # fmt: skip
"""Labels the checklist page script needs (the rest of the page is rendered in Python)."""


def checklist_data(handbook: Handbook, checklist) -> dict:
    """Return the data the checklist page script reads (JSON, via a script element)."""
    return _list_data(
        handbook,
        kind="checklist",
        title=richtext.to_plain(checklist.title),
        file=f"checklist-{checklist.id}",
        entries=[(checklist, item) for item in checklist.items],
    )


PLAN_WORDS = tuple(key for key in words("en") if key.startswith("p_"))
"""Labels the plan part of an onboarding page's script needs (pb-plan.js)."""
PLAN_NAME_MAX = 200
"""Characters in the new joiner's name (as in a plan link or a shared-progress link)."""


def onboarding_data(handbook: Handbook, role, plan: list[dict]) -> dict:
    """Return the data an onboarding page's script reads: a checklist's, with the plan's.

    Each item has ``due``, the days after the start date it is due (None: no due date), and
    ``plan`` says how they count and how the page names the plan in its files.
    """
    t = words(handbook.playbook.language)
    entries = [entry for group in plan for entry in group["entries"]]
    data = _list_data(
        handbook,
        kind="onboarding",
        title=t["onboarding_for"].format(role=richtext.to_plain(role.name)),
        file=f"onboarding-{role.id}",
        entries=entries,
    )
    for entry, (_, item) in zip(data["items"], entries, strict=True):
        entry["due"] = due_after(handbook, item)
    data["plan"] = {
        "role": role.id,
        "working": handbook.playbook.due_days == "working",
        "phases": {group["phase"].id: group["phase"].due_after_days for group in plan},
        "name_max": PLAN_NAME_MAX,
        "t": {key.removeprefix("p_"): t[key] for key in PLAN_WORDS},
    }
    return data


def _list_data(handbook: Handbook, *, kind: str, title: str, file: str, entries) -> dict:
    """Items with the names their exports need; ticks are stored per checklist and item id."""
    t = words(handbook.playbook.language)
    return {
        "kind": kind,
        "title": title,
        "organisation": richtext.to_plain(handbook.playbook.organisation),
        "handbook": richtext.to_plain(handbook.playbook.title),
        "name": handbook_name(handbook.playbook),
        "file": file,
        "items": [
            {
                "checklist": checklist.id,
                "id": item.id,
                "text": richtext.to_plain(item.text),
                "role": item.role,
                "when": item.when,
                "aliases": item.aliases,
            }
            for checklist, item in entries
        ],
        "checklists": {c.id: richtext.to_plain(c.title) for c, _ in entries},
        "roles": {i.role: richtext.to_plain(handbook.roles[i.role].name) for _, i in entries},
        "phases": {i.when: richtext.to_plain(handbook.phases[i.when].name) for _, i in entries},
        "t": {key: t[key] for key in CHECKLIST_WORDS},
    }


def checklist_filters(handbook: Handbook, checklist) -> dict[str, list]:
    """Return the roles and phases a checklist uses, in playbook order, for its filter menus."""
    roles = {item.role for item in checklist.items}
    phases = {item.when for item in checklist.items}
    return {
        "role": [r for r in handbook.playbook.roles if r.id in roles],
        "when": [p for p in handbook.playbook.phases if p.id in phases],
    }


# -- redirects and navigation ----------------------------------------------------------------------


def redirects(handbook: Handbook, directory_urls: bool = True) -> dict[str, str]:
    """Return {old docs-relative redirect file: new page path} for every alias.

    The file sits where the old page was published: ``<kind>/<alias>/index.html`` with directory
    URLs, else ``<kind>/<alias>.html``.
    """
    out = {}
    for kind in KINDS.values():
        for entity in handbook.entities(kind.folder).values():
            for alias in entity.aliases:
                old = f"{kind.folder}/{alias}" + ("/index.html" if directory_urls else ".html")
                out[old] = kind.page(entity.id)
    return out


def page_url(path: str, directory_urls: bool = True) -> str:
    """Return the site-relative URL a Markdown page is published at."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def redirect_page(
    old_file: str, new_page: str, directory_urls: bool, t: dict[str, str], language: str = "en"
) -> str:
    """Return a static HTML page that sends its visitor (query and anchor kept) to `new_page`.

    The script keeps ``?role=...`` and ``#item`` (a meta refresh would drop them); the meta
    refresh and the link serve browsers without JavaScript.
    """
    base = posixpath.dirname(old_file)
    new_url = page_url(new_page, directory_urls)
    target = posixpath.relpath(new_url or ".", base or ".")
    if (new_url.endswith("/") or not new_url) and not target.endswith("/"):
        target += "/"
    href = jinja2.filters.escape(target)
    title = jinja2.filters.escape(t["redirect"])
    script = _json_for_script(target)
    return with_policy(
        f'<!doctype html>\n<html lang="{jinja2.filters.escape(language)}"><head>'
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{href}">\n'
        f"<script>location.replace({script} + location.search + location.hash)</script>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'</head><body><p>{title} <a href="{href}">{href}</a>.</p></body></html>\n'
    )


FIND_SITE_FOLDER = f"""<script>
(function () {{
  "use strict";
  var folders = location.pathname.split("/").slice(0, -1);
  while (folders.length) {{
    var root = folders.join("/") + "/";
    var probe = new XMLHttpRequest();
    try {{
      probe.open("GET", root + "{ASSET_DIR}/pb.css", false);
      probe.send();
      if (probe.status === 200 && /css/.test(probe.getResponseHeader("Content-Type") || "")) {{
        var base = document.createElement("base");
        base.href = root;
        document.head.appendChild(base);
        return;
      }}
    }} catch (error) {{}}
    folders.pop();
  }}
}})();
</script>"""
"""Sets the error page's base URL to the site's folder, found by asking each folder above the
missing address for our stylesheet (deepest first, a handful of small requests to this host)."""


def error_page_anywhere(page_html: str) -> str:
    """Return an error page (404.html) whose relative links work under any sub-path.

    A web server shows 404.html at whatever address was missing, so links relative to the
    page's own place break, and MkDocs' root-absolute ones break under a sub-path. The page's
    links are written relative to the site's folder (``base_url: .``) and FIND_SITE_FOLDER,
    placed before any of them, points the page's base URL at that folder.
    """
    # After <meta charset>, which must come first, and before anything with an address.
    head = re.search(r"<meta charset=[^>]*>", page_html, re.I) or re.search(r"<head>", page_html)
    at = head.end() if head else 0
    return page_html[:at] + "\n" + FIND_SITE_FOLDER + page_html[at:]


NAV_GROUP = 25
"""Entries per navigation group in a large section (see ``_nav``)."""


def nav_groups(entries: list, first: int = 1) -> list:
    """Split a section's entries into numbered groups of at most NAV_GROUP ("1–25", ...).

    Up to NAV_GROUP² entries make one level of groups. More make groups of groups ("1–625",
    then "1–25" inside it, ...), so that no level has more than NAV_GROUP entries and a page,
    which shows the levels it is in, shows a few dozen links however large the handbook.

    Args:
        entries: the section's navigation entries, in order.
        first: the number of the first entry (groups are numbered across the section).
    """
    if len(entries) <= NAV_GROUP:
        return entries
    size = NAV_GROUP
    while len(entries) > size * NAV_GROUP:
        size *= NAV_GROUP
    return [
        {
            f"{first + start}–{first + min(start + size, len(entries)) - 1}": nav_groups(
                entries[start : start + size], first + start
            )
        }
        for start in range(0, len(entries), size)
    ]


def _nav(handbook: Handbook, pages: dict[str, str], t: dict[str, str]) -> list:
    """Return the navigation: every generated page, by section, in the handbook's order.

    A section with more than NAV_GROUP entries is split into numbered groups (see
    ``nav_groups``). With Material's ``navigation.prune`` a page then carries the links of its
    own groups only, so a page costs about the same to build in a handbook of 100 entities or
    of 10,000.
    """

    def section(title: str, prefix: str, entities) -> dict | None:
        entries: list[Any] = []
        for entity in entities:
            if f"{prefix}/{entity.id}.md" in pages:
                entries.append(
                    {richtext.to_theme_text(_nav_title(entity)): f"{prefix}/{entity.id}.md"}
                )
            if prefix == "assessments" and workshop_page(entity.id) in pages:
                # The guide right under its assessment; named for it when there are several.
                several = len(handbook.assessments) > 1
                name = t["w_title"].format(title=_nav_title(entity)) if several else t["w_nav"]
                entries.append({richtext.to_theme_text(name): workshop_page(entity.id)})
        entries = nav_groups(entries)
        if f"{prefix}/index.md" in pages:
            entries.insert(0, f"{prefix}/index.md")
        return {title: entries} if entries else None

    nav: list[Any] = []
    if "index.md" in pages:
        nav.append({t["home"]: "index.md"})
    for entry in (
        *(
            section(t[kind.folder], kind.folder, handbook.entities(kind.folder).values())
            for kind in KINDS.values()
        ),
        section(t["onboarding"], "onboarding", handbook.playbook.roles),
    ):
        if entry:
            nav.append(entry)
    for path, key in (
        ("whats-new.md", "whats_new"),
        ("tags.md", "tags"),
        ("sources.md", "sources"),
        ("results/index.md", "results"),
    ):
        if path in pages:
            nav.append({t[key]: path})
    return nav


def _nav_title(entity) -> str:
    """An entity's name in the navigation: its short title, else its title (a role: its name)."""
    return getattr(entity, "short_title", None) or getattr(entity, "title", None) or entity.name


# -- Jinja -----------------------------------------------------------------------------------------


class _Renderer:
    def __init__(self, handbook: Handbook, directory_urls: bool = True):
        self.handbook = handbook
        self.directory_urls = directory_urls
        self.words = words(handbook.playbook.language)
        self.env = _environment()
        self.common = {
            "handbook": handbook,
            "pb": handbook.playbook,
            "t": self.words,
            "roles": handbook.roles,
            "phases": handbook.phases,
        }

    def render(self, template: str, path: str, **context: Any) -> str:
        base = posixpath.dirname(path) or "."

        def link(target: str) -> str:
            """Link from this page to another page's .md path (``x.md#anchor``), relative to
            this page's Markdown file, as Markdown links are written.

            Raw HTML uses the same form (``url``): Zensical resolves links in raw HTML as it
            does Markdown links, and on MkDocs, which leaves raw HTML alone, the plugin (or
            an exported project's hook) resolves them the same way (see ``rawhtml``).
            """
            page, _, anchor = target.partition("#")
            rel = _relpath(page, base)
            return rel + (f"#{anchor}" if anchor else "")

        def asset_url(name: str) -> str:
            """One of our assets (``ASSETS``) for a <script src> or <link href>, in the same form
            as ``link``."""
            return _relpath(f"{ASSET_DIR}/{name}", base)

        return self.env.get_template(template).render(
            self.common, link=link, url=link, asset_url=asset_url, page_path=path, **context
        )


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, in its private per-user folder in the temp folder.

    Compiling templates takes a noticeable part of every new process (each ``mkdocs build``:
    ~80 ms for ours, ~110 ms for Material's); loading them compiled takes a few. Jinja checks
    each entry against the template's source and its own format version. A cache that cannot be
    written is no cache, never an error.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(
    env: jinja2.Environment, directory: str | None = None
) -> jinja2.BytecodeCache | None:
    """Return a cache of `env`'s compiled templates (see ``_CompiledTemplates``), or None.

    An entry is found by the template's name and file; the file name of the entry also holds
    what else shapes the compiled code (Jinja's version, the environment's syntax and
    extensions), so that two environments that compile one template differently never share it.
    """
    autoescape = env.autoescape
    shaping = [
        jinja2.__version__,
        type(env).__qualname__,
        sorted(env.extensions),
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", ""),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
    ]
    digest = hashlib.sha1(repr(shaping).encode(), usedforsecurity=False).hexdigest()[:12]
    try:
        return _CompiledTemplates(directory, pattern=f"__playbook_gen_{digest}_%s.cache")
    except (OSError, RuntimeError):  # no safe folder of our own in the temp folder
        return None


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates, compiled once per process; per-handbook settings come from the context."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        auto_reload=False,  # they are the package's: no look at each file on every page
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = compiled_templates(env)
    env.filters["md"] = jinja2.pass_context(
        lambda ctx, text: Markup(richtext.to_html(text, allow_html=ctx["pb"].allow_html))
    )
    env.filters["inline"] = jinja2.pass_context(
        lambda ctx, text: Markup(richtext.to_inline_html(text, allow_html=ctx["pb"].allow_html))
    )
    env.filters["num"] = jinja2.pass_context(lambda ctx, n: format_number(n, ctx["t"]["decimal"]))
    env.filters["day"] = jinja2.pass_context(lambda ctx, d: format_day(d, ctx["t"]))
    env.filters["plain"] = richtext.to_plain
    env.filters["theme_text"] = richtext.to_theme_text
    env.filters["tojson_script"] = _json_for_script
    env.filters["lead"] = lead
    env.filters["unlinked"] = lambda markup: Markup(_LINK_TAG.sub("", str(markup)))
    env.globals["page_style"] = page_style
    return env


def page_style(name: str) -> Markup:
    """Return a page's own styles (``PAGE_STYLES``) as a ``<style>`` element for its page."""
    if name not in PAGE_STYLES:
        raise ValueError(f"not a page style: {name}")
    return Markup(f'<style data-pb-style="{name}">{asset(name).decode("utf-8")}</style>')


_LINK_TAG = re.compile(r"</?a\b[^>]*>", re.I)
"""An <a> or </a> tag in HTML that we rendered (sanitised, so every tag is well formed)."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def lead(text: str) -> str:
    """Return the first paragraph of a Markdown text (for a card)."""
    return _BLANK_LINE.split(text.strip(), maxsplit=1)[0]


def _json_for_script(data: Any) -> Markup:
    """Serialise data for a <script type="application/json"> element (no '</script>' break-out)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
