/* playbook-gen: the assessment page's exports, loaded when first asked for (pb-assessment.js
 * onDemand): "Export JSON" writes the results format (`report` reads it; a customer's carries
 * "perspective": "customer"), "Export CSV" one row per question, then the scores, the team, the
 * date and the comments. */
(function () {
  "use strict";

  const PB = window.PB;
  PB.more = PB.more || {};
  const has = PB.hasOwn;

  /* A random version 4 UUID. randomUUID needs a secure context; an intranet over http may not
   * be one. */
  function randomId() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; /* version 4 */
    bytes[8] = (bytes[8] & 0x3f) | 0x80; /* variant: RFC 4122 */
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    const groups = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)];
    return groups.join("-");
  }

  PB.more["export-json"] = function (page) {
    const data = page.data;
    const state = page.state();
    const answers = {};
    const comments = {};
    for (const dimension of data.dimensions) {
      for (const question of dimension.questions) {
        if (has(state.answers, question.id)) {
          answers[question.id] = state.answers[question.id];
        }
      }
      if (state.comments[dimension.id]) {
        comments[dimension.id] = state.comments[dimension.id];
      }
    }
    const exported = {
      format: data.result.format,
      version: data.result.version,
      id: randomId(),
      assessment: data.id,
      questionnaire: data.questionnaire,
      perspective: data.perspective, /* only a customer's: none is the team's own */
      team: state.team.trim(),
      date: PB.today(),
      answers: answers,
      comments: comments,
    };
    PB.download(page.fileName("json"), "application/json",
      JSON.stringify(exported, null, 2) + "\n");
  };

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
