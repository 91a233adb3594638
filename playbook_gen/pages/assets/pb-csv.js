/* playbook-gen: the assessment page's "Export CSV", loaded when first asked for (pb-assessment.js
 * onDemand): one row per question, then the scores, the team, the date and the comments. */
(function () {
  "use strict";

  const PB = window.PB;
  PB.more = PB.more || {};

  PB.more["export-csv"] = function (page) {
    const data = page.data;
    const state = page.state();
    const words = data.t;
    const scale = data.scale;
    const result = PB.score(data, state.answers);
    const rounded = (value) => (value === null ? "" : Math.round(value * 100) / 100);
    const rows = [[words.dimension, words.question_id, words.question, words.answer,
      words.answer_label]];
    for (const dimension of data.dimensions) {
      for (const question of dimension.questions) {
        const answer = state.answers[question.id];
        const isNumber = typeof answer === "number";
        let label = "";
        if (isNumber) {
          label = scale.labels[answer - scale.min];
        } else if (answer === null) {
          label = words.not_applicable;
        }
        rows.push([dimension.title, question.id, question.text, isNumber ? answer : "", label]);
      }
    }
    for (const dimension of data.dimensions) {
      const value = result.byDimension[dimension.id].score;
      rows.push([dimension.title, "", words.score, rounded(value),
        value === null ? words.not_enough : ""]);
    }
    rows.push([words.overall, "", words.score, rounded(result.overall),
      result.band ? result.band.name : ""]);
    rows.push([words.organisation, "", data.organisation, "", ""]);
    rows.push([words.team, "", state.team.trim(), "", ""]);
    rows.push([words.date, "", PB.today(), "", ""]);
    for (const dimension of data.dimensions) {
      if (state.comments[dimension.id]) {
        rows.push([dimension.title, "", words.comment_short, "", state.comments[dimension.id]]);
      }
    }
    PB.download(page.fileName("csv"), "text/csv;charset=utf-8", "\ufeff" + PB.csv(rows));
  };
})();
