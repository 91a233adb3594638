"""The content model: one class per thing HR talks about.

The classes check the *shape* of each file (fields, types, ids). What the content *means* —
cross-references, bands that cover the scale, unique ids — is checked in ``checks.py``, where
every problem can point at the exact line. Field descriptions feed the JSON Schemas that editors
use for completion, so they are written for the person editing the YAML.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from . import richtext
from .ids import SLUG_PATTERN

ITEM_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$"


# -- limits ---------------------------------------------------------------------------------------
# Every text has a length limit, and Markdown texts a limit on how they nest, so that no content
# can make a page slow to build or stop it (Python-Markdown's time per character grows with the
# length of a text for some constructs, and it recurses once per level of nesting). The limits
# are far above what a handbook needs (its longest text is under 2,000 characters); the
# editor's guide lists them. tests/test_limits.py renders the worst case at each limit.

ID_MAX = 64
"""Characters in an id or alias: ids are parts of page addresses and of file and folder names."""
NAME_MAX = 200
"""Characters in a title, a name or a label (shown in menus and headings)."""
LINE_MAX = 1_000
"""Characters in a summary, a list entry, a question or a checklist item's text."""
TEXT_MAX = 10_000
"""Characters in a longer Markdown text (why, story, details, descriptions...)."""
URL_MAX = 2_000
"""Characters in a web address."""
LINES_MAX = 500
"""Lines in one text (Markdown's time per line grows with the number of lines)."""
NESTING_MAX = 8
"""Levels of lists and quotes inside each other, and of '[' brackets inside each other."""
OPEN_MAX = 20
"""Brackets left open in one text: Markdown reads to the end of the paragraph for each."""
BACKTICKS_MAX = 100
"""Backticks (`) in one text: Markdown reads ahead from each for the end of a piece of code."""
BACKTICKS_RUN_MAX = 5
"""Backticks in a row (Markdown 3.5 reads ahead once for each backtick of a run and length)."""
DISCUSS_MAX = 10
"""Workshop questions of one dimension (``discuss``): more than fit in a workshop's hour."""
RESERVED_IDS = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)
"""Names Windows reserves for devices: no file or folder can have them on a Windows share."""


def _not_reserved(value: str) -> str:
    if value.lower() in RESERVED_IDS:
        raise PydanticCustomError(
            "reserved_id",
            "{message}",
            {
                "message": f"'{value}' can't be used: Windows reserves the name "
                f"{value.upper()}, so a site with a page or folder of that name can't be "
                "copied to a Windows share",
                "hint": f"choose another id, e.g. '{value}-page'",
            },
        )
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Accept a date only as YAML writes one, YYYY-MM-DD: not a number of seconds, not a time."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    shown = "a list" if isinstance(value, list) else f"'{value}'"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            message, hint = f"{shown} is not a date", "there is no such day"
    else:
        message, hint = f"{shown} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-01"
    raise PydanticCustomError("content_date", "{message}", {"message": message, "hint": hint})


def _markdown_limits(value: str) -> str:
    # Most texts are one line of words: nothing in them can nest or slow Markdown down. (This
    # runs for every text of every file: four quick tests save a call on 1,000 files.)
    if "\n" not in value and "[" not in value and "`" not in value and value[:1] not in _STARTS:
        return value
    found = markdown_limit_problem(value)
    if found is not None:
        line, message, hint = found
        raise PydanticCustomError(
            "markdown_limit", "{message}", {"message": message, "hint": hint, "line": line}
        )
    return value


# A line deeper than the limit starts with more levels than the limit: 4 spaces or a tab, a '>',
# or a list mark are one each (as richtext.line_nesting counts them, or more). Most texts have no
# such line and are not measured. (Two patterns, not one with re.M: '^' in re.M is tried at
# every character, a measurable cost over 1,000 files. Each level is an atomic group: spaces
# could be read in many ways, and trying them all took seconds on a line of '-    -    -'.)
_LEVEL = r"(?>\t| {4}| {0,3}(?:> ?|(?:[-*+]|\d+[.)])(?: {1,4}|(?=\n)|$)))"
_STARTS = " \t>*+-0123456789"  # what a first line that nests starts with
_MAY_NEST_FIRST = re.compile(f"{_LEVEL}{{{NESTING_MAX + 1}}}")
_MAY_NEST_LATER = re.compile(f"\n{_LEVEL}{{{NESTING_MAX + 1}}}")


def markdown_limit_problem(text: str) -> tuple[int, str, str] | None:
    """Return (line in the text, message, hint) when a text goes past a limit of Markdown's."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > LINES_MAX:
        return (
            LINES_MAX,
            f"this text has {lines:,} lines; a text may have at most {LINES_MAX:,}",
            "split it into shorter texts",
        )
    ticks = text.count("`")
    if ticks > BACKTICKS_RUN_MAX and "`" * (BACKTICKS_RUN_MAX + 1) in text:
        at = text.find("`" * (BACKTICKS_RUN_MAX + 1))
        run = len(text[at:]) - len(text[at:].lstrip("`"))
        return (
            text.count("\n", 0, at),
            f"{run:,} backticks (`) in a row here; Markdown reads ahead from each for the end of a "
            f"piece of code, so at most {BACKTICKS_RUN_MAX} in a row are allowed",
            "write fewer; three are enough to show code that holds two",
        )
    if ticks > BACKTICKS_MAX:
        at = -1
        for _ in range(BACKTICKS_MAX + 1):
            at = text.find("`", at + 1)
        return (
            text.count("\n", 0, at),
            f"this text has {ticks:,} backticks (`), the {BACKTICKS_MAX + 1}st here; Markdown "
            "reads ahead from each for the end of a piece of code, so at most "
            f"{BACKTICKS_MAX} are allowed in one text",
            "split the text, or show less of it as code",
        )
    # A text with fewer '[' than a limit can't go past it (each bracket left open or nested is
    # a '['); most texts have few, and nothing at the start of a line that could nest.
    brackets = text.count("[") > min(NESTING_MAX, OPEN_MAX)
    may_nest = _MAY_NEST_FIRST.match(text) is not None or (
        "\n" in text and _MAY_NEST_LATER.search(text) is not None
    )
    if not brackets and not may_nest:
        return None
    found = richtext.structure(
        text, prefix=NESTING_MAX + 1 if may_nest else None, brackets=brackets
    )
    if found.nesting > NESTING_MAX:
        return (
            found.nesting_line,
            f"lists and quotes are nested {found.nesting} levels deep here; "
            f"at most {NESTING_MAX} are allowed",
            "indent less: each '-', '1.' or '>' at the start of a line, and each 4 spaces, "
            "is a level",
        )
    if found.open > OPEN_MAX:
        return (
            found.open_line,
            f"{found.open:,} brackets are left open, the first here ('[' without ']', or a "
            f"link's '(' without ')'); Markdown reads to the end of the paragraph for each, so "
            f"at most {OPEN_MAX} are allowed in one text",
            "close them, or write '\\[' for a bracket shown as text",
        )
    if found.brackets > NESTING_MAX:
        return (
            found.brackets_line,
            f"'[' brackets are nested {found.brackets} deep here; at most {NESTING_MAX} are "
            "allowed",
            "write '\\[' for a bracket shown as text",
        )
    return None


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=ID_MAX)]
PageId = Annotated[Slug, AfterValidator(_not_reserved)]
"""An id that becomes a folder name in the site (a role's plan, an old address)."""
ItemRef = Annotated[str, StringConstraints(pattern=ITEM_REF_PATTERN, max_length=2 * ID_MAX + 1)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=NAME_MAX), AfterValidator(_markdown_limits)
]
"""A title, a name or a label."""
LineText = Annotated[
    str, StringConstraints(min_length=1, max_length=LINE_MAX), AfterValidator(_markdown_limits)
]
"""A summary, a list entry, a question or an item: Markdown, usually one line."""
LongText = Annotated[
    str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_markdown_limits)
]
"""Markdown paragraphs."""
OptionalName = Annotated[
    str, StringConstraints(max_length=NAME_MAX), AfterValidator(_markdown_limits)
]
OptionalText = Annotated[
    str, StringConstraints(max_length=TEXT_MAX), AfterValidator(_markdown_limits)
]
DUE_DAYS_MAX = 730
"""Days after the start date an item may be due: two years covers any onboarding plan."""
DueDays = Annotated[int, Field(ge=0, le=DUE_DAYS_MAX)]
"""Days from a plan's start date to a due date."""
Url = Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=URL_MAX)]
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"


def _fingerprint(value: str) -> str:
    # Said here in our words: the loader words only the patterns it knows (ids, links, ...).
    if re.fullmatch(FINGERPRINT_PATTERN, value) is None:
        raise PydanticCustomError(
            "fingerprint",
            "'{shown}' is not a questionnaire fingerprint (copy the 12 letters and digits that "
            "the warning about a result file names)",
            {"shown": value if len(value) <= 40 else value[:37] + "..."},
        )
    return value


Fingerprint = Annotated[
    str,
    AfterValidator(_fingerprint),
    WithJsonSchema({"type": "string", "pattern": FINGERPRINT_PATTERN}),
]


# -- fields that several kinds share ---------------------------------------------------------------
# Declared once here, and written in each model at its place in the model's list of fields:
# pydantic lists a base class's (or mixin's) fields before the class's own, and that list is the
# order of the JSON Schemas and of hints such as "the fields here are: ...", which must not
# change. (`tags` and `sources` are not shared: each kind describes them in its own words.)

Aliases = Annotated[
    list[PageId], Field(description="Old ids whose URLs must keep redirecting here.")
]
"""Old ids of a thing with its own page (every kind has them: redirect pages are made of them)."""
Order = Annotated[int | None, Field(description="Position in lists; without it, by title.")]
"""A position in lists; a kind whose model has an `order` field is listed by it, then by title."""
REVIEW_EVERY_MAX = 120
"""Months between reviews, at most: ten years."""
ReviewEvery = Annotated[
    int | None,
    Field(
        ge=1,
        le=REVIEW_EVERY_MAX,
        description="Months between reviews; a page not reviewed for this long shows a notice.",
    ),
]
"""How often a page is reviewed, in months (playbook.yaml sets it for all, a file for itself)."""
Owner = Annotated[
    Name | None,
    Field(description="Who keeps the page true: a role id from playbook.yaml, or a name."),
]
Reviewed = Annotated[
    Annotated[
        datetime.date,
        BeforeValidator(_iso_date),
        WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
    ]
    | None,
    Field(description="When the page was last checked, as YYYY-MM-DD."),
]
SHORT_TITLE_MAX = 60
"""Characters in a short title: the navigation's width at 1280 px holds about two lines of it."""
ShortTitle = Annotated[
    Annotated[
        str,
        StringConstraints(min_length=1, max_length=SHORT_TITLE_MAX),
        AfterValidator(_markdown_limits),
    ]
    | None,
    Field(
        description=(
            f"A shorter title for the navigation (at most {SHORT_TITLE_MAX} characters); "
            "the page itself keeps the full title."
        ),
        examples=["One owner, no repeats"],
    ),
]
"""The name a thing with its own page has in the navigation; without it, its title."""


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, not silently dropped."""

    # Infinity and NaN would slip past every range check (threshold, band limits).
    model_config = ConfigDict(
        extra="forbid", frozen=False, str_strip_whitespace=False, allow_inf_nan=False
    )


class Entity(Strict):
    """A thing with its own file and page; its id is the file name."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The id: the file name without `.yaml`, also the last part of the page URL."""
        # Read where pydantic keeps private attributes: `self._id` takes its slow path (~2 µs),
        # and pages ask for ids thousands of times.
        return self.__pydantic_private__["_id"]  # type: ignore[index]  # set on every entity


class Role(Strict):
    """A role that checklist items are assigned to."""

    id: PageId = Field(
        description="Lowercase id used in URLs and by checklist items.", examples=["manager"]
    )
    name: Name = Field(
        description="The role's name as readers see it.", examples=["People manager"]
    )
    description: OptionalText | None = Field(
        None, description="Optional Markdown: who this role is."
    )


class Phase(Strict):
    """A moment or rhythm when checklist items are done, in the order they happen."""

    id: Slug = Field(
        description="Lowercase id used in URLs and by checklist items.", examples=["week-1"]
    )
    name: Name = Field(description="The phase's name as readers see it.", examples=["First week"])
    due_after_days: DueDays | None = Field(
        None,
        description=(
            "Onboarding plans: the phase's items are due this many days after the start date "
            "(counted as `due_days` says; 0 is the start date). Leave out for a phase without "
            "a due date, such as a recurring one."
        ),
        examples=[5],
    )


class Playbook(Strict):
    """Handbook-wide settings (content/playbook.yaml)."""

    title: Name = Field(description="The handbook's title.", examples=["Service Culture Playbook"])
    organisation: Name = Field(
        description="Your organisation's name; shown in headers and exports."
    )
    summary: LongText = Field(description="One-paragraph Markdown introduction for the home page.")
    language: Annotated[
        str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)
    ] = Field("en", description="Language of the handbook and its page controls, e.g. en or de.")
    roles: list[Role] = Field(
        min_length=1, description="Roles, in order; checklist items name one."
    )
    phases: list[Phase] = Field(
        min_length=1, description="Phases, in order; checklist items name one."
    )
    due_days: Literal["working", "calendar"] = Field(
        "working",
        description=(
            "How `due_after_days` counts: working days (Monday to Friday; public holidays are "
            "not known) or calendar days."
        ),
    )
    allow_html: bool = Field(
        False,
        description="Let raw HTML in content through. Leave false unless every editor is trusted.",
    )
    logo: (
        Annotated[str, StringConstraints(min_length=1, max_length=URL_MAX, pattern=r"^[^\n]+$")]
        | None
    ) = Field(
        None,
        description=(
            "An SVG or PNG file in docs/ or the theme folder, shown in every page's header; "
            "the path starts from the folder that holds mkdocs.yml."
        ),
        examples=["docs/images/logo.svg"],
    )
    review_every: ReviewEvery = None


def handbook_name(playbook: Playbook) -> str:
    """Return the name every page shows: '<organisation> · <title>', as plain text.

    A title that already names the organisation ("Acme Service Handbook") is the name as it is.
    """
    title = richtext.to_plain(playbook.title)
    organisation = richtext.to_plain(playbook.organisation)
    if organisation.casefold() in title.casefold():
        return title
    return f"{organisation} · {title}"


class Source(Strict):
    """A published source behind an idea."""

    title: LineText = Field(description="Title of the work.")
    author: OptionalName | None = Field(None, description="Author(s), e.g. 'Heskett et al.'.")
    year: int | None = Field(None, description="Year of publication.")
    publisher: OptionalName | None = Field(None, description="Journal, publisher or website.")
    url: Url | None = Field(None, description="A link to the source (https://...).")


class Principle(Entity):
    """A principle of the service culture (content/principles/<id>.yaml)."""

    title: Name = Field(description="The principle in a few words.")
    short_title: ShortTitle = None
    summary: LineText = Field(description="One line that states the principle.")
    why: LongText = Field(description="Markdown: why it matters, with attributed evidence.")
    practices: list[LineText] = Field(
        min_length=1, description="Markdown: what people do, one per item."
    )
    anti_patterns: list[LineText] = Field([], description="Markdown: what to avoid, one per item.")
    examples: list[Slug] = Field([], description="Ids of examples that show this principle.")
    tags: list[Slug] = Field([], description="Tags, e.g. internal-service.")
    sources: list[Source] = Field([], description="Where the ideas come from.")
    owner: Owner = None
    reviewed: Reviewed = None
    review_every: ReviewEvery = None
    order: Order = None
    aliases: Aliases = []


class Example(Entity):
    """A company example or a situation (content/examples/<id>.yaml)."""

    title: Name = Field(description="The example's title.")
    short_title: ShortTitle = None
    organisation: OptionalName | None = Field(
        None, description="The company; leave out for a generic situation."
    )
    summary: LineText = Field(description="One line: what the example shows.")
    story: LongText = Field(description="Markdown: what happened.")
    lesson: LongText = Field(description="Markdown: what to take from it.")
    principles: list[Slug] = Field(
        min_length=1, description="Ids of the principles it illustrates."
    )
    caveats: OptionalText | None = Field(None, description="Markdown: limits and later history.")
    sources: list[Source] = Field([], description="Where the facts come from.")
    tags: list[Slug] = Field([], description="Tags, e.g. illustrative.")
    owner: Owner = None
    reviewed: Reviewed = None
    review_every: ReviewEvery = None
    order: Order = None
    aliases: Aliases = []


class Scale(Strict):
    """The answer scale of an assessment."""

    min: int = Field(description="Lowest answer, e.g. 1.")
    max: int = Field(description="Highest answer, e.g. 5.")
    labels: list[Name] = Field(description="One label per answer from min to max.")
    allow_na: bool = Field(
        True, description="Offer 'not applicable'; such answers are left out of scores."
    )


class Question(Strict):
    """One statement a team rates."""

    id: Slug = Field(description="Id, unique in the assessment; answers are stored under it.")
    text: LineText = Field(description="Markdown: the statement.")
    reverse: bool = Field(False, description="True when agreeing is bad; scored as min+max-answer.")
    customer: LineText | None = Field(
        None,
        description=(
            "Markdown: the statement in the voice of the teams this team serves. Only questions "
            "with one are asked on the customer page; the others are the team's own."
        ),
    )


class Recommend(Strict):
    """What to suggest when a dimension scores below the threshold."""

    principles: list[Slug] = Field([], description="Ids of principles to read.")
    checklist_items: list[ItemRef] = Field(
        [], description="Checklist items, as checklist-id#item-id."
    )


class Dimension(Strict):
    """A group of questions scored together."""

    id: Slug = Field(description="Id of the dimension.")
    title: Name = Field(description="The dimension's title.")
    description: OptionalText | None = Field(
        None, description="Markdown: what the dimension covers."
    )
    questions: list[Question] = Field(min_length=1, description="The statements in this dimension.")
    recommend: Recommend = Field(default_factory=Recommend, description="Shown when it scores low.")
    discuss: list[LineText] = Field(
        [],
        max_length=DISCUSS_MAX,
        description=(
            "Markdown: questions for the team to talk about in the workshop, one per entry; the "
            "facilitator guide lists them after the questions it asks of every dimension."
        ),
        examples=[["When did a request to us last wait for a reply, and what held it up?"]],
    )


class Band(Strict):
    """A named range of scores."""

    upto: float = Field(description="Highest score in this band; bands go up to the scale's max.")
    name: Name = Field(description="The band's name.")
    description: LongText = Field(description="Markdown: what this band means.")


class Assessment(Entity):
    """A self-assessment (content/assessments/<id>.yaml)."""

    title: Name = Field(description="The assessment's title.")
    short_title: ShortTitle = None
    intro: LongText = Field(
        description="Markdown: what the assessment is for, in a sentence or two, above the form."
    )
    method: OptionalText | None = Field(
        None,
        description=(
            "Markdown: how the assessment works and how to read its results, folded away under "
            "the intro (closed until the reader opens it; printed open)."
        ),
    )
    scale: Scale = Field(description="The answer scale.")
    dimensions: list[Dimension] = Field(min_length=1, description="Groups of questions.")
    bands: list[Band] = Field(min_length=1, description="Score bands, lowest first.")
    threshold: float = Field(description="Dimensions scoring below this get recommendations.")
    min_answered: int = Field(
        1, ge=1, description="Fewer answered questions: 'not enough answers'."
    )
    recommend_max: int = Field(
        3, ge=1, description="Recommend for at most this many weakest dimensions."
    )
    min_respondents: int = Field(
        3,
        ge=1,
        description=(
            "Results dashboard and reports: the fewest respondents a team (and each dimension) "
            "needs before its scores are shown, so that no one's answers can be worked out; "
            "1 shows every score."
        ),
    )
    include_versions: list[Fingerprint] = Field(
        [],
        description=(
            "Questionnaire fingerprints of other versions of this assessment whose result files "
            "still count (a warning names the fingerprint of a file that is not counted)."
        ),
        examples=[["3fa1c09b2e7d"]],
    )
    sources: list[Source] = Field([], description="Works its intro and questions draw on.")
    owner: Owner = None
    reviewed: Reviewed = None
    review_every: ReviewEvery = None
    aliases: Aliases = []


class ChecklistItem(Strict):
    """One thing to do, by a role, in a phase."""

    id: Slug = Field(description="Id, unique in the checklist; the item's URL anchor.")
    text: LineText = Field(description="Markdown, one line: what to do.")
    details: OptionalText | None = Field(None, description="Markdown: how, and why.")
    role: Slug = Field(description="Who does it: a role id from playbook.yaml.")
    when: Slug = Field(description="When: a phase id from playbook.yaml.")
    due_after_days: DueDays | None = Field(
        None,
        description="Onboarding plans: due this many days after the start date (its phase's "
        "`due_after_days` otherwise).",
    )
    principles: list[Slug] = Field([], description="Ids of the principles behind it.")
    sources: list[Source] = Field([], description="Works its text or details cite.")
    aliases: list[Slug] = Field(
        [], description="Old item ids whose anchors must keep landing here."
    )


class Checklist(Entity):
    """A checklist (content/checklists/<id>.yaml)."""

    title: Name = Field(description="The checklist's title.")
    short_title: ShortTitle = None
    summary: LongText = Field(description="Markdown: what the checklist is for.")
    items: list[ChecklistItem] = Field(min_length=1, description="The items, in reading order.")
    sources: list[Source] = Field([], description="Works its summary cites (items have their own).")
    owner: Owner = None
    reviewed: Reviewed = None
    review_every: ReviewEvery = None
    aliases: Aliases = []


# -- the kinds of content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A field of a kind's files that holds ids of another kind; the checks find them here."""

    path: tuple[str, ...]
    """Where the ids are, from the top of the file; '*' stands for every entry of a list."""
    kind: str
    """The folder of the kind whose ids it holds."""
    item: bool = False
    """Its entries name an item inside an entity, as ``checklist-id#item-id``."""


@dataclass(frozen=True)
class Kind:
    """One kind of content: a folder of files, the model they follow, and the pages they make.

    Everything that lists the kinds reads them from ``KINDS``: the loader (which folders it
    reads), the checks (messages, aliases, references), the pages (which pages, in what order,
    in which navigation section, the Tags, Sources and redirect pages), the ``Handbook`` and the
    JSON Schemas.
    """

    folder: str
    """Its folder under content/. Also the start of its pages' URLs (``principles/<id>/``), the
    ``Handbook`` attribute that holds them, the plural in messages ("content files go in
    principles/, ..."), and the word (in ``i18n``) that titles its navigation section."""
    model: type[Entity]
    """The model every file in the folder follows."""
    one: str
    """One of them, as messages say it ("unknown principle 'x'"); also the name of its JSON Schema
    and of the variable that holds the entity in its page's template."""
    index_when_empty: bool = True
    """Whether its index page is made when there is none of them."""
    references: tuple[Reference, ...] = ()
    """Fields that hold ids of other kinds (or of items of theirs)."""

    @property
    def index_page(self) -> str:
        """The docs-relative path of the page that lists them."""
        return f"{self.folder}/index.md"

    def page(self, entity_id: str) -> str:
        """Return the docs-relative path of one entity's page."""
        return f"{self.folder}/{entity_id}.md"

    @property
    def index_template(self) -> str:
        """The template of the index page: ``<folder>.md.j2``."""
        return f"{self.folder}.md.j2"

    @property
    def page_template(self) -> str:
        """The template of one entity's page: ``<one>.md.j2``."""
        return f"{self.one}.md.j2"

    @property
    def schema_name(self) -> str:
        """The name of its JSON Schema: ``schemas/<schema_name>.schema.json``."""
        return self.one

    @property
    def tagged(self) -> bool:
        """Whether its files have tags (listed on the Tags page)."""
        return "tags" in self.model.model_fields

    @property
    def sourced(self) -> bool:
        """Whether its files have sources (listed on the Sources page)."""
        return "sources" in self.model.model_fields

    @property
    def ordered(self) -> bool:
        """Whether its files have an `order` that places them in lists."""
        return "order" in self.model.model_fields

    def in_order(self, entities: dict[str, Any]) -> dict[str, Any]:
        """Return the entities in the handbook's order, by id."""
        if self.ordered:
            return dict(
                sorted(
                    entities.items(),
                    key=lambda kv: (
                        kv[1].order is None,
                        kv[1].order or 0,
                        kv[1].title.lower(),
                        kv[0],
                    ),
                )
            )
        # Titles as written (capitals first), as the handbook has always listed these.
        return dict(sorted(entities.items(), key=lambda kv: (kv[1].title, kv[0])))


KINDS: dict[str, Kind] = {
    kind.folder: kind
    for kind in (
        Kind(
            "principles",
            Principle,
            "principle",
            references=(Reference(("examples",), "examples"),),
        ),
        Kind(
            "examples",
            Example,
            "example",
            references=(Reference(("principles",), "principles"),),
        ),
        Kind(
            "assessments",
            Assessment,
            "assessment",
            index_when_empty=False,
            references=(
                Reference(("dimensions", "*", "recommend", "principles"), "principles"),
                Reference(("dimensions", "*", "recommend", "checklist_items"), "checklists", True),
            ),
        ),
        Kind(
            "checklists",
            Checklist,
            "checklist",
            index_when_empty=False,
            references=(Reference(("items", "*", "principles"), "principles"),),
        ),
    )
}
"""The kinds of content by folder, in the order of the navigation and of messages."""


class Handbook:
    """Everything in content/, validated and cross-referenced.

    The entities of each kind are an attribute named after its folder (``handbook.principles``),
    in the handbook's order.
    """

    principles: dict[str, Principle]
    examples: dict[str, Example]
    assessments: dict[str, Assessment]
    checklists: dict[str, Checklist]

    def __init__(self, playbook: Playbook, entities: Mapping[str, dict[str, Any]] | None = None):
        """Hold the playbook and the entities of each kind (by folder, then id); none is none."""
        self.playbook = playbook
        entities = entities or {}
        unknown = set(entities) - set(KINDS)
        if unknown:
            raise ValueError(f"not kinds of content: {sorted(unknown)}")
        self._entities: dict[str, dict[str, Any]] = {}
        for folder, kind in KINDS.items():
            self._entities[folder] = kind.in_order(entities.get(folder, {}))
            setattr(self, folder, self._entities[folder])
        self.results: list = []
        """Checked result files from content/results/ (``results.ResultFile``): the dashboard."""
        self.warnings: list = []
        """Problems that do not stop a build, such as an answer to an unknown question."""
        self.content_dir: Any = None
        """The folder it was read from (set by the loader); its git history dates the pages."""
        self.history_reading: Callable[[], list | None] | None = None
        """The reading of that history when the loader started it (``load_handbook``)."""

    @functools.cached_property
    def history(self) -> list | None:
        """The commits that changed the content, newest first (``history.Change``); None when
        the content folder has no git history."""
        if self.history_reading is not None:
            return self.history_reading()
        from .history import read_history

        return read_history(self.content_dir) if self.content_dir is not None else None

    def entities(self, kind: str) -> dict[str, Any]:
        """Return the entities of one kind (by its folder: 'principles', ...) by id."""
        return self._entities[kind]

    @property
    def roles(self) -> dict[str, Role]:
        return {r.id: r for r in self.playbook.roles}

    @property
    def phases(self) -> dict[str, Phase]:
        return {p.id: p for p in self.playbook.phases}

    def examples_of(self, principle_id: str) -> list[Example]:
        """Return the examples linked to a principle, from either side of the link."""
        return self._links[0].get(principle_id, [])

    def principles_of(self, example_id: str) -> list[Principle]:
        """Return the principles linked to an example, from either side of the link."""
        return self._links[1].get(example_id, [])

    def items_citing(self, principle_id: str) -> list[tuple[Checklist, ChecklistItem]]:
        """Return the checklist items that name a principle."""
        return self._links[2].get(principle_id, [])

    @functools.cached_property
    def _links(self) -> tuple[dict, dict, dict]:
        """Both-way principle <-> example links and principle -> citing items, built once.

        Lists follow the handbook's order of examples and of principles.
        """
        linked: dict[str, set[str]] = {
            ex_id: set(ex.principles) for ex_id, ex in self.examples.items()
        }
        for p_id, principle in self.principles.items():
            for ex_id in principle.examples:
                linked.setdefault(ex_id, set()).add(p_id)
        examples_of: dict[str, list] = {}
        for ex_id, example in self.examples.items():
            for p_id in linked[ex_id]:
                examples_of.setdefault(p_id, []).append(example)
        principles_of: dict[str, list] = {ex_id: [] for ex_id in self.examples}
        for p_id, principle in self.principles.items():  # in the handbook's order
            for example in examples_of.get(p_id, ()):
                principles_of[example.id].append(principle)
        citing: dict[str, list] = {}
        for checklist in self.checklists.values():
            for item in checklist.items:
                for p_id in item.principles:
                    citing.setdefault(p_id, []).append((checklist, item))
        return examples_of, principles_of, citing
