"""The result file's format, defined once: its name, version, limits, fields and fingerprint.

``ExportedResult`` documents the file for editors (the JSON Schema ``playbook-gen schema``
writes); the reader (``reader.py``) checks files with the same limits and field names, and the
assessment page's import reads the same constants from the page data.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StringConstraints

from ..content.model import Assessment, Slug, Strict

# The format's name and version are types, so that the model requires them; the constants are
# their one value, for the checks and the assessment page.
FormatName = Literal["playbook-assessment-result"]
FormatVersion = Literal[1]
Perspective = Literal["self", "customer"]
PERSPECTIVES: tuple[str, ...] = get_args(Perspective)
"""Who answered: the team itself (the default) or a team it serves (a customer)."""
FORMAT: str = get_args(FormatName)[0]
"""The ``format`` field of every exported result."""
VERSION: int = get_args(FormatVersion)[0]
"""The version of the format this playbook-gen reads and the assessment page writes."""
MAX_BYTES = 1_000_000
"""The largest result file read; the assessment page's import refuses larger files too."""
MAX_TEXT = 200
"""Characters in a one-line text (id, team, questionnaire), as on the assessment page."""
MAX_COMMENT = 5000
"""Characters in a respondent's comment on a dimension."""

OneLineText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


class ExportedResult(Strict):
    """A self-assessment result exported from the assessment page (content/results/<name>.json).

    Its fields document the file for editors (JSON Schema); ``results.py`` checks the files
    themselves, against the assessment they answer.
    """

    # The docstring is the schema's description (``playbook-gen schema``), kept word for word:
    # "results.py" is now the results package, whose reader.py does the checking. Optional
    # fields are typed `str` with a default of None, not `str | None`, so that the schema does
    # not offer null for them (hence the type: ignore).

    schema_: str = Field(  # type: ignore[assignment]
        None, alias="$schema", description="Optional: where editors find this schema."
    )
    format: FormatName = Field(description=f"Always '{FORMAT}'.")
    version: FormatVersion = Field(description=f"The version of this format: {VERSION}.")
    id: OneLineText = Field(  # type: ignore[assignment]
        None,
        description="A random id made at export, so that a file handed in twice counts once.",
    )
    assessment: Slug = Field(description="The id of the assessment answered.")
    questionnaire: OneLineText = Field(  # type: ignore[assignment]
        None,
        description=(
            "Optional: the fingerprint of the questions and scale answered, written at export; "
            "a file whose fingerprint is not the assessment's current one is not counted."
        ),
        examples=["3fa1c09b2e7d"],
    )
    team: OneLineText = Field(
        description="The team's name; files for the same team and date are its respondents."
    )
    perspective: Perspective = Field(
        "self",
        description=(
            "Optional: 'self' when a member of the team answered (the default), 'customer' when "
            "someone from a team it serves did; a customer answers only the questions that have "
            "a customer wording, and customers' scores are never mixed with the team's own."
        ),
    )
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="The day of the export, YYYY-MM-DD.", examples=["2026-11-22"]
    )
    answers: dict[str, int | None] = Field(
        description="Question id -> answer on the scale; null means not applicable."
    )
    comments: dict[str, Annotated[str, StringConstraints(max_length=MAX_COMMENT)]] = Field(
        {}, description="Optional: dimension id -> the respondent's comment."
    )
    scores: Any = Field(None, description="Ignored: scores are always worked out from the answers.")


FIELDS = frozenset(f.alias or name for name, f in ExportedResult.model_fields.items())
"""Every field name a result file may have."""
REQUIRED = tuple(name for name, f in ExportedResult.model_fields.items() if f.is_required())
"""The fields every result file has, in the order the model lists them."""


# -- the questionnaire's fingerprint ---------------------------------------------------------------
# One rule, here: the assessment page exports the value render.py puts in its data, so the
# browser never works it out again (SubtleCrypto's hash is missing on a plain-http intranet).
# tests/vectors/questionnaire/ pins it, in pytest and in an export from Chromium.


def questionnaire_text(assessment: Assessment) -> str:
    """Return what the fingerprint is made from: what decides what an answer means.

    That is the scale (lowest and highest answer, whether N/A is offered) and each question's
    id and direction, sorted by id: never the wording (fixing a typo changes no answer's
    meaning), the order, the dimensions a question is in, the bands or the threshold (scores
    are always worked out again with the current ones).
    """
    scale = assessment.scale
    lines = [f"scale {scale.min} {scale.max} {'na' if scale.allow_na else 'no-na'}"]
    questions = sorted((q.id, q.reverse) for d in assessment.dimensions for q in d.questions)
    lines += [f"question {q}{' reverse' if reverse else ''}" for q, reverse in questions]
    return "\n".join(lines) + "\n"


def questionnaire(assessment: Assessment) -> str:
    """Return the assessment's questionnaire fingerprint: 12 hex digits of SHA-256."""
    return hashlib.sha256(questionnaire_text(assessment).encode("utf-8")).hexdigest()[:12]
