"""Every principle's "Why it matters" reads plainly: Flesch reading ease 50 or more (issue #13),
by our own counter in readability.py, itself checked on words and sentences whose counts are
known."""

from __future__ import annotations

import re

import pytest
from readability import count, reading_ease, syllables
from site_support import ROOT
from test_sources import citations

from playbook_gen.content.loader import load_handbook

HANDBOOK = load_handbook(ROOT / "content")
PRINCIPLES = sorted(HANDBOOK.principles.values(), key=lambda p: p.id)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("cat", 1),
        ("the", 1),  # a lone final e is no syllable, but every word has one
        ("make", 1),  # silent e
        ("whole", 1),  # -le after a vowel: silent e
        ("table", 2),  # -le after a consonant is a syllable
        ("people", 2),
        ("jumped", 1),  # -ed after a consonant adds none
        ("wanted", 2),  # ... except after t or d
        ("needed", 2),
        ("makes", 1),  # -es after a consonant adds none
        ("boxes", 2),  # ... except after a hissing sound
        ("changes", 2),
        ("studies", 2),  # -ies stays one syllable with the vowel before it
        ("agreed", 2),
        ("free", 1),
        ("service", 2),
        ("customer", 3),
        ("psychological", 5),
        ("high-effort", 3),  # each part of a hyphenated word
        ("1994", 4),  # a syllable a digit
    ],
)
def test_the_counter_counts_syllables_by_the_vowel_group_rule(word, expected):
    assert syllables(word) == expected


def test_the_counter_counts_sentences_words_and_the_score_by_flesch():
    counts = count("The cat sat on the mat.")
    assert (counts.sentences, counts.words, counts.syllables) == (1, 6, 6)
    assert counts.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    # "et al." and an initial end no sentence; "?" and "!" do; emphasis marks are not read.
    text = "Heskett et al. (1994) say so. J. Smith *agreed*! Did they? Yes."
    counts = count(text)
    assert counts.sentences == 4
    assert counts.words == 12  # Heskett et al 1994 say so J Smith agreed Did they Yes
    assert counts.syllables == 2 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1
    # A long sentence of long words is hard; short plain ones are easy.
    hard = (
        "Organisational psychological safety, operationalised through interpersonal "
        "risk-taking behaviour, demonstrated statistically significant associations with "
        "subsequent performance indicators."
    )
    assert reading_ease(hard) < 0 < 80 < reading_ease("We fix it. You tell us. We say what we did.")


@pytest.mark.parametrize("principle", PRINCIPLES, ids=[p.id for p in PRINCIPLES])
def test_every_why_it_matters_reads_at_flesch_50_or_more(principle):
    ease = reading_ease(principle.why)
    assert ease >= 50, f"{principle.id}: reading ease {ease:.1f} (sentences too long or words)"


CITED = {
    "best-service-is-no-service": {("Dixon", 2013)},
    "close-the-loop-visibly": {("Advertising", 2007), ("Kluger", 1996), ("Markey", 2015)},
    "communicate-before-asked": {
        ("Buell", 2011),
        ("Dixon", 2010),
        ("Jarvis", 2005),
        ("Maister", 1985),
    },
    "differentiate-by-design": {
        ("Dixon", 2013),
        ("Frei", 2012),
        ("Magretta", 1998),
        ("Trout", 2000),
    },
    "equip-and-empower": {
        ("Dixon", 2010),
        ("Dougherty", 2009),
        ("Frei", 2012),
        ("Heskett", 1994),
        ("Parasuraman", 1988),
    },
    "human-not-robotic": {("Dixon", 2010), ("Dixon", 2013), ("Michelli", 2008)},
    "measure-effort-not-activity": {
        ("Dixon", 2013),
        ("Dougherty", 2009),
        ("Keiningham", 2007),
        ("Kluger", 1996),
        ("Tincher", 2014),
    },
    "one-owner-no-repeats": {
        ("Consortium", 2019),
        ("Dixon", 2010),
        ("Dixon", 2013),
        ("Michelli", 2008),
    },
    "reinforce-culture-daily": {("Heskett", 1994), ("Hsieh", 2010)},
    "safe-to-speak": {
        ("Edmondson", 1999),
        ("Edmondson", 2018),
        ("Michelli", 2008),
        ("Scott", 2017),
    },
    "serve-inside-out": {
        ("Frost", 2000),
        ("Hallowell", 1996),
        ("Heskett", 1994),
        ("Kamakura", 2002),
        ("Michelli", 2008),
        ("Yee", 2011),
    },
    "specific-promise-beyond-basics": {("Dixon", 2013), ("Hart", 1988), ("Kano", 1984)},
}
"""What each "Why it matters" cited before it was rewritten in plain words (main at 81f415b), by
the citation pattern of test_sources.py: the rewrite kept every attribution."""
HEDGES = re.compile(r"\breport(?:s|ed|edly)?\b|\bsecondhand\b|\bour (?:own )?reading\b")
HEDGED = {
    "best-service-is-no-service": 2, "close-the-loop-visibly": 2, "communicate-before-asked": 1,
    "differentiate-by-design": 1, "equip-and-empower": 4, "human-not-robotic": 2,
    "measure-effort-not-activity": 4, "one-owner-no-repeats": 3, "reinforce-culture-daily": 4,
    "safe-to-speak": 1, "specific-promise-beyond-basics": 1,
}  # fmt: skip
"""How often each paragraph said a claim was only reported, before the rewrite: never less."""


@pytest.mark.parametrize("principle", PRINCIPLES, ids=[p.id for p in PRINCIPLES])
def test_every_why_it_matters_keeps_its_attributions_and_hedges(principle):
    text = " ".join(principle.why.split())
    assert {(name, year) for name, year, _ in citations(text)} == CITED[principle.id]
    assert len(HEDGES.findall(text)) >= HEDGED.get(principle.id, 0)
    assert set(CITED) == {p.id for p in PRINCIPLES}
