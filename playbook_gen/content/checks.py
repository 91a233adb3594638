"""What the content means: unique ids, cross-references, scales and bands; and what it publishes.

Each problem points at the line that says the wrong thing, and suggests the closest existing id.

Ids, references, roles and phases are read from the documents as written, not from the models,
so a file whose fields are wrong somewhere (an unknown field, a duplicate one) still has its
references checked: every mistake shows in one run. A value of the wrong shape is skipped here;
the model has reported it. Scales, bands and thresholds are numbers, so they are checked on the
models of the files that loaded.

``text_warnings`` finds what an editor may not mean to publish: HTML comments (shown on the page
as text) and lines that Markdown turns into headings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeGuard

from ..problems import Problem, did_you_mean, format_path
from .model import ID_MAX, KINDS, SLUG_PATTERN, Assessment, Handbook, Reference
from .richtext import mask_code
from .yamlread import Document

_SLUG = re.compile(SLUG_PATTERN)


def check_handbook(
    handbook: Handbook,
    docs: dict[tuple[str, str], Document],
    broken: dict[str, set[str]] | None = None,
    *,
    misnamed: Iterable[tuple[str, Document]] = (),
) -> list[Problem]:
    """Return every problem in the meaning of the content (an empty list when it is sound).

    Args:
        handbook: what loaded.
        docs: the document of every file that could be read, by (kind, id), whether or not its
            model loaded; the playbook is ("playbook", "").
        broken: ids per kind whose files exist but failed to load; references to them are fine.
        misnamed: (kind, document) of files whose name is not an id: their references are
            checked, their ids are not.
    """
    return list(_Checker(handbook, docs, broken or {}, misnamed).run())


def _ids(entries: Any) -> list[str | None]:
    """Return the id of each entry of a list of mappings, None where there is no valid one."""
    if not isinstance(entries, list):
        return []
    return [e.get("id") if isinstance(e, dict) and _is_id(e.get("id")) else None for e in entries]


def _is_id(value: Any) -> TypeGuard[str]:
    if value.__class__ is not str:
        return False
    known = _ID_SEEN.get(value)
    if known is None:  # the same ids come back in many files: look each up once
        known = len(value) <= ID_MAX and _SLUG.fullmatch(value) is not None
        if len(_ID_SEEN) < 100_000:
            _ID_SEEN[value] = known
    return known


_ID_SEEN: dict[str, bool] = {}


def _list(data: Any, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _dicts(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    for i, entry in enumerate(_list(data, key)):
        if isinstance(entry, dict):
            yield i, entry


def _lists_at(data: Any, path: tuple[str, ...], at: tuple = ()) -> list[tuple[tuple, list]]:
    """Return (where, list) for each list at `path` in a document's data ('*': every entry)."""
    key, rest = path[0], path[1:]
    if not rest:
        return [((*at, key), _list(data, key))]
    if key != "*":
        return _lists_at(data.get(key) if isinstance(data, dict) else None, rest, (*at, key))
    found = []
    for i, entry in enumerate(data if isinstance(data, list) else ()):
        if isinstance(entry, dict):
            found += _lists_at(entry, rest, (*at, i))
    return found


class _Checker:
    def __init__(self, handbook: Handbook, docs, broken, misnamed):
        self.handbook = handbook
        self.docs = docs
        self.broken = broken
        self.misnamed = list(misnamed)
        # The files of each kind: those that loaded in the handbook's order, then the others.
        self.files: dict[str, dict[str, Document]] = {
            kind: {id_: docs[(kind, id_)] for id_ in handbook.entities(kind)} for kind in KINDS
        }
        for (kind, id_), doc in sorted(docs.items()):
            if kind in self.files:
                self.files[kind].setdefault(id_, doc)
        # Every id that names a file, loaded or not: a reference to one is never "unknown".
        self.known = {
            kind: set(handbook.entities(kind)) | set(broken.get(kind, ())) | set(self.files[kind])
            for kind in KINDS
        }
        # Old ids, from every file that could be read: a reference to one names the new id.
        self.renamed: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        for kind, files in self.files.items():
            for id_, doc in files.items():
                for alias in _list(doc.data, "aliases"):
                    if _is_id(alias):
                        self.renamed[kind].setdefault(alias, id_)
        play = docs.get(("playbook", ""))
        self.roles = self._choices(play, "roles")
        self.phases = self._choices(play, "phases")

    @staticmethod
    def _choices(play: Document | None, key: str) -> dict[str, None] | None:
        """Return the role or phase ids, or None when they can't all be read."""
        if play is None or not isinstance(play.data.get(key), list):
            return None
        ids = _ids(play.data[key])
        return None if None in ids else dict.fromkeys(i for i in ids if i is not None)

    def run(self) -> Iterator[Problem]:
        """Yield every problem: role and phase ids, then for each kind its aliases, its
        references, what its files say (``_DOCUMENT_CHECKS``) and their numbers
        (``_MODEL_CHECKS``)."""
        play = self.docs.get(("playbook", ""))
        if play is not None:
            yield from _unique(play, ("roles",), _ids(play.data.get("roles")), "role")
            yield from _unique(play, ("phases",), _ids(play.data.get("phases")), "phase")
        for folder in KINDS:
            yield from self.aliases(folder)
        for kind in KINDS.values():
            files = [*self.files[kind.folder].values()]
            files += [doc for of_kind, doc in self.misnamed if of_kind == kind.folder]
            for reference in kind.references:
                yield from self.references(files, reference)
            check = _DOCUMENT_CHECKS.get(kind.folder)
            if check is not None:
                for doc in files:
                    yield from check(self, doc)
        for folder, check_model in _MODEL_CHECKS.items():
            for id_, entity in self.handbook.entities(folder).items():
                yield from check_model(entity, self.files[folder][id_])
        yield from self.review_dates()

    def review_dates(self) -> Iterator[Problem]:
        """Report a `reviewed` date after tomorrow (tomorrow may be today somewhere else)."""
        latest = datetime.date.today() + datetime.timedelta(days=1)
        for kind in KINDS.values():
            if "reviewed" not in kind.model.model_fields:
                continue
            for id_, entity in self.handbook.entities(kind.folder).items():
                if entity.reviewed is not None and entity.reviewed > latest:
                    yield self.files[kind.folder][id_].problem(
                        ("reviewed",),
                        f"'{entity.reviewed}' is in the future",
                        "write the day someone last checked the page",
                    )

    def references(self, files: list[Document], reference: Reference) -> Iterator[Problem]:
        """Report each id, in the fields `reference` names, that names no file (or no item)."""
        known = self.known[reference.kind]
        for doc in files:
            for path, ids in _lists_at(doc.data, reference.path):
                for i, ref in enumerate(ids):
                    if not reference.item:
                        if _is_id(ref) and ref not in known:
                            yield self.unknown(doc, (*path, i), ref, reference.kind)
                    elif isinstance(ref, str) and ref.count("#") == 1:
                        entity_id, item_id = ref.split("#")
                        if _is_id(entity_id) and _is_id(item_id):
                            yield from self.item_ref(doc, (*path, i), ref, reference.kind)

    def refs(self, doc: Document, path: tuple, ids: list, kind: str) -> Iterator[Problem]:
        for i, ref in enumerate(ids):
            if _is_id(ref) and ref not in self.known[kind]:
                yield self.unknown(doc, path + (i,), ref, kind)

    def unknown(self, doc: Document, path: tuple, ref: str, kind: str, in_ref: str = "") -> Problem:
        """Return the problem for a reference to an id that does not exist (or was renamed)."""
        what = KINDS[kind].one
        inside = f" in '{in_ref}'" if in_ref else ""
        new = self.renamed[kind].get(ref)
        if new is not None:
            return doc.problem(
                path, f"{what} '{ref}'{inside} was renamed to '{new}'", "use the new id"
            )
        hint = did_you_mean(ref, self.known[kind])
        return doc.problem(path, f"unknown {what} '{ref}'{inside}", hint)

    def aliases(self, kind: str) -> Iterator[Problem]:
        what = KINDS[kind].one
        owner: dict[str, str] = {}
        for id_, doc in self.files[kind].items():
            for i, alias in enumerate(_list(doc.data, "aliases")):
                if not _is_id(alias):
                    continue
                if alias == id_:
                    yield doc.problem(
                        ("aliases", i),
                        f"alias '{alias}' is this {what}'s own id",
                        "list only old ids under aliases",
                    )
                elif alias in self.known[kind]:
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

    def assessment(self, doc: Document) -> Iterator[Problem]:
        """Report dimension ids used twice, and question ids used twice in the assessment."""
        data = doc.data
        yield from _unique(doc, ("dimensions",), _ids(data.get("dimensions")), "dimension")
        seen: dict[str, tuple[int, int]] = {}
        for d, dim in _dicts(data, "dimensions"):
            for q, question_id in enumerate(_ids(dim.get("questions"))):
                if question_id is None:
                    continue
                if question_id in seen:
                    first = ("dimensions", seen[question_id][0], "questions", seen[question_id][1])
                    line = doc.position((*first, "id"))[0]
                    yield doc.problem(
                        ("dimensions", d, "questions", q, "id"),
                        f"duplicate question id '{question_id}', already used on line {line}",
                        "question ids must be unique across the whole assessment",
                    )
                else:
                    seen[question_id] = (d, q)

    def item_ref(self, doc: Document, path: tuple, ref: str, kind: str) -> Iterator[Problem]:
        """Report a reference 'entity-id#item-id' to an item (in `items`) that does not exist."""
        entity_id, item_id = ref.split("#", 1)
        what = KINDS[kind].one
        target = self.files[kind].get(entity_id)
        if target is None:
            if entity_id not in self.known[kind]:
                yield self.unknown(doc, path, entity_id, kind, ref)
            return
        ids = _ids(target.data.get("items"))
        if None in ids or not ids:
            return  # its items can't all be read: it has problems of its own
        if item_id in ids:
            return
        renamed = [
            ids[i] for i, item in _dicts(target.data, "items") if item_id in _list(item, "aliases")
        ]
        if renamed:
            yield doc.problem(
                path,
                f"item '{item_id}' in {what} '{entity_id}' was renamed to '{renamed[0]}'",
                "use the new id",
            )
        else:
            yield doc.problem(
                path,
                f"unknown item '{item_id}' in {what} '{entity_id}'",
                did_you_mean(item_id, [i for i in ids if i]),
            )

    def checklist(self, doc: Document) -> Iterator[Problem]:
        """Report items' ids used twice, texts of more lines than one, unknown roles and phases,
        and items' aliases that clash."""
        ids = _ids(doc.data.get("items"))
        yield from _unique(doc, ("items",), ids, "item")
        alias_owner: dict[str, str] = {}
        for i, item in _dicts(doc.data, "items"):
            base = ("items", i)
            text = item.get("text")
            if isinstance(text, str) and "\n" in text.strip():
                yield doc.problem(base + ("text",), "must be one line", "put the rest in 'details'")
            role, when = item.get("role"), item.get("when")
            if self.roles is not None and _is_id(role) and role not in self.roles:
                yield doc.problem(
                    base + ("role",), f"unknown role '{role}'", _choose(role, self.roles)
                )
            if self.phases is not None and _is_id(when) and when not in self.phases:
                yield doc.problem(
                    base + ("when",), f"unknown phase '{when}'", _choose(when, self.phases)
                )
            item_id = ids[i]
            for j, alias in enumerate(_list(item, "aliases")):
                if not _is_id(alias) or item_id is None:
                    continue
                if alias == item_id:
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
                        _alias_taken(alias, alias_owner[alias], item_id, "item"),
                        "an old id can point to one item only",
                    )
                else:
                    alias_owner[alias] = item_id


_DOCUMENT_CHECKS: dict[str, Callable[[_Checker, Document], Iterator[Problem]]] = {
    "assessments": _Checker.assessment,
    "checklists": _Checker.checklist,
}
"""What a kind's files must say besides their references (``Kind.references``), by kind."""


def _unique(doc: Document, path: tuple, ids: list[str | None], what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        if id_ is None:
            continue
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


def _scale_and_bands(a: Assessment, doc: Document) -> Iterator[Problem]:
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
    for dim in a.dimensions:
        if a.min_answered > len(dim.questions):
            yield doc.problem(
                ("min_answered",),
                f"{a.min_answered} answers are needed, but dimension '{dim.id}' has only "
                f"{_count(len(dim.questions), 'question')}, so it could never be scored",
                "lower min_answered, or add questions",
            )
    if scale_ok:
        yield from _check_bands(a, doc)
        if not scale.min <= a.threshold <= scale.max:
            yield doc.problem(
                ("threshold",),
                f"{_num(a.threshold)} is outside the scale ({scale.min} to {scale.max})",
            )


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


_MODEL_CHECKS: dict[str, Callable[[Any, Document], Iterator[Problem]]] = {
    "assessments": _scale_and_bands,
}
"""Checks of the numbers in the files of a kind that loaded, by kind."""


# -- what an editor may not mean to publish --------------------------------------------------------

_MARKS = " \t-*+>.)0123456789"
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# Markdown makes a heading of a line that starts with '#', also inside a quote or a list item.
_HEADING = re.compile(r"^(?:[ ]{0,3}(?:>[ ]?|(?:[-*+]|\d{1,9}[.)])[ ]+))*(#{1,6})(.*)$", re.M)


def owner_warnings(handbook: Handbook, docs: dict[tuple[str, str], Document]) -> list[Problem]:
    """Warn of an ``owner`` written like a role id that names no role but is close to one: a
    typo ('hrr' for 'hr'), which pages would show as a name. Other owners are names."""
    roles = [role.id for role in handbook.playbook.roles]
    found = []
    for kind in KINDS.values():
        if "owner" not in kind.model.model_fields:
            continue
        for id_, entity in handbook.entities(kind.folder).items():
            owner = entity.owner
            if owner and owner not in roles and _SLUG.fullmatch(owner):
                hint = did_you_mean(owner, roles)
                if hint:
                    message = (
                        f"'{owner}' is not a role id in playbook.yaml; pages show it as a name"
                    )
                    found.append(docs[kind.folder, id_].problem(("owner",), message, hint))
    return found


def customer_warnings(handbook: Handbook, docs: dict[tuple[str, str], Document]) -> list[Problem]:
    """Warn of a dimension that customers are asked about but can never score: fewer of its
    questions have a customer wording than ``min_answered`` needs. (A dimension without any is
    the team's own and is left out of the customers' page, as meant.)"""
    found = []
    for id_, assessment in handbook.assessments.items():
        for d, dim in enumerate(assessment.dimensions):
            asked = sum(1 for question in dim.questions if question.customer)
            if 0 < asked < assessment.min_answered:
                message = (
                    f"dimension '{dim.id}' has {_count(asked, 'question')} with a customer "
                    f"wording and min_answered is {assessment.min_answered}, so customers "
                    "could never score it"
                )
                hint = "give more of its questions a customer wording, or lower min_answered"
                doc = docs["assessments", id_]
                found.append(doc.problem(("dimensions", d, "questions"), message, hint))
    return found


def text_warnings(docs: Iterable[Document], *, allow_html: bool = False) -> list[Problem]:
    """Return a warning for each HTML comment, and each line that becomes a heading, in a text.

    An HTML comment hides nothing here: the page shows it as text (or, with ``allow_html``, it
    is in the page's HTML for anyone to read). A line starting with '#' inside a text is not a
    YAML comment but a heading on the page.
    """
    out: list[Problem] = []
    for doc in docs:
        if _may_publish(doc.text):
            for path, text in _texts(doc.data, ()):
                if "<!--" in text or "#" in text:
                    out.extend(_published(doc, path, text, allow_html))
    return out


def _may_publish(text: str) -> bool:
    """Tell whether a file may hold such text, from its source, without reading its values.

    It may when it has an HTML comment, or a '#' that YAML does not read as a comment: one at
    the start of an indented line of a block of text (after list or quote marks), or right after
    a quote. Most files have neither (their '#' start YAML comments), and are not read again.
    """
    if "<!--" in text:
        return True
    at = text.find("#")
    while at != -1:
        before = text[text.rfind("\n", 0, at) + 1 : at]
        if before.endswith(("'", '"')) or (before[:1] in (" ", "\t") and not before.strip(_MARKS)):
            return True
        at = text.find("#", at + 1)
    return False


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))


def _published(doc: Document, path: tuple, text: str, allow_html: bool) -> Iterator[Problem]:
    if "`" in text:  # in code, a comment or a '#' is shown as written, on purpose
        text = mask_code(text)
    for match in _HTML_COMMENT.finditer(text):
        comment = match.group()
        line = text.count("\n", 0, match.start())
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        where = "in the page's HTML, where anyone can read it" if allow_html else "on the page"
        yield Problem(
            doc.file,
            *doc.text_position(path, line, column),
            format_path(path),
            f"{_quote(comment)} is published {where}: an HTML comment does not hide it",
            "delete it if it is not for readers; a note for editors goes on a line starting "
            "with '#' outside the text",
        )
    if "#" not in text:
        return
    for match in _HEADING.finditer(text):
        heading = match.group(2).strip().rstrip("#").strip()
        line = text.count("\n", 0, match.start())
        yield Problem(
            doc.file,
            *doc.text_position(path, line),
            format_path(path),
            f"{_quote(match.group().strip())} is published as a heading: "
            f"{_quote(heading) if heading else 'an empty one'}",
            "delete the line if it is a note for editors: a YAML comment can't go inside a "
            "text; write '\\#' to show the '#'",
        )


def _quote(text: str, limit: int = 60) -> str:
    """Return `text` quoted on one line, shortened if long."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 3].rstrip() + '...'}'"
