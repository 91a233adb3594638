"""The preview's render cache: after a save, only the pages that show what changed are rendered,
and the pages are the ones a full rendering of the same content gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.content.loader import load_handbook
from playbook_gen.content.model import KINDS, Handbook
from playbook_gen.pages.render import RenderCache, render_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def default():
    return load_handbook(ROOT / "content")


def _edited(handbook: Handbook, kind: str, entity_id: str, **changes) -> Handbook:
    """Return the handbook with one entity replaced by an edited copy, as the loader gives it
    after a save: a new object for the edited file, the same objects for the others."""
    entities = {k: dict(handbook.entities(k)) for k in KINDS}
    entities[kind][entity_id] = entities[kind][entity_id].model_copy(update=changes)
    edited = Handbook(handbook.playbook, entities)
    edited.content_dir = handbook.content_dir
    return edited


def _cached(first: Handbook, then: Handbook) -> tuple[dict[str, str], list[str]]:
    """Render `first` into a cache, then `then`; return the second site's pages and the pages
    it rendered."""
    cache = RenderCache()
    render_site(first, cache=cache)
    assert cache.rendered  # the first rendering renders every page
    pages = render_site(then, cache=cache).pages
    return pages, cache.rendered


ALWAYS = {"index.md", "whats-new.md"}
"""Pages that show the whole handbook, rendered every time."""


def test_nothing_changed_renders_only_the_pages_of_the_whole_handbook(default):
    pages, rendered = _cached(default, default)
    assert set(rendered) == ALWAYS & set(pages)
    assert pages == render_site(default).pages


def test_an_examples_title_renders_its_page_and_the_pages_that_show_it(default):
    example = default.examples["dell"]
    edited = _edited(default, "examples", "dell", title="Dell, built to order")
    pages, rendered = _cached(default, edited)
    shown_on = {f"principles/{p.id}.md" for p in default.principles_of("dell")}
    assert shown_on  # the example is linked from principles
    expected = {"examples/dell.md", "examples/index.md", *shown_on}
    if example.tags:
        expected.add("tags.md")
    if example.sources:
        expected.add("sources.md")
    assert set(rendered) == expected | (ALWAYS & set(pages))
    assert pages == render_site(edited).pages
    assert all("Dell, built to order" in pages[page] for page in shown_on)


def test_a_checklist_items_text_renders_the_onboarding_plans(default):
    checklist = default.checklists["internal-service"]
    items = [checklist.items[0].model_copy(update={"text": "Write down what the team offers."})]
    edited = _edited(default, "checklists", "internal-service", items=items + checklist.items[1:])
    pages, rendered = _cached(default, edited)
    plans = {f"onboarding/{role.id}.md" for role in default.playbook.roles}
    assert plans <= set(rendered)
    assert "checklists/internal-service.md" in rendered
    assert "checklists/feedback-culture.md" not in rendered
    assert pages == render_site(edited).pages
    role = checklist.items[0].role
    assert "Write down what the team offers." in pages[f"onboarding/{role}.md"]


def test_a_new_playbook_renders_every_page(default):
    playbook = default.playbook.model_copy(update={"organisation": "Another organisation"})
    edited = Handbook(playbook, {k: default.entities(k) for k in KINDS})
    pages, rendered = _cached(default, edited)
    assert set(rendered) == set(pages)
    assert pages == render_site(edited).pages


@pytest.mark.parametrize("field", ["title", "summary"])
def test_any_entitys_edit_gives_the_pages_of_a_full_rendering(default, field):
    """Every entity of the default handbook, edited in turn: whatever page shows it is
    rendered again (a page that shows an entity its kind's rule forgot would stay stale)."""
    cache = RenderCache()
    before = render_site(default, cache=cache).pages
    for kind in KINDS:
        for entity_id, entity in default.entities(kind).items():
            if not isinstance(getattr(entity, field, None), str):
                continue
            text = f"{getattr(entity, field)} (edited)"
            edited = _edited(default, kind, entity_id, **{field: text})
            pages = render_site(edited, cache=cache).pages
            full = render_site(edited).pages
            assert pages == full, f"{kind}/{entity_id}"
            changed = {path for path in full if full[path] != before.get(path)}
            assert changed <= set(cache.rendered), f"{kind}/{entity_id}"
            render_site(default, cache=cache)  # back to the unedited content
