"""The registry of content kinds (model.KINDS) drives the loader, the checks and the pages.

A made-up kind, guides, is added to the registry for a test: with nothing but its model, its
entry and two templates, its folder is read, its references and aliases are checked, and it gets
its pages, its navigation section, its redirects and its place on the Tags page.
"""

from __future__ import annotations

import jinja2
import pytest

from playbook_gen import i18n
from playbook_gen.content import model
from playbook_gen.content.loader import _unwrap, load_handbook
from playbook_gen.content.model import (
    KINDS,
    Aliases,
    Entity,
    Kind,
    LineText,
    Name,
    Reference,
    Slug,
)
from playbook_gen.pages import render
from playbook_gen.problems import ContentError


class Guide(Entity):
    """A how-to guide (content/guides/<id>.yaml), made up for these tests."""

    title: Name
    summary: LineText
    principles: list[Slug] = []
    tags: list[Slug] = []
    aliases: Aliases = []


GUIDES = Kind("guides", Guide, "guide", references=(Reference(("principles",), "principles"),))

TEMPLATES = {
    "guides.md.j2": "# {{ t.guides }}\n",
    "guide.md.j2": "# {{ guide.title }}\n\n{{ guide.summary }}\n",
}


@pytest.fixture
def guides(project, monkeypatch):
    """The small handbook, with a guides/ folder and the guide kind registered."""
    monkeypatch.setitem(KINDS, "guides", GUIDES)
    monkeypatch.setitem(i18n.WORDS["en"], "guides", "Guides")
    env = render._environment()
    monkeypatch.setattr(
        env, "loader", jinja2.ChoiceLoader([jinja2.DictLoader(TEMPLATES), env.loader])
    )
    folder = project / "content" / "guides"
    folder.mkdir()
    (folder / "tidy-desk.yaml").write_text(
        "title: Tidy desk\nsummary: Clear it daily.\nprinciples: [listen-first]\n"
        "tags: [desk]\naliases: [clean-desk]\n",
        encoding="utf-8",
    )
    return project / "content"


def test_a_registered_kind_is_read_from_its_folder(guides):
    handbook = load_handbook(guides)
    assert list(handbook.guides) == ["tidy-desk"]
    assert handbook.entities("guides")["tidy-desk"].title == "Tidy desk"


def test_a_registered_kind_has_its_references_and_aliases_checked(guides):
    (guides / "guides" / "listen.yaml").write_text(
        "title: Listen\nsummary: Ask.\nprinciples: [listen-frist]\naliases: [listen]\n",
        encoding="utf-8",
    )
    (guides / "stray.yaml").write_text("title: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_handbook(guides)
    messages = [
        (p.file.rpartition("content/")[2], p.message, p.hint) for p in raised.value.problems
    ]
    assert (
        "guides/listen.yaml",
        "unknown principle 'listen-frist'",
        "did you mean 'listen-first'?",
    ) in messages
    assert any(m == "alias 'listen' is this guide's own id" for _, m, _ in messages)
    assert any(m.endswith("checklists/ or guides/") for _, m, _ in messages)


def test_a_registered_kind_gets_its_pages_navigation_redirects_and_tags(guides):
    handbook = load_handbook(guides)
    site = render.render_site(handbook)
    assert site.pages["guides/index.md"].startswith("# Guides")
    assert "Clear it daily." in site.pages["guides/tidy-desk.md"]
    sections = {title: entries for entry in site.nav for title, entries in entry.items()}
    assert sections["Guides"] == ["guides/index.md", {"Tidy desk": "guides/tidy-desk.md"}]
    t = i18n.words("en")
    titles = list(sections)  # the registry's order: after checklists, before onboarding plans
    assert titles[titles.index(t["checklists"]) : titles.index(t["onboarding"]) + 1] == [
        t["checklists"],
        "Guides",
        t["onboarding"],
    ]
    assert "guides/clean-desk/index.html" in site.files
    assert [path for path, _ in render.tag_index(handbook)["desk"]] == ["guides/tidy-desk.md"]


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda kind: kind.folder)
def test_every_kind_has_its_templates_and_navigation_words(kind):
    env = render._environment()
    env.get_template(kind.index_template)
    env.get_template(kind.page_template)
    for language in i18n.WORDS:
        assert i18n.words(language)[kind.folder]


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda kind: kind.folder)
def test_every_kind_declares_references_to_fields_its_model_has(kind):
    for reference in kind.references:
        assert reference.kind in model.KINDS
        holder = kind.model
        for part in reference.path[:-1]:
            if part != "*":
                holder = _unwrap(holder.model_fields[part].annotation)
        assert reference.path[-1] in holder.model_fields
