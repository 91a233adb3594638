/* playbook-gen: the assessment page for and about a team's internal customers, loaded on demand
 * by pb-assessment.js (after pb-combine.js, in one file):
 * - PB.customer: the page opened from a customer link (?perspective=customer&team=...): only the
 *   questions with a customer wording, in that wording, about the team the link names;
 * - "customer-link": the link the team sends to the teams it serves;
 * - "customer-import": the team's and its customers' result files combined, side by side, with
 *   the gap. Nothing leaves the browser. User text is written with textContent only. */
(function () {
  "use strict";

  const PB = window.PB;
  PB.more = PB.more || {};

  const make = (tag, attributes, text) => PB.make(tag, attributes, text);

  /* Out of sight and out of the accessibility tree, whatever the page's script does with
   * `hidden` later. */
  function away(element) {
    if (element) {
      element.style.display = "none";
    }
  }

  PB.customer = function (form, data, start) {
    const words = data.c;
    const params = new URLSearchParams(location.search);
    const team = (params.get("team") || "").trim().slice(0, data.result.max_text);
    const article = form.parentElement;
    for (const selector of [".pb-intro", ".pb-method", ".pb-bands-section"]) {
      away(article.querySelector(selector));
    }
    const customerData = PB.customerData(data);
    const intro = make("div", { class: "pb-text pb-customer-intro", "data-pb-customer": "" });
    form.before(intro);
    if (!words || params.get("perspective") !== "customer" || !team ||
      customerData.dimensions.length === 0) {
      const problem = words ? words.incomplete : data.t.no_customer;
      intro.append(make("p", { class: "pb-alert", role: "alert" }, problem));
      away(form);
      return;
    }
    const fill = (text) => PB.format(text, { team: team });
    intro.append(make("p", {}, fill(words.intro)), make("p", {}, fill(words.anonymous)),
      make("p", {}, fill(words.hand_back)));

    /* Only the customer's questions, in their wording, numbered anew. */
    const shown = new Set();
    for (const dimension of customerData.dimensions) {
      for (const question of dimension.questions) {
        shown.add(question.id);
        question.text = question.customer;
      }
    }
    let number = 0;
    for (const fieldset of form.querySelectorAll("fieldset.pb-question")) {
      const id = fieldset.id.slice(2);
      if (!shown.has(id)) {
        away(fieldset);
        continue;
      }
      number += 1;
      const question = customerData.dimensions.flatMap((each) => each.questions)
        .find((each) => each.id === id);
      const legend = fieldset.querySelector("legend");
      legend.replaceChildren(make("span", { class: "pb-qn" }, `${number}.`), ` ${question.text}`);
    }
    for (const section of form.querySelectorAll("section.pb-dimension")) {
      if (!customerData.dimensions.some((dimension) => dimension.id === section.id)) {
        away(section);
      }
      away(section.querySelector(":scope > .pb-text"));
      away(section.querySelector(".pb-dim-score"));
    }

    /* The team is the link's: shown as text, not a field (the page keeps its value). */
    const teamLine = form.querySelector(".pb-team");
    away(teamLine);
    teamLine.after(make("p", { "data-pb-customer-team": "" }, `${words.team}: `));
    teamLine.nextSibling.append(make("strong", {}, team));
    for (const selector of ["[data-pb-glance]", "[data-pb-customer-tools]", "[data-pb-customer-link]",
      "[data-pb-rec-pool]",
      ".pb-results > .pb-js", "[data-pb-action=export-csv]"]) {
      away(form.querySelector(selector));
    }
    form.querySelector("#pb-h-results").textContent = words.send_title;
    form.querySelector(".pb-results > .pb-nojs").after(make("p", { "data-pb-thanks": "" },
      fill(words.thanks)));
    form.querySelector("[data-pb-action=export-json]").textContent = words.save;

    start(form, Object.assign({}, customerData, {
      perspective: "customer",
      team: team,
      kind: "customer",
      key: `${data.id}/${PB.teamKey(team)}`,
      t: Object.assign({}, data.t, { err_perspective: words.err_perspective }),
    }));
  };

  /* Copy a link, or show it selected for copying by hand where the clipboard is not allowed. */
  function copy(url, field, say) {
    field.value = url;
    field.style.width = "100%";
    field.parentElement.hidden = false;
    const byHand = () => {
      say(field.dataset.manual);
      field.focus();
      field.select();
    };
    if (!navigator.clipboard) {
      byHand();
      return;
    }
    navigator.clipboard.writeText(url).then(() => say(field.dataset.copied), byHand);
  }

  PB.more["customer-link"] = function (page) {
    const form = page.form;
    const team = page.state().team.trim();
    const status = form.querySelector("[data-pb-link-status]");
    const say = (text) => {
      status.textContent = text;
    };
    const field = form.querySelector("[data-pb-link-field]");
    if (!team) {
      field.parentElement.hidden = true;
      say(page.data.c.link_needs_team);
      form.querySelector("[data-pb-team]").focus();
      return;
    }
    const url = new URL(location.pathname, location.href);
    url.search = new URLSearchParams({ perspective: "customer", team: team }).toString();
    copy(url.href, field, say);
  };

  /* ---- the team's view of its customers' answers ---- */

  PB.more["customer-import"] = function (page) {
    const form = page.form;
    const box = form.querySelector("[data-pb-customer-tools]");
    const input = box.querySelector("input[type=file]");
    if (!box.dataset.pbReady) {
      box.dataset.pbReady = 1;
      const drop = box.querySelector("[data-pb-drop]");
      input.addEventListener("change", function () {
        const files = Array.from(input.files);
        input.value = "";
        show(page, files);
      });
      drop.addEventListener("dragover", function (event) {
        event.preventDefault();
        drop.style.borderStyle = "solid";
      });
      drop.addEventListener("dragleave", () => (drop.style.borderStyle = "dashed"));
      drop.addEventListener("drop", function (event) {
        event.preventDefault();
        drop.style.borderStyle = "dashed";
        show(page, Array.from(event.dataTransfer.files));
      });
      drop.style.cssText = "margin: .5em 0; padding: 1.5em 1em; text-align: center; " +
        "border: 2px dashed var(--md-default-fg-color--light); border-radius: .2rem;";
      drop.hidden = false;
    }
    input.click();
  };

  /* Combine the chosen files with this browser's answers (when no team file is among them) and
   * show the team's and its customers' scores side by side. */
  async function show(page, chosen) {
    if (chosen.length === 0) {
      return;
    }
    const data = page.data;
    const words = data.c;
    const out = page.form.querySelector("[data-pb-customer-out]");
    out.replaceChildren(); /* the last figures go at once, not when the new ones are read */
    const read = await PB.readResults(data, chosen);
    const state = page.state();
    const team = state.team.trim();
    let files = read.files;
    if (team) {
      files = files.filter((file) => PB.teamKey(file.team) === PB.teamKey(team) ||
        !read.rejected.push(PB.format(words.err_other_team, { file: file.name, team: file.team })));
    }
    const groups = PB.combine(data, files, data.min_respondents);
    for (const line of read.rejected) {
      out.append(make("p", { class: "pb-alert", "data-pb-rejected": "" }, line));
    }
    const latest = groups.find((group) => group.customer) || groups[0];
    if (!latest) {
      return;
    }
    let selfSame = latest.selfSame;
    let own = false;
    if (!latest.self) {
      /* No team file: this browser's answers, of one respondent the reader knows (themself),
       * so not held back below the minimum. */
      selfSame = ownSide(PB.customerData(data), state.answers);
      own = Object.keys(state.answers).length > 0;
    }
    out.append(make("h4", {}, PB.format(words.for_date, { team: latest.team, date: latest.date })));
    const counts = make("p", { "data-pb-counts": "" });
    counts.textContent = [
      own ? words.self_browser : PB.format(words.self_count, { n: latest.self ?
        latest.self.respondents : 0 }),
      PB.format(words.customer_count, { n: latest.customer ? latest.customer.respondents : 0 }),
    ].join(" ");
    out.append(counts);
    const customer = latest.customer;
    if (customer && customer.withheld) {
      out.append(make("p", { "data-pb-withheld": "" }, PB.format(words.withheld, {
        n: data.min_respondents })));
    }
    out.append(PB.gapTable(data, selfSame, customer, page.form));
    out.append(make("p", { class: "pb-hint" }, words.same_questions));
  }

  function ownSide(data, answers) {
    const result = PB.score(data, answers);
    const dimensions = {};
    for (const dimension of data.dimensions) {
      dimensions[dimension.id] = { score: result.byDimension[dimension.id].score,
        withheld: false };
    }
    return { respondents: 1, withheld: false, dimensions: dimensions };
  }
})();
