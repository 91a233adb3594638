"""Words the generated pages and page scripts use, in the handbook's language.

Content is written by HR in whatever language they like; these are only the labels around it.
A language without a table here falls back to English.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "principles": "Principles",
        "examples": "Examples",
        "assessments": "Self-assessments",
        "checklists": "Checklists",
        "onboarding": "Onboarding plans",
        "tags": "Tags",
        "sources": "Sources",
        "why": "Why it matters",
        "practices": "Practices",
        "anti_patterns": "Anti-patterns",
        "related_examples": "Examples",
        "related_principles": "Principles illustrated",
        "cited_by_items": "Checklist items",
        "story": "What happened",
        "lesson": "Lesson",
        "caveats": "Caveats",
        "for_everyone": "Where to start",
        "start_principles": "Read the principles behind our service culture.",
        "start_examples": "See how companies and everyday situations bear them out.",
        "start_assessment": "Teams: rate your internal service and get next steps.",
        "start_checklist": "Managers: link checklists and onboarding plans.",
        "role": "Role",
        "when": "When",
        "principles_label": "Principles",
        "scale": "Answer scale",
        "bands": "Score bands",
        "score_upto": "up to",
        "threshold": "Dimensions scoring below {threshold} get recommendations.",
        "not_applicable": "Not applicable",
        "no_items_for_role": "There are no checklist items for this role yet.",
        "onboarding_intro": "Every checklist item for {role}, grouped by phase.",
        "tagged": "Pages tagged",
        "redirect": "This page has moved to",
        "organisation": "Organisation",
        "illustrative": "Illustrative scenario",
    },
    "de": {
        "home": "Start",
        "principles": "Prinzipien",
        "examples": "Beispiele",
        "assessments": "Selbsteinschätzungen",
        "checklists": "Checklisten",
        "onboarding": "Einarbeitungspläne",
        "tags": "Schlagwörter",
        "sources": "Quellen",
        "why": "Warum es wichtig ist",
        "practices": "So geht es",
        "anti_patterns": "Was zu vermeiden ist",
        "related_examples": "Beispiele",
        "related_principles": "Veranschaulichte Prinzipien",
        "cited_by_items": "Checklistenpunkte",
        "story": "Was geschah",
        "lesson": "Lehre",
        "caveats": "Einschränkungen",
        "for_everyone": "Wo Sie anfangen",
        "start_principles": "Lesen Sie die Prinzipien unserer Servicekultur.",
        "start_examples": "Sehen Sie, wie Unternehmen und Alltagssituationen sie belegen.",
        "start_assessment": "Teams: Bewerten Sie Ihren internen Service und erhalten Sie nächste Schritte.",
        "start_checklist": "Führungskräfte: Checklisten und Einarbeitungspläne verlinken.",
        "role": "Rolle",
        "when": "Wann",
        "principles_label": "Prinzipien",
        "scale": "Antwortskala",
        "bands": "Bewertungsstufen",
        "score_upto": "bis",
        "threshold": "Dimensionen unter {threshold} erhalten Empfehlungen.",
        "not_applicable": "Trifft nicht zu",
        "no_items_for_role": "Für diese Rolle gibt es noch keine Checklistenpunkte.",
        "onboarding_intro": "Alle Checklistenpunkte für {role}, nach Phase gruppiert.",
        "tagged": "Seiten mit dem Schlagwort",
        "redirect": "Diese Seite ist umgezogen nach",
        "organisation": "Organisation",
        "illustrative": "Veranschaulichendes Szenario",
    },
}


def words(language: str) -> dict[str, str]:
    """Return the label table for a language code such as 'de' or 'de-CH' (English if unknown)."""
    base = language.split("-")[0].lower()
    return {**WORDS["en"], **WORDS.get(base, {})}
