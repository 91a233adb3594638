/* playbook-gen: checklist and onboarding pages (on pb-core.js). Ticks are stored with
 * PB.openStore, one store per checklist keyed by item id, shared by the checklist and every
 * onboarding plan that shows its items; other tabs' ticks are merged item by item. */
(function () {
  "use strict";

  const PB = window.PB;

  /* Controls that need this script (data-pb-js) are shown when the list starts. A checklist's
   * bar is in its HTML already (_checklist.md.j2, without_script in _macros.md.j2), so the list
   * never moves down; an onboarding plan's waits for the start, which may turn the page into
   * someone's shared progress. */
  function showScripted() {
    for (const element of document.querySelectorAll("[data-pb-js]")) {
      element.hidden = false;
    }
  }

  if (!PB.firstLoad("checklist")) {
    return;
  }

  const has = PB.hasOwn;
  let page = null; /* the current page: its data, words, items, stores and controls */
  const painters = [];

  /* For the plan part of onboarding pages (pb-plan.js): the current list page, a painter that
   * runs after every paint, and copying a link. An item's due date (YYYY-MM-DD) goes to the
   * exports through `page.dueOf(item)`, a plan's heading line through `page.planLine()`. */
  PB.listPage = () => page;
  PB.afterPaint = (painter) => painters.push(painter);
  PB.repaint = () => page && paint();
  PB.copy = (url) => copy(url);

  PB.onPage(function () {
    const data = PB.data("pb-checklist-data");
    if (!data || !data.items) {
      page = null;
    } else if (!document.querySelector(".pb-list[data-pb-ready]")) {
      page = startList(data);
    }
  });

  /* A stored tick: {"done": true, "text": the item's text when ticked, "at": the date}. */
  function isTick(path, value) {
    return value !== null && typeof value === "object" && value.done === true &&
      typeof value.text === "string" && typeof value.at === "string";
  }

  function startList(data) {
    const current = {
      data: data,
      words: data.t,
      items: [],
      stores: new Map(),
      filters: [...document.querySelectorAll("select[data-pb-filter]")],
      progress: document.querySelector("[data-pb-progress]"),
      highlighted: null,
      dueOf: () => "",
      planLine: () => "",
      shared: null, /* a Set of "checklist#item" ids while shared progress is shown */
    };
    page = current;

    const notice = document.createElement("p");
    notice.className = "pb-notice";
    notice.setAttribute("role", "alert");
    notice.setAttribute("data-pb-notice", "");
    document.querySelector(".pb-list").prepend(notice);
    PB.setNoticeArea(notice);

    for (const item of data.items) {
      if (!current.stores.has(item.checklist)) {
        current.stores.set(item.checklist, PB.openStore({
          kind: "checklist",
          id: item.checklist,
          fields: { items: "map" },
          isValid: isTick,
          words: current.words,
          onChange: paint,
        }));
      }
    }

    for (const element of document.querySelectorAll("[data-pb-item]")) {
      const key = element.dataset.pbItem;
      const item = data.items.find((entry) => `${entry.checklist}#${entry.id}` === key);
      if (!item) {
        continue;
      }
      const copyLink = element.querySelector("a[data-pb-action]");
      item.element = element;
      item.box = element.querySelector("input");
      item.note = element.querySelector(".pb-note");
      item.link = copyLink ? copyLink.href : location.href;
      current.items.push(item);
      moveTicksFromOldIds(item);
    }

    const query = new URLSearchParams(location.search);
    for (const select of current.filters) {
      const wanted = query.get(select.dataset.pbFilter);
      if ([...select.options].some((option) => option.value === wanted)) {
        select.value = wanted;
      }
    }
    showScripted();
    goToHash();
    for (const element of document.querySelectorAll(".pb-list")) {
      element.dataset.pbReady = ""; /* for tools: the page is live */
    }
    return current;
  }

  function storeOf(item) {
    return page.stores.get(item.checklist);
  }

  function tickOf(item, id) {
    const ticks = storeOf(item).data.items;
    const key = id === undefined ? item.id : id;
    return has(ticks, key) && ticks[key].done ? ticks[key] : null;
  }

  /* A renamed item keeps the tick stored under its old id. */
  function moveTicksFromOldIds(item) {
    const store = storeOf(item);
    for (const oldId of item.aliases) {
      const oldTick = tickOf(item, oldId);
      if (!oldTick) {
        continue;
      }
      if (!tickOf(item)) {
        store.put(`items/${item.id}`, oldTick);
      }
      store.remove(`items/${oldId}`);
      store.save();
    }
  }

  function activeFilters() {
    return page.filters.filter((select) => select.value);
  }

  function highlight(item) {
    if (page.highlighted) {
      page.highlighted.element.classList.remove("pb-hit");
    }
    page.highlighted = item;
    if (item) {
      item.element.classList.add("pb-hit");
    }
  }

  function paint() {
    const wanted = {};
    for (const select of activeFilters()) {
      wanted[select.dataset.pbFilter] = select.value;
    }
    let done = 0;
    let shown = 0;
    for (const item of page.items) {
      /* Shared progress (pb-plan.js) is shown read-only in place of this browser's ticks. */
      const shared = page.shared;
      const tick = shared ? (shared.has(`${item.checklist}#${item.id}`) ? {} : null) : tickOf(item);
      const changed = !shared && tick !== null && tick.text !== item.text;
      item.box.setAttribute("aria-disabled", Boolean(shared));
      const matches = (wanted.role || item.role) === item.role &&
        (wanted.when || item.when) === item.when;
      const show = item === page.highlighted || matches;
      item.box.checked = tick !== null;
      item.note.hidden = !changed;
      item.element.classList.toggle("pb-changed", changed);
      item.element.hidden = !show;
      if (show) {
        shown += 1;
        done += tick !== null ? 1 : 0;
      }
    }
    const progress = page.progress;
    if (progress) {
      progress.dataset.done = done;
      progress.dataset.total = shown;
      const template = activeFilters().length ? page.words.progress_shown : page.words.progress;
      progress.textContent = PB.format(template, { done: done, total: shown });
    }
    for (const painter of painters) {
      painter(page);
    }
  }

  /* Highlight the item the hash names; an old (alias) anchor is replaced by the item's id. */
  function goToHash() {
    const hash = location.hash.slice(1);
    const item = page.data.kind === "checklist" &&
      page.items.find((entry) => entry.id === hash || entry.aliases.includes(hash));
    if (item) {
      highlight(item);
    }
    paint();
    if (!item) {
      return;
    }
    if (item.id !== hash) {
      history.replaceState(history.state, "", `#${item.id}`);
    }
    item.element.tabIndex = -1;
    item.element.focus({ preventScroll: true });
    item.element.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", function () {
    if (page) {
      goToHash();
    }
  });

  document.addEventListener("change", function (event) {
    const control = event.target;
    if (!page) {
      return;
    }
    const item = page.items.find((entry) => entry.box === control);
    if (item && page.shared) {
      return;
    } else if (item) {
      const store = storeOf(item);
      if (control.checked) {
        store.put(`items/${item.id}`, { done: true, text: item.text, at: PB.today() });
      } else {
        store.remove(`items/${item.id}`);
      }
      store.save();
    } else if (page.filters.includes(control)) {
      /* The filtered view is itself a link: role first, then phase; the hash stays. */
      const query = new URLSearchParams(location.search);
      for (const select of page.filters) {
        query.delete(select.dataset.pbFilter);
      }
      for (const select of activeFilters()) {
        query.set(select.dataset.pbFilter, select.value);
      }
      const search = String(query) ? `?${query}` : "";
      history.replaceState(history.state, "", location.pathname + search + location.hash);
      highlight(null);
    } else {
      return;
    }
    paint();
  });

  document.addEventListener("click", function (event) {
    if (page && page.shared && page.items.some((item) => item.box === event.target)) {
      event.preventDefault(); /* shared progress is read-only */
      return;
    }
    const button = page &&
      event.target.closest(".pb-bar [data-pb-action], [data-pb-item] [data-pb-action]");
    if (!button) {
      return;
    }
    const action = button.dataset.pbAction;
    const name = [page.data.file, ...activeFilters().map((select) => select.value)].join("-");
    if (action === "copy-link") {
      event.preventDefault();
      copy(button.href);
    } else if (action === "export-md") {
      PB.download(`${name}.md`, "text/markdown", markdown());
    } else if (action === "export-csv") {
      PB.download(`${name}.csv`, "text/csv", "\ufeff" + csv());
    } else if (action === "print") {
      PB.print(button.dataset.pbPrint);
    } else if (action === "reset" && !page.shared && confirm(page.words.reset_confirm)) {
      clearTicks();
    }
  });

  /* Clear every tick on this page (an onboarding plan: only its own items). */
  function clearTicks() {
    const touched = new Set();
    for (const item of page.items) {
      storeOf(item).remove(`items/${item.id}`);
      touched.add(storeOf(item));
    }
    for (const store of touched) {
      store.save();
    }
    paint();
  }

  /* Copy a link; where the clipboard is out of reach, show it selected for the reader to copy. */
  function copy(url) {
    const field = document.querySelector("[data-pb-copy-field]");

    function showForCopying() {
      PB.say(page.words.copy_manual);
      field.hidden = false;
      field.value = url;
      field.focus();
      field.select();
    }

    if (!navigator.clipboard) {
      showForCopying();
      return;
    }
    navigator.clipboard.writeText(url).then(() => PB.say(page.words.copied), showForCopying);
  }

  function shownItems() {
    return page.items.filter((item) => !item.element.hidden);
  }

  function markdownText(text) {
    return text.replace(/[\\`*_[\]<>]/g, "\\$&");
  }

  /* A task list to paste into a ticket; an onboarding plan keeps its phase headings. */
  function markdown() {
    const filterNames = activeFilters().map((select) => select.selectedOptions[0].text);
    const byPhase = page.data.kind === "onboarding";
    const title = page.data.title + (filterNames.length ? ` (${filterNames.join(", ")})` : "");
    const lines = [`# ${markdownText(title)}`, "", markdownText(page.data.name)];
    if (page.planLine()) {
      lines.push("", markdownText(page.planLine()));
    }
    let lastPhase;
    for (const item of shownItems()) {
      const newPhase = item.when !== lastPhase;
      if (byPhase ? newPhase : lastPhase === undefined) {
        lines.push("");
      }
      if (byPhase && newPhase) {
        lines.push(`## ${markdownText(page.data.phases[item.when])}`, "");
      }
      lastPhase = item.when;
      const box = item.box.checked ? "x" : " ";
      const due = page.dueOf(item) ? ` (${page.data.plan.t.due.replace("{date}", page.dueOf(item))})` : "";
      lines.push(`- [${box}] ${markdownText(item.text)}${due} ([link](${item.link}))`);
    }
    return lines.join("\n") + "\n";
  }

  function csv() {
    const dated = page.items.some((item) => page.dueOf(item));
    const rows = [["checklist", "item", "text", "role", "phase", "done", "link"]];
    if (dated) {
      rows[0].push("due");
    }
    for (const item of shownItems()) {
      const row = [
        page.data.checklists[item.checklist],
        item.id,
        item.text,
        page.data.roles[item.role],
        page.data.phases[item.when],
        item.box.checked ? page.words.yes : page.words.no,
        item.link,
      ];
      rows.push(dated ? [...row, page.dueOf(item)] : row);
    }
    return PB.csv(rows);
  }
})();
