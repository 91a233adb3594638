/* playbook-gen: scoring one respondent's answers (on pb-core.js), by the rules of
 * results/scoring.py; both are checked against tests/vectors/. Part of the assessment page's
 * script, and of the results page's, which combines dropped files with it (pb-combine.js). */
(function () {
  "use strict";

  const PB = window.PB;
  if (PB.score) {
    return;
  }
  const has = PB.hasOwn;

  /* Whether an answer is on the assessment's scale: a whole number from min to max, or null
   * (not applicable) where the scale allows it. */
  function isOnScale(scale, answer) {
    if (answer === null) {
      return scale.allow_na;
    }
    return Number.isInteger(answer) && answer >= scale.min && answer <= scale.max;
  }

  /* The scores of one set of answers, by the rules of results/scoring.py.
   *
   * data: the page's assessment data (scale, dimensions, bands, threshold, min_answered,
   * recommend_max). answers: {question id: answer, null for N/A}; unknown question ids and
   * answers off the scale are ignored. Returns {byDimension: {dimension id: {index, dimension,
   * score, count}}, overall, band, recommended: the results of the dimensions below the
   * threshold, weakest first, at most recommend_max}. A score is null when there is none. Sums
   * run left to right, as in Python, so both give the same floating-point results. */
  function score(data, answers) {
    const scale = data.scale;
    const byDimension = {};
    const low = [];
    let total = 0;
    let scored = 0;
    data.dimensions.forEach(function (dimension, index) {
      let sum = 0;
      let count = 0;
      for (const question of dimension.questions) {
        const answer = has(answers, question.id) ? answers[question.id] : null;
        if (answer !== null && isOnScale(scale, answer)) {
          sum += question.reverse ? scale.min + scale.max - answer : answer;
          count += 1;
        }
      }
      const enough = count > 0 && count >= data.min_answered;
      const result = { index: index, dimension: dimension, score: enough ? sum / count : null,
        count: count };
      byDimension[dimension.id] = result;
      if (result.score !== null) {
        total += result.score;
        scored += 1;
        if (result.score < data.threshold) {
          low.push(result);
        }
      }
    });
    const overall = scored > 0 ? total / scored : null;
    low.sort((a, b) => a.score - b.score || a.index - b.index);
    let band = null;
    if (overall !== null) {
      band = data.bands.find((each) => each.upto >= overall) || null;
    }
    return {
      byDimension: byDimension,
      overall: overall,
      band: band,
      recommended: low.slice(0, data.recommend_max),
    };
  }

  PB.score = score;
  PB.isOnScale = isOnScale;
})();
