/* playbook-gen: checklist and onboarding pages. Ticks: one PB.store per checklist, keyed by item
 * id, shared by the checklist and every onboarding plan that shows its items. */
(() => {
  "use strict";
  let P; /* the current page */
  const $$ = (s) => [...document.querySelectorAll(s)];
  const items = (c) => {
    if (!P.st.has(c)) {
      const s = PB.store.read("checklist", c, 1);
      P.st.set(c, s && s.items && typeof s.items == "object" ? s : { items: {} });
    }
    return P.st.get(c).items;
  };
  const save = (c) => PB.store.write("checklist", c, 1, P.st.get(c));
  const ticked = (it, v = items(it.checklist)[it.id]) => v && v.done && v;
  const on = () => P.sels.filter((s) => s.value);
  const light = (it) => {
    if (P.hit) P.hit.el.classList.remove("pb-hit");
    if ((P.hit = it)) it.el.classList.add("pb-hit");
  };

  PB.onPage(() => {
    const d = PB.data("pb-checklist-data"), q = new URLSearchParams(location.search);
    if (!(P = d && d.items && { d, t: d.t, st: new Map(), items: [] })) return;
    for (const el of $$("[data-pb-item]")) {
      const it = d.items.find((i) => i.checklist + "#" + i.id == el.dataset.pbItem);
      if (!it) continue;
      const m = items(it.checklist), a = el.querySelector("a[data-pb-action]");
      Object.assign(it, { el, box: el.querySelector("input"), note: el.querySelector(".pb-note") });
      it.link = a ? a.href : location.href;
      P.items.push(it);
      for (const old of it.aliases) {
        if (!ticked(it, m[old])) continue; /* a renamed item keeps the tick under its old id */
        m[it.id] = m[it.id] || m[old];
        delete m[old];
        save(it.checklist);
      }
    }
    P.sels = $$("select[data-pb-filter]");
    for (const s of P.sels) {
      const v = q.get(s.dataset.pbFilter);
      if ([...s.options].some((o) => o.value == v)) s.value = v;
    }
    for (const el of $$("[data-pb-js]")) el.hidden = false;
    P.prog = document.querySelector("[data-pb-progress]");
    go();
    for (const el of $$(".pb-list")) el.dataset.pbReady = ""; /* for tools: the page is live */
  });

  function paint() {
    const f = {}, n = [0, 0], p = P.prog;
    for (const s of on()) f[s.dataset.pbFilter] = s.value;
    for (const it of P.items) {
      const st = ticked(it), changed = !!st && st.text != it.text;
      const show = it == P.hit || (f.role || it.role) == it.role && (f.when || it.when) == it.when;
      it.box.checked = !!st;
      it.note.hidden = !changed;
      it.el.classList.toggle("pb-changed", changed);
      it.el.hidden = !show;
      n[0] += show && !!st;
      n[1] += show;
    }
    if (p) p.textContent = P.t[on().length ? "progress_shown" : "progress"]
      .replace("{done}", (p.dataset.done = n[0])).replace("{total}", (p.dataset.total = n[1]));
  }

  /* Highlight the item the hash names; an old (alias) anchor is replaced by the item's id. */
  function go() {
    const h = location.hash.slice(1);
    const it = P.d.kind == "checklist" && P.items.find((i) => i.id == h || i.aliases.includes(h));
    if (it) light(it);
    paint();
    if (!it) return;
    if (it.id != h) history.replaceState(history.state, "", "#" + it.id);
    it.el.tabIndex = -1;
    it.el.focus({ preventScroll: true });
    it.el.scrollIntoView({ block: "center" });
  }
  addEventListener("hashchange", () => P && go());
  addEventListener("storage", () => P && ((P.st = new Map()), paint()));

  document.addEventListener("change", ({ target: el }) => {
    const it = P && P.items.find((i) => i.box == el);
    if (it) {
      const m = items(it.checklist);
      if (el.checked) m[it.id] = { done: true, text: it.text, at: PB.today() };
      else delete m[it.id];
      save(it.checklist);
    } else if (P && P.sels.includes(el)) {
      /* The filtered view is itself a link: role first, then phase; the hash stays. */
      const q = new URLSearchParams(location.search);
      for (const s of P.sels) q.delete(s.dataset.pbFilter);
      for (const s of on()) q.set(s.dataset.pbFilter, s.value);
      history.replaceState(history.state, "", location.pathname + (q + "" ? "?" + q : "") +
        location.hash);
      light(null);
    } else return;
    paint();
  });

  document.addEventListener("click", (e) => {
    const b = P && e.target.closest(".pb-bar [data-pb-action], [data-pb-item] [data-pb-action]");
    const a = b && b.dataset.pbAction;
    const name = a && [P.d.file, ...on().map((s) => s.value)].join("-");
    if (a == "copy-link") e.preventDefault(), copy(b.href);
    if (a == "export-md") PB.download(name + ".md", "text/markdown", markdown());
    if (a == "export-csv") PB.download(name + ".csv", "text/csv", "\ufeff" + csv());
    if (a == "print") PB.print(b.dataset.pbPrint);
    if (a == "reset" && confirm(P.t.reset_confirm)) {
      for (const it of P.items) delete items(it.checklist)[it.id];
      P.st.forEach((_, c) => save(c));
      paint();
    }
  });

  function copy(url) {
    const field = document.querySelector("[data-pb-copy-field]");
    const manual = () => {
      PB.say(P.t.copy_manual);
      Object.assign(field, { hidden: false, value: url }).focus();
      field.select();
    };
    if (!navigator.clipboard) return manual();
    navigator.clipboard.writeText(url).then(() => PB.say(P.t.copied), manual);
  }

  const shown = () => P.items.filter((it) => !it.el.hidden);
  const md = (text) => text.replace(/[\\`*_[\]<>]/g, "\\$&");

  /* A task list to paste into a ticket; an onboarding plan keeps its phase headings. */
  function markdown() {
    const f = on().map((s) => s.selectedOptions[0].text), g = P.d.kind == "onboarding";
    const out = ["# " + md(P.d.title + (f.length ? ` (${f.join(", ")})` : ""))];
    let last;
    for (const it of shown()) {
      if (g ? it.when != last : !last) out.push("");
      if (g && it.when != last) out.push("## " + md(P.d.phases[it.when]), "");
      last = it.when;
      out.push(`- [${it.box.checked ? "x" : " "}] ${md(it.text)} ([link](${it.link}))`);
    }
    return out.join("\n") + "\n";
  }

  const csv = () => PB.csv([["checklist", "item", "text", "role", "phase", "done", "link"],
    ...shown().map((it) => [P.d.checklists[it.checklist], it.id, it.text, P.d.roles[it.role],
      P.d.phases[it.when], it.box.checked ? P.t.yes : P.t.no, it.link])]);
})();
