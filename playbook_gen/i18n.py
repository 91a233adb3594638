"""Words the generated pages and page scripts use, in the handbook's language.

Content is written by HR in whatever language they like; these are only the labels around it.
A language without a table here falls back to English.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        # assessment page (a_*: also handed to pb-assessment.js)
        "decimal": ".",
        "a_team": "Team name",
        "a_method": "How this assessment works",
        "a_answered_line": "{n} of {total} answered",
        "a_to_results": "Jump to results",
        "a_glance": "Your results so far",
        "a_weakest": "Weakest",
        "a_glance_link": "All scores and what to work on next",
        "a_comment": "Comments on “{dimension}” (optional)",
        "a_dim_score": "Score for this dimension:",
        "a_results": "Your results",
        "a_overall": "Overall score",
        "a_band": "Band",
        "a_dimension": "Dimension",
        "a_answered": "Answered",
        "a_score": "Score",
        "a_of": "{n} of {total}",
        "a_progress": "{n} of {total} questions answered",
        "a_not_enough": "Not enough answers",
        "a_no_score": "No score yet",
        "a_table": "Scores by dimension",
        "a_chart": (
            "Bar chart of the scores by dimension on the scale from {min} to {max}; the line "
            "marks the threshold of {threshold}. The table has the same figures."
        ),
        "a_threshold": "Threshold",
        "a_recommendations": "What to work on next",
        "a_rec_intro": "Dimensions below {threshold}, weakest first:",
        "a_rec_none": "No dimension scores below {threshold}.",
        "a_rec_wait": "Recommendations appear once dimensions have scores.",
        "a_nojs": (
            "Scores, the chart and recommendations are worked out in your browser and need "
            "JavaScript. You can still read and print the questions. If a dimension scores below "
            "{threshold}, start with its list below."
        ),
        "a_if_low": "If a dimension scores low",
        "a_read": "Read",
        "a_do": "Do",
        "a_actions": "Save and share",
        "a_stored": (
            "Your answers are kept in this browser only. Export them to hand them in or to "
            "continue on another device."
        ),
        "a_export_json": "Export JSON",
        "a_export_csv": "Export CSV",
        "a_import": "Import JSON",
        "a_reset": "Reset",
        "a_print": "Print",
        "a_reset_confirm": (
            "Delete all answers, the team name and the comments on this page? This cannot be "
            "undone."
        ),
        "a_reset_done": "All answers were deleted.",
        "a_imported": "Imported {count} answers from {file}.",
        "a_import_confirm": (
            "Replace the answers, team name and comments on this page with those in {file}?"
        ),
        "a_ignored": "Ignored answers to questions this assessment does not have: {ids}.",
        "a_unchanged": "Your current answers were not changed.",
        "a_err_json": "{file} is not a JSON file.",
        "a_err_format": "{file} is not an exported assessment result.",
        "a_err_version": "{file} has results format version {value}, which this page cannot read.",
        "a_err_assessment": (
            "{file} is a result for the assessment “{value}”, not for this one (“{expected}”)."
        ),
        "a_err_answer": (
            "{file}: the answer to question “{key}” is {value}, which is not on the scale from "
            "{min} to {max}."
        ),
        "a_err_key": "{file} contains the key “{key}”, which is not allowed.",
        "a_err_field": "{file}: the field “{key}” is not valid.",
        "a_err_size": "{file} is too large to be a results file.",
        "a_question_id": "Question ID",
        "a_question": "Question",
        "a_answer": "Answer",
        "a_answer_label": "Answer label",
        "a_comment_short": "Comment",
        "a_date": "Date",
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
        "group_everyone": "Everyone",
        "group_teams": "Teams",
        "group_managers": "Managers",
        "start_principles": "what we believe, and the research behind it.",
        "start_examples": "companies and everyday situations that show the principles at work.",
        "start_assessment": "rate how your team serves other teams, and see what to do next.",
        "start_checklist": "tick off what to do, and link items into onboarding plans.",
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
        # checklist and onboarding pages
        "all_roles": "All roles",
        "all_phases": "All phases",
        "checklist": "Checklist",
        "items_count": "{n} items",
        "items_count_one": "1 item",
        "progress": "{done} of {total} done",
        "progress_shown": "{done} of {total} shown items done",
        "changed": "changed since you ticked it",
        "copy_link": "Copy link",
        "copy_link_to": "Copy link to: {text}",
        "copied": "Link copied.",
        "copy_manual": "Copy this link:",
        "export_md": "Export Markdown",
        "export_csv": "Export CSV",
        "print_ticks": "Print",
        "print_blank": "Print blank",
        "print_date": " · printed ",
        "sign_off": "Name ____________________   Date ____________   Signed ____________________",
        "reset": "Clear ticks",
        "reset_confirm": "Clear every tick on this page? This cannot be undone.",
        "ticks_local": "Your ticks are kept in this browser only.",
        "onboarding_for": "Onboarding plan: {role}",
        "yes": "yes",
        "no": "no",
        # what went wrong with the state kept in the browser (all interactive pages)
        "storage_full": (
            "This browser's storage for web pages is full, so your latest changes are not saved. "
            "They stay on this page until you leave or reload it: export them, or make room and "
            "change something again to save them."
        ),
        "storage_blocked": (
            "This browser does not let this page store anything (storage is blocked or turned "
            "off), so your changes are not saved. They stay on this page until you leave or "
            "reload it: export them to keep them."
        ),
        "storage_unreadable": (
            "What this browser had saved for this page could not be read completely. Everything "
            "that could be read is shown; the saved text was kept, unchanged, under “{key}” in "
            "this browser's storage."
        ),
        # results dashboard and `playbook-gen report`
        "results": "Assessment results",
        "r_intro": (
            "Scores from the result files teams exported from the self-assessments; each file "
            "is one respondent. A team's score in a dimension is the mean of its respondents' "
            "scores, with the spread from the lowest to the highest. The overall score is the "
            "mean of the dimension scores."
        ),
        "r_counts": "Result files: {files}. Teams: {teams}.",
        "r_open": "Open the self-assessment",
        "r_latest": "Latest result of each team",
        "r_team": "Team",
        "r_respondents": "Respondents",
        "r_spread": "Spread",
        "r_none": "No result files.",
        "r_rule": (
            "Scores are shown where at least {n} respondents have them, so that no one's answers "
            "can be worked out."
        ),
        "r_withheld": "Fewer than {n} respondents",
        "r_withheld_team": (
            "Fewer than {n} respondents: no scores are shown, so that no one's answers can be "
            "worked out."
        ),
    },
    "de": {
        "decimal": ",",
        "a_team": "Teamname",
        "a_method": "So funktioniert diese Selbsteinschätzung",
        "a_answered_line": "{n} von {total} beantwortet",
        "a_to_results": "Zum Ergebnis",
        "a_glance": "Ihr Ergebnis bisher",
        "a_weakest": "Am schwächsten",
        "a_glance_link": "Alle Werte und was als Nächstes zu tun ist",
        "a_comment": "Anmerkungen zu „{dimension}“ (optional)",
        "a_dim_score": "Wert dieser Dimension:",
        "a_results": "Ihr Ergebnis",
        "a_overall": "Gesamtwert",
        "a_band": "Stufe",
        "a_dimension": "Dimension",
        "a_answered": "Beantwortet",
        "a_score": "Wert",
        "a_of": "{n} von {total}",
        "a_progress": "{n} von {total} Fragen beantwortet",
        "a_not_enough": "Zu wenige Antworten",
        "a_no_score": "Noch kein Wert",
        "a_table": "Werte nach Dimension",
        "a_chart": (
            "Balkendiagramm der Werte nach Dimension auf der Skala von {min} bis {max}; die Linie "
            "markiert die Schwelle von {threshold}. Die Tabelle enthält dieselben Zahlen."
        ),
        "a_threshold": "Schwelle",
        "a_recommendations": "Woran Sie als Nächstes arbeiten",
        "a_rec_intro": "Dimensionen unter {threshold}, die schwächste zuerst:",
        "a_rec_none": "Keine Dimension liegt unter {threshold}.",
        "a_rec_wait": "Empfehlungen erscheinen, sobald Dimensionen einen Wert haben.",
        "a_nojs": (
            "Werte, Diagramm und Empfehlungen werden in Ihrem Browser berechnet und brauchen "
            "JavaScript. Die Fragen können Sie trotzdem lesen und drucken. Liegt eine Dimension "
            "unter {threshold}, beginnen Sie mit ihrer Liste unten."
        ),
        "a_if_low": "Wenn eine Dimension niedrig liegt",
        "a_read": "Lesen",
        "a_do": "Umsetzen",
        "a_actions": "Sichern und weitergeben",
        "a_stored": (
            "Ihre Antworten bleiben nur in diesem Browser. Exportieren Sie sie, um sie abzugeben "
            "oder auf einem anderen Gerät weiterzumachen."
        ),
        "a_export_json": "JSON exportieren",
        "a_export_csv": "CSV exportieren",
        "a_import": "JSON importieren",
        "a_reset": "Zurücksetzen",
        "a_print": "Drucken",
        "a_reset_confirm": (
            "Alle Antworten, den Teamnamen und die Anmerkungen auf dieser Seite löschen? Das "
            "lässt sich nicht rückgängig machen."
        ),
        "a_reset_done": "Alle Antworten wurden gelöscht.",
        "a_imported": "{count} Antworten aus {file} importiert.",
        "a_import_confirm": (
            "Die Antworten, den Teamnamen und die Anmerkungen auf dieser Seite durch die aus "
            "{file} ersetzen?"
        ),
        "a_ignored": "Antworten auf Fragen, die es hier nicht gibt, wurden ignoriert: {ids}.",
        "a_unchanged": "Ihre bisherigen Antworten wurden nicht verändert.",
        "a_err_json": "{file} ist keine JSON-Datei.",
        "a_err_format": "{file} ist kein exportiertes Ergebnis einer Selbsteinschätzung.",
        "a_err_version": "{file} hat die Formatversion {value}, die diese Seite nicht lesen kann.",
        "a_err_assessment": (
            "{file} ist ein Ergebnis der Selbsteinschätzung „{value}“, nicht dieser („{expected}“)."
        ),
        "a_err_answer": (
            "{file}: Die Antwort auf Frage „{key}“ ist {value} und liegt nicht auf der Skala von "
            "{min} bis {max}."
        ),
        "a_err_key": "{file} enthält den unzulässigen Schlüssel „{key}“.",
        "a_err_field": "{file}: Das Feld „{key}“ ist ungültig.",
        "a_err_size": "{file} ist zu groß für eine Ergebnisdatei.",
        "a_question_id": "Frage-ID",
        "a_question": "Frage",
        "a_answer": "Antwort",
        "a_answer_label": "Antwort (Text)",
        "a_comment_short": "Anmerkung",
        "a_date": "Datum",
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
        "group_everyone": "Alle",
        "group_teams": "Teams",
        "group_managers": "Führungskräfte",
        "start_principles": "woran wir glauben, und die Forschung dahinter.",
        "start_examples": "Unternehmen und Alltagssituationen, die die Prinzipien zeigen.",
        "start_assessment": "bewerten Sie, wie Ihr Team andere Teams unterstützt.",
        "start_checklist": "Punkte abhaken und in Einarbeitungspläne verlinken.",
        "role": "Rolle",
        "when": "Wann",
        "principles_label": "Prinzipien",
        "scale": "Antwortskala",
        "bands": "Bewertungsstufen",
        "score_upto": "bis",
        "threshold": "Dimensionen unter {threshold} erhalten Empfehlungen.",
        "not_applicable": "Nicht anwendbar",
        "no_items_for_role": "Für diese Rolle gibt es noch keine Checklistenpunkte.",
        "onboarding_intro": "Alle Checklistenpunkte für {role}, nach Phase gruppiert.",
        "tagged": "Seiten mit dem Schlagwort",
        "redirect": "Diese Seite ist umgezogen nach",
        "organisation": "Organisation",
        "illustrative": "Veranschaulichendes Szenario",
        "all_roles": "Alle Rollen",
        "all_phases": "Alle Phasen",
        "checklist": "Checkliste",
        "items_count": "{n} Punkte",
        "items_count_one": "1 Punkt",
        "progress": "{done} von {total} erledigt",
        "progress_shown": "{done} von {total} angezeigten Punkten erledigt",
        "changed": "geändert, seit Sie es abgehakt haben",
        "copy_link": "Link kopieren",
        "copy_link_to": "Link kopieren zu: {text}",
        "copied": "Link kopiert.",
        "copy_manual": "Diesen Link kopieren:",
        "export_md": "Als Markdown exportieren",
        "export_csv": "Als CSV exportieren",
        "print_ticks": "Drucken",
        "print_blank": "Leer drucken",
        "print_date": " · gedruckt am ",
        "sign_off": (
            "Name ______________________   Datum ____________   Unterschrift ______________________"
        ),
        "reset": "Häkchen löschen",
        "reset_confirm": "Alle Häkchen auf dieser Seite endgültig löschen?",
        "ticks_local": "Ihre Häkchen werden nur in diesem Browser gespeichert.",
        "onboarding_for": "Einarbeitungsplan: {role}",
        "yes": "ja",
        "no": "nein",
        "storage_full": (
            "Der Speicher dieses Browsers für Webseiten ist voll, daher sind Ihre letzten "
            "Änderungen nicht gespeichert. Sie bleiben auf dieser Seite, bis Sie sie verlassen "
            "oder neu laden: Exportieren Sie sie, oder schaffen Sie Platz und ändern Sie erneut "
            "etwas, um sie zu speichern."
        ),
        "storage_blocked": (
            "Dieser Browser erlaubt dieser Seite nicht, etwas zu speichern (der Speicher ist "
            "blockiert oder ausgeschaltet), daher sind Ihre Änderungen nicht gespeichert. Sie "
            "bleiben auf dieser Seite, bis Sie sie verlassen oder neu laden: Exportieren Sie sie, "
            "um sie zu behalten."
        ),
        "storage_unreadable": (
            "Was dieser Browser für diese Seite gespeichert hatte, ließ sich nicht vollständig "
            "lesen. Alles Lesbare wird angezeigt; der gespeicherte Text wurde unverändert unter "
            "„{key}“ im Speicher dieses Browsers aufbewahrt."
        ),
        "results": "Ergebnisse der Selbsteinschätzungen",
        "r_intro": (
            "Werte aus den Ergebnisdateien, die Teams aus den Selbsteinschätzungen exportiert "
            "haben; jede Datei steht für eine teilnehmende Person. Der Wert eines Teams in einer "
            "Dimension ist der Mittelwert der Werte seiner Teilnehmenden, mit der Spannweite vom "
            "niedrigsten bis zum höchsten Wert. Der Gesamtwert ist der Mittelwert der "
            "Dimensionswerte."
        ),
        "r_counts": "Ergebnisdateien: {files}. Teams: {teams}.",
        "r_open": "Zur Selbsteinschätzung",
        "r_latest": "Neuestes Ergebnis jedes Teams",
        "r_team": "Team",
        "r_respondents": "Teilnehmende",
        "r_spread": "Spannweite",
        "r_none": "Keine Ergebnisdateien.",
        "r_rule": (
            "Werte werden gezeigt, wo mindestens {n} Teilnehmende sie haben, damit sich die "
            "Antworten Einzelner nicht erschließen lassen."
        ),
        "r_withheld": "Weniger als {n} Teilnehmende",
        "r_withheld_team": (
            "Weniger als {n} Teilnehmende: Es werden keine Werte gezeigt, damit sich die "
            "Antworten Einzelner nicht erschließen lassen."
        ),
    },
}


def words(language: str) -> dict[str, str]:
    """Return the label table for a language code such as 'de' or 'de-CH' (English if unknown)."""
    base = language.split("-")[0].lower()
    return {**WORDS["en"], **WORDS.get(base, {})}
