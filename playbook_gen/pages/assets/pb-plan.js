/* playbook-gen: the plan on onboarding pages (on pb-core.js and pb-checklist.js). Whose plan it
 * is and when they start (from the page's fields or a link's ?for=&start=), each item's due date,
 * today's place in the plan, overdue items, progress per phase, and the plan as a calendar file.
 * The settings are stored with PB.openStore under pb:<site>:plan:<role-id>. */
(function () {
  "use strict";

  const PB = window.PB;
  if (!PB.firstLoad("plan")) {
    return;
  }

  /* ---- Dates: the one place the browser counts them (tests/vectors/plan/dates.json) -------
   *
   * A date is a day number (days since 1970-01-01), never a time of day, so a change to or from
   * daylight saving time moves nothing. */
  const DAY = 86400000;
  const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  /* "YYYY-MM-DD" -> day number; null for anything that is not a real date. */
  PB.dayNumber = function (text) {
    const parts = ISO_DATE.exec(typeof text === "string" ? text : "");
    if (!parts) {
      return null;
    }
    const day = Date.UTC(+parts[1], parts[2] - 1, +parts[3]) / DAY;
    return PB.isoDate(day) === text ? day : null;
  };

  PB.isoDate = function (day) {
    return new Date(day * DAY).toISOString().slice(0, 10);
  };

  function isWeekend(day) {
    const weekday = (day + 4) % 7; /* 1970-01-01 was a Thursday; 0 is Sunday */
    return weekday === 0 || weekday === 6;
  }

  /* The date `days` days after `start` (0: the start date); working days skip Saturday and
   * Sunday. Both dates as "YYYY-MM-DD". */
  PB.dueDate = function (start, days, working) {
    let day = PB.dayNumber(start);
    if (!working) {
      return PB.isoDate(day + days);
    }
    let left = days;
    while (left > 0) {
      day += 1;
      left -= isWeekend(day) ? 0 : 1;
    }
    return PB.isoDate(day);
  };

  /* How many (working) days `today` is after `start`: 0 on the start date, -1 before it. */
  PB.planDay = function (start, today, working) {
    const first = PB.dayNumber(start);
    const last = PB.dayNumber(today);
    if (last < first) {
      return -1;
    }
    let count = 0;
    for (let day = first + 1; day <= last; day += 1) {
      count += working && isWeekend(day) ? 0 : 1;
    }
    return count;
  };

  /* ---- The page ------------------------------------------------------------------------- */

  let plan = null; /* {data, words, store, fields, notice, list} of the current plan page */

  PB.onPage(function () {
    const list = PB.listPage();
    if (!plan || plan.list !== list) {
      delete document.documentElement.dataset.pbSharedView; /* <html> outlives instant pages */
    }
    const form = document.querySelector("[data-pb-plan=start]");
    if (!list || list.data.kind !== "onboarding" || !list.data.plan || !form) {
      plan = null;
      return;
    }
    if (plan && plan.list === list) {
      return;
    }
    plan = startPlan(list);
    PB.repaint();
  });

  function startPlan(list) {
    const data = list.data.plan;
    const current = {
      list: list,
      data: data,
      words: data.t,
      fields: {
        for: document.querySelector("[data-pb-plan=for]"),
        start: document.querySelector("[data-pb-plan=start]"),
      },
      notice: document.createElement("p"),
      store: null,
    };
    current.notice.className = "pb-notice";
    current.notice.setAttribute("role", "alert");
    current.notice.setAttribute("data-pb-plan-notice", "");
    document.querySelector(".pb-plan-form").after(current.notice);
    current.store = PB.openStore({
      kind: "plan",
      id: data.role,
      fields: { for: "value", start: "value" },
      isValid: (path, value) => isSetting(data, path, value),
      words: list.words,
      onChange: function () {
        showSettings();
        PB.repaint();
      },
    });
    for (const item of list.items) {
      const due = item.element.querySelector(".pb-due");
      item.dueElement = due;
      item.dueText = due ? due.textContent : "";
      item.dueHidden = due ? due.hidden : true;
    }
    list.dueOf = dueOf;
    list.planLine = headLine;
    plan = current;
    if (location.hash.startsWith(`#${SHARE}=`)) {
      showShared(location.hash.slice(1));
    } else {
      takeSettingsFromLink();
    }
    showSettings();
    return current;
  }

  function isSetting(data, path, value) {
    if (path === "start") {
      return PB.dayNumber(value) !== null;
    }
    return path === "for" && typeof value === "string" && value.length <= data.name_max;
  }

  function setting(path) {
    const value = plan.shared ? plan.shared[path] : plan.store.data[path];
    return typeof value === "string" ? value : "";
  }

  /* ?for=Alex%20Kim&start=2027-01-04: a link that names the plan. A bad value changes nothing. */
  function takeSettingsFromLink() {
    const query = new URLSearchParams(location.search);
    const problems = [];
    const wanted = {};
    if (query.has("for")) {
      const name = query.get("for").trim();
      if (isSetting(plan.data, "for", name)) {
        wanted.for = name;
      } else {
        problems.push(plan.words.bad_name);
      }
    }
    if (query.has("start")) {
      const start = query.get("start").trim();
      if (start === "" || isSetting(plan.data, "start", start)) {
        wanted.start = start;
      } else {
        problems.push(PB.format(plan.words.bad_start, { value: start.slice(0, 40) }));
      }
    }
    if (problems.length) {
      plan.notice.textContent = problems.join(" ");
      return;
    }
    change(wanted);
  }

  /* Store new settings ({for, start}; "" clears one). */
  function change(wanted) {
    let changed = false;
    for (const path of Object.keys(wanted)) {
      if (wanted[path] === setting(path)) {
        continue;
      }
      if (wanted[path]) {
        plan.store.put(path, wanted[path]);
      } else {
        plan.store.remove(path);
      }
      changed = true;
    }
    if (changed) {
      plan.store.save();
    }
  }

  function showSettings() {
    for (const path of ["for", "start"]) {
      if (document.activeElement !== plan.fields[path]) {
        plan.fields[path].value = setting(path);
      }
    }
  }

  let dateFormat = null; /* made once: a formatter takes longer to make than to use */

  function longDate(iso) {
    dateFormat = dateFormat || new Intl.DateTimeFormat(PB.lang(document.body), {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    return dateFormat.format(new Date(PB.dayNumber(iso) * DAY));
  }

  function dueOf(item) {
    const start = setting("start");
    if (!plan || !start || item.due === null || item.due === undefined) {
      return "";
    }
    return PB.dueDate(start, item.due, plan.data.working);
  }

  function headLine() {
    const start = setting("start");
    if (!plan || !start) {
      return "";
    }
    const name = setting("for");
    const template = name ? plan.words.head : plan.words.head_nameless;
    return PB.format(template, { name: name, date: longDate(start) });
  }

  PB.afterPaint(function (list) {
    if (!plan || plan.list !== list) {
      return;
    }
    const words = plan.words;
    const start = setting("start");
    const today = PB.today();
    let overdue = 0;
    for (const item of list.items) {
      const due = dueOf(item);
      const late = due !== "" && due < today && !item.box.checked;
      overdue += late && !item.element.hidden ? 1 : 0;
      item.element.classList.toggle("pb-overdue", late);
      item.element.toggleAttribute("data-pb-overdue", late);
      if (due) {
        item.element.dataset.pbDue = due;
      } else {
        delete item.element.dataset.pbDue;
      }
      if (item.dueElement) {
        const text = due ? PB.format(words.due, { date: longDate(due) }) : item.dueText;
        item.dueElement.textContent = due ? ` · ${text}` + (late ? ` (${words.overdue})` : "") : text;
        item.dueElement.hidden = due ? false : item.dueHidden;
      }
    }
    paintPhases(list, start, today);
    const head = document.querySelector("[data-pb-plan-head]");
    head.textContent = headLine();
    head.hidden = !start;
    const place = document.querySelector("[data-pb-plan-today]");
    place.hidden = !start;
    if (start) {
      const day = PB.planDay(start, today, plan.data.working);
      const values = { date: longDate(today), n: day + 1 };
      place.textContent = PB.format(day < 0 ? words.before : words.today, values) +
        (overdue ? " " + PB.format(words.overdue_count, { n: overdue }) : "");
      place.dataset.pbOverdue = overdue;
    }
  });

  /* Each phase: done of total, its due date, and hidden when the filter leaves none of it. */
  function paintPhases(list, start, today) {
    for (const line of document.querySelectorAll("[data-pb-phase]")) {
      const phase = line.dataset.pbPhase;
      const items = list.items.filter((item) => item.when === phase && !item.element.hidden);
      const done = items.filter((item) => item.box.checked).length;
      const days = plan.data.phases[phase];
      const due = start && days !== null ? PB.dueDate(start, days, plan.data.working) : "";
      const dueText = line.querySelector(".pb-phase-due");
      if (line.dataset.pbText === undefined) {
        line.dataset.pbText = dueText.textContent;
      }
      const when = due ? PB.format(plan.words.due, { date: longDate(due) }) : line.dataset.pbText;
      dueText.textContent = when ? when.charAt(0).toUpperCase() + when.slice(1) + " · " : "";
      line.querySelector("[data-pb-phase-progress]").textContent =
        PB.format(plan.words.phase, { done: done, total: items.length });
      line.classList.toggle("pb-overdue", due !== "" && due < today && done < items.length);
      const heading = line.previousElementSibling;
      const listElement = line.nextElementSibling;
      for (const element of [heading, line, listElement]) {
        if (element) {
          element.hidden = items.length === 0;
        }
      }
    }
  }

  document.addEventListener("change", function (event) {
    if (!plan || !Object.values(plan.fields).includes(event.target)) {
      return;
    }
    const start = plan.fields.start.value;
    if (start && PB.dayNumber(start) === null) {
      plan.notice.textContent = PB.format(plan.words.bad_start, { value: start.slice(0, 40) });
      return;
    }
    plan.notice.textContent = "";
    change({ for: plan.fields.for.value.trim().slice(0, plan.data.name_max), start: start });
    PB.repaint();
  });

  document.addEventListener("click", function (event) {
    const button = plan && event.target.closest(".pb-bar [data-pb-action]");
    if (!button) {
      return;
    }
    const action = button.dataset.pbAction;
    if (action === "copy-plan") {
      PB.copy(planLink());
    } else if (action === "share") {
      PB.copy(shareLink());
    } else if (action === "export-ics") {
      if (!setting("start")) {
        PB.say(plan.words.ics_none);
        return;
      }
      const name = [plan.list.data.file, setting("for") && PB.slug(setting("for"))];
      withCalendarCode(function () {
        PB.download(`${name.filter(Boolean).join("-")}.ics`, "text/calendar", calendar());
      });
    }
  });

  /* The calendar's code (pb-ics.js, shared with the assessment's action plan) is loaded the
   * first time a calendar is exported: most visits never export one. */
  function withCalendarCode(then) {
    if (PB.ics) {
      then();
    } else {
      PB.need("pb-ics.js").then(then);
    }
  }

  /* This page's address with the plan's settings (and the phase filter, if any). */
  function planLink() {
    const url = new URL(location.href);
    url.hash = "";
    for (const path of ["for", "start"]) {
      url.searchParams.delete(path);
      if (setting(path)) {
        url.searchParams.set(path, setting(path));
      }
    }
    return url.href;
  }

  /* ---- Shared progress: a link whose fragment carries the plan and its ticks ------------
   *
   * #pb-share=1&role=<role-id>&for=<name>&start=<YYYY-MM-DD>&at=<YYYY-MM-DD>
   *   &done=<checklist-id>:<item-id>,<item-id>;<checklist-id>:<item-id>
   * (the format is in docs/editing.md). A fragment never reaches a web server. Opening such a
   * link shows its ticks read-only and stores nothing; ids no longer in the plan are counted
   * and left out, items added since show unticked. */
  const SHARE = "pb-share";
  const SHARE_VERSION = 1;
  const SHARE_MAX = 8000;
  const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function shareLink() {
    const done = new Map();
    for (const item of plan.list.items) {
      if (item.box.checked) {
        done.set(item.checklist, [...(done.get(item.checklist) || []), item.id]);
      }
    }
    const groups = [...done].map(([checklist, ids]) => `${checklist}:${ids.join(",")}`);
    const parts = [`${SHARE}=${SHARE_VERSION}`, `role=${plan.data.role}`];
    for (const path of ["for", "start"]) {
      if (setting(path)) {
        parts.push(`${path}=${encodeURIComponent(setting(path))}`);
      }
    }
    parts.push(`at=${PB.today()}`, `done=${groups.join(";")}`);
    const url = new URL(location.href);
    url.search = "";
    url.hash = parts.join("&");
    return url.href;
  }

  /* The shared plan and ticks in `fragment`, or a message saying why not. */
  function readShare(fragment) {
    const words = plan.words;
    if (fragment.length > SHARE_MAX) {
      return PB.format(words.share_long, { max: SHARE_MAX });
    }
    let query;
    try {
      query = new URLSearchParams(fragment);
    } catch (error) {
      return words.share_bad;
    }
    if (query.get(SHARE) !== String(SHARE_VERSION)) {
      return words.share_version;
    }
    const shared = { for: (query.get("for") || "").trim(), start: query.get("start") || "" };
    const at = query.get("at") || "";
    const groups = (query.get("done") || "").split(";").filter(Boolean);
    const known = new Set(plan.list.items.map((item) => `${item.checklist}#${item.id}`));
    const done = new Set();
    let unknown = 0;
    const fine = query.get("role") === plan.data.role && PB.dayNumber(at) !== null &&
      isSetting(plan.data, "for", shared.for) &&
      (shared.start === "" || isSetting(plan.data, "start", shared.start));
    for (const group of groups) {
      const [checklist, ids, more] = group.split(":");
      if (more !== undefined || !SLUG.test(checklist) || !ids) {
        return words.share_bad;
      }
      for (const id of ids.split(",")) {
        if (!SLUG.test(id)) {
          return words.share_bad;
        }
        const key = knownKey(checklist, id);
        unknown += known.has(key) ? 0 : 1;
        done.add(key);
      }
    }
    return fine ? Object.assign(shared, { at: at, done: done, unknown: unknown }) : words.share_bad;
  }

  /* An item's current key, also for a tick shared under one of its old ids (aliases). */
  function knownKey(checklist, id) {
    const item = plan.list.items.find((entry) => entry.checklist === checklist &&
      (entry.id === id || entry.aliases.includes(id)));
    return item ? `${checklist}#${item.id}` : `${checklist}#${id}`;
  }

  function showShared(fragment) {
    const shared = readShare(fragment);
    if (typeof shared === "string") {
      plan.notice.textContent = shared;
      return;
    }
    plan.shared = shared;
    plan.list.shared = shared.done;
    for (const field of Object.values(plan.fields)) {
      field.disabled = true;
    }
    const box = document.querySelector("[data-pb-shared]");
    const words = plan.words;
    const values = { name: shared.for, date: longDate(shared.at), n: shared.unknown };
    box.querySelector("p").textContent =
      PB.format(shared.for ? words.shared_by : words.shared, values) +
      (shared.unknown ? " " + PB.format(words.shared_unknown, values) : "");
    box.querySelector("a").href = location.pathname;
    box.hidden = false;
    document.documentElement.dataset.pbSharedView = shared.at;
  }

  window.addEventListener("hashchange", function () {
    if (plan && (plan.shared || location.hash.startsWith(`#${SHARE}=`))) {
      location.reload();
    }
  });

  /* ---- The calendar: RFC 5545, one all-day event per item with a due date ---------------- */

  /* Event ids depend on the site, the role, the person and the item, not on the start date:
   * importing the file again after a change of start date moves the events. */
  function calendar() {
    const list = plan.list;
    const ics = PB.ics;
    const planKey = `${location.host}${PB.site()}|${plan.data.role}|${setting("for")}`;
    const planId = ics.fingerprint(planKey);
    const events = [];
    for (const item of list.items) {
      const due = dueOf(item);
      if (!due || item.element.hidden) {
        continue;
      }
      const about = [headLine(), list.data.phases[item.when], list.data.checklists[item.checklist],
        item.link];
      events.push([
        `UID:${item.checklist}.${item.id}.${plan.data.role}.${planId}@playbook-gen`,
        ...ics.allDay(due),
        `SUMMARY:${ics.text(PB.format(plan.words.calendar, { text: item.text }))}`,
        `DESCRIPTION:${ics.text(about.join("\n"))}`,
        `URL:${item.link}`,
        "TRANSP:TRANSPARENT",
      ]);
    }
    return ics.calendar("onboarding plan", list.data.title + " · " + headLine(), events);
  }
})();
