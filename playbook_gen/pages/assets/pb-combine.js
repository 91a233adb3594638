/* playbook-gen: combining result files in the browser, by the rules of results/aggregate.py and
 * issue #12 (checked against tests/vectors/combine/ in Chromium). Loaded on demand by the
 * assessment page (alone, for Import, and inside pb-customer.js) and, with the drop zone, by
 * the results page (pb-results.js). Nothing leaves the browser.
 *
 * PB.readResult(data, name, text): one file read and checked as every use of it needs (the
 * assessment page's Import uses it alone); PB.checkResult: as `report`'s reader checks a file
 * it combines. Both throw PB.Refused with one line in our words.
 * PB.combine(data, files, least): the files grouped by team, date and perspective; per group
 * the respondents' mean score per dimension, withheld below `least` respondents, and the gap
 * between customers and the team on the same questions. */
(function () {
  "use strict";

  const PB = window.PB;
  if (PB.combine) {
    return;
  }
  const has = PB.hasOwn;

  /* What makes two team names the same team: case and spacing don't count (aggregate.team_key).
   * JavaScript has no casefold: upper then lower case folds as Python's casefold does ("Straße"
   * and "STRASSE" are one team), but for the capital sharp s and the final sigma. */
  PB.teamKey = (name) => String(name).split(/\s+/).filter(Boolean).join(" ").normalize("NFC")
    .toUpperCase().toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");

  function Refused(message) {
    this.message = message;
  }
  PB.Refused = Refused;

  /* The assessment as customers answer it: their questions only, dimensions without any left
   * out. */
  PB.customerData = function (data) {
    const dimensions = [];
    for (const dimension of data.dimensions) {
      const questions = dimension.questions.filter((question) => has(question, "customer"));
      if (questions.length > 0) {
        dimensions.push(Object.assign({}, dimension, { questions: questions }));
      }
    }
    return Object.assign({}, data, { dimensions: dimensions });
  };

  /* Read one result file and check what every use of it needs: JSON, format, version, this
   * assessment, safe keys, the types and lengths of its fields, a known perspective, answers on
   * the scale and comments. Returns {id, team, date, questionnaire, perspective, answers,
   * unknown, comments} (answers to questions this assessment does not have are left out and
   * their ids listed in `unknown`) or throws PB.Refused with one line in our words. */
  PB.readResult = function (data, name, text) {
    const words = data.t;
    const format = data.result;
    const refuse = (key, values) => {
      throw new Refused(PB.format(words[key], Object.assign({ file: name }, values)));
    };
    const keysOf = (object, field) => {
      if (!PB.isPlainObject(object)) {
        refuse("err_field", { key: field });
      }
      const bad = Object.keys(object).find((key) => !PB.safeKey(key));
      if (bad !== undefined) {
        refuse("err_key", { key: bad });
      }
      return Object.keys(object);
    };
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      refuse("err_json");
    }
    if (!PB.isPlainObject(value) || value.format !== format.format) {
      refuse("err_format");
    }
    keysOf(value);
    if (value.version !== format.version) {
      refuse("err_version", { value: JSON.stringify(value.version) });
    }
    if (value.assessment !== data.id) {
      refuse("err_assessment", { value: String(value.assessment), expected: data.id });
    }
    for (const key of ["id", "team", "date", "questionnaire"]) {
      const isText = typeof value[key] === "string" && value[key].length <= format.max_text;
      if (key in value && !isText) {
        refuse("err_field", { key: key });
      }
    }
    const perspective = "perspective" in value ? value.perspective : "self";
    if (perspective !== "self" && perspective !== "customer") {
      refuse("err_field", { key: "perspective" });
    }
    const questions = new Set();
    for (const dimension of data.dimensions) {
      for (const question of dimension.questions) {
        questions.add(question.id);
      }
    }
    const answers = {};
    const unknown = [];
    for (const key of keysOf(value.answers, "answers")) {
      const answer = value.answers[key];
      if (!questions.has(key)) {
        unknown.push(key); /* a question this assessment no longer has: left out */
      } else if (PB.isOnScale(data.scale, answer)) {
        answers[key] = answer;
      } else {
        refuse("err_answer", { key: key, value: JSON.stringify(answer).slice(0, 40) });
      }
    }
    const comments = "comments" in value ? value.comments : {};
    for (const key of keysOf(comments, "comments")) {
      if (typeof comments[key] !== "string" || comments[key].length > format.max_comment) {
        refuse("err_field", { key: `comments.${key}` });
      }
    }
    return {
      id: value.id,
      team: value.team,
      date: value.date,
      questionnaire: value.questionnaire,
      perspective: perspective,
      answers: answers,
      unknown: unknown,
      comments: comments,
    };
  };

  /* One file to combine, checked as `report` checks it: PB.readResult, and a team and a date,
   * a version of the questions that counts, and a customer's file answering customers'
   * questions only. Returns {name, id, team, date, perspective, answers}. */
  PB.checkResult = function (data, name, text) {
    const read = PB.readResult(data, name, text);
    const refuse = (key, values) => {
      throw new Refused(PB.format(data.t[key], Object.assign({ file: name }, values)));
    };
    for (const key of ["team", "date"]) {
      if (typeof read[key] !== "string" || read[key].trim() === "") {
        refuse("err_field", { key: key });
      }
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(read.date)) {
      refuse("err_field", { key: "date" });
    }
    const counted = [data.questionnaire, ...(data.include_versions || [])];
    if (read.questionnaire !== undefined && !counted.includes(read.questionnaire)) {
      refuse("err_questionnaire");
    }
    const answers = {};
    for (const dimension of data.dimensions) {
      for (const question of dimension.questions) {
        if (!has(read.answers, question.id)) {
          continue;
        }
        const answer = read.answers[question.id];
        if (read.perspective === "customer" && !has(question, "customer")) {
          if (answer !== null) {
            refuse("err_not_customer", { key: question.id });
          }
          continue; /* "not applicable" to a question customers are not asked: nothing said */
        }
        answers[question.id] = answer;
      }
    }
    return {
      name: name,
      id: typeof read.id === "string" ? read.id : null,
      team: read.team.trim(),
      date: read.date,
      perspective: read.perspective,
      answers: answers,
    };
  };

  function mean(values) {
    let total = 0;
    for (const value of values) {
      total += value;
    }
    return total / values.length;
  }

  /* One team's result on one date from its respondents' files (aggregate.team_result):
   * {respondents, withheld, dimensions: {id: {score, respondents, withheld}}, overall}. */
  function side(data, files, least) {
    const withheld = files.length < least;
    const dimensions = {};
    const given = [];
    const each = files.map((file) => PB.score(data, file.answers));
    for (const dimension of data.dimensions) {
      const scores = each.map((result) => result.byDimension[dimension.id].score)
        .filter((score) => score !== null);
      const isWithheld = withheld || (scores.length > 0 && scores.length < least);
      const score = isWithheld || scores.length === 0 ? null : mean(scores);
      dimensions[dimension.id] = { score: score, respondents: scores.length,
        withheld: isWithheld };
      if (score !== null) {
        given.push(score);
      }
    }
    return {
      respondents: files.length,
      withheld: withheld,
      dimensions: dimensions,
      overall: given.length > 0 ? mean(given) : null,
    };
  }

  /* The gap per dimension with customer questions, where both sides give a score: customers'
   * score minus the team's on the same questions; largest first, ties in dimension order. */
  function gaps(customerData, selfSame, customer) {
    const out = [];
    customerData.dimensions.forEach(function (dimension, index) {
      const mine = selfSame.dimensions[dimension.id].score;
      const theirs = customer.dimensions[dimension.id].score;
      if (mine !== null && theirs !== null) {
        out.push({ dimension: dimension, index: index, self: mine, customer: theirs,
          gap: theirs - mine });
      }
    });
    out.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.index - b.index);
    return out;
  }

  /* "customers rate it 0.8 lower": the sign in words (words: the assessment's data.c). */
  PB.gapText = function (words, gap, element) {
    if (Math.abs(gap) < 0.005) {
      return words.gap_same;
    }
    const size = PB.number(Math.abs(gap), 2, element);
    return PB.format(gap < 0 ? words.gap_lower : words.gap_higher, { n: size });
  };

  /* The team's scores (on the customers' questions) and its customers' side by side per
   * dimension asked of customers, with the gap: those with a gap first, largest first, then
   * the others in their order. self or customer may be null (no files); a withheld score says
   * "not enough responses". `element` gives the language for numbers; `labels` may name the
   * team's column and the caption otherwise (HR's view: "Team", not "Your team"). */
  PB.gapTable = function (data, self, customer, element, labels) {
    const words = Object.assign({}, data.c, labels);
    const make = PB.make;
    const customerData = PB.customerData(data);
    const table = make("table", { class: "pb-table", "data-pb-gap-table": "" });
    table.append(make("caption", {}, words.caption));
    const head = make("tr");
    for (const label of [data.t.dimension, words.self, words.customers, words.gap]) {
      head.append(make("th", { scope: "col" }, label));
    }
    table.appendChild(make("thead")).append(head);
    const body = table.appendChild(make("tbody"));
    const found = customer && !customer.withheld && self && !self.withheld ?
      gaps(customerData, self, customer) : [];
    const order = found.map((each) => each.dimension);
    for (const dimension of customerData.dimensions) {
      if (!found.some((each) => each.dimension.id === dimension.id)) {
        order.push(dimension);
      }
    }
    const cell = function (side, id) {
      const score = side && side.dimensions[id];
      if (!score) {
        return make("td", {}, "–");
      }
      if (score.withheld) {
        return make("td", { "data-withheld": "" }, words.not_enough);
      }
      const text = score.score === null ? "–" : PB.number(score.score, 2, element);
      return make("td", { "data-value": score.score === null ? "" : score.score }, text);
    };
    for (const dimension of order) {
      const row = body.appendChild(make("tr", { "data-dimension": dimension.id }));
      row.append(make("th", { scope: "row" }, dimension.title));
      row.append(cell(self, dimension.id), cell(customer, dimension.id));
      const gap = found.find((each) => each.dimension.id === dimension.id);
      row.append(make("td", { "data-gap": gap ? gap.gap : "" },
        gap ? PB.gapText(words, gap.gap, element) : "–"));
    }
    return table;
  };

  PB.gaps = gaps;

  PB.combine = function (data, files, least) {
    const customerData = PB.customerData(data);
    const groups = new Map();
    for (const file of files) {
      const key = `${PB.teamKey(file.team)}\n${file.date}`;
      if (!groups.has(key)) {
        groups.set(key, { key: key, team: file.team, date: file.date, self: [], customer: [] });
      }
      groups.get(key)[file.perspective].push(file);
    }
    const out = [];
    for (const group of groups.values()) {
      const self = group.self.length > 0 ? side(data, group.self, least) : null;
      const customer = group.customer.length > 0 ? side(customerData, group.customer, least)
        : null;
      const selfSame = self ? side(customerData, group.self, least) : null;
      out.push({
        team: group.team,
        date: group.date,
        self: self,
        selfSame: selfSame,
        customer: customer,
        gaps: self && customer ? gaps(customerData, selfSame, customer) : null,
      });
    }
    out.sort((a, b) => (PB.teamKey(a.team) < PB.teamKey(b.team) ? -1 :
      PB.teamKey(a.team) > PB.teamKey(b.team) ? 1 : a.date < b.date ? 1 : -1));
    return out;
  };

  /* Check files given as {name, text}: {files: the readable ones, each result once (by id),
   * rejected: one line per file that is not counted}. */
  PB.checkResults = function (data, entries) {
    const files = [];
    const rejected = [];
    const seen = new Map();
    for (const entry of entries) {
      try {
        const checked = PB.checkResult(data, entry.name, entry.text);
        if (checked.id !== null && seen.has(checked.id)) {
          throw new Refused(PB.format(data.t.err_same, { file: entry.name,
            other: seen.get(checked.id) }));
        }
        if (checked.id !== null) {
          seen.set(checked.id, entry.name);
        }
        files.push(checked);
      } catch (error) {
        rejected.push(error instanceof Refused ? error.message :
          PB.format(data.t.err_json, { file: entry.name }));
      }
    }
    return { files: files, rejected: rejected };
  };

  /* Read chosen or dropped files (File objects) and check them as PB.checkResults does; a file
   * too large to be a result is not read. */
  PB.readResults = async function (data, fileList) {
    const entries = [];
    const tooLarge = [];
    for (const file of fileList) {
      if (file.size > data.result.max_bytes) {
        tooLarge.push(PB.format(data.t.err_size, { file: file.name }));
      } else {
        entries.push({ name: file.name, text: await file.text() });
      }
    }
    const read = PB.checkResults(data, entries);
    read.rejected.unshift(...tooLarge);
    return read;
  };
})();
