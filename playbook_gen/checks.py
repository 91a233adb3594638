"""What the content means: unique ids, cross-references, scales and bands.

Runs after every file has the right shape. Each problem points at the line that says the wrong
thing, and suggests the closest existing id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Assessment, Checklist, Handbook
from .problems import Problem, did_you_mean
from .yamlread import Document

KIND_NAMES = {
    "principles": "principle",
    "examples": "example",
    "assessments": "assessment",
    "checklists": "checklist",
}


def check_handbook(
    handbook: Handbook,
    docs: dict[tuple[str, str], Document],
    broken: dict[str, set[str]] | None = None,
    *,
    roles_known: bool = True,
) -> list[Problem]:
    """Return every problem in the meaning of the content (an empty list when it is sound).

    Args:
        handbook: what loaded.
        docs: the document behind each entity, by (kind, id); the playbook is ("playbook", "").
        broken: ids per kind whose files exist but failed to load; references to them are fine.
        roles_known: false when playbook.yaml failed, so roles and phases can't be checked.
    """
    return list(_Checker(handbook, docs, broken or {}, roles_known).run())


class _Checker:
    def __init__(self, handbook, docs, broken, roles_known):
        self.handbook = handbook
        self.docs = docs
        self.broken = broken
        self.roles_known = roles_known

    def run(self) -> Iterator[Problem]:
        handbook, docs = self.handbook, self.docs
        if self.roles_known:
            play_doc = docs[("playbook", "")]
            yield from _unique(
                play_doc, ("roles",), [r.id for r in handbook.playbook.roles], "role"
            )
            yield from _unique(
                play_doc, ("phases",), [p.id for p in handbook.playbook.phases], "phase"
            )
        for kind in ("principles", "examples", "assessments", "checklists"):
            yield from _check_aliases(handbook, kind, docs, self.broken.get(kind, set()))
        for pid, principle in handbook.principles.items():
            doc = docs[("principles", pid)]
            yield from self.refs(doc, ("examples",), principle.examples, "examples")
        for eid, example in handbook.examples.items():
            doc = docs[("examples", eid)]
            yield from self.refs(doc, ("principles",), example.principles, "principles")
        for aid, assessment in handbook.assessments.items():
            yield from self.assessment(assessment, docs[("assessments", aid)])
        for cid, checklist in handbook.checklists.items():
            yield from self.checklist(checklist, docs[("checklists", cid)])

    def refs(self, doc: Document, path: tuple, ids: Iterable[str], kind: str) -> Iterator[Problem]:
        live = self.handbook.entities(kind)
        for i, ref in enumerate(ids):
            if ref not in live and ref not in self.broken.get(kind, ()):
                yield self.unknown(doc, path + (i,), ref, kind)

    def unknown(self, doc: Document, path: tuple, ref: str, kind: str, in_ref: str = "") -> Problem:
        """Return the problem for a reference to an id that does not exist (or was renamed)."""
        what = KIND_NAMES[kind]
        inside = f" in '{in_ref}'" if in_ref else ""
        for id_, entity in self.handbook.entities(kind).items():
            if ref in entity.aliases:
                return doc.problem(
                    path, f"{what} '{ref}'{inside} was renamed to '{id_}'", "use the new id"
                )
        hint = did_you_mean(ref, self.handbook.entities(kind))
        return doc.problem(path, f"unknown {what} '{ref}'{inside}", hint)

    def assessment(self, a: Assessment, doc: Document) -> Iterator[Problem]:
        scale = a.scale
        scale_ok = scale.min < scale.max
        if not scale_ok:
            yield doc.problem(
                ("scale", "max"), f"{scale.max} must be greater than min, which is {scale.min}"
            )
        else:
            want = scale.max - scale.min + 1
            if len(scale.labels) != want:
                yield doc.problem(
                    ("scale", "labels"),
                    f"{_count(len(scale.labels), 'label')} for a scale from {scale.min} to "
                    f"{scale.max}, which has {want} answers",
                    f"give exactly {want} labels, one per answer, lowest first",
                )

        yield from _unique(doc, ("dimensions",), [d.id for d in a.dimensions], "dimension")
        seen: dict[str, tuple[int, int]] = {}
        for d, dim in enumerate(a.dimensions):
            for q, question in enumerate(dim.questions):
                if question.id in seen:
                    line = doc.position(("dimensions", *seen[question.id], "id"))[0]
                    yield doc.problem(
                        ("dimensions", d, "questions", q, "id"),
                        f"duplicate question id '{question.id}', already used on line {line}",
                        "question ids must be unique across the whole assessment",
                    )
                else:
                    seen[question.id] = (d, "questions", q)  # type: ignore[assignment]
            if a.min_answered > len(dim.questions):
                yield doc.problem(
                    ("min_answered",),
                    f"{a.min_answered} answers are needed, but dimension '{dim.id}' has only "
                    f"{_count(len(dim.questions), 'question')}, so it could never be scored",
                    "lower min_answered, or add questions",
                )
            base = ("dimensions", d, "recommend")
            yield from self.refs(
                doc, base + ("principles",), dim.recommend.principles, "principles"
            )
            for i, ref in enumerate(dim.recommend.checklist_items):
                yield from self.item_ref(doc, base + ("checklist_items", i), ref)

        if scale_ok:
            yield from _check_bands(a, doc)
            if not scale.min <= a.threshold <= scale.max:
                yield doc.problem(
                    ("threshold",),
                    f"{_num(a.threshold)} is outside the scale ({scale.min} to {scale.max})",
                )

    def item_ref(self, doc: Document, path: tuple, ref: str) -> Iterator[Problem]:
        checklist_id, item_id = ref.split("#", 1)
        checklist = self.handbook.checklists.get(checklist_id)
        if checklist is None:
            if checklist_id in self.broken.get("checklists", ()):
                return
            yield self.unknown(doc, path, checklist_id, "checklists", ref)
            return
        ids = [item.id for item in checklist.items]
        if item_id in ids:
            return
        renamed = [item.id for item in checklist.items if item_id in item.aliases]
        if renamed:
            yield doc.problem(
                path,
                f"item '{item_id}' in checklist '{checklist_id}' was renamed to '{renamed[0]}'",
                "use the new id",
            )
        else:
            yield doc.problem(
                path,
                f"unknown item '{item_id}' in checklist '{checklist_id}'",
                did_you_mean(item_id, ids),
            )

    def checklist(self, c: Checklist, doc: Document) -> Iterator[Problem]:
        roles, phases = self.handbook.roles, self.handbook.phases
        yield from _unique(doc, ("items",), [item.id for item in c.items], "item")
        ids = {item.id for item in c.items}
        alias_owner: dict[str, str] = {}
        for i, item in enumerate(c.items):
            base = ("items", i)
            if "\n" in item.text.strip():
                yield doc.problem(base + ("text",), "must be one line", "put the rest in 'details'")
            if self.roles_known and item.role not in roles:
                yield doc.problem(
                    base + ("role",), f"unknown role '{item.role}'", _choose(item.role, roles)
                )
            if self.roles_known and item.when not in phases:
                yield doc.problem(
                    base + ("when",), f"unknown phase '{item.when}'", _choose(item.when, phases)
                )
            yield from self.refs(doc, base + ("principles",), item.principles, "principles")
            for j, alias in enumerate(item.aliases):
                if alias == item.id:
                    yield doc.problem(
                        base + ("aliases", j),
                        f"alias '{alias}' is this item's own id",
                        "list only old ids under aliases",
                    )
                elif alias in ids:
                    yield doc.problem(
                        base + ("aliases", j),
                        f"alias '{alias}' is the id of another item in this checklist",
                        "an old id can only point here once no item uses it",
                    )
                elif alias in alias_owner:
                    yield doc.problem(
                        base + ("aliases", j),
                        _alias_taken(alias, alias_owner[alias], item.id, "item"),
                        "an old id can point to one item only",
                    )
                else:
                    alias_owner[alias] = item.id


def _unique(doc: Document, path: tuple, ids: list[str], what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        if id_ in seen:
            line = doc.position(path + (seen[id_], "id"))[0]
            yield doc.problem(
                path + (i, "id"),
                f"duplicate {what} id '{id_}', already used on line {line}",
                f"give each {what} its own id",
            )
        else:
            seen[id_] = i


def _choose(word: str, choices: dict) -> str:
    """Suggest the closest choice, or list them all when none is close."""
    return did_you_mean(word, choices) or ("choose one of: " + ", ".join(choices))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _alias_taken(alias: str, first: str, second: str, what: str) -> str:
    if first == second:
        return f"alias '{alias}' is listed twice"
    return f"alias '{alias}' is already an alias of {what} '{first}'"


def _check_aliases(handbook: Handbook, kind: str, docs, broken: set[str]) -> Iterator[Problem]:
    live = handbook.entities(kind)
    what = KIND_NAMES[kind]
    owner: dict[str, str] = {}
    for id_, entity in live.items():
        doc = docs[(kind, id_)]
        for i, alias in enumerate(entity.aliases):
            if alias == id_:
                yield doc.problem(
                    ("aliases", i),
                    f"alias '{alias}' is this {what}'s own id",
                    "list only old ids under aliases",
                )
            elif alias in live or alias in broken:
                yield doc.problem(
                    ("aliases", i),
                    f"alias '{alias}' is the id of another {what}",
                    "an old id can only redirect here once no file uses it",
                )
            elif alias in owner:
                yield doc.problem(
                    ("aliases", i),
                    _alias_taken(alias, owner[alias], id_, what),
                    "an old id can redirect to one place only",
                )
            else:
                owner[alias] = id_


def _check_bands(a: Assessment, doc: Document) -> Iterator[Problem]:
    lo, hi = a.scale.min, a.scale.max
    previous = None
    for i, band in enumerate(a.bands):
        path = ("bands", i, "upto")
        if band.upto < lo or band.upto > hi:
            yield doc.problem(path, f"{_num(band.upto)} is outside the scale ({lo} to {hi})")
        elif previous is not None and band.upto == previous:
            yield doc.problem(
                path,
                f"band '{band.name}' overlaps the band before it (both go up to {_num(band.upto)})",
            )
        elif previous is not None and band.upto < previous:
            yield doc.problem(
                path,
                f"bands are out of order: {_num(band.upto)} comes after {_num(previous)}",
                "list bands from the lowest score to the highest",
            )
        previous = band.upto if previous is None else max(previous, band.upto)
    top = max(b.upto for b in a.bands)
    if top < hi:
        yield doc.problem(
            ("bands", len(a.bands) - 1, "upto"),
            f"bands leave a gap: scores above {_num(top)} up to {hi} have no band",
            f"end the last band with 'upto: {hi}'",
        )


def _num(x: float) -> str:
    return f"{x:g}"
