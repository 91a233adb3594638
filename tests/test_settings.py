"""mkdocs.yml: read without running anything, checked, and its texts shown as text."""

from __future__ import annotations

import builtins
import logging
import textwrap
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup
from site_support import ROOT, SITES

from playbook_gen.problems import ContentError
from playbook_gen.settings import (
    PYTHON_NAMES,
    anchors_level,
    check_settings,
    read_settings,
    show_as_text,
    striptags_as_text,
)


def write(folder: Path, text: str, name: str = "mkdocs.yml") -> Path:
    file = folder / name
    file.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return file


def problems(file: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        read_settings(file, file.name)
    return [p.format() for p in info.value.problems]


# -- reading -------------------------------------------------------------------------------------


def test_a_python_tag_is_a_problem_at_its_place_and_never_runs(tmp_path):
    file = write(
        tmp_path,
        """
        site_name: x
        extra:
          a: !!python/object/apply:builtins.exec ["import builtins; builtins.PB_PWNED = 1"]
          ? !!python/object/apply:builtins.exec ["import builtins; builtins.PB_PWNED = 2"]
          : key
          b: !ENV [PB_UNSET_FOR_TEST, !!python/object/new:builtins.exec ["x = 1"]]
        """,
    )
    found = problems(file)
    assert [line.split(": ", 1)[0] for line in found] == [
        "mkdocs.yml:3:6",
        "mkdocs.yml:4:5",
        "mkdocs.yml:6:31",
    ]
    assert all("it would run Python code" in line for line in found)
    assert not hasattr(builtins, "PB_PWNED")


@pytest.mark.parametrize("name", sorted(PYTHON_NAMES))
def test_the_documented_material_functions_are_read(tmp_path, name):
    file = write(tmp_path, f"site_name: x\nsome: !!python/name:{name}\n")
    assert read_settings(file).data["some"] == name


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:pymdownx.slugs.slugify",
        "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}",
        "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower, percent_encode: true}}",
    ],
)
def test_the_documented_slug_function_is_read(tmp_path, value):
    file = write(tmp_path, f"site_name: x\nslugify: {value}\n")
    assert read_settings(file).data["slugify"] == "pymdownx.slugs.slugify"


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:pymdownx.slugs.slugify {kwds: {shell: true}}",
        "!!python/object/apply:pymdownx.slugs.slugify [1, 2]",
        "!!python/object/apply:pymdownx.slugs.slugify {args: [x]}",
        "!!python/name:material.extensions.emoji.twemoji_but_not",
        "!!python/module:os",
        "!!python/name:material.extensions.emoji.twemoji something",
    ],
)
def test_other_uses_of_python_tags_are_refused(tmp_path, value):
    file = write(tmp_path, f"site_name: x\nslugify: {value}\n")
    assert len(problems(file)) == 1


def test_env_and_relative_tags_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("PB_TEST_SITE_NAME", "From the environment")
    file = write(
        tmp_path,
        """
        site_name: !ENV PB_TEST_SITE_NAME
        site_url: !ENV [PB_UNSET_FOR_TEST, https://example.org/]
        markdown_extensions:
          - pymdownx.snippets:
              base_path: !relative $config_dir
        """,
    )
    settings = read_settings(file)
    assert settings.data["site_name"] == "From the environment"
    assert settings.data["site_url"] == "https://example.org/"


def test_anchors_aliases_and_merge_keys_are_read(tmp_path):
    file = write(
        tmp_path,
        """
        site_name: x
        base: &base {a: 1, b: 2}
        more:
          <<: *base
          b: 3
        """,
    )
    assert read_settings(file).data["more"] == {"a": 1, "b": 3}


def test_aliases_that_expand_without_end_are_a_problem(tmp_path):
    lines = ["site_name: x", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    file = write(tmp_path, "\n".join(lines) + "\n")
    found = problems(file)
    assert len(found) == 1 and "more than 100,000 values" in found[0]


def test_a_value_that_contains_itself_is_a_problem(tmp_path):
    file = write(tmp_path, "site_name: x\nloop: &loop [1, *loop]\n")
    assert "contains itself" in problems(file)[0]


def test_a_setting_written_twice_is_a_warning_and_the_last_counts(tmp_path):
    file = write(tmp_path, "site_name: first\ntheme: material\nsite_name: second\n")
    settings = read_settings(file, "mkdocs.yml")
    assert settings.data["site_name"] == "second"
    assert [w.format() for w in settings.warnings] == [
        "mkdocs.yml:3:1: duplicate setting 'site_name', already set on line 1; "
        "MkDocs uses this one (keep only one of them)"
    ]


def test_inherited_settings_are_merged_and_keep_their_places(tmp_path):
    write(
        tmp_path,
        "theme:\n  name: material\n  logo: images/a.svg\nrepo_url: https://github.com/a/b\n",
        "base.yml",
    )
    file = write(tmp_path, "INHERIT: base.yml\nsite_name: x\ntheme:\n  logo: images/b.svg\n")
    settings = read_settings(file, "mkdocs.yml")
    assert settings.data["theme"] == {"name": "material", "logo": "images/b.svg"}
    assert "INHERIT" not in settings.data
    assert settings.problem(("repo_url",), "m").format().startswith("base.yml:4:11: ")
    assert settings.problem(("theme", "logo"), "m").format().startswith("mkdocs.yml:4:9: ")


def test_inheriting_from_itself_or_from_nothing_is_a_problem(tmp_path):
    file = write(tmp_path, "INHERIT: mkdocs.yml\nsite_name: x\n")
    assert "inherits, in the end, from this file" in problems(file)[0]
    file = write(tmp_path, "INHERIT: nowhere.yml\nsite_name: x\n")
    assert "does not exist" in problems(file)[0]


def test_a_file_that_is_not_utf8_is_a_problem_in_our_words(tmp_path):
    file = tmp_path / "mkdocs.yml"
    file.write_bytes(b"site_name: caf\xe9\n")
    assert problems(file) == [
        "mkdocs.yml:1:15: this character can't be read: the file is not saved as UTF-8 text "
        "(save the file again with the UTF-8 encoding)"
    ]


@pytest.mark.parametrize("project", [ROOT, SITES / "small"])
def test_the_handbooks_settings_are_clean(project):
    settings = read_settings(project / "mkdocs.yml")
    checked = check_settings(settings)
    assert (checked.errors, checked.warnings) == ([], [])


# -- checking ------------------------------------------------------------------------------------


def checked(tmp_path: Path, text: str):
    return check_settings(read_settings(write(tmp_path, text), "mkdocs.yml"))


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&Tab;ascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        'https://example.org/" onmouseover="x',
        "https://example.org/<script>",
    ],
)
@pytest.mark.parametrize("setting", ["extra.homepage", "extra.social.link", "nav", "repo_url"])
def test_an_address_that_is_not_a_web_page_is_an_error(tmp_path, address, setting):
    quoted = "'" + address.replace("'", "''") + "'"
    text = {
        "extra.homepage": f"extra:\n  homepage: {quoted}\n",
        "extra.social.link": f"extra:\n  social:\n    - icon: x\n      link: {quoted}\n",
        "nav": f"nav:\n  - Home: index.md\n  - Trap: {quoted}\n",
        "repo_url": f"repo_url: {quoted}\n",
    }[setting]
    found = checked(tmp_path, "site_name: x\n" + text)
    assert len(found.errors) == 1, found.errors
    assert found.errors[0].line > 1


@pytest.mark.parametrize(
    "address", ["https://example.org/?a=1&b=2", "mailto:people@example.org", "about/", "#top"]
)
def test_web_addresses_and_paths_are_fine(tmp_path, address):
    found = checked(tmp_path, f"site_name: x\nextra:\n  homepage: '{address}'\n")
    assert found.errors == []


def test_an_svg_logo_is_published_as_a_clean_copy(tmp_path):
    (tmp_path / "docs/images").mkdir(parents=True)
    (tmp_path / "docs/images/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    )
    found = checked(tmp_path, "site_name: x\ntheme:\n  name: material\n  logo: images/logo.svg\n")
    assert (found.errors, found.warnings) == ([], [])
    assert list(found.images) == ["images/logo.svg"]
    assert found.images["images/logo.svg"].startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def test_a_logo_in_the_theme_folder_is_found(tmp_path):
    (tmp_path / "themes/look/img").mkdir(parents=True)
    (tmp_path / "themes/look/img/logo.png").write_bytes(b"\x89PNG")
    found = checked(
        tmp_path, "site_name: x\ntheme:\n  name: material\n  custom_dir: themes/look\n"
        "  logo: img/logo.png\n  favicon: assets/images/favicon.png\n"
    )  # fmt: skip
    assert found.errors == []  # the favicon is Material's own


def test_a_logo_given_with_relative_is_left_to_mkdocs(tmp_path):
    found = checked(tmp_path, "site_name: x\ntheme:\n  name: material\n  logo: !relative x.svg\n")
    assert found.errors == []


# -- showing settings as text ---------------------------------------------------------------------

PAYLOAD = '"><script>window.__pwned=1</script>'


def render(template: str, **context) -> str:
    env = jinja2.Environment()  # as MkDocs makes it: no autoescape
    env.filters["striptags"] = striptags_as_text
    return env.from_string(template).render(**context)


def test_shown_texts_print_as_text_everywhere_a_theme_prints_them():
    config = {
        "site_name": PAYLOAD,
        "copyright": "<b>x</b>",
        "extra": {"social": [{"name": PAYLOAD, "link": "https://example.org/?a=1&b=2"}]},
        "theme": {"palette": [{"toggle": {"name": PAYLOAD}}]},
        "nav": [{PAYLOAD: "index.md"}, {"Section": [{PAYLOAD: "a.md"}]}],
        "mdx_configs": {"toc": {"title": PAYLOAD}},
    }
    show_as_text(config)
    escaped = "&#34;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;"
    assert render("{{ s }}|{{ s | e }}|{{ s | striptags }}", s=config["site_name"]) == "|".join(
        [escaped] * 3
    )
    assert render('<a title="{{ s }}">', s=config["extra"]["social"][0]["name"]) == (
        f'<a title="{escaped}">'
    )
    assert str(config["extra"]["social"][0]["link"]) == "https://example.org/?a=1&amp;b=2"
    assert config["theme"]["palette"][0]["toggle"]["name"] == Markup(escaped)
    assert list(config["nav"][0]) == [Markup(escaped)]
    assert config["nav"][0][Markup(escaped)] == "index.md"
    assert list(config["nav"][1]["Section"][0]) == [Markup(escaped)]
    assert config["mdx_configs"]["toc"]["title"] == Markup(escaped)
    show_as_text(config)  # again: nothing is escaped twice
    assert config["site_name"] == Markup(escaped)


def test_striptags_keeps_an_escaped_title_text():
    assert render("<title>{{ t | striptags }}</title>", t="A &lt;/title&gt; <code>B</code>") == (
        "<title>A &lt;/title&gt; B</title>"
    )


def test_broken_anchors_are_warnings_unless_mkdocs_yml_says_otherwise(tmp_path):
    assert anchors_level(None, logging.INFO) == logging.WARNING
    file = write(tmp_path, "site_name: x\nvalidation:\n  anchors: info\n")
    assert anchors_level(read_settings(file), logging.INFO) == logging.INFO
    file = write(tmp_path, "site_name: x\nvalidation:\n  links:\n    anchors: ignore\n")
    assert anchors_level(read_settings(file), logging.DEBUG) == logging.DEBUG
    file = write(tmp_path, "site_name: x\nvalidation:\n  links:\n    not_found: warn\n")
    assert anchors_level(read_settings(file), logging.INFO) == logging.WARNING
