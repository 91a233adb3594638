/* playbook-gen: the self-assessment page (on pb-core.js, and pb-score.js, which scores).
 * Answers, the team name and comments are stored with PB.openStore, one entry per question, so
 * two tabs of the page keep each other's answers. User text is written with textContent only. */
(function () {
  "use strict";

  const PB = window.PB;

  /* What works only with this script (.pb-js) is in the page's HTML from the start, and hidden
   * without JavaScript (without_script in _macros.md.j2): the form is laid out once, and this
   * script runs once the page is read (defer). */

  if (!PB.firstLoad("assessment")) {
    return;
  }

  const SVG = "http://www.w3.org/2000/svg";
  const has = PB.hasOwn;
  const isPlainObject = PB.isPlainObject;
  const isOnScale = PB.isOnScale;
  const score = PB.score;

  PB.onPage(function () {
    const form = document.querySelector("form[data-pb-assessment]");
    const data = form && PB.data("pb-assessment-data");
    if (!data || form.dataset.pbReady || form.dataset.pbWait) {
      return;
    }
    /* A customer's link (?perspective=customer&team=...): pb-customer.js, loaded now, turns the
     * page and its data to the customer's questions, or says what the link lacks. */
    if (new URLSearchParams(location.search).get("perspective")) {
      form.dataset.pbWait = 1;
      PB.need("pb-customer.js").then(() => PB.customer(form, data, startAssessment));
    } else {
      startAssessment(form, data);
    }
  });

  /* A refused import: the message for the reader. */
  function ImportRefused(message) {
    this.message = message;
  }

  function setAttributes(element, attributes) {
    for (const name of Object.keys(attributes)) {
      element.setAttribute(name, attributes[name]);
    }
  }

  function startAssessment(form, data) {
    const words = data.t;
    const resultFormat = data.result; /* format, version and the limits of a result file */
    const scale = data.scale;
    const dimensions = data.dimensions;
    const questions = [];
    const questionById = new Map();
    for (const dimension of dimensions) {
      for (const question of dimension.questions) {
        questions.push({ question: question, dimension: dimension });
        questionById.set(question.id, question);
      }
    }
    const dimensionIds = new Set(dimensions.map((dimension) => dimension.id));
    const recommendationPool = part("rec-pool");
    const recommendations = part("recommendations");
    const importFile = part("import-file");

    /* The form's element marked data-pb-<name>, e.g. part('score="overall"'). */
    function part(name) {
      return form.querySelector(`[data-pb-${name}]`);
    }

    function showText(name, text) {
      part(name).textContent = text;
    }

    function formatScore(value) {
      return PB.number(value, 2, form);
    }

    /* Stored or imported data -> what the page shows: answers to questions this page has, on
     * its scale, the team name and comments, each within its length. */
    function clean(value) {
      const state = { answers: {}, team: "", comments: {} };
      const answers = value && isPlainObject(value.answers) ? value.answers : {};
      const comments = value && isPlainObject(value.comments) ? value.comments : {};
      for (const id of Object.keys(answers)) {
        if (questionById.has(id) && isOnScale(scale, answers[id])) {
          state.answers[id] = answers[id];
        }
      }
      for (const id of dimensionIds) {
        if (has(comments, id) && typeof comments[id] === "string") {
          state.comments[id] = comments[id].slice(0, resultFormat.max_comment);
        }
      }
      if (value && typeof value.team === "string") {
        state.team = value.team.slice(0, resultFormat.max_text);
      }
      state.team = data.team || state.team; /* fixed by a customer's link */
      return state;
    }

    /* A stored entry has the right type; whether an answer is on the scale is for clean(): an
     * answer kept from before the scale changed is not shown, but not thrown away either. */
    function isStoredEntry(path, value) {
      if (path.startsWith("answers/")) {
        return value === null || typeof value === "number";
      }
      return typeof value === "string";
    }

    /* Answers to questions and comments on dimensions the assessment no longer has are dropped. */
    function isStillAsked(path) {
      const [field, id] = path.split("/");
      if (field === "answers") {
        return questionById.has(id);
      }
      if (field === "comments") {
        return dimensionIds.has(id);
      }
      return true;
    }

    const notice = document.createElement("p");
    notice.className = "pb-notice";
    notice.setAttribute("role", "alert");
    notice.setAttribute("data-pb-notice", "");
    /* In the sticky progress line, so that the two never cover each other. */
    part("jump").prepend(notice);
    PB.setNoticeArea(notice);

    /* A customer's answers are kept apart from this browser's own team answers (data.kind). */
    const store = PB.openStore({
      kind: data.kind || "assessment",
      id: data.key || data.id,
      fields: { answers: "map", team: "value", comments: "map" },
      isValid: isStoredEntry,
      keep: isStillAsked,
      words: words,
      onChange: showStored,
    });
    let state = clean(store.data);

    /* Show the stored state: after a change here or in another tab. */
    function showStored() {
      state = clean(store.data);
      paint();
      render();
    }

    /* Replace everything (import, reset): every question, the team name and every comment. */
    function replaceAll(newState) {
      for (const { question } of questions) {
        if (has(newState.answers, question.id)) {
          store.put(`answers/${question.id}`, newState.answers[question.id]);
        } else {
          store.remove(`answers/${question.id}`);
        }
      }
      store.put("team", newState.team);
      for (const id of dimensionIds) {
        if (has(newState.comments, id)) {
          store.put(`comments/${id}`, newState.comments[id]);
        } else {
          store.remove(`comments/${id}`);
        }
      }
      store.save();
      showStored();
    }

    /* Controls follow the state; a field is only written when it differs, so that the caret
     * of a field being typed in stays where it is. */
    function paint() {
      for (const radio of form.querySelectorAll("input[type=radio]")) {
        const answer = state.answers[radio.name];
        const value = answer === null ? "na" : String(answer);
        radio.checked = has(state.answers, radio.name) && radio.value === value;
      }
      setField(part("team"), state.team);
      for (const id of dimensionIds) {
        setField(part(`comment="${id}"`), state.comments[id] || "");
      }
    }

    function setField(field, value) {
      if (field.value !== value) {
        field.value = value;
      }
    }

    function showScore(element, value, none) {
      element.dataset.value = value === null ? "" : value;
      element.textContent = value === null ? none : formatScore(value);
    }

    /* Write text only when it differs: the progress line is a live region, and a screen reader
     * should hear it when the count changes, not on every other change. */
    function setText(element, text) {
      if (element.textContent !== text) {
        element.textContent = text;
      }
    }

    /* The sticky line: "12 of 28 answered". */
    function showProgress(answered) {
      const progress = part("progress");
      progress.dataset.done = answered;
      progress.dataset.total = questions.length;
      setText(progress, PB.format(words.answered_line, { n: answered, total: questions.length }));
    }

    /* The dimensions to name as weakest: those recommended (below the threshold, weakest first),
     * else the lowest scoring ones. */
    function weakest(result) {
      if (result.recommended.length > 0) {
        return result.recommended;
      }
      const scored = dimensions.map((dimension) => result.byDimension[dimension.id])
        .filter((own) => own.score !== null);
      const lowest = Math.min(...scored.map((own) => own.score));
      return scored.filter((own) => own.score === lowest);
    }

    /* The summary at the top, once there is an answer: the same figures as the full results. */
    function showGlance(result, answered) {
      const glance = part("glance");
      glance.hidden = answered === 0;
      if (answered === 0) {
        return;
      }
      showScore(part("glance-score"), result.overall, words.no_score);
      showText("glance-band", result.band ? `(${result.band.name})` : "");
      const named = result.overall === null ? [] : weakest(result);
      part("glance-weakest-line").hidden = named.length === 0;
      const text = named.map((own) => `${own.dimension.title} (${formatScore(own.score)})`);
      showText("glance-weakest", text.join(", "));
    }

    function render() {
      const result = score(data, state.answers);
      const answered = questions.filter(({ question }) => has(state.answers, question.id)).length;
      showText("count", PB.format(words.progress, { n: answered, total: questions.length }));
      showProgress(answered);
      showGlance(result, answered);
      for (const dimension of dimensions) {
        const own = result.byDimension[dimension.id];
        const counted = PB.format(words.of, {
          n: own.count,
          total: dimension.questions.length,
        });
        showScore(part(`score="${dimension.id}"`), own.score, words.not_enough);
        showText(`answered="${dimension.id}"`, counted);
        if (own.score === null) {
          showText(`dim="${dimension.id}"`, `${words.not_enough} (${counted})`);
        } else {
          showText(`dim="${dimension.id}"`, formatScore(own.score));
        }
      }
      showScore(part('score="overall"'), result.overall, words.no_score);
      showText("band", result.band ? result.band.name : "");
      showText("band-text", result.band ? result.band.text : "");
      for (const element of document.querySelectorAll("[data-pb-band-index]")) {
        const isCurrent = data.bands[element.dataset.pbBandIndex] === result.band;
        element.classList.toggle("pb-current", isCurrent);
      }
      recommendationPool.append(...recommendations.children);
      for (const own of result.recommended) {
        const block = recommendationPool.querySelector(`[data-pb-rec="${own.dimension.id}"]`);
        if (block) {
          recommendations.append(block);
          block.querySelector("[data-pb-rec-score]").textContent = `(${formatScore(own.score)})`;
        }
      }
      let advice = words.rec_none;
      if (result.overall === null) {
        advice = words.rec_wait;
      } else if (result.recommended.length > 0) {
        advice = words.rec_intro;
      }
      showText("rec-text", advice);
      drawChart(result);
    }

    /* One bar per dimension and the threshold line. Lengths in % of the width, so text keeps its
     * size on any screen. */
    function drawChart(result) {
      const height = 48 + 44 * dimensions.length;
      const svg = document.createElementNS(SVG, "svg");
      setAttributes(svg, {
        height: height,
        role: "img",
        "aria-label": words.chart,
        class: "pb-svg",
      });

      /* Where a value sits along the bars, in % of the chart's width from the bars' start. */
      function position(value) {
        return (95 * (value - scale.min)) / (scale.max - scale.min);
      }

      /* The same, from the chart's left edge, as an SVG length. */
      function percent(value) {
        return `${position(value) + 2}%`;
      }

      function add(name, attributes, text) {
        const element = svg.appendChild(document.createElementNS(SVG, name));
        setAttributes(element, attributes);
        if (text !== undefined) {
          element.textContent = text;
        }
        return element;
      }

      function verticalLine(x, top, className) {
        add("line", { x1: x, x2: x, y1: top, y2: height - 18, class: className });
      }

      const step = Math.ceil((scale.max - scale.min) / 10);
      for (let value = scale.min; value <= scale.max; value += step) {
        verticalLine(percent(value), 26, "pb-grid");
        add("text", { x: percent(value), y: height - 4, "text-anchor": "middle" }, value);
      }
      dimensions.forEach(function (dimension, index) {
        const y = 40 + index * 44;
        const value = result.byDimension[dimension.id].score;
        add("text", { x: "1%", y: y }, dimension.title);
        if (value === null) {
          /* On the row its bar would take, where a long title on a phone does not run into it. */
          add("text", { x: "2%", y: y + 18, class: "pb-none" }, words.not_enough);
        } else {
          add("text", { x: "99%", y: y, "text-anchor": "end" }, formatScore(value));
          const className = value < data.threshold ? "pb-sbar pb-low" : "pb-sbar";
          const width = `${Math.max(0.5, position(value))}%`;
          add("rect", { x: "2%", y: y + 6, height: 14, width: width, class: className });
        }
      });
      verticalLine(percent(data.threshold), 20, "pb-thr");
      const thresholdAt = position(data.threshold);
      let anchor = "middle";
      if (thresholdAt < 20) {
        anchor = "start";
      } else if (thresholdAt > 78) {
        anchor = "end";
      }
      /* The label as the build wrote it: a tab's first number formatted here loads the
       * browser's locale data (20-30 ms), which a page without answers need not wait for. */
      add("text", { x: percent(data.threshold), y: 12, "text-anchor": anchor }, words.threshold);
      part("chart").replaceChildren(svg);
    }

    function say(status, alert) {
      showText("status", status);
      showText("alert", alert);
    }

    function fileName(extension) {
      const team = state.team.trim();
      const teamPart = team ? `-${PB.slug(team)}` : "";
      const customer = data.perspective ? "-customer" : "";
      return `${data.id}${customer}${teamPart}-${PB.today()}.${extension}`;
    }

    /* Check an import completely before anything is written (PB.readResult, in pb-combine.js,
     * loaded on the first import), and that it holds this page's answers: the team's here, a
     * customer's on a customer's link, of that team only. Throws ImportRefused. */
    async function checkImport(file, text) {
      await PB.need("pb-combine.js");
      let read;
      try {
        read = PB.readResult(data, file, text);
      } catch (error) {
        if (error instanceof PB.Refused) {
          throw new ImportRefused(`${error.message} ${words.unchanged}`);
        }
        throw error;
      }
      if (read.perspective !== (data.perspective || "self") ||
        data.team && PB.teamKey(read.team) !== PB.teamKey(data.team)) {
        const message = PB.format(words.err_perspective, { file: file, team: data.team });
        throw new ImportRefused(`${message} ${words.unchanged}`);
      }
      const imported = clean({ answers: read.answers, team: read.team, comments: read.comments });
      return { state: imported, unknown: read.unknown.join(", ") };
    }

    function chooseImportFile() {
      importFile.click();
    }

    function resetAll() {
      if (!confirm(words.reset_confirm)) {
        return;
      }
      replaceAll(clean(null));
      say(words.reset_done, "");
    }

    /* The action plan's code, pb-actions.js, is loaded when the plan is first opened: most
     * visits never open it, and this page's first load has no room for it. A plan made before
     * (one commitment or more stored) is opened again when the page opens, where it was. */
    function openPlan(focus) {
      PB.need("pb-actions.js").then(() => PB.openActions(focus !== false));
    }

    function hasStoredPlan() {
      try {
        const stored = JSON.parse(localStorage.getItem(PB.store.key("actions", data.id)));
        return isPlainObject(stored) && isPlainObject(stored.picks) &&
          Object.keys(stored.picks).length > 0;
      } catch (error) {
        return false; /* storage blocked or unreadable: the plan's own code says so when opened */
      }
    }

    /* What is not needed before the first click, in its own script loaded then: the exports
     * (pb-export.js) and what the team does about its customers (pb-customer.js). */
    function onDemand(action) {
      const script = action.startsWith("export") ? "pb-export.js" : "pb-customer.js";
      const page = { form: form, data: data, state: () => state, fileName: fileName };
      PB.need(script).then(() => PB.more[action](page));
    }

    const actions = {
      "customer-link": onDemand,
      "customer-import": onDemand,
      "export-json": onDemand,
      "export-csv": onDemand,
      import: chooseImportFile,
      reset: resetAll,
      print: PB.print,
      "action-plan": openPlan,
    };

    importFile.addEventListener("change", async function () {
      const file = importFile.files[0];
      importFile.value = "";
      if (!file) {
        return;
      }
      const unreadable = `${PB.format(words.err_json, { file: file.name })} ${words.unchanged}`;
      try {
        if (file.size > resultFormat.max_bytes) {
          const tooLarge = PB.format(words.err_size, { file: file.name });
          throw new ImportRefused(`${tooLarge} ${words.unchanged}`);
        }
        const checked = await checkImport(file.name, await file.text());
        const hasComments = Object.values(state.comments).some(Boolean);
        const hasWork = state.team.trim() || Object.keys(state.answers).length > 0 || hasComments;
        if (hasWork && !confirm(PB.format(words.import_confirm, { file: file.name }))) {
          say(words.unchanged, "");
          return;
        }
        const count = Object.keys(checked.state.answers).length;
        let message = PB.format(words.imported, { count: count, file: file.name });
        if (checked.unknown) {
          message += " " + PB.format(words.ignored, { ids: checked.unknown });
        }
        replaceAll(checked.state);
        say(message, "");
      } catch (error) {
        say("", error instanceof ImportRefused ? error.message : unreadable);
      }
    });

    form.addEventListener("change", function (event) {
      const radio = event.target;
      if (radio.type !== "radio" || !questionById.has(radio.name)) {
        return;
      }
      store.put(`answers/${radio.name}`, radio.value === "na" ? null : Number(radio.value));
      store.save();
      showStored();
    });

    form.addEventListener("input", function (event) {
      const field = event.target;
      const dimensionId = field.dataset.pbComment;
      if (dimensionId) {
        store.put(`comments/${dimensionId}`, field.value.slice(0, resultFormat.max_comment));
      } else if (field.matches("[data-pb-team]")) {
        store.put("team", field.value.slice(0, resultFormat.max_text));
      } else {
        return;
      }
      store.save();
      state = clean(store.data);
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    /* The dimensions on the way to the results are laid out only once in view (pb.css,
     * content-visibility), so a jump lands where their estimated heights said and the page then
     * moves as they are laid out. For a moment after a jump the results are brought back under
     * the progress line whenever they move, until they have stayed put for a while or the reader
     * scrolls. */
    function settleJump(target) {
      let frames = 0;
      let still = 0;
      let settledAt = null;
      let stopped = false;
      const stop = () => {
        stopped = true;
      };
      for (const type of ["wheel", "touchstart", "keydown"]) {
        window.addEventListener(type, stop, { once: true, passive: true });
      }
      function step() {
        if (stopped || frames === 120 || still === 15) {
          return;
        }
        const top = target.getBoundingClientRect().top;
        if (settledAt === null || Math.abs(top - settledAt) > 1) {
          target.scrollIntoView();
          settledAt = target.getBoundingClientRect().top;
          still = 0;
        } else {
          still += 1;
        }
        frames += 1;
        requestAnimationFrame(step);
      }
      requestAnimationFrame(step);
    }

    form.addEventListener("click", function (event) {
      const link = event.target.closest('a[href="#pb-results"]');
      if (link) {
        settleJump(document.getElementById("pb-results"));
      }
      const button = event.target.closest("[data-pb-action]");
      if (button && has(actions, button.dataset.pbAction)) {
        actions[button.dataset.pbAction](button.dataset.pbAction);
      }
    });

    paint();
    recommendationPool.hidden = true;
    render();
    form.dataset.pbReady = 1;
    if (!data.perspective && form.querySelector("[data-pb-actions]") && hasStoredPlan()) {
      openPlan(false);
    }
  }
})();
