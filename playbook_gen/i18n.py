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
        "a_threshold": "Threshold {threshold}",
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
        # facilitator guide (w_*) and action plan (x_*: handed to pb-actions.js)
        "w_title": "Workshop guide: {title}",
        "w_nav": "Workshop guide",
        "w_intro": (
            "For whoever runs the team's session on the results of this assessment: an agenda, "
            "how to read the figures, questions to ask and how to choose what to do. It is made "
            "from the assessment itself, so it always matches its statements, bands and "
            "recommendations."
        ),
        "w_open_assessment": "Open the assessment",
        "w_open_results": "Open the results dashboard",
        "w_link_from_assessment": "Running a session on the results? Use the {guide}.",
        "w_guide": "workshop guide",
        "w_before": "Before the session",
        "w_before_answers": (
            "Everyone in the team answers the assessment on their own and exports the result "
            "(Export JSON)."
        ),
        "w_before_customers": (
            "The teams you serve answer the customer version of the statements, so that the "
            "gaps can be read."
        ),
        "w_before_results": (
            "HR puts the exported files in the handbook; the results dashboard then shows the "
            "team's scores, and the gaps once customers have answered."
        ),
        "w_before_room": (
            "Book {minutes} minutes where everyone can see the figures, and ask someone to take "
            "notes."
        ),
        "w_agenda": "Agenda",
        "w_agenda_caption": "A {minutes}-minute session",
        "w_time": "Time",
        "w_minutes": "Minutes",
        "w_part": "Part",
        "w_what": "What happens",
        "w_total": "Total",
        "w_step_why": "Why we're here",
        "w_step_why_text": (
            "Say what the session is for: to see how our service feels to the teams we serve, "
            "and to leave with no more than three commitments. Agree the ground rules."
        ),
        "w_step_scores": "Read the scores",
        "w_step_scores_text": (
            "Go through the dimensions from the weakest: its score and band, how many answered "
            "and how far their answers spread."
        ),
        "w_step_gaps": "Read the gaps",
        "w_step_gaps_text": (
            "Set how our customers rate us beside how we rate ourselves on the same statements, "
            "largest gap first."
        ),
        "w_step_choose": "Choose up to three actions",
        "w_step_choose_text": (
            "From the recommendations for the weakest dimensions and the largest gaps, pick at "
            "most three things to do."
        ),
        "w_step_commit": "Commit",
        "w_step_commit_text": (
            "Give each action one owner and a date, say how you will know it worked, and save "
            "the action plan."
        ),
        "w_rules": "Ground rules",
        "w_rule_blameless": (
            "Blameless: we talk about how the work is set up, not about who got it wrong."
        ),
        "w_rule_specific": (
            "Specific: name a real request, a day, a message; leave out “always” and “never”."
        ),
        "w_rule_evidence": (
            "Evidence from customers: what the teams we serve said or did counts for more than "
            "what we believe they think."
        ),
        "w_rule_voices": (
            "Every voice: the quieter people speak first, and a score opens a conversation; it "
            "is not a verdict."
        ),
        "w_scores": "How to read the scores",
        "w_scores_scale": (
            "Each statement is answered from {min} ({min_label}) to {max} ({max_label}). Some "
            "statements describe something going wrong: for those, agreeing lowers the score."
        ),
        "w_scores_mean": (
            "A dimension's score is the mean of its answered statements; “not applicable” is left "
            "out. The overall score is the mean of the dimension scores."
        ),
        "w_scores_team": (
            "The team's score is the mean of its members' scores, shown with how many answered "
            "and how far they spread. With fewer than {n} respondents only the count is shown, "
            "so that no one's answers can be worked out."
        ),
        "w_scores_threshold": (
            "A dimension scoring below {threshold} is one to work on: the assessment recommends "
            "what to read and what to do for it."
        ),
        "w_scores_spread": (
            "Read the spread as well as the score: a middling score can hide a team that does "
            "not agree with itself."
        ),
        "w_bands_caption": "The bands of this assessment",
        "w_band": "Band",
        "w_range": "Scores",
        "w_meaning": "What it means",
        "w_band_first": "{low} to {high}",
        "w_band_next": "above {low}, up to {high}",
        "w_gaps": "How to read the gaps",
        "w_gaps_rule": (
            "A dimension's gap is the customers' score minus the team's own score on the same "
            "statements: only the statements that have a customer wording are compared, so like "
            "is set against like."
        ),
        "w_gaps_sign": (
            "A gap below zero means customers rate the team lower than it rates itself: −0.8 "
            "reads “customers rate it 0.8 lower”. Above zero, they rate it higher."
        ),
        "w_gaps_order": (
            "The largest gaps come first, whichever way they point; equal gaps keep the order of "
            "the dimensions."
        ),
        "w_gaps_min": (
            "Customers' answers and the team's are never averaged together. Each side needs {n} "
            "respondents: with fewer it shows only the count and “not enough responses”, and "
            "there is no gap."
        ),
        "w_gaps_none_here": "A dimension without customer statements has no gap.",
        "w_gaps_caption": "Statements your customers answer, by dimension",
        "w_customer_count": "Customer statements",
        "w_gaps_absent": (
            "This assessment asks nothing of the teams you serve, so there are no gaps to read. "
            "Bring what customers have told you in other ways (requests, complaints, thanks) to "
            "the scores instead."
        ),
        "w_ask": "Questions to ask",
        "w_ask_intro": (
            "For each dimension, start with its weakest statement or its largest gap. The "
            "assessment's own questions for a dimension come after the ones every dimension gets."
        ),
        "w_ask_lowest": (
            "Which statement in “{dimension}” got our lowest answers, and what happened the last "
            "time it went that way?"
        ),
        "w_ask_spread": (
            "Where did our answers on “{dimension}” differ most? Ask someone from each end to "
            "describe what they saw."
        ),
        "w_ask_customer": (
            "Our customers were asked: “{statement}” What would they have to see from us to "
            "answer “{top}”?"
        ),
        "w_ask_reverse": (
            "Agreeing with “{statement}” lowers the score. When did it last happen, and what "
            "would have stopped it?"
        ),
        "w_ask_evidence": (
            "What do we know about “{dimension}” from our customers, rather than what we believe?"
        ),
        "w_pick": "How to pick actions",
        "w_pick_rule": (
            "Choose at most three actions: a few finished beat many started. Start with the "
            "dimensions below {threshold} and the largest gaps."
        ),
        "w_pick_from": (
            "Take each action from the recommendations below, a principle to put into practice "
            "or a checklist item to do, and say what will be different for your customers when "
            "it is done."
        ),
        "w_pick_plan": (
            "Record them on the assessment page with “Make an action plan”: each with an owner "
            "and a date. The plan can be printed and exported as Markdown, as a spreadsheet "
            "(CSV) and as a calendar file."
        ),
        "w_pick_own": "No recommendations are set for this dimension: agree an action of your own.",
        "x_open": "Make an action plan",
        "x_title": "Action plan",
        "x_intro": (
            "Choose up to {max} recommendations as commitments, each with an owner and a date. "
            "The plan is kept in this browser beside your answers."
        ),
        "x_choose": "Choose from the recommendations",
        "x_others": "Recommendations for the other dimensions ({n})",
        "x_chosen": "Your commitments ({n} of {max})",
        "x_none": "No commitments yet.",
        "x_full": "You have chosen {max} commitments already. Remove one to choose another.",
        "x_added": "Added “{text}” ({n} of {max}).",
        "x_removed": "Removed “{text}”.",
        "x_owner": "Owner",
        "x_due": "Date",
        "x_note": "Note (optional)",
        "x_remove": "Remove",
        "x_kind": "Kind",
        "x_principle": "Principle",
        "x_item": "Checklist item",
        "x_commitment": "Commitment",
        "x_link": "Link",
        "x_export_md": "Export Markdown",
        "x_export_csv": "Export CSV",
        "x_export_ics": "Export calendar (.ics)",
        "x_print": "Print plan",
        "x_ics_none": "No commitment has a date yet, so there is nothing for a calendar.",
        "x_calendar": "Action: {text}",
        "home": "Home",
        "principles": "Principles",
        "examples": "Examples",
        "assessments": "Self-assessments",
        "checklists": "Checklists",
        "onboarding": "Onboarding plans",
        "tags": "Tags",
        "whats_new": "What's new",
        "whats_new_git": "The latest changes to the handbook's content, newest first.",
        "whats_new_reviewed": "The pages by the day they were last reviewed, newest first.",
        "reviewed_word": "reviewed",
        "last_changed": "Last changed",
        "latest_change": "Latest change: {date}.",
        "and_more": "and {n} more",
        "sources": "Sources",
        "sources_intro": "Every work the handbook cites, with the pages that cite it.",
        "cited_on": "Cited on:",
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
        # home page cards: who a card is for, what the reader does there, what they get
        "card_for_everyone": "For everyone",
        "card_for_teams": "For teams",
        "card_for_managers": "For managers",
        "card_for_newcomers": "For new colleagues",
        "card_for_hr": "For HR and leads",
        "card_principles": "Read the principles",
        "card_principles_text": "What we believe about serving each other, and why it works.",
        "card_examples": "Learn from examples",
        "card_examples_text": "Companies and everyday situations that show the principles at work.",
        "card_assessment": "Take the self-assessment",
        "card_assessments": "Take a self-assessment",
        "card_assessment_text": "Rate how your team serves others; see what to improve first.",
        "card_checklists": "Work through a checklist",
        "card_checklists_text": "Concrete steps to tick off, by role and by phase.",
        "card_onboarding": "Open your onboarding plan",
        "card_onboarding_text": "Every step for your role, in the order it comes up.",
        "card_results": "See the results",
        "card_results_text": "How teams scored, dimension by dimension, and over time.",
        "n_principles": "{n} principles",
        "n_principles_one": "1 principle",
        "n_examples": "{n} examples",
        "n_examples_one": "1 example",
        "n_questions": "{n} questions",
        "n_questions_one": "1 question",
        "questions_in_dimensions": "{n} questions in {d} dimensions",
        "n_assessments": "{n} self-assessments",
        "n_assessments_one": "1 self-assessment",
        "n_checklists": "{n} checklists",
        "n_checklists_one": "1 checklist",
        "n_roles": "{n} roles",
        "n_roles_one": "1 role",
        "n_teams": "{n} teams",
        "n_teams_one": "1 team",
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
        "months": "January February March April May June July August September October "
        "November December",
        "day_format": "{day} {month} {year}",
        "owner": "Owner",
        "last_reviewed": "Last reviewed",
        "review_due": "This page was due for review on {date}. Some of it may be out of date; "
        "if something here is wrong, tell its owner.",
        "sign_off": "Name ____________________   Date ____________   Signed ____________________",
        "reset": "Clear ticks",
        "reset_confirm": "Clear every tick on this page? This cannot be undone.",
        "ticks_local": "Your ticks are kept in this browser only.",
        "onboarding_for": "Onboarding plan: {role}",
        # onboarding plans (p_*: also handed to pb-plan.js)
        "due_start": "due on the start date",
        "due_working": "due {n} working days after the start",
        "due_working_one": "due 1 working day after the start",
        "due_calendar": "due {n} days after the start",
        "due_calendar_one": "due 1 day after the start",
        "plan_settings": "Whose plan is it?",
        "plan_name": "New joiner's name",
        "plan_start": "Start date",
        "plan_copy": "Copy link to this plan",
        "plan_ics": "Download calendar (.ics)",
        "plan_share": "Share my progress",
        "p_due": "due {date}",
        "p_overdue": "overdue",
        "p_head": "Plan for {name}, starting {date}",
        "p_head_nameless": "Plan starting {date}",
        "p_today": "Today, {date}, is day {n} of the plan.",
        "p_before": "Today, {date}, is before the start.",
        "p_overdue_count": "Overdue: {n}.",
        "p_phase": "{done} of {total} done",
        "p_bad_start": (
            "“{value}” is not a date: write the start date as YYYY-MM-DD, for example "
            "2027-01-04. Nothing was changed."
        ),
        "p_bad_name": (
            "The name in this link is too long (at most 200 characters). Nothing was changed."
        ),
        "p_calendar": "Onboarding: {text}",
        "p_ics_none": "Enter a start date first: the calendar is made of the due dates.",
        "p_shared_by": (
            "Progress of {name}, shared on {date}. Read only: nothing on this page is saved."
        ),
        "p_shared": "Progress shared on {date}. Read only: nothing on this page is saved.",
        "p_shared_unknown": "Ticks left out, for items no longer in this plan: {n}.",
        "p_share_bad": (
            "This shared-progress link is damaged or cut short, so it is not shown. Nothing was "
            "changed."
        ),
        "p_share_version": (
            "This shared-progress link was made in a format this handbook does not know, so it "
            "is not shown. Nothing was changed."
        ),
        "p_share_long": (
            "This shared-progress link is longer than {max} characters, so it is not shown. "
            "Nothing was changed."
        ),
        "plan_mine": "Back to my own ticks",
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
        "r_weakest": "Weakest dimension",
        "r_teams": "Teams",
        "r_all_teams": "All teams",
        "r_latest_result": "Latest result",
        "r_earlier": "Earlier results",
        "r_over_time": "Over time",
        "r_one_date": "One result so far, so there is no trend yet.",
        "r_withheld_short": "withheld",
        "r_threshold": "threshold {threshold}",
        "r_bar_name": (
            "Bar chart of the scores of {team} by dimension on {date}, against the threshold "
            "of {threshold}; the table below has the same figures"
        ),
        "r_trend_name": (
            "Line chart of the overall score of {team} by date; the table below has the same "
            "figures"
        ),
        # customers' view (#12): words for the assessment page and its on-demand script
        "a_err_perspective": (
            "{file} holds a customer's answers: add it under “Import customers' answers”, not here."
        ),
        "a_err_questionnaire": (
            "{file} was answered on another version of these questions and is not counted."
        ),
        "a_err_not_customer": (
            "{file} is a customer's file but answers “{key}”, which customers are not asked."
        ),
        "a_err_same": "{file} is the same result as {other} and is counted once.",
        "a_no_customer": (
            "This assessment has no questions for a team's customers, so this link leads to none."
        ),
        "c_intro": (
            "{team} asked you, as one of the teams they work for, how that work goes from your "
            "side. It takes a few minutes: pick one answer per statement."
        ),
        "c_anonymous": (
            "The file you save holds your answers and any comments you write, not your name. "
            "Leave your name out of the comments to stay unnamed. If you send the file "
            "yourself, {team} will see who sent it; someone else, such as HR, can pass it on "
            "for you."
        ),
        "c_hand_back": (
            "When you are done, press “Save answers to send” at the end and send the saved file "
            "to {team} by email or chat. Until then your answers stay in this browser only."
        ),
        "c_team": "The team you are answering about",
        "c_send_title": "Send your answers",
        "c_thanks": (
            "Thank you. Save your answers with the button below and send the file to {team}. "
            "They combine it with the answers of the other teams they work for, and see scores "
            "only once enough of them have answered."
        ),
        "c_save": "Save answers to send",
        "c_err_perspective": "{file} is not a customer's answers about {team}.",
        "c_incomplete": (
            "This link is incomplete: it does not say which team you are answering about. Ask "
            "the team that sent it for its link again."
        ),
        "c_link": "Link for the teams you serve",
        "c_link_help": (
            "Ask the teams you work for how that work goes: this link opens the questions "
            "written for them, about your team."
        ),
        "c_link_label": "Link to send",
        "c_link_needs_team": "Type your team's name above first: the link names your team.",
        "c_copied": "Link copied. Send it to the teams you serve; each sends you back a file.",
        "c_copy_manual": "Copy the link in the field below; it is selected.",
        "c_import_title": "What your customers say",
        "c_import_help": (
            "Add the files the teams you serve sent back, and your team members' own exported "
            "files if you have them. Everything happens in this browser; nothing is uploaded."
        ),
        "c_import": "Import customers' answers",
        "c_drop": "Or drop the files here.",
        "c_for_date": "{team}, {date}",
        "c_self_browser": "Your team: your own answers in this browser.",
        "c_self_count": "Your team: {n} files.",
        "c_customer_count": "Customers: {n} files.",
        "c_withheld": "Customers' scores are shown once at least {n} of them have answered.",
        "c_caption": "Your team and your customers, largest gap first",
        "c_self": "Your team",
        "c_customers": "Customers",
        "c_gap": "Gap",
        "c_not_enough": "Not enough responses",
        "c_gap_lower": "customers rate it {n} lower",
        "c_gap_higher": "customers rate it {n} higher",
        "c_gap_same": "customers rate it the same",
        "c_same_questions": (
            "Your team's scores here count only the questions your customers answer too, so "
            "both sides compare like with like."
        ),
        "c_err_other_team": "{file} is about the team “{team}”, not yours, and is not counted.",
        # the results page's drop zone (#12, pb-results.js)
        "r_drop_title": "Look at result files without a rebuild",
        "r_drop_help": (
            "Drop result files here, or choose them or a whole folder, to see their figures: "
            "each team's own scores, its customers' and the gap between them. The files are "
            "read in this browser only; nothing is uploaded or kept."
        ),
        "r_drop_files": "Choose files",
        "r_drop_folder": "Choose a folder",
        "r_drop_area": "Or drop files or a folder here.",
        "r_drop_read": "Files read: {files}.",
        "r_drop_counts": "Result files: {files}. Teams: {teams}.",
        "r_drop_none": "None of these files is a result of this handbook's assessments.",
        "r_drop_unknown": (
            "{file} is a result for “{value}”, an assessment this handbook does not have."
        ),
        "r_drop_skipped": "Left out, not JSON files: {n}.",
        "r_drop_withheld": "too few to show scores (at least {n} needed)",
        # the team's internal customers beside the team (results/report.py, CustomerCells)
        "r_customers": "Customers",
        "r_customers_title": "How customers see the team",
        "r_customers_intro": (
            "Customers answer the questions that have a customer wording. Beside their scores "
            "are the team's own on those same questions, so that like is compared with like; "
            "the gap is the customers' score minus the team's."
        ),
        "r_customers_counts": "{date} · Respondents: {team} · Customers: {customers}",
        "r_customers_withheld": (
            "Fewer than {n} customers responded: no customer scores are shown, so that no "
            "one's answers can be worked out."
        ),
        "r_no_gap": "No gaps are shown: the team has fewer than {n} respondents of its own here.",
        "r_gap": "Gap",
        "r_gaps": "Gaps, largest first",
        "r_gap_lower": "customers rate it {gap} lower",
        "r_gap_higher": "customers rate it {gap} higher",
        "r_gap_same": "customers rate it the same",
        "r_gap_scores": "{customers} against the team's {team}",
        "r_largest_gap": "Largest gap",
        "r_not_asked": "Not asked of customers: {dimensions}.",
        "r_customers_only": "Customers: {n}",
        "r_pair_name": (
            "Bar chart of the scores of {team} on {date} by dimension, the team's own and its "
            "customers', against the threshold of {threshold}; the table below has the same "
            "figures"
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
        "a_threshold": "Schwelle {threshold}",
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
        # Moderationsleitfaden (w_*) und Maßnahmenplan (x_*)
        "w_title": "Workshop-Leitfaden: {title}",
        "w_nav": "Workshop-Leitfaden",
        "w_intro": (
            "Für alle, die die Sitzung des Teams zu den Ergebnissen dieser Selbsteinschätzung "
            "leiten: ein Ablauf, wie man die Zahlen liest, Fragen für das Gespräch und wie man "
            "auswählt, was zu tun ist. Er entsteht aus der Selbsteinschätzung selbst und passt "
            "daher immer zu ihren Aussagen, Stufen und Empfehlungen."
        ),
        "w_open_assessment": "Zur Selbsteinschätzung",
        "w_open_results": "Zur Ergebnisübersicht",
        "w_link_from_assessment": "Sie besprechen die Ergebnisse im Team? Nutzen Sie den {guide}.",
        "w_guide": "Workshop-Leitfaden",
        "w_before": "Vor der Sitzung",
        "w_before_answers": (
            "Alle im Team beantworten die Selbsteinschätzung für sich und exportieren das "
            "Ergebnis (JSON exportieren)."
        ),
        "w_before_customers": (
            "Die Teams, für die Sie arbeiten, beantworten die Kundenfassung der Aussagen, damit "
            "sich die Abstände lesen lassen."
        ),
        "w_before_results": (
            "HR legt die exportierten Dateien ins Handbuch; die Ergebnisübersicht zeigt dann die "
            "Werte des Teams und, sobald Kunden geantwortet haben, die Abstände."
        ),
        "w_before_room": (
            "Planen Sie {minutes} Minuten ein, in denen alle die Zahlen sehen, und bitten Sie "
            "jemanden, mitzuschreiben."
        ),
        "w_agenda": "Ablauf",
        "w_agenda_caption": "Eine Sitzung von {minutes} Minuten",
        "w_time": "Zeit",
        "w_minutes": "Minuten",
        "w_part": "Teil",
        "w_what": "Was geschieht",
        "w_total": "Gesamt",
        "w_step_why": "Worum es geht",
        "w_step_why_text": (
            "Sagen Sie, wozu die Sitzung dient: zu sehen, wie unser Service bei den Teams "
            "ankommt, für die wir arbeiten, und mit höchstens drei Zusagen hinauszugehen. "
            "Vereinbaren Sie die Grundregeln."
        ),
        "w_step_scores": "Die Werte lesen",
        "w_step_scores_text": (
            "Gehen Sie die Dimensionen von der schwächsten an durch: Wert und Stufe, wie viele "
            "geantwortet haben und wie weit die Antworten auseinanderliegen."
        ),
        "w_step_gaps": "Die Abstände lesen",
        "w_step_gaps_text": (
            "Stellen Sie neben unsere eigene Einschätzung, wie unsere Kunden dieselben Aussagen "
            "bewerten, den größten Abstand zuerst."
        ),
        "w_step_choose": "Bis zu drei Maßnahmen wählen",
        "w_step_choose_text": (
            "Wählen Sie aus den Empfehlungen für die schwächsten Dimensionen und die größten "
            "Abstände höchstens drei Vorhaben."
        ),
        "w_step_commit": "Zusagen",
        "w_step_commit_text": (
            "Geben Sie jeder Maßnahme eine verantwortliche Person und ein Datum, sagen Sie, "
            "woran Sie den Erfolg erkennen, und speichern Sie den Maßnahmenplan."
        ),
        "w_rules": "Grundregeln",
        "w_rule_blameless": (
            "Ohne Schuldzuweisung: Wir sprechen darüber, wie die Arbeit eingerichtet ist, nicht "
            "darüber, wer etwas falsch gemacht hat."
        ),
        "w_rule_specific": (
            "Konkret: eine echte Anfrage, ein Tag, eine Nachricht; „immer“ und „nie“ lassen wir "
            "weg."
        ),
        "w_rule_evidence": (
            "Belege von Kunden: Was die Teams, für die wir arbeiten, gesagt oder getan haben, "
            "zählt mehr als das, was wir über sie vermuten."
        ),
        "w_rule_voices": (
            "Alle kommen zu Wort: Die Stilleren sprechen zuerst, und ein Wert eröffnet ein "
            "Gespräch; er ist kein Urteil."
        ),
        "w_scores": "Wie man die Werte liest",
        "w_scores_scale": (
            "Jede Aussage wird von {min} ({min_label}) bis {max} ({max_label}) beantwortet. "
            "Manche Aussagen beschreiben, dass etwas schiefgeht: Bei ihnen senkt Zustimmung den "
            "Wert."
        ),
        "w_scores_mean": (
            "Der Wert einer Dimension ist der Mittelwert ihrer beantworteten Aussagen; „nicht "
            "zutreffend“ zählt nicht. Der Gesamtwert ist der Mittelwert der Dimensionswerte."
        ),
        "w_scores_team": (
            "Der Wert des Teams ist der Mittelwert der Werte seiner Mitglieder, mit der Zahl der "
            "Antwortenden und der Streuung. Bei weniger als {n} Antwortenden wird nur die Zahl "
            "gezeigt, damit sich niemandes Antworten erschließen lassen."
        ),
        "w_scores_threshold": (
            "Eine Dimension unter {threshold} ist eine, an der man arbeiten sollte: Die "
            "Selbsteinschätzung empfiehlt, was dazu zu lesen und zu tun ist."
        ),
        "w_scores_spread": (
            "Lesen Sie die Streuung mit: Ein mittlerer Wert kann ein Team verbergen, das sich "
            "nicht einig ist."
        ),
        "w_bands_caption": "Die Stufen dieser Selbsteinschätzung",
        "w_band": "Stufe",
        "w_range": "Werte",
        "w_meaning": "Bedeutung",
        "w_band_first": "{low} bis {high}",
        "w_band_next": "über {low} bis {high}",
        "w_gaps": "Wie man die Abstände liest",
        "w_gaps_rule": (
            "Der Abstand einer Dimension ist der Wert der Kunden minus den eigenen Wert des "
            "Teams bei denselben Aussagen: Verglichen werden nur Aussagen mit Kundenfassung, so "
            "steht Gleiches neben Gleichem."
        ),
        "w_gaps_sign": (
            "Ein Abstand unter null heißt: Die Kunden bewerten das Team schlechter als es sich "
            "selbst; −0,8 liest sich „Kunden bewerten es um 0,8 niedriger“. Über null bewerten "
            "sie es besser."
        ),
        "w_gaps_order": (
            "Die größten Abstände stehen zuerst, gleich in welche Richtung; gleiche Abstände "
            "behalten die Reihenfolge der Dimensionen."
        ),
        "w_gaps_min": (
            "Antworten von Kunden und vom Team werden nie zusammen gemittelt. Jede Seite braucht "
            "{n} Antwortende: Mit weniger zeigt sie nur die Zahl und „zu wenige Antworten“, und "
            "es gibt keinen Abstand."
        ),
        "w_gaps_none_here": "Eine Dimension ohne Kundenaussagen hat keinen Abstand.",
        "w_gaps_caption": "Aussagen, die Ihre Kunden beantworten, je Dimension",
        "w_customer_count": "Kundenaussagen",
        "w_gaps_absent": (
            "Diese Selbsteinschätzung fragt die Teams, für die Sie arbeiten, nichts; es gibt "
            "also keine Abstände. Bringen Sie mit, was Kunden Ihnen auf anderen Wegen gesagt "
            "haben (Anfragen, Beschwerden, Dank), und legen Sie es neben die Werte."
        ),
        "w_ask": "Fragen für das Gespräch",
        "w_ask_intro": (
            "Beginnen Sie bei jeder Dimension mit ihrer schwächsten Aussage oder ihrem größten "
            "Abstand. Die eigenen Fragen der Selbsteinschätzung zu einer Dimension folgen auf "
            "die, die jede Dimension bekommt."
        ),
        "w_ask_lowest": (
            "Welche Aussage in „{dimension}“ hat unsere niedrigsten Antworten bekommen, und was "
            "ist beim letzten Mal passiert, als es so lief?"
        ),
        "w_ask_spread": (
            "Wo lagen unsere Antworten zu „{dimension}“ am weitesten auseinander? Bitten Sie je "
            "jemanden von beiden Enden zu erzählen, was sie erlebt haben."
        ),
        "w_ask_customer": (
            "Unsere Kunden wurden gefragt: „{statement}“ Was müssten sie von uns erleben, um "
            "„{top}“ zu antworten?"
        ),
        "w_ask_reverse": (
            "Zustimmung zu „{statement}“ senkt den Wert. Wann ist das zuletzt passiert, und was "
            "hätte es verhindert?"
        ),
        "w_ask_evidence": (
            "Was wissen wir über „{dimension}“ von unseren Kunden, statt es nur zu vermuten?"
        ),
        "w_pick": "Wie man Maßnahmen auswählt",
        "w_pick_rule": (
            "Wählen Sie höchstens drei Maßnahmen: Wenige erledigte sind mehr wert als viele "
            "begonnene. Beginnen Sie bei den Dimensionen unter {threshold} und den größten "
            "Abständen."
        ),
        "w_pick_from": (
            "Nehmen Sie jede Maßnahme aus den Empfehlungen unten, ein Prinzip für die Praxis "
            "oder einen Checklistenpunkt, und sagen Sie, was sich für Ihre Kunden ändert, wenn "
            "sie erledigt ist."
        ),
        "w_pick_plan": (
            "Halten Sie sie auf der Seite der Selbsteinschätzung mit „Maßnahmenplan erstellen“ "
            "fest: jede mit einer verantwortlichen Person und einem Datum. Der Plan lässt sich "
            "drucken und als Markdown, Tabelle (CSV) und Kalenderdatei exportieren."
        ),
        "w_pick_own": (
            "Für diese Dimension sind keine Empfehlungen hinterlegt: Vereinbaren Sie eine eigene "
            "Maßnahme."
        ),
        "x_open": "Maßnahmenplan erstellen",
        "x_title": "Maßnahmenplan",
        "x_intro": (
            "Wählen Sie bis zu {max} Empfehlungen als Zusagen, jede mit einer verantwortlichen "
            "Person und einem Datum. Der Plan wird in diesem Browser neben Ihren Antworten "
            "gespeichert."
        ),
        "x_choose": "Aus den Empfehlungen wählen",
        "x_others": "Empfehlungen für die übrigen Dimensionen ({n})",
        "x_chosen": "Ihre Zusagen ({n} von {max})",
        "x_none": "Noch keine Zusagen.",
        "x_full": (
            "Sie haben schon {max} Zusagen gewählt. Entfernen Sie eine, um eine andere zu wählen."
        ),
        "x_added": "„{text}“ hinzugefügt ({n} von {max}).",
        "x_removed": "„{text}“ entfernt.",
        "x_owner": "Verantwortlich",
        "x_due": "Datum",
        "x_note": "Notiz (optional)",
        "x_remove": "Entfernen",
        "x_kind": "Art",
        "x_principle": "Prinzip",
        "x_item": "Checklistenpunkt",
        "x_commitment": "Zusage",
        "x_link": "Link",
        "x_export_md": "Markdown exportieren",
        "x_export_csv": "CSV exportieren",
        "x_export_ics": "Kalender exportieren (.ics)",
        "x_print": "Plan drucken",
        "x_ics_none": "Noch keine Zusage hat ein Datum; für einen Kalender gibt es nichts.",
        "x_calendar": "Maßnahme: {text}",
        "home": "Start",
        "principles": "Prinzipien",
        "examples": "Beispiele",
        "assessments": "Selbsteinschätzungen",
        "checklists": "Checklisten",
        "onboarding": "Einarbeitungspläne",
        "tags": "Schlagwörter",
        "whats_new": "Was ist neu",
        "whats_new_git": "Die letzten Änderungen am Inhalt des Handbuchs, die neuesten zuerst.",
        "whats_new_reviewed": "Die Seiten nach dem Tag ihrer letzten Prüfung, die neuesten zuerst.",
        "reviewed_word": "geprüft",
        "last_changed": "Zuletzt geändert am",
        "latest_change": "Letzte Änderung: {date}.",
        "and_more": "und {n} weitere",
        "sources": "Quellen",
        "sources_intro": "Alle Werke, die das Handbuch zitiert, mit den Seiten, die sie zitieren.",
        "cited_on": "Zitiert auf:",
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
        "card_for_everyone": "Für alle",
        "card_for_teams": "Für Teams",
        "card_for_managers": "Für Führungskräfte",
        "card_for_newcomers": "Für neue Kolleginnen und Kollegen",
        "card_for_hr": "Für HR und Leitung",
        "card_principles": "Die Prinzipien lesen",
        "card_principles_text": "Was wir über gegenseitigen Service denken, und warum es wirkt.",
        "card_examples": "Aus Beispielen lernen",
        "card_examples_text": "Unternehmen und Alltagssituationen, die die Prinzipien zeigen.",
        "card_assessment": "Die Selbsteinschätzung machen",
        "card_assessments": "Eine Selbsteinschätzung machen",
        "card_assessment_text": "Wie Ihr Team andere unterstützt, und wo Sie anfangen.",
        "card_checklists": "Eine Checkliste abarbeiten",
        "card_checklists_text": "Konkrete Schritte zum Abhaken, nach Rolle und Phase.",
        "card_onboarding": "Ihren Einarbeitungsplan öffnen",
        "card_onboarding_text": "Jeder Schritt für Ihre Rolle, in seiner Reihenfolge.",
        "card_results": "Die Ergebnisse ansehen",
        "card_results_text": "Wie Teams abgeschnitten haben, nach Dimension und im Verlauf.",
        "n_principles": "{n} Prinzipien",
        "n_principles_one": "1 Prinzip",
        "n_examples": "{n} Beispiele",
        "n_examples_one": "1 Beispiel",
        "n_questions": "{n} Fragen",
        "n_questions_one": "1 Frage",
        "questions_in_dimensions": "{n} Fragen in {d} Dimensionen",
        "n_assessments": "{n} Selbsteinschätzungen",
        "n_assessments_one": "1 Selbsteinschätzung",
        "n_checklists": "{n} Checklisten",
        "n_checklists_one": "1 Checkliste",
        "n_roles": "{n} Rollen",
        "n_roles_one": "1 Rolle",
        "n_teams": "{n} Teams",
        "n_teams_one": "1 Team",
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
        "months": "Januar Februar März April Mai Juni Juli August September Oktober November "
        "Dezember",
        "day_format": "{day}. {month} {year}",
        "owner": "Verantwortlich",
        "last_reviewed": "Zuletzt geprüft am",
        "review_due": "Diese Seite hätte am {date} geprüft werden sollen. Manches darauf ist "
        "vielleicht nicht mehr aktuell; wenn etwas nicht stimmt, sagen Sie es den "
        "Verantwortlichen.",
        "sign_off": (
            "Name ______________________   Datum ____________   Unterschrift ______________________"
        ),
        "reset": "Häkchen löschen",
        "reset_confirm": "Alle Häkchen auf dieser Seite endgültig löschen?",
        "ticks_local": "Ihre Häkchen werden nur in diesem Browser gespeichert.",
        "onboarding_for": "Einarbeitungsplan: {role}",
        "due_start": "fällig am ersten Tag",
        "due_working": "fällig {n} Arbeitstage nach dem Start",
        "due_working_one": "fällig 1 Arbeitstag nach dem Start",
        "due_calendar": "fällig {n} Tage nach dem Start",
        "due_calendar_one": "fällig 1 Tag nach dem Start",
        "plan_settings": "Für wen ist der Plan?",
        "plan_name": "Name der neuen Person",
        "plan_start": "Startdatum",
        "plan_copy": "Link zu diesem Plan kopieren",
        "plan_ics": "Kalender herunterladen (.ics)",
        "plan_share": "Meinen Fortschritt teilen",
        "p_due": "fällig {date}",
        "p_overdue": "überfällig",
        "p_head": "Plan für {name}, Start am {date}",
        "p_head_nameless": "Plan mit Start am {date}",
        "p_today": "Heute, {date}, ist Tag {n} des Plans.",
        "p_before": "Heute, {date}, liegt vor dem Start.",
        "p_overdue_count": "Überfällig: {n}.",
        "p_phase": "{done} von {total} erledigt",
        "p_bad_start": (
            "„{value}“ ist kein Datum: Schreiben Sie das Startdatum als JJJJ-MM-TT, zum "
            "Beispiel 2027-01-04. Es wurde nichts geändert."
        ),
        "p_bad_name": (
            "Der Name in diesem Link ist zu lang (höchstens 200 Zeichen). Es wurde nichts geändert."
        ),
        "p_calendar": "Einarbeitung: {text}",
        "p_ics_none": "Geben Sie zuerst ein Startdatum ein: Der Kalender enthält die Fälligkeiten.",
        "p_shared_by": (
            "Fortschritt von {name}, geteilt am {date}. Nur lesen: Auf dieser Seite wird nichts "
            "gespeichert."
        ),
        "p_shared": (
            "Fortschritt, geteilt am {date}. Nur lesen: Auf dieser Seite wird nichts gespeichert."
        ),
        "p_shared_unknown": "Weggelassene Häkchen für Punkte, die nicht mehr im Plan stehen: {n}.",
        "p_share_bad": (
            "Dieser Link zum Fortschritt ist beschädigt oder abgeschnitten und wird nicht "
            "gezeigt. Es wurde nichts geändert."
        ),
        "p_share_version": (
            "Dieser Link zum Fortschritt hat ein Format, das dieses Handbuch nicht kennt, und wird "
            "nicht gezeigt. Es wurde nichts geändert."
        ),
        "p_share_long": (
            "Dieser Link zum Fortschritt ist länger als {max} Zeichen und wird nicht gezeigt. Es "
            "wurde nichts geändert."
        ),
        "plan_mine": "Zurück zu meinen Häkchen",
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
        "r_weakest": "Schwächste Dimension",
        "r_teams": "Teams",
        "r_all_teams": "Alle Teams",
        "r_latest_result": "Neuestes Ergebnis",
        "r_earlier": "Frühere Ergebnisse",
        "r_over_time": "Verlauf",
        "r_one_date": "Bisher gibt es ein Ergebnis, also noch keinen Verlauf.",
        "r_withheld_short": "nicht gezeigt",
        "r_threshold": "Schwelle {threshold}",
        "r_bar_name": (
            "Balkendiagramm der Werte von {team} je Dimension am {date}, gemessen an der "
            "Schwelle {threshold}; die Tabelle darunter enthält dieselben Zahlen"
        ),
        "r_trend_name": (
            "Liniendiagramm des Gesamtwerts von {team} je Datum; die Tabelle darunter enthält "
            "dieselben Zahlen"
        ),
        # customers' view (#12)
        "a_err_perspective": (
            "{file} enthält die Antworten eines Kunden: Fügen Sie sie unter „Antworten der "
            "Kunden importieren“ hinzu, nicht hier."
        ),
        "a_err_questionnaire": (
            "{file} wurde zu einer anderen Fassung dieser Fragen beantwortet und zählt nicht."
        ),
        "a_err_not_customer": (
            "{file} ist die Datei eines Kunden, beantwortet aber „{key}“, eine Frage, die "
            "Kunden nicht gestellt wird."
        ),
        "a_err_same": "{file} ist dasselbe Ergebnis wie {other} und zählt einmal.",
        "a_no_customer": (
            "Diese Einschätzung hat keine Fragen für die Kunden eines Teams; dieser Link führt "
            "zu keiner."
        ),
        "c_intro": (
            "{team} bittet Sie als eines der Teams, für die es arbeitet, zu sagen, wie diese "
            "Zusammenarbeit aus Ihrer Sicht läuft. Es dauert wenige Minuten: eine Antwort je "
            "Aussage."
        ),
        "c_anonymous": (
            "Die gespeicherte Datei enthält Ihre Antworten und Ihre Kommentare, nicht Ihren "
            "Namen. Lassen Sie Ihren Namen in den Kommentaren weg, wenn Sie ungenannt bleiben "
            "wollen. Schicken Sie die Datei selbst, sieht {team}, von wem sie kommt; jemand "
            "anderes, etwa HR, kann sie für Sie weitergeben."
        ),
        "c_hand_back": (
            "Wenn Sie fertig sind, klicken Sie unten auf „Antworten zum Senden speichern“ und "
            "schicken Sie die Datei per E-Mail oder Chat an {team}. Bis dahin bleiben Ihre "
            "Antworten nur in diesem Browser."
        ),
        "c_team": "Das Team, zu dem Sie antworten",
        "c_send_title": "Antworten senden",
        "c_thanks": (
            "Danke. Speichern Sie Ihre Antworten mit der Schaltfläche unten und schicken Sie die "
            "Datei an {team}. Dort werden sie mit den Antworten der anderen Teams "
            "zusammengeführt; Werte erscheinen erst, wenn genug geantwortet haben."
        ),
        "c_save": "Antworten zum Senden speichern",
        "c_err_perspective": "{file} enthält keine Kundenantworten zu {team}.",
        "c_incomplete": (
            "Dieser Link ist unvollständig: Er nennt nicht das Team, zu dem Sie antworten. "
            "Bitten Sie das Team, das ihn geschickt hat, erneut um den Link."
        ),
        "c_link": "Link für die Teams, für die Sie arbeiten",
        "c_link_help": (
            "Fragen Sie die Teams, für die Sie arbeiten, wie die Zusammenarbeit läuft: Dieser "
            "Link öffnet die für sie formulierten Fragen zu Ihrem Team."
        ),
        "c_link_label": "Link zum Versenden",
        "c_link_needs_team": (
            "Geben Sie zuerst oben den Namen Ihres Teams ein: Der Link nennt Ihr Team."
        ),
        "c_copied": "Link kopiert. Schicken Sie ihn den Teams; jedes schickt Ihnen eine Datei.",
        "c_copy_manual": "Kopieren Sie den Link im Feld unten; er ist markiert.",
        "c_import_title": "Was Ihre Kunden sagen",
        "c_import_help": (
            "Fügen Sie die Dateien hinzu, die Ihnen die Teams geschickt haben, und wenn "
            "vorhanden die exportierten Dateien Ihres eigenen Teams. Alles geschieht in diesem "
            "Browser; nichts wird hochgeladen."
        ),
        "c_import": "Antworten der Kunden importieren",
        "c_drop": "Oder ziehen Sie die Dateien hierher.",
        "c_for_date": "{team}, {date}",
        "c_self_browser": "Ihr Team: Ihre eigenen Antworten in diesem Browser.",
        "c_self_count": "Ihr Team: {n} Dateien.",
        "c_customer_count": "Kunden: {n} Dateien.",
        "c_withheld": "Die Werte der Kunden erscheinen, sobald mindestens {n} geantwortet haben.",
        "c_caption": "Ihr Team und Ihre Kunden, größte Differenz zuerst",
        "c_self": "Ihr Team",
        "c_customers": "Kunden",
        "c_gap": "Differenz",
        "c_not_enough": "Zu wenige Antworten",
        "c_gap_lower": "Kunden bewerten es {n} niedriger",
        "c_gap_higher": "Kunden bewerten es {n} höher",
        "c_gap_same": "Kunden bewerten es gleich",
        "c_same_questions": (
            "Die Werte Ihres Teams zählen hier nur die Fragen, die auch Ihre Kunden beantworten, "
            "damit Gleiches mit Gleichem verglichen wird."
        ),
        "c_err_other_team": "{file} betrifft das Team „{team}“, nicht Ihres, und zählt nicht.",
        "r_drop_title": "Ergebnisdateien ohne neuen Build ansehen",
        "r_drop_help": (
            "Ziehen Sie Ergebnisdateien hierher oder wählen Sie sie oder einen ganzen Ordner, "
            "um ihre Zahlen zu sehen: die eigenen Werte jedes Teams, die seiner Kunden und die "
            "Differenz. Die Dateien werden nur in diesem Browser gelesen; nichts wird "
            "hochgeladen oder behalten."
        ),
        "r_drop_files": "Dateien wählen",
        "r_drop_folder": "Ordner wählen",
        "r_drop_area": "Oder Dateien oder einen Ordner hierher ziehen.",
        "r_drop_read": "Gelesene Dateien: {files}.",
        "r_drop_counts": "Ergebnisdateien: {files}. Teams: {teams}.",
        "r_drop_none": "Keine dieser Dateien ist ein Ergebnis der Einschätzungen dieses Handbuchs.",
        "r_drop_unknown": (
            "{file} ist ein Ergebnis für „{value}“, eine Einschätzung, die dieses Handbuch "
            "nicht hat."
        ),
        "r_drop_skipped": "Ausgelassen, keine JSON-Dateien: {n}.",
        "r_drop_withheld": "zu wenige, um Werte zu zeigen (mindestens {n} nötig)",
        "r_customers": "Kunden",
        "r_customers_title": "Wie Kunden das Team sehen",
        "r_customers_intro": (
            "Kunden beantworten die Fragen, die eine Kundenfassung haben. Neben ihren Werten "
            "stehen die des Teams zu genau diesen Fragen, damit Gleiches mit Gleichem verglichen "
            "wird; die Differenz ist der Wert der Kunden minus der des Teams."
        ),
        "r_customers_counts": "{date} · Teilnehmende: {team} · Kunden: {customers}",
        "r_customers_withheld": (
            "Weniger als {n} Kunden haben geantwortet: Es werden keine Kundenwerte gezeigt, "
            "damit sich die Antworten Einzelner nicht erschließen lassen."
        ),
        "r_no_gap": (
            "Es werden keine Differenzen gezeigt: Das Team hat hier weniger als {n} eigene "
            "Teilnehmende."
        ),
        "r_gap": "Differenz",
        "r_gaps": "Differenzen, größte zuerst",
        "r_gap_lower": "Kunden bewerten es {gap} niedriger",
        "r_gap_higher": "Kunden bewerten es {gap} höher",
        "r_gap_same": "Kunden bewerten es gleich",
        "r_gap_scores": "{customers} gegenüber {team} beim Team",
        "r_largest_gap": "Größte Differenz",
        "r_not_asked": "Nicht von Kunden bewertet: {dimensions}.",
        "r_customers_only": "Kunden: {n}",
        "r_pair_name": (
            "Balkendiagramm der Werte von {team} am {date} je Dimension, die eigenen und die "
            "der Kunden, gemessen an der Schwelle {threshold}; die Tabelle darunter enthält "
            "dieselben Zahlen"
        ),
    },
}


def words(language: str) -> dict[str, str]:
    """Return the label table for a language code such as 'de' or 'de-CH' (English if unknown)."""
    base = language.split("-")[0].lower()
    return {**WORDS["en"], **WORDS.get(base, {})}
