/* playbook-gen: the self-assessment page (on pb-core.js). Scoring follows scoring.py; both are
 * checked against tests/vectors/. User text is written with textContent only. */
PB.onPage(() => {
  const form = document.querySelector("form[data-pb-assessment]");
  const d = form && PB.data("pb-assessment-data");
  if (!d || form.dataset.pbReady) return;
  const t = d.t, sc = d.scale, dims = d.dimensions, all = [], qs = Object.create(null);
  const $ = (s) => form.querySelector(`[data-pb-${s}]`), text = (s, v) => ($(s).textContent = v);
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const fmt = (s, v) => s.replace(/\{(\w+)\}/g, (m, k) => (has(v, k) ? v[k] : m));
  const isObj = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
  const ok = (n) => (n === null ? sc.allow_na : Number.isInteger(n) && n >= sc.min && n <= sc.max);
  const num = (s) => PB.number(s, 2, form);
  const pool = $("rec-pool"), recs = $("recommendations"), file = $("import-file");
  for (const dim of dims) for (const q of dim.questions) all.push((qs[q.id] = q)), (q.dim = dim);

  /* Stored or imported data -> state: only answers to questions this page has, on its scale. */
  const clean = (v) => {
    const s = { answers: {}, team: "", comments: {} }, a = v && isObj(v.answers) ? v.answers : {};
    for (const k in a) if (k in qs && ok(a[k])) s.answers[k] = a[k];
    for (const { id } of dims) {
      const c = isObj(v && v.comments) && has(v.comments, id) && v.comments[id];
      if (typeof c == "string") s.comments[id] = c.slice(0, 5000);
    }
    if (typeof (v && v.team) == "string") s.team = v.team.slice(0, 200);
    return s;
  };
  const stored = PB.store.read("assessment", d.id, 1);
  const save = () => PB.store.write("assessment", d.id, 1, { ...state });
  let state = clean(stored);
  if (stored) save(); /* forget answers to questions the assessment no longer has */
  const paint = () => {
    form.querySelectorAll("input[type=radio]").forEach((r) => {
      const a = state.answers[r.name];
      r.checked = has(state.answers, r.name) && r.value == (a === null ? "na" : a);
    });
    $("team").value = state.team;
    for (const { id } of dims) $(`comment="${id}"`).value = state.comments[id] || "";
  };

  const score = (answers) => {
    const by = {}, low = [];
    let total = 0, n = 0;
    dims.forEach((dim, i) => {
      let sum = 0, count = 0;
      for (const q of dim.questions) {
        const a = answers[q.id];
        if (typeof a == "number") (sum += q.reverse ? sc.min + sc.max - a : a), count++;
      }
      const s = count && count >= d.min_answered ? sum / count : null;
      by[dim.id] = { i, dim, s, count };
      if (s !== null) (total += s), n++, s < d.threshold && low.push(by[dim.id]);
    });
    const all = n ? total / n : null;
    low.sort((a, b) => a.s - b.s || a.i - b.i);
    const band = all === null ? null : d.bands.find((b) => b.upto >= all) || null;
    return { by, all, band, recs: low.slice(0, d.recommend_max) };
  };

  const show = (el, s, none) => {
    el.dataset.value = s === null ? "" : s;
    el.textContent = s === null ? none : num(s);
  };
  const render = () => {
    const r = score(state.answers), n = all.filter((q) => has(state.answers, q.id)).length;
    text("count", fmt(t.progress, { n, total: all.length }));
    for (const { id, questions } of dims) {
      const x = r.by[id], of = fmt(t.of, { n: x.count, total: questions.length });
      show($(`score="${id}"`), x.s, t.not_enough);
      text(`answered="${id}"`, of);
      text(`dim="${id}"`, x.s === null ? `${t.not_enough} (${of})` : num(x.s));
    }
    show($('score="overall"'), r.all, t.no_score);
    text("band", r.band ? r.band.name : "");
    text("band-text", r.band ? r.band.text : "");
    document.querySelectorAll("[data-pb-band-index]").forEach((el) => {
      el.classList.toggle("pb-current", d.bands[el.dataset.pbBandIndex] === r.band);
    });
    pool.append(...recs.children);
    for (const x of r.recs) {
      const block = pool.querySelector(`[data-pb-rec="${x.dim.id}"]`);
      if (block) recs.append(block), (block.querySelector("[data-pb-rec-score]").textContent = `(${num(x.s)})`);
    }
    text("rec-text", r.all === null ? t.rec_wait : r.recs.length ? t.rec_intro : t.rec_none);
    chart(r);
  };

  /* One bar per dimension and the threshold line. Lengths in % of the width, so text keeps its
   * size on any screen. */
  const chart = (r) => {
    const f = (v) => (95 * (v - sc.min)) / (sc.max - sc.min), pc = (v) => `${f(v) + 2}%`;
    const h = 48 + 44 * dims.length, tf = f(d.threshold);
    const el = (name, a, text, to = svg) => {
      const e = to.appendChild(document.createElementNS("http://www.w3.org/2000/svg", name));
      for (const k in a) e.setAttribute(k, a[k]);
      if (text != null) e.textContent = text;
      return e;
    };
    const svg = el("svg", { height: h, role: "img", "aria-label": t.chart, class: "pb-svg" },
      null, document.createDocumentFragment());
    const line = (x, y1, cls) => el("line", { x1: x, x2: x, y1, y2: h - 18, class: cls });
    for (let v = sc.min; v <= sc.max; v += Math.ceil((sc.max - sc.min) / 10)) {
      line(pc(v), 26, "pb-grid");
      el("text", { x: pc(v), y: h - 4, "text-anchor": "middle" }, v);
    }
    dims.forEach((dim, i) => {
      const y = 40 + i * 44, s = r.by[dim.id].s, low = s < d.threshold ? " pb-low" : "";
      el("text", { x: "1%", y }, dim.title);
      el("text", { x: "99%", y, "text-anchor": "end" }, s === null ? t.not_enough : num(s));
      const width = `${Math.max(0.5, f(s))}%`;
      if (s !== null) el("rect", { x: "2%", y: y + 6, height: 14, width, class: "pb-sbar" + low });
    });
    line(pc(d.threshold), 20, "pb-thr");
    el("text", { x: pc(d.threshold), y: 12, "text-anchor": tf < 20 ? "start" : tf > 78 ? "end" : "middle" },
      `${t.threshold} ${PB.number(d.threshold, undefined, form)}`);
    $("chart").replaceChildren(svg);
  };

  const say = (status, alert) => (text("status", status), text("alert", alert));
  const name = (ext) => {
    const team = state.team.trim();
    return `${d.id}${team ? "-" + PB.slug(team) : ""}-${PB.today()}.${ext}`;
  };

  /* Check an import completely before anything is written; throws the message for the user. */
  const check = (file, json) => {
    const answers = {}, unknown = [];
    const no = (key, v) => {
      throw `${fmt(t[key], { ...v, file })} ${t.unchanged}`;
    };
    const keys = (o, key) => {
      if (!isObj(o)) no("err_field", { key });
      const ks = Object.keys(o), bad = ks.find((k) => !PB.safeKey(k) && !(key == "answers" && k in qs));
      return bad === undefined ? ks : no("err_key", { key: bad });
    };
    let v;
    try {
      v = JSON.parse(json);
    } catch (e) {
      no("err_json");
    }
    if (!isObj(v) || v.format !== "playbook-assessment-result") no("err_format");
    keys(v);
    if (v.version !== 1) no("err_version", { value: JSON.stringify(v.version) });
    if (v.assessment !== d.id) no("err_assessment", { value: String(v.assessment), expected: d.id });
    for (const k of ["id", "team", "date"]) {
      if (k in v && (typeof v[k] != "string" || v[k].length > 200)) no("err_field", { key: k });
    }
    for (const k of keys(v.answers, "answers")) {
      const a = v.answers[k];
      if (!(k in qs)) unknown.push(k);
      else if (ok(a)) answers[k] = a;
      else no("err_answer", { key: k, value: JSON.stringify(a).slice(0, 40) });
    }
    for (const k of "comments" in v ? keys(v.comments, "comments") : []) {
      const c = v.comments[k];
      if (typeof c != "string" || c.length > 5000) no("err_field", { key: "comments." + k });
    }
    return [clean({ answers, team: v.team, comments: v.comments }), unknown.join(", ")];
  };

  const actions = {
    "export-json"() {
      const answers = {}, comments = {}, c = crypto;
      for (const q of all) if (has(state.answers, q.id)) answers[q.id] = state.answers[q.id];
      for (const { id } of dims) if (state.comments[id]) comments[id] = state.comments[id];
      /* randomUUID needs a secure context; an intranet over http may not be one */
      const id = c.randomUUID ? c.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(
        /[018]/g, (n) => (n ^ (c.getRandomValues(new Uint8Array(1))[0] & (15 >> (n / 4)))).toString(16));
      const out = { format: "playbook-assessment-result", version: 1, id, assessment: d.id,
        questionnaire: d.questionnaire, team: state.team.trim(), date: PB.today(), answers,
        comments };
      PB.download(name("json"), "application/json", JSON.stringify(out, null, 2) + "\n");
    },
    "export-csv"() {
      const r = score(state.answers), n = (s) => (s === null ? "" : Math.round(s * 100) / 100);
      const rows = [[t.dimension, t.question_id, t.question, t.answer, t.answer_label]];
      for (const q of all) {
        const a = state.answers[q.id], on = typeof a == "number";
        const label = on ? sc.labels[a - sc.min] : a === null ? t.not_applicable : "";
        rows.push([q.dim.title, q.id, q.text, on ? a : "", label]);
      }
      for (const { id, title } of dims) {
        const s = r.by[id].s;
        rows.push([title, "", t.score, n(s), s === null ? t.not_enough : ""]);
      }
      rows.push([t.overall, "", t.score, n(r.all), r.band ? r.band.name : ""],
        [t.team, "", state.team.trim(), "", ""], [t.date, "", PB.today(), "", ""]);
      for (const { id, title } of dims) {
        if (state.comments[id]) rows.push([title, "", t.comment_short, "", state.comments[id]]);
      }
      PB.download(name("csv"), "text/csv;charset=utf-8", "\ufeff" + PB.csv(rows));
    },
    import: () => file.click(),
    reset() {
      if (!confirm(t.reset_confirm)) return;
      PB.store.clear("assessment", d.id);
      update(clean(), t.reset_done, false);
    },
    print: () => print(),
  };
  const update = (s, message, keep = true) => {
    state = s;
    if (keep) save();
    paint();
    render();
    say(message, "");
  };

  file.addEventListener("change", async () => {
    const f = file.files[0];
    file.value = "";
    if (!f) return;
    const fail = (k) => `${fmt(t[k], { file: f.name })} ${t.unchanged}`;
    try {
      if (f.size > 1e6) throw fail("err_size");
      const [s, ids] = check(f.name, await f.text());
      const mine = state.team.trim() || Object.keys(state.answers).length || Object.values(state.comments).some(Boolean);
      if (mine && !confirm(fmt(t.import_confirm, { file: f.name }))) return say(t.unchanged, "");
      const msg = fmt(t.imported, { count: Object.keys(s.answers).length, file: f.name });
      update(s, ids ? `${msg} ${fmt(t.ignored, { ids })}` : msg);
    } catch (msg) {
      say("", typeof msg == "string" ? msg : fail("err_json"));
    }
  });
  form.addEventListener("change", ({ target: el }) => {
    if (el.type != "radio" || !(el.name in qs)) return;
    state.answers[el.name] = el.value == "na" ? null : +el.value;
    save();
    render();
  });
  form.addEventListener("input", ({ target: el }) => {
    const dim = el.dataset.pbComment;
    if (dim) state.comments[dim] = el.value.slice(0, 5000);
    else if (el.matches("[data-pb-team]")) state.team = el.value.slice(0, 200);
    else return;
    save();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("click", (e) => {
    const b = e.target.closest("[data-pb-action]"), fn = b && actions[b.dataset.pbAction];
    if (fn) fn();
  });

  paint();
  form.querySelectorAll(".pb-js, .pb-nojs").forEach((el) => (el.hidden = !el.hidden));
  pool.hidden = true;
  render();
  form.dataset.pbReady = 1;
});
