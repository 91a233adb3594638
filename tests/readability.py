"""A small Flesch reading-ease counter for the tests (textstat is not available offline).

Flesch (1948): 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words). Higher is
easier; 50 to 60 reads as "fairly difficult", 60 to 70 as plain English.

What counts:
- Markdown is read as text: emphasis marks, link targets and backticks are dropped.
- A sentence ends at ".", "!" or "?" followed by a space and a capital letter, an opening
  bracket or quote, or by the end of the text. "et al." and initials ("J. L.") do not end one,
  since a comma, a year or another initial follows them.
- A word is a run of letters, digits, apostrophes and inner hyphens or dots ("re:Work" and
  "high-effort" are one word each).
- Syllables: groups of vowels (a, e, i, o, u, y), at least one a word, then the usual
  adjustments for English endings: a final silent "e" is not a syllable ("make"), unless it is
  "-le" after a consonant ("table"); "-es" and "-ed" after a consonant add no syllable ("makes",
  "jumped"), except "-ed" after "t" or "d" ("wanted") and "-es" after a hissing sound ("boxes",
  "changes"). A number counts a syllable a digit, a little under how it is read aloud.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKDOWN = re.compile(r"\]\([^)]*\)|[*_`\[]")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bal)(?<!\bMR)(?<!\bDr)(?<!\bMr)[.!?]+(?=\s+[A-Z(\"“‘']|\s*$)"
)
_WORD = re.compile(r"[A-Za-z0-9’']+(?:[-:.][A-Za-z0-9]+)*")
_VOWELS = re.compile(r"[aeiouy]+")
_HISSING = ("s", "x", "z", "ch", "sh")


def syllables(word: str) -> int:
    """Return the syllables of one word by the vowel-group rule with the usual adjustments."""
    parts = [p for p in re.split(r"[-:.]", word.lower()) if p]
    if len(parts) > 1:
        return sum(syllables(p) for p in parts)
    w = re.sub(r"[^a-z0-9]", "", word.lower())
    if not w:
        return 0
    if not re.search(r"[a-z]", w):
        return len(w)  # "1994" reads as four or five syllables, "51" as three
    count = len(_VOWELS.findall(w))
    consonant = "bcdfghjklmnpqrstvwxz"
    if len(w) > 2 and w.endswith("e") and w[-2] not in "aeiouy":
        if not (w.endswith("le") and w[-3] in consonant):
            count -= 1
    elif len(w) > 3 and w.endswith("es") and w[-3] in consonant:
        if not (w[:-2].endswith(_HISSING) or w[:-1].endswith(("ge", "ce"))):
            count -= 1
    elif len(w) > 3 and w.endswith("ed") and w[-3] in consonant and w[-3] not in "td":
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        return (
            206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)
        )


def plain(markdown: str) -> str:
    """Return the text a reader reads: Markdown marks dropped, lines joined."""
    return " ".join(_MARKDOWN.sub("", markdown).split())


def count(markdown: str) -> Counts:
    """Count the sentences, words and syllables of a Markdown paragraph or more."""
    text = plain(markdown)
    sentences = max(len(_SENTENCE_END.findall(text)), 1)
    words = _WORD.findall(text)
    return Counts(sentences, len(words), sum(syllables(w) for w in words))


def reading_ease(markdown: str) -> float:
    """Return the Flesch reading ease of the text."""
    return count(markdown).reading_ease
