"""Load content/ into a Handbook, collecting every problem in every file before giving up."""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..collector import collector_paused
from ..problems import ContentError, Problem, did_you_mean, format_path, os_reason
from ..sources import link_problem, real
from ..sources import shown_path as display_path
from . import checks
from .model import (
    ID_MAX,
    ITEM_REF_PATTERN,
    KINDS,
    LINE_MAX,
    NAME_MAX,
    RESERVED_IDS,
    SLUG_PATTERN,
    TEXT_MAX,
    URL_MAX,
    Entity,
    Handbook,
    Kind,
    Playbook,
)
from .yamlread import Document, read_document

IGNORED_DIRS = {"schemas"}  # read by editors
RESULTS_DIR = "results"  # exported assessment results, for the dashboard (see results.py)


@collector_paused()
def load_handbook(
    content_dir: str | os.PathLike,
    *,
    read_results: bool = True,
    project: str | os.PathLike | None = None,
    strict: bool = False,
    cache: LoadCache | None = None,
    history: bool = False,
) -> Handbook:
    """Read, validate and cross-check every file in `content_dir`.

    The steps: open the content folder; read playbook.yaml, then every file in the folder of
    each kind of content; cross-check what they say; look for text that may not be meant for
    readers; read the result files against the assessments. Each step adds its problems, and
    only then does one error report them all.

    Result files in ``results/`` are checked against the assessments and kept in
    ``Handbook.results``; what was worked around (an unknown question, a file handed in twice)
    is in ``Handbook.warnings``, and so is text that may not be meant for readers (an HTML
    comment, a line that becomes a heading).

    Args:
        content_dir: the content folder.
        read_results: read ``results/``; ``playbook-gen report`` reads the files it is given.
        project: the project folder, which no link in the content may lead out of (default:
            the folder that holds `content_dir`).
        strict: the warnings about text that may not be meant for readers are problems.
        cache: what the last reading found in each file, to skip files that did not change
            (a preview reads the content again on every save; see ``LoadCache``).
        history: start reading the content's git history now, while the files are read
            (``Handbook.history``; pages show it): for a build.

    Raises:
        ContentError: with every problem in every file, sorted by file and line (and the
            warnings too: a run that stops shows everything at once).
    """
    read = _open_content_folder(Path(content_dir), project)
    reading_history = None
    if history:
        from .history import start_reading_history

        reading_history = start_reading_history(read.root)
    read.cache = cache
    playbook = _read_playbook(read)
    _read_entity_folders(read)
    if cache is not None:
        cache.forget_unread()
    handbook = Handbook(playbook or _NO_PLAYBOOK, read.entities)
    handbook.content_dir = read.root
    handbook.history_reading = reading_history
    # References to files that failed to load are not reported twice.
    read.problems += checks.check_handbook(handbook, read.docs, read.broken, misnamed=read.misnamed)
    published = _text_warnings(read, allow_html=playbook.allow_html if playbook else False)
    if strict:
        read.problems += published
    warnings = ([] if strict else published) + checks.owner_warnings(handbook, read.docs)
    warnings += checks.customer_warnings(handbook, read.docs)
    if read_results:
        warnings += _read_results(read, handbook)
    handbook.warnings = sorted(warnings)
    if read.problems:
        if reading_history is not None:
            reading_history()  # git is done with: no process left behind
        raise ContentError(read.problems + handbook.warnings)
    return handbook


@dataclass
class _Reading:
    """What reading the content folder has found so far."""

    root: Path
    shown_root: str
    """The folder as problems name it (worked out once: per file it costs at 1,000 files)."""
    allowed: list
    """The folders no link may lead out of."""
    problems: list[Problem] = field(default_factory=list)
    docs: dict[tuple[str, str], Document] = field(default_factory=dict)
    """The document of every file that could be read, by (kind, id); the playbook's is
    ("playbook", "")."""
    misnamed: list[tuple[str, Document]] = field(default_factory=list)
    """(kind, document) of the files whose name is not an id (checked, not loaded)."""
    entities: dict[str, dict[str, Entity]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    broken: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    """Ids per kind whose files exist but did not load: references to them are not unknown."""
    cache: LoadCache | None = None


class LoadCache:
    """What reading each content file found, kept between readings of the same folder.

    Reading a file is parsing its YAML and validating it against its model: nearly all the time
    of ``load_handbook``. A file whose bytes, name and model are the same as last time gives the
    same document, problems and model, so they are taken from here. The cross-checks between
    files always run again.
    """

    def __init__(self) -> None:
        self._files: dict[tuple, tuple] = {}
        self._read: dict[tuple, tuple] = {}

    def get(self, key: tuple) -> tuple | None:
        found = self._files.get(key)
        if found is not None:
            self._read[key] = found
        return found

    def put(self, key: tuple, value: tuple) -> None:
        self._read[key] = value

    def forget_unread(self) -> None:
        """Keep only the files read this time (edited files leave no old versions behind)."""
        self._files, self._read = self._read, {}


def _open_content_folder(root: Path, project: str | os.PathLike | None) -> _Reading:
    """Start reading the content folder; raise ContentError when it can't be read at all."""
    if not root.is_dir():
        raise ContentError(
            [Problem(display_path(root), 0, 0, "", "the content folder does not exist")]
        )
    allowed = [real(Path(project) if project is not None else root.absolute().parent)]
    read = _Reading(root, display_path(root), allowed)
    if root.is_symlink():
        refused, _ = link_problem(root, read.shown_root, allowed)
        if refused is not None:
            raise ContentError([refused])
    return read


def _read_playbook(read: _Reading) -> Playbook | None:
    """Read playbook.yaml; return None when it is missing or does not load."""
    playbook_file = read.root / "playbook.yaml"
    if playbook_file.is_symlink():
        refused, _ = link_problem(playbook_file, f"{read.shown_root}/playbook.yaml", read.allowed)
        if refused is not None:
            read.problems.append(refused)
            return None
    if not playbook_file.is_file():
        read.problems.append(
            Problem(
                display_path(playbook_file),
                message="this file is missing; every handbook needs one",
                hint="it holds the title, the organisation, the roles and the phases",
            )
        )
        return None
    return _load_one(
        playbook_file, Playbook, read.problems, read.docs, ("playbook", ""), cache=read.cache
    )


def _read_entity_folders(read: _Reading) -> None:
    """Read the folder of each kind of content, and report what else the content folder holds."""
    for entry in _entries(read.root):
        if entry.name.startswith(".") or entry.name in IGNORED_DIRS:
            continue
        shown = f"{read.shown_root}/{entry.name}"
        if entry.is_symlink() and _refused_link(entry, shown, read.allowed, read.problems):
            if entry.name in KINDS:  # its files exist: references to them are not unknown
                read.broken[entry.name].update(_stems(entry.path))
            continue
        if entry.name == RESULTS_DIR and entry.is_dir():
            continue  # read last, against the assessments
        if entry.is_dir():
            if entry.name in KINDS:
                _read_kind_folder(read, entry, KINDS[entry.name])
            else:
                read.problems.append(
                    Problem(
                        shown,
                        message=f"unknown content folder '{entry.name}'",
                        hint=did_you_mean(entry.name, KINDS)
                        or f"expected one of: {', '.join(KINDS)}",
                    )
                )
        elif entry.name != "playbook.yaml" and entry.name.endswith((".yaml", ".yml")):
            read.problems.append(
                Problem(shown, message=f"unexpected file: content files go in {_kind_folders()}")
            )


def _kind_folders() -> str:
    """Return the kinds' folders as a message lists them: 'principles/, ... or checklists/'."""
    folders = [f"{kind}/" for kind in KINDS]
    return f"{', '.join(folders[:-1])} or {folders[-1]}" if len(folders) > 1 else folders[0]


def _read_kind_folder(read: _Reading, folder: os.DirEntry, kind: Kind) -> None:
    """Read every file in the folder of one kind of content."""
    shown = f"{read.shown_root}/{folder.name}"
    for file in _entries(folder.path):
        if file.name.startswith((".", "#")) or file.name.endswith("~"):
            continue  # hidden files and editors' backups
        name = f"{shown}/{file.name}"
        if file.is_symlink() and _refused_link(file, name, read.allowed, read.problems):
            read.broken[kind.folder].update(_stems([file.name]))
            continue
        if file.is_dir():
            read.problems.append(
                Problem(
                    name,
                    message=f"folders inside {kind.folder}/ are not read",
                    hint=f"move its files up into {kind.folder}/",
                )
            )
            continue
        _read_entity_file(read, Path(file.path), name, kind)


def _read_entity_file(read: _Reading, file: Path, name: str, kind: Kind) -> None:
    """Read one entity's file; one whose name is no id is checked, but not loaded."""
    stem, _, suffix = file.name.rpartition(".")
    # A name without a dot ("notes") is no content file; with one, its stem must be an id.
    stem_problem = _file_name_problem(name, stem or file.name, suffix if stem else "")
    if stem_problem is not None:
        read.problems.append(stem_problem)
        if stem and suffix in ("yaml", "yml"):
            # Not loaded under a name that is no id, but checked: every mistake in the file
            # shows now, not after the renaming.
            found: dict = {}
            _load_one(file, kind.model, read.problems, found, (kind.folder, stem), name, read.cache)
            read.misnamed += [(kind.folder, doc) for doc in found.values()]
            read.broken[kind.folder].add(stem)
        return
    loaded = _load_one(
        file, kind.model, read.problems, read.docs, (kind.folder, stem), name, read.cache
    )
    if loaded is None:
        read.broken[kind.folder].add(stem)
    else:
        loaded._id = stem
        read.entities[kind.folder][stem] = loaded


def _text_warnings(read: _Reading, *, allow_html: bool) -> list[Problem]:
    """Return the warnings about text that may not be meant for readers, in every file read."""
    return checks.text_warnings(
        [*read.docs.values(), *(doc for _, doc in read.misnamed)], allow_html=allow_html
    )


def _read_results(read: _Reading, handbook: Handbook) -> list[Problem]:
    """Read results/ into ``handbook.results``; return the warnings (errors go to problems)."""
    results_dir = read.root / RESULTS_DIR
    if not results_dir.is_dir():
        return []
    if results_dir.is_symlink() and _refused_link(results_dir, "", read.allowed, []):
        return []
    from ..results import read_results  # only a handbook with results/ needs the results code

    files, listed = _result_files(results_dir, f"{read.shown_root}/{RESULTS_DIR}", read.allowed)
    checked = read_results(files, handbook, unchecked=read.broken["assessments"])
    read.problems.extend(checked.errors + listed.errors)
    handbook.results = checked.files
    return listed.warnings + checked.warnings


def _stems(names: str | list[str]) -> set[str]:
    """Return the ids of the content files among `names` (or in the folder `names`)."""
    if isinstance(names, str):
        try:
            names = os.listdir(names)
        except OSError:
            return set()
    return {name[: -len(".yaml")] for name in names if name.endswith(".yaml")}


def _refused_link(entry: os.DirEntry | Path, shown: str, allowed, problems: list) -> bool:
    """Report a link that leads out of the project, nowhere, or round in a loop."""
    problem, _ = link_problem(Path(entry), shown, allowed)
    if problem is not None:
        problems.append(problem)
    return problem is not None


@dataclass
class _Listed:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _result_files(folder: Path, shown: str, allowed) -> tuple[list[tuple[str, Path]], _Listed]:
    """Return (shown name, path) of the result files in `folder`, and what else it holds."""
    files, listed = [], _Listed()
    for file in _entries(folder):
        if file.name.startswith((".", "#")) or file.name.endswith("~"):
            continue  # hidden files and editors' backups
        name = f"{shown}/{file.name}"
        if file.is_symlink() and _refused_link(file, name, allowed, listed.errors):
            continue
        if file.is_dir():
            listed.warnings.append(
                Problem(name, message=f"folders inside {RESULTS_DIR}/ are not read")
            )
        elif not file.name.endswith(".json"):
            listed.warnings.append(
                Problem(name, message="not read: result files are exported as .json files")
            )
        else:
            files.append((name, Path(file.path)))
    return files, listed


_NO_PLAYBOOK = Playbook.model_construct(roles=[], phases=[], title="", organisation="", summary="")


def _entries(folder: str | os.PathLike[str]) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: e.name)


_SLUG = re.compile(SLUG_PATTERN)


def _file_name_problem(name: str, stem: str, suffix: str) -> Problem | None:
    if suffix == "yml":
        return Problem(name, message="content files end in .yaml", hint=f"rename it to {stem}.yaml")
    if suffix != "yaml":
        return Problem(name, message="not a content file (content files end in .yaml)")
    if not _SLUG.fullmatch(stem):
        return Problem(
            name,
            message=f"file name '{stem}' is not a valid id",
            hint=f"use lowercase letters, digits and hyphens, e.g. '{_slugify(stem)}.yaml'",
        )
    if len(stem) > ID_MAX:
        return Problem(
            name,
            message=f"file name '{stem[:40]}...' is {len(stem)} characters long; an id may have "
            f"at most {ID_MAX}",
            hint="shorten it: ids are parts of page addresses and of file names",
        )
    if stem in RESERVED_IDS:
        return Problem(
            name,
            message=f"file name '{stem}' can't be an id: Windows reserves the name "
            f"{stem.upper()}, so a site with a page of that name can't be copied to a Windows "
            "share",
            hint=f"rename the file, e.g. to '{stem}-page.yaml'",
        )
    return None


def _load_one(
    file: Path,
    model: type[BaseModel],
    problems,
    docs,
    key,
    name: str = "",
    cache: LoadCache | None = None,
) -> Any:
    """Read and validate one file; return its model, or None. Every problem goes to `problems`.

    A file that is read with problems (a duplicate field, say) is still validated, and its
    document kept for the cross-checks, so that every mistake in it is reported at once.
    """
    name = name or display_path(file)
    try:
        source = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, message=f"this file could not be read: {os_reason(exc)}"))
        return None
    cache_key = (name, model, source)
    found = cache.get(cache_key) if cache is not None else None
    if found is None:
        found = _read_and_validate(source, name, model)
        if cache is not None:
            cache.put(cache_key, found)
    doc, found_problems, loaded = found
    problems.extend(found_problems)
    if doc is not None:
        docs[key] = doc
    return loaded


def _read_and_validate(source: bytes, name: str, model: type[BaseModel]) -> tuple:
    """Return (document or None, problems, model or None) for one file's bytes."""
    doc, problems = read_document(source, name)
    if doc is None:
        return None, problems, None
    try:
        return doc, problems, validate_document(doc, model)
    except ContentError as exc:
        return doc, problems + exc.problems, None


def validate_document(doc: Document, model: type[BaseModel]) -> Any:
    """Validate one document against a model; raise ContentError with located problems."""
    problems = _unknown_empty_fields(doc, model)
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        # Empty only when every error is about a value the reader left out, already reported.
        raise ContentError(problems + translate_errors(exc, model, doc)) from None
    if problems:
        raise ContentError(problems)
    return result


def _unknown_empty_fields(doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Report misspelt fields written with no value (`tittle:`), which the reader leaves out."""
    out = []
    for path in doc.keys:
        container = doc.data
        for part in path[:-1]:
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                container = None
                break
        if not isinstance(container, dict) or path[-1] in container:
            continue  # written with a value: pydantic judges it
        holder = _model_at(model, path[:-1])
        if holder is not None and path[-1] not in holder.model_fields:
            fields = list(holder.model_fields)
            hint = did_you_mean(str(path[-1]), fields) or "the fields here are: " + ", ".join(
                fields
            )
            out.append(doc.problem(path[:-1], f"unknown field '{path[-1]}'", hint, key=path))
    return out


# -- pydantic errors, in words a person can act on -------------------------------------------------


def translate_errors(exc: ValidationError, model: type[BaseModel], doc: Document) -> list[Problem]:
    """Turn pydantic's errors into one located, plain-language problem each."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if doc.refused and doc.is_refused(loc):
            continue  # its value was left out after a problem already reported
        kind = err["type"]
        value = err.get("input")
        if kind == "missing":
            if loc in doc.keys:  # written as `name:` with nothing after it
                out.append(doc.problem(loc, "has no value", _empty_hint(model, loc), key=loc))
            else:
                out.append(doc.problem(loc[:-1], f"missing required field '{loc[-1]}'"))
            continue
        if kind == "extra_forbidden":
            holder = _model_at(model, loc[:-1])
            fields = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(loc[-1]), fields)
            if loc[-1] == "id" and len(loc) == 1:
                hint = "the id is the file name; remove this line"
            elif not hint and fields:
                hint = "the fields here are: " + ", ".join(fields)
            out.append(doc.problem(loc[:-1], f"unknown field '{loc[-1]}'", hint, key=loc))
            continue
        if value is None:  # an empty entry in a list: `- ` or `[a, , b]`
            message, hint = "this entry is empty", "write its text, or remove the entry"
        elif kind in ("markdown_limit", "reserved_id", "content_date"):  # worded in the model
            ctx = err["ctx"]
            line, column = doc.position(loc)
            if "line" in ctx:
                line, column = doc.text_position(loc, ctx["line"])
            problem = Problem(doc.file, line, column, format_path(loc), ctx["message"], ctx["hint"])
            out.append(problem)
            continue
        else:
            message, hint = _describe(kind, value, err)
        out.append(doc.problem(loc, message, hint))
    return out


def _empty_hint(model: type[BaseModel], loc: tuple) -> str:
    holder = _model_at(model, loc[:-1])
    field = holder.model_fields.get(str(loc[-1])) if holder else None
    if field is not None:
        if typing.get_origin(field.annotation) is list:
            return "list its entries on the lines below, each starting with '- '"
        target = _unwrap(field.annotation)
        if isinstance(target, type) and issubclass(target, BaseModel):
            return "write its fields on the lines below, indented"
    return "write a value after the ':'"


def _describe(kind: str, value: Any, err: Mapping[str, Any]) -> tuple[str, str]:
    shown = _show(value)
    if kind == "string_type":
        return f"expected text, not {shown}", ""
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "string_too_long":
        limit = err["ctx"]["max_length"]
        if limit == ID_MAX and not _SLUG.fullmatch(value):
            return _describe("string_pattern_mismatch", value, {"ctx": {"pattern": SLUG_PATTERN}})
        what = _LIMITS.get(limit, ("", "shorten it"))
        return (
            f"{shown} is {len(value):,} characters long; {what[0] or 'this field'} may have at "
            f"most {limit:,}",
            what[1],
        )
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if pattern == SLUG_PATTERN:
            slug = _slugify(value)[:40].strip("-")
            return (
                f"{shown} is not a valid id",
                f"use lowercase letters, digits and hyphens, e.g. '{slug}'",
            )
        if pattern == ITEM_REF_PATTERN:
            return (
                f"{shown} is not a checklist item reference",
                "write it as checklist-id#item-id",
            )
        if pattern.startswith("^(https?"):
            return f"{shown} is not a web address", "start it with https://"
        return f"{shown} is not a language code", "for example en, de or fr"
    if kind == "list_type":
        return f"expected a list, not {shown}", "put each entry on its own line, starting with '- '"
    if kind == "too_short":
        return "needs at least one entry", ""
    if kind == "too_long":
        limit = err["ctx"]["max_length"]
        return (
            f"has {err['ctx']['actual_length']} entries; this list may have at most {limit}",
            "keep the ones that matter most",
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected fields written as 'name: value' lines, not {shown}", ""
    if kind in ("int_parsing", "int_from_float", "int_type", "int_parsing_size"):
        return f"expected a whole number, not {shown}", ""
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"expected a number, not {shown}", ""
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, not {shown}", ""
    if kind == "greater_than_equal":
        return f"must be at least {err['ctx']['ge']}, not {shown}", ""
    if kind == "less_than_equal":
        return f"must be at most {err['ctx']['le']}, not {shown}", ""
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err["ctx"]["expected"])
        return (
            f"{shown} is not one of the choices here",
            "write " + " or ".join(f"'{choice}'" for choice in choices),
        )
    return err["msg"], ""


_LIMITS = {
    ID_MAX: ("an id", "shorten it: ids are parts of page addresses and of file names"),
    2 * ID_MAX + 1: ("a checklist item reference", "shorten the ids it names"),
    NAME_MAX: ("a title, a name or a label", "shorten it; say more in the text below it"),
    LINE_MAX: ("a summary, a list entry, a question or an item", "shorten it, or split it"),
    TEXT_MAX: ("a text", "shorten it, or split it between fields or pages"),
    URL_MAX: ("a web address", "use a shorter address for the same page"),
}


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "'name: value' fields"
    return quote(str(value))


def quote(text: str, limit: int = 60) -> str:
    """Return `text` in quotes for a one-line message: first line only, shortened if long."""
    first = text.strip().splitlines()[0] if text.strip() else text
    if first != text.strip() or len(first) > limit:
        first = first[: limit - 3].rstrip() + "..."
    return f"'{first}'"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "my-id"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Return the model class that holds the value at `loc` (for field-name suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Reduce list[X], X | None and Annotated[X, ...] to X."""
    while True:
        args = typing.get_args(annotation)
        if not args:
            return annotation
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        inner = [a for a in args if a is not type(None)]
        if typing.get_origin(annotation) is typing.Annotated or len(inner) == 1:
            annotation = inner[0]
        else:
            return annotation


__all__ = ["load_handbook", "display_path", "translate_errors", "validate_document", "format_path"]
