"""The self-assessment page's layout: a short intro with the method folded away, a sticky
progress line with a way to the results, and a summary at the top once there are answers."""

from __future__ import annotations

import pytest

FORM = "form[data-pb-assessment]"
PROGRESS = f"{FORM} [data-pb-progress]"
GLANCE = "[data-pb-glance]"
METHOD_TEXT = "Please read before using the results."


def open_assessment(pg, base: str):
    pg.goto(f"{base}assessments/internal-service/")
    pg.wait_for_selector(f"{FORM}[data-pb-ready]", state="attached")
    return pg


def answer(pg, qid: str, value: str) -> None:
    pg.check(f'{FORM} input[type=radio][name="{qid}"][value="{value}"]')


def box(pg, selector: str) -> dict:
    return pg.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


def test_method_is_folded_under_a_short_intro_and_opens(page, default_site):
    open_assessment(page, default_site)
    intro = page.text_content(".pb-intro").strip()
    assert intro.count(". ") + intro.count("? ") <= 2  # a sentence or two
    method = page.locator("details.pb-method")
    assert method.get_attribute("open") is None
    assert page.text_content("details.pb-method > summary").strip() == "How this assessment works"
    assert page.get_by_text(METHOD_TEXT).is_hidden()
    assert box(page, f"{FORM} fieldset")["top"] < 900  # the first question is in the first screen
    page.click("details.pb-method > summary")
    assert page.get_by_text(METHOD_TEXT).is_visible()
    assert "Cronbach's alpha" in page.text_content("details.pb-method")


def test_the_method_is_printed_even_when_folded(page, default_site):
    open_assessment(page, default_site)
    page.emulate_media(media="print")
    assert page.get_by_text(METHOD_TEXT).is_visible()
    assert page.is_hidden(".pb-jump")


def test_progress_line_counts_answers_as_they_change(page, default_site):
    open_assessment(page, default_site)
    progress = page.locator(PROGRESS)
    assert progress.text_content() == "0 of 30 answered"
    assert progress.get_attribute("aria-live") == "polite"
    answer(page, "rsp-1", "4")
    assert progress.text_content() == "1 of 30 answered"
    answer(page, "rsp-2", "na")  # N/A is an answer too
    answer(page, "rsp-1", "2")  # a changed answer is not a new one
    assert progress.text_content() == "2 of 30 answered"
    assert (progress.get_attribute("data-done"), progress.get_attribute("data-total")) == (
        "2",
        "30",
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_progress_line_stays_under_the_header_and_covers_no_question(browser, default_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    try:
        open_assessment(pg, default_site)
        header = box(pg, ".md-header")
        pg.eval_on_selector("#q-com-3", "e => e.scrollIntoView()")
        line = box(pg, ".pb-jump")
        assert line["top"] == pytest.approx(header["bottom"], abs=1)
        assert box(pg, "#q-com-3")["top"] >= line["bottom"]
        pg.focus("#q-own-2 input")  # reached with the keyboard: scrolled to below the line
        question = box(pg, "#q-own-2")
        assert box(pg, ".pb-jump")["bottom"] <= question["top"] < 800
        pg.click(".pb-jump a[href='#pb-results']")
        pg.wait_for_function("location.hash === '#pb-results'")
        pg.wait_for_timeout(800)  # the dimensions passed on the way are laid out meanwhile
        results = box(pg, "#pb-h-results")
        line = box(pg, ".pb-jump")
        assert line["bottom"] <= results["top"] < line["bottom"] + 100  # right under the line
        assert pg.is_visible("#pb-h-results")
        widths = pg.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], widths
    finally:
        context.close()


def test_summary_appears_at_the_top_with_the_full_results_figures_and_after_reload(
    page, default_site
):
    open_assessment(page, default_site)
    assert page.is_hidden(GLANCE)
    answer(page, "rsp-1", "2")
    assert page.is_visible(GLANCE)
    assert box(page, GLANCE)["top"] < box(page, f"{FORM} fieldset")["top"]
    for qid, value in (("rsp-2", "1"), ("rsp-3", "2"), ("eff-1", "5"), ("eff-2", "4")):
        answer(page, qid, value)
    overall = page.get_attribute("[data-pb-score=overall]", "data-value")
    assert page.get_attribute("[data-pb-glance-score]", "data-value") == overall
    assert page.text_content("[data-pb-glance-score]") == page.text_content(
        "[data-pb-score=overall]"
    )
    band = page.text_content("[data-pb-band]")
    assert page.text_content("[data-pb-glance-band]") == f"({band})"
    responsiveness = page.text_content('[data-pb-score="responsiveness"]')
    assert page.text_content("[data-pb-glance-weakest]") == f"Responsiveness ({responsiveness})"
    page.click(f"{GLANCE} a[href='#pb-results']")
    page.wait_for_function("location.hash === '#pb-results'")
    page.reload()
    page.wait_for_selector(f"{FORM}[data-pb-ready]", state="attached")
    assert page.is_visible(GLANCE)
    assert page.get_attribute("[data-pb-glance-score]", "data-value") == overall
    assert page.text_content(PROGRESS) == "5 of 30 answered"


def test_summary_names_the_lowest_dimension_when_none_is_below_the_threshold(page, default_site):
    open_assessment(page, default_site)
    answer(page, "rsp-1", "5")
    assert page.is_visible(GLANCE)  # one answer: no score yet (3 per dimension needed)
    assert page.text_content("[data-pb-glance-score]") == "No score yet"
    assert page.is_hidden("[data-pb-glance-weakest-line]")
    for qid, value in (("rsp-2", "5"), ("rsp-4", "5"), ("eff-1", "4"), ("eff-2", "2")):
        answer(page, qid, value)
    answer(page, "eff-4", "4")  # eff-2 is reversed: 2 counts as 4
    assert page.text_content("[data-pb-recommendations]").strip() == ""
    assert page.text_content("[data-pb-glance-weakest]") == "Effort for internal customers (4.00)"
    assert page.is_visible("[data-pb-glance-weakest-line]")


def test_without_javascript_neither_line_nor_summary_shows(browser, default_site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(default_site + "assessments/internal-service/")
        assert pg.is_hidden(".pb-jump")
        assert pg.is_hidden(GLANCE)
        pg.click("details.pb-method > summary")
        assert pg.get_by_text(METHOD_TEXT).is_visible()
    finally:
        context.close()


def test_the_progress_line_is_shown_while_the_page_is_read_and_the_form_stays_put(
    page, default_site
):
    """The sticky progress line is there from the first paint: the questions do not move down
    when the page's script starts."""
    held: list = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto(f"{default_site}assessments/internal-service/", wait_until="commit")
    page.wait_for_selector(".pb-jump", state="visible")
    assert page.locator(f"{FORM}[data-pb-ready]").count() == 0  # not started yet
    assert page.is_hidden(f"{FORM} .pb-nojs")
    before = box(page, f"{FORM} fieldset")["top"] - box(page, "h1")["top"]
    held[0].continue_()
    page.wait_for_selector(f"{FORM}[data-pb-ready]", state="attached")
    assert box(page, f"{FORM} fieldset")["top"] - box(page, "h1")["top"] == before
    assert page.locator(PROGRESS).text_content() == "0 of 30 answered"


@pytest.mark.parametrize("width", [1280, 390])
def test_no_text_of_the_chart_runs_into_another(browser, default_site, width):
    """A dimension without a score says so on the row its bar would take: on a phone the
    longest dimension title ("Differentiation and proactive value") no longer runs into it."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    try:
        open_assessment(pg, default_site)
        for question, value in (("rsp-1", "2"), ("rsp-2", "3"), ("rsp-3", "2")):
            answer(pg, question, value)
        pg.eval_on_selector("[data-pb-chart]", "e => e.scrollIntoView()")
        texts = pg.eval_on_selector_all(
            "[data-pb-chart] svg text",
            "els => els.map(e => [e.textContent, e.getBoundingClientRect().toJSON()])",
        )
        assert [t for t, _ in texts].count("Not enough answers") == 6
        assert "3.00" in [t for t, _ in texts]  # responsiveness: (2 + 3 + 4 reversed) / 3
        for i, (text, a) in enumerate(texts):
            for other, b in texts[i + 1 :]:
                apart = (
                    a["right"] <= b["left"] or b["right"] <= a["left"]
                    or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
                )  # fmt: skip
                assert apart, (text, other)
    finally:
        context.close()
