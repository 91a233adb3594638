"""The content model: fields, defaults, ids, ordering and the links between things."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, ValidationError

from playbook_gen.content.model import (
    ITEM_REF_PATTERN,
    KINDS,
    SLUG_PATTERN,
    Assessment,
    Checklist,
    Example,
    Handbook,
    Playbook,
    Principle,
)

PLAYBOOK = {
    "title": "T",
    "organisation": "O",
    "summary": "S",
    "roles": [{"id": "manager", "name": "Manager"}],
    "phases": [{"id": "week-1", "name": "Week 1"}],
}


def principle(id_: str, title: str, order: int | None = None, examples=()) -> Principle:
    p = Principle.model_validate(
        {"title": title, "summary": "s", "why": "w", "practices": ["p"], "order": order,
         "examples": list(examples)}
    )  # fmt: skip
    p._id = id_
    return p


def example(id_: str, title: str, principles, order: int | None = None) -> Example:
    e = Example.model_validate(
        {"title": title, "summary": "s", "story": "s", "lesson": "l", "principles": principles,
         "order": order}
    )  # fmt: skip
    e._id = id_
    return e


def checklist(id_: str, items) -> Checklist:
    c = Checklist.model_validate({"title": id_.title(), "summary": "s", "items": items})
    c._id = id_
    return c


def handbook(principles=(), examples=(), checklists=()) -> Handbook:
    return Handbook(
        Playbook.model_validate(PLAYBOOK),
        {
            "principles": {p.id: p for p in principles},
            "examples": {e.id: e for e in examples},
            "checklists": {c.id: c for c in checklists},
        },
    )


def all_models(model: type[BaseModel], seen=None) -> set[type[BaseModel]]:
    seen = seen if seen is not None else set()
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        for arg in _types_in(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                all_models(arg, seen)
    return seen


def _types_in(annotation):
    import typing

    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types_in(arg)


EVERY_MODEL = sorted(
    set().union(*(all_models(m) for m in [Playbook, *(kind.model for kind in KINDS.values())])),
    key=lambda m: m.__name__,
)


# -- links ---------------------------------------------------------------------------------------


def test_examples_link_both_ways():
    hb = handbook(
        principles=[principle("a", "A", examples=["x"]), principle("b", "B")],
        examples=[example("x", "X", ["b"]), example("y", "Y", ["a"]), example("z", "Z", ["b"])],
    )
    assert [e.id for e in hb.examples_of("a")] == ["x", "y"]  # named by a, and naming a
    assert [e.id for e in hb.examples_of("b")] == ["x", "z"]
    assert [p.id for p in hb.principles_of("x")] == ["a", "b"]
    assert [p.id for p in hb.principles_of("y")] == ["a"]


def test_a_link_named_on_both_sides_is_listed_once():
    hb = handbook(
        principles=[principle("a", "A", examples=["x"])], examples=[example("x", "X", ["a"])]
    )
    assert [e.id for e in hb.examples_of("a")] == ["x"]
    assert [p.id for p in hb.principles_of("x")] == ["a"]


def test_items_citing_a_principle():
    c = checklist(
        "onboarding",
        [
            {"id": "one", "text": "t", "role": "manager", "when": "week-1", "principles": ["a"]},
            {"id": "two", "text": "t", "role": "manager", "when": "week-1"},
        ],
    )
    hb = handbook(principles=[principle("a", "A")], checklists=[c])
    assert [(cl.id, item.id) for cl, item in hb.items_citing("a")] == [("onboarding", "one")]


# -- order and ids -------------------------------------------------------------------------------


def test_principles_are_ordered_by_order_then_title():
    hb = handbook(
        principles=[
            principle("c", "charlie"),
            principle("b", "Bravo", order=20),
            principle("a", "alpha"),
            principle("z", "Zulu", order=10),
        ]
    )
    assert list(hb.principles) == ["z", "b", "a", "c"]


def test_entity_id_is_the_file_name_not_a_field():
    p = principle("service-starts-inside", "T")
    assert p.id == "service-starts-inside"
    assert "id" not in Principle.model_fields
    with pytest.raises(ValidationError):
        Principle.model_validate(
            {"id": "x", "title": "t", "summary": "s", "why": "w", "practices": ["p"]}
        )


def test_roles_and_phases_keep_their_order():
    data = dict(PLAYBOOK, roles=[{"id": "b", "name": "B"}, {"id": "a", "name": "A"}])
    hb = Handbook(Playbook.model_validate(data))
    assert list(hb.roles) == ["b", "a"]
    assert list(hb.phases) == ["week-1"]


@pytest.mark.parametrize("good", ["a", "week-1", "360-review", "a1-b2-c3"])
def test_valid_ids(good):
    assert re.fullmatch(SLUG_PATTERN, good)


@pytest.mark.parametrize("bad", ["", "A", "a_b", "a b", "-a", "a-", "a--b", "é", "a.b"])
def test_invalid_ids(bad):
    assert not re.fullmatch(SLUG_PATTERN, bad)


def test_checklist_item_reference_form():
    assert re.fullmatch(ITEM_REF_PATTERN, "internal-service#single-front-door")
    assert not re.fullmatch(ITEM_REF_PATTERN, "single-front-door")
    assert not re.fullmatch(ITEM_REF_PATTERN, "a#b#c")


# -- defaults and limits ---------------------------------------------------------------------------


def test_defaults_are_those_in_the_contract():
    playbook = Playbook.model_validate(PLAYBOOK)
    assert playbook.language == "en"
    assert playbook.allow_html is False
    assessment = Assessment.model_validate(
        {
            "title": "t",
            "intro": "i",
            "scale": {"min": 1, "max": 2, "labels": ["a", "b"]},
            "dimensions": [{"id": "d", "title": "D", "questions": [{"id": "q", "text": "Q"}]}],
            "bands": [{"upto": 2, "name": "n", "description": "d"}],
            "threshold": 1.5,
        }
    )
    assert assessment.scale.allow_na is True
    assert assessment.min_answered == 1
    assert assessment.recommend_max == 3
    assert assessment.dimensions[0].questions[0].reverse is False
    assert assessment.dimensions[0].recommend.principles == []
    assert assessment.aliases == []


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "Infinity"])
def test_infinity_and_nan_are_not_numbers_here(value):
    with pytest.raises(ValidationError):
        Assessment.model_validate(
            {
                "title": "t",
                "intro": "i",
                "scale": {"min": 1, "max": 2, "labels": ["a", "b"]},
                "dimensions": [{"id": "d", "title": "D", "questions": [{"id": "q", "text": "Q"}]}],
                "bands": [{"upto": 2, "name": "n", "description": "d"}],
                "threshold": value,
            }
        )


def test_source_links_must_be_web_or_mail_addresses():
    from playbook_gen.content.model import Source

    assert Source.model_validate({"title": "t", "url": "https://example.org"}).url
    for bad in ["javascript:alert(1)", "www.example.org", "ftp://x", "https://a b"]:
        with pytest.raises(ValidationError):
            Source.model_validate({"title": "t", "url": bad})


# -- every model ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_unknown_fields_are_refused_everywhere(model):
    assert model.model_config.get("extra") == "forbid"


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_every_field_is_described_for_editors(model):
    assert model.__doc__
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no description"
        assert field.description.endswith((".", ")")), f"{model.__name__}.{name}"


@pytest.mark.parametrize(
    "model", [Playbook, *(kind.model for kind in KINDS.values())], ids=lambda m: m.__name__
)
def test_json_schema_carries_the_descriptions(model):
    schema = model.model_json_schema()
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name
