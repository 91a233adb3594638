/* playbook-gen core: what the assessment, checklist and onboarding pages share.
 * Start-up, page data, stored state, notices, downloads, CSV and numbers. No framework, no
 * network. User text is only ever written with textContent. The site serves it at the start of
 * each page script (pages/render.py, PAGE_SCRIPTS); pages without one load none of it. */
(function () {
  "use strict";

  /* Material's instant navigation runs the scripts of a page's content again each time it shows
   * the page: the core is set up once per window. */
  if (window.PB && window.PB.onPage) {
    return;
  }

  const PB = (window.PB = window.PB || {});
  const starters = [];
  const loadedScripts = new Set();
  let started = false;
  let openStores = [];
  let noticeArea = null;

  /* Run `starter(document)` on every page view, including Material's instant navigation; a
   * starter added after the page started runs at once. A starter does nothing on a page it has
   * already started. */
  PB.onPage = function (starter) {
    starters.push(starter);
    if (started) {
      runStarter(starter);
    }
  };

  /* Whether the page script `name` runs for the first time in this window (see above). */
  PB.firstLoad = function (name) {
    if (loadedScripts.has(name)) {
      return false;
    }
    loadedScripts.add(name);
    return true;
  };

  function runStarter(starter) {
    try {
      starter(document);
    } catch (error) {
      console.warn("playbook-gen:", error);
    }
  }

  /* A new page view: the stores and notice area of a page Material's instant navigation has
   * replaced are let go; those of this page (opened by a starter that ran already) are kept. */
  function start() {
    started = true;
    openStores = openStores.filter((store) => store.view.isConnected);
    if (noticeArea && !noticeArea.isConnected) {
      noticeArea = null;
    }
    for (const starter of starters) {
      runStarter(starter);
    }
  }

  /* Material announces every page view on document$. Pages load this file in their content,
   * before Material's own script, so document$ is looked for once the page has been read. */
  function startOnEveryPageView() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else {
      start();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startOnEveryPageView);
  } else {
    startOnEveryPageView();
  }

  /* Material's one-key shortcuts (n, p, s, /) listen on window: a key pressed on one of our
   * radio buttons or checkboxes would leave the page or jump to search. Such keys stop here. */
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    const singleKey = event.key && event.key.length === 1;
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    if (!singleKey || modified || !(target instanceof Element)) {
      return;
    }
    const inOurControls = target.matches("input, select, textarea, button, a") &&
      target.closest("[data-pb-assessment], [data-pb-checklist], [data-pb-onboarding], .pb-bar");
    if (inOurControls) {
      event.stopPropagation();
    }
  });

  /* Read the JSON a page carries in <script type="application/json" id="...">. Pages keep it in
   * a <template data-pb-data> (see assessment.md.j2), out of reach of Material's instant
   * navigation; it is put in the page the first time it is read. */
  PB.data = function (id) {
    for (const holder of document.querySelectorAll("template[data-pb-data]")) {
      holder.replaceWith(holder.content);
    }
    const element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  };

  /* The site's identity for storage keys: its root path, so all pages of a handbook share keys
   * and two handbooks on one host don't mix. Pages have no <base>; this file is served from
   * <root>/assets/playbook/, which gives the root from any page. */
  const scriptUrl = (document.currentScript || location).src || location.href;
  const siteRoot = new URL("../../", scriptUrl).pathname;
  PB.site = function () {
    return siteRoot;
  };

  /* Load one of our scripts the first time a reader needs it (render.ON_DEMAND: what a page's
   * first load has no room for); the promise resolves once it has run. */
  const needed = new Map();
  PB.need = function (name) {
    if (!needed.has(name)) {
      needed.set(name, new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = `${siteRoot}assets/playbook/${name}`;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      }));
    }
    return needed.get(name);
  };

  /* A new element with attributes and text (textContent: never parsed as HTML). */
  PB.make = function (tag, attributes, text) {
    const element = document.createElement(tag);
    for (const name of Object.keys(attributes || {})) {
      element.setAttribute(name, attributes[name]);
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  };

  /* A key that is safe in a plain object (not __proto__, constructor or prototype). */
  PB.safeKey = function (key) {
    return typeof key === "string" && key !== "__proto__" && key !== "constructor" &&
      key !== "prototype";
  };

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  PB.isPlainObject = isPlainObject;
  PB.hasOwn = hasOwn;

  /* Fill {name} placeholders in a translated text; unknown placeholders stay as they are. */
  PB.format = function (text, values) {
    return text.replace(/\{(\w+)\}/g, (placeholder, name) => (
      hasOwn(values, name) ? values[name] : placeholder
    ));
  };

  /* ---- Stored state ------------------------------------------------------------------------
   *
   * localStorage keys are namespaced by site and content: pb:<site root>:<kind>:<id>.
   * A page declares its fields: a "map" holds entries by id (answers by question id, ticks by
   * item id), a "value" is one entry (the team name). Each entry has a path: "answers/rsp-1",
   * "team". Format 2 stores the fields as they are plus "changed", the time of each entry's last
   * change in milliseconds since 1970:
   *
   *   {"v": 2, "answers": {"rsp-1": 4}, "comments": {}, "team": "Payroll",
   *    "changed": {"answers/rsp-1": 1767225600000, "team": 1767225612000}}
   *
   * Every save merges the page's entries with what is stored, entry by entry, the later change
   * winning, so two tabs of a page (or a checklist and an onboarding plan) keep each other's
   * changes; a tab that hears of another tab's save (a `storage` event) merges it the same way.
   * A removed entry keeps its time in "changed", so the removal wins over older copies too.
   * An entry without a time is older than any change: format 1 is format 2 without "changed".
   *
   * A stored value that cannot be read completely is copied, exactly as it was, to
   * <key>:backup:<time> before anything replaces it, and the page says so; what could be read
   * is used. A save that fails (storage full or blocked) leaves the stored value as it was,
   * keeps the change on the page, says so, and is tried again with the next change. */
  const FORMAT = 2;

  PB.store = {
    key: function (kind, id) {
      return `pb:${PB.site()}:${kind}:${id}`;
    },
  };

  function pathOf(field, id) {
    return id === undefined ? field : `${field}/${id}`;
  }

  function splitPath(path) {
    const slash = path.indexOf("/");
    return slash < 0 ? [path, undefined] : [path.slice(0, slash), path.slice(slash + 1)];
  }

  /* Whether `path` names an entry of these fields. */
  function isPath(path, fields) {
    const [field, id] = splitPath(path);
    if (!hasOwn(fields, field)) {
      return false;
    }
    if (fields[field] === "value") {
      return id === undefined;
    }
    return id !== undefined && id !== "" && PB.safeKey(id);
  }

  function emptyState(fields) {
    const data = {};
    for (const field of Object.keys(fields)) {
      if (fields[field] === "map") {
        data[field] = {};
      }
    }
    return { data: data, changed: {} };
  }

  function copyState(state) {
    const data = {};
    for (const field of Object.keys(state.data)) {
      const value = state.data[field];
      data[field] = isPlainObject(value) ? Object.assign({}, value) : value;
    }
    return { data: data, changed: Object.assign({}, state.changed) };
  }

  /* One entry: {present: true, value} or {present: false}. */
  function getEntry(state, path, fields) {
    const [field, id] = splitPath(path);
    const holder = fields[field] === "map" ? state.data[field] : state.data;
    const key = fields[field] === "map" ? id : field;
    if (hasOwn(holder, key)) {
      return { present: true, value: holder[key] };
    }
    return { present: false };
  }

  function setEntry(state, path, entry, fields) {
    const [field, id] = splitPath(path);
    const holder = fields[field] === "map" ? state.data[field] : state.data;
    const key = fields[field] === "map" ? id : field;
    if (entry.present) {
      holder[key] = entry.value;
    } else {
      delete holder[key];
    }
  }

  function changeTime(state, path) {
    return hasOwn(state.changed, path) ? state.changed[path] : 0;
  }

  /* Every path with an entry or a change time. */
  function allPaths(state, fields) {
    const paths = new Set(Object.keys(state.changed));
    for (const field of Object.keys(fields)) {
      if (fields[field] === "map") {
        for (const id of Object.keys(state.data[field])) {
          paths.add(pathOf(field, id));
        }
      } else if (hasOwn(state.data, field)) {
        paths.add(field);
      }
    }
    return paths;
  }

  /* `base` with every entry that changed later in `incoming`. With no time on either side, an
   * entry wins over its absence, so nothing without a time is dropped. */
  function merge(base, incoming, fields) {
    const result = copyState(base);
    for (const path of allPaths(incoming, fields)) {
      const baseTime = changeTime(base, path);
      const incomingTime = changeTime(incoming, path);
      const entry = getEntry(incoming, path, fields);
      const later = incomingTime > baseTime;
      const fillsGap = incomingTime === baseTime && entry.present &&
        !getEntry(base, path, fields).present;
      if (later || fillsGap) {
        setEntry(result, path, entry, fields);
        if (incomingTime > 0) {
          result.changed[path] = incomingTime;
        }
      }
    }
    return result;
  }

  /* `state` without the entries this page does not keep (e.g. answers to removed questions). */
  function prune(state, fields, keep) {
    const result = copyState(state);
    for (const path of allPaths(state, fields)) {
      if (!keep(path)) {
        setEntry(result, path, { present: false }, fields);
        delete result.changed[path];
      }
    }
    return result;
  }

  function serialise(state, fields) {
    const value = { v: FORMAT };
    for (const field of Object.keys(fields)) {
      if (hasOwn(state.data, field)) {
        value[field] = state.data[field];
      }
    }
    value.changed = state.changed;
    return JSON.stringify(value);
  }

  /* Stored text -> {state, complete}: `complete` is false when anything in it could not be
   * read (bad JSON, wrong shape, an unknown version); `state` holds whatever could. */
  function parseState(raw, fields, isValid) {
    const state = emptyState(fields);
    let value;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { state: state, complete: false };
    }
    if (!isPlainObject(value) || (value.v !== 1 && value.v !== FORMAT)) {
      return { state: state, complete: false };
    }
    let complete = true;
    for (const name of Object.keys(value)) {
      if (name === "v") {
        continue;
      }
      if (name === "changed" && value.v === FORMAT) {
        complete = readTimes(value.changed, state, fields) && complete;
      } else if (hasOwn(fields, name) && fields[name] === "map") {
        complete = readMap(name, value[name], state, isValid) && complete;
      } else if (hasOwn(fields, name) && isValid(name, value[name])) {
        state.data[name] = value[name];
      } else {
        complete = false;
      }
    }
    return { state: state, complete: complete };
  }

  function readMap(field, entries, state, isValid) {
    if (!isPlainObject(entries)) {
      return false;
    }
    let complete = true;
    for (const id of Object.keys(entries)) {
      if (id !== "" && PB.safeKey(id) && isValid(pathOf(field, id), entries[id])) {
        state.data[field][id] = entries[id];
      } else {
        complete = false;
      }
    }
    return complete;
  }

  function readTimes(times, state, fields) {
    if (!isPlainObject(times)) {
      return false;
    }
    let complete = true;
    for (const path of Object.keys(times)) {
      const time = times[path];
      if (isPath(path, fields) && Number.isFinite(time) && time >= 0) {
        state.changed[path] = time;
      } else {
        complete = false;
      }
    }
    return complete;
  }

  function isQuotaError(error) {
    return error instanceof DOMException && (error.name === "QuotaExceededError" ||
      error.name === "NS_ERROR_DOM_QUOTA_REACHED" || error.code === 22 || error.code === 1014);
  }

  /* Open the stored state of one page's content and keep it in step with other tabs.
   *
   * options: kind and id (the storage key), fields ({name: "map" | "value"}), isValid(path,
   * value) for one stored entry, keep(path) (whether this page keeps an entry when it saves;
   * default: every entry), words (the page's translated words) and onChange() (called after
   * another tab's change was merged). The page reads `store.data`, changes it with put() and
   * remove(), then calls save(). */
  PB.openStore = function (options) {
    const key = PB.store.key(options.kind, options.id);
    const fields = options.fields;
    const words = options.words;
    const keep = options.keep || (() => true);
    let state = emptyState(fields);
    let copiedAside = null; /* the unreadable text last copied to a backup key */

    const store = {
      key: key,
      view: noticeArea || document.body, /* where the page shows it: gone when the page is */
      readNotice: "",
      saveNotice: "",
      get data() {
        return state.data;
      },
      put: function (path, value) {
        state.changed[path] = nextTime(path);
        setEntry(state, path, { present: true, value: value }, fields);
      },
      remove: function (path) {
        state.changed[path] = nextTime(path);
        setEntry(state, path, { present: false }, fields);
      },
      save: save,
      receive: receive,
    };

    /* Later than now and than the entry's last change, even if the clock went back. */
    function nextTime(path) {
      return Math.max(Date.now(), changeTime(state, path) + 1);
    }

    /* Copy text that could not be read completely to a backup key, once. This throws when the
     * copy cannot be made, so that nothing replaces the original. */
    function copyAside(raw) {
      if (raw === copiedAside) {
        return;
      }
      const backupKey = `${key}:backup:${Date.now()}`;
      localStorage.setItem(backupKey, raw);
      copiedAside = raw;
      store.readNotice = PB.format(words.storage_unreadable, { key: backupKey });
    }

    function readStored(raw) {
      const parsed = parseState(raw, fields, options.isValid);
      if (!parsed.complete) {
        copyAside(raw);
      }
      return parsed.state;
    }

    function reportSaveProblem(error) {
      store.saveNotice = isQuotaError(error) ? words.storage_full : words.storage_blocked;
    }

    function load() {
      try {
        const raw = localStorage.getItem(key);
        if (raw === null) {
          return;
        }
        const parsed = parseState(raw, fields, options.isValid);
        state = prune(parsed.state, fields, keep);
        if (!parsed.complete) {
          copyAside(raw);
        }
        /* Write back the upgraded, cleaned value, so other pages and tabs read the same. */
        const normal = serialise(state, fields);
        if (normal !== raw) {
          localStorage.setItem(key, normal);
        }
      } catch (error) {
        reportSaveProblem(error);
      }
    }

    function save() {
      try {
        const raw = localStorage.getItem(key);
        const stored = raw === null ? emptyState(fields) : readStored(raw);
        const merged = prune(merge(stored, state, fields), fields, keep);
        localStorage.setItem(key, serialise(merged, fields));
        state = merged;
        store.saveNotice = "";
      } catch (error) {
        reportSaveProblem(error);
      }
      showNotices();
    }

    /* Another tab saved: merge what it stored, then let the page show it. */
    function receive(event) {
      if (event.key !== key || event.newValue === null) {
        return;
      }
      const incoming = parseState(event.newValue, fields, options.isValid).state;
      state = prune(merge(state, incoming, fields), fields, keep);
      options.onChange();
    }

    load();
    openStores.push(store);
    showNotices();
    return store;
  };

  window.addEventListener("storage", function (event) {
    for (const store of openStores) {
      store.receive(event);
    }
  });

  /* Where this page shows what went wrong with its stored state (an element with role=alert). */
  PB.setNoticeArea = function (element) {
    noticeArea = element;
    showNotices();
  };

  function showNotices() {
    if (!noticeArea) {
      return;
    }
    const messages = [];
    for (const store of openStores) {
      for (const message of [store.readNotice, store.saveNotice]) {
        if (message && !messages.includes(message)) {
          messages.push(message);
        }
      }
    }
    noticeArea.textContent = messages.join(" ");
  }

  /* ---- Files, CSV, words and numbers ----------------------------------------------------- */

  /* Offer text as a file download. */
  PB.download = function (filename, mime, text) {
    const blob = new Blob([text], { type: mime });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    /* The download reads the blob after this returns; a slow machine may take a while. */
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  /* One CSV cell's text, by the rule of `playbook-gen report` (results.csv_cell): a number as it
   * is, even a negative one; text that a spreadsheet would run as a formula (starting with =, +,
   * -, @, tab or carriage return) behind a "'". Both follow tests/vectors/csv/cells.json. */
  PB.csvText = function (value) {
    if (value === null || value === undefined) {
      return "";
    }
    if (typeof value === "number") {
      return String(value);
    }
    const text = String(value);
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };

  /* One CSV cell, quoted. */
  PB.csvCell = function (value) {
    return `"${PB.csvText(value).replace(/"/g, '""')}"`;
  };

  /* Rows of cells as CSV text, each line ended by CRLF as RFC 4180 has it. */
  PB.csv = function (rows) {
    const lines = rows.map((row) => row.map(PB.csvCell).join(","));
    return lines.join("\r\n") + "\r\n";
  };

  /* A file name part from free text: letters, digits and hyphens. */
  PB.slug = function (text) {
    const slug = String(text || "").toLowerCase().normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return slug || "export";
  };

  /* The language that applies to `element` (its nearest lang attribute), else the page's. */
  PB.lang = function (element) {
    const owner = element && element.closest ? element.closest("[lang]") : null;
    return (owner || document.documentElement).lang || "en";
  };

  /* Number formats by language and decimals: making one costs as much as formatting with it
   * thirty times, and a page shows dozens of numbers on every change. */
  const numberFormats = new Map();

  /* A number as the reader writes it; `digits` fixes the decimals when given. */
  PB.number = function (value, digits, element) {
    const lang = PB.lang(element);
    const key = `${lang} ${digits}`;
    let format = numberFormats.get(key);
    if (!format) {
      const fixed = digits === undefined ? {} : {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      };
      format = new Intl.NumberFormat(lang, fixed);
      numberFormats.set(key, format);
    }
    return format.format(Number(value));
  };

  function twoDigits(number) {
    return String(number).padStart(2, "0");
  }

  /* Today's date in the reader's time zone, as YYYY-MM-DD. */
  PB.today = function () {
    const date = new Date();
    return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
  };

  /* Tell screen readers (and everyone) what just happened, in the page's [data-pb-status]. */
  PB.say = function (text) {
    const element = document.querySelector("[data-pb-status]");
    if (element) {
      element.textContent = text;
    }
  };

  /* Print; while the dialog is open <html data-pb-print="mode"> lets CSS vary (e.g. "blank"). */
  PB.print = function (mode) {
    const html = document.documentElement;
    html.setAttribute("data-pb-print", mode || "");
    window.addEventListener("afterprint", () => html.removeAttribute("data-pb-print"), {
      once: true,
    });
    window.print();
  };

  /* The day a page is printed, for the heading pb.css prints on it (--pb-printed). Set when the
   * page is about to be printed (beforeprint; the print media query for a print preview that
   * does not announce itself), so a page left open overnight prints the right day. Not at load:
   * a tab's first date in words loads the browser's calendar data, 20-30 ms before the page
   * can be used. */
  function datePrintout() {
    const html = document.documentElement;
    const day = new Date().toLocaleDateString(PB.lang(html), { dateStyle: "long" });
    html.style.setProperty("--pb-printed", JSON.stringify(day));
    html.setAttribute("data-pb-printed", "");
  }

  window.addEventListener("beforeprint", datePrintout);
  window.matchMedia("print").addEventListener("change", function (event) {
    if (event.matches) {
      datePrintout();
    }
  });
})();
