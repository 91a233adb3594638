/* playbook-gen: the action plan on the assessment page. pb-assessment.js loads this file (with
 * pb-ics.js before it) the first time the team opens the plan, so the page's first load does not
 * carry it, and when the page opens with a plan made before. The team picks up to `max` of the recommended principles and checklist items as
 * commitments, each with an owner, a date and a note; they are stored with PB.openStore beside
 * the answers (pb:<site>:actions:<assessment id>), one entry per commitment and field, so two
 * tabs keep each other's changes. User text is written with textContent only. */
(function () {
  "use strict";

  const PB = window.PB;
  if (PB.openActions) {
    return;
  }

  const FIELDS = ["owner", "due", "note"];
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  let current = null; /* the plan on the page now */

  /* Open the plan (load its styles, build it once per page view); with `focus`, move the reader
   * to it (not when the page shows a plan made before by itself). */
  PB.openActions = function (focus) {
    const form = document.querySelector("form[data-pb-assessment]");
    const area = form && form.querySelector("[data-pb-actions]");
    if (!area) {
      return;
    }
    if (!current || current.area !== area) {
      const data = PB.data("pb-actions-data");
      if (!data) {
        return;
      }
      loadStyles();
      current = startPlan(form, area, data);
    }
    current.panel.hidden = false;
    if (focus) {
      current.heading.focus();
    }
  };

  function loadStyles() {
    const href = `${PB.site()}assets/playbook/pb-actions.css`;
    if (!document.querySelector(`link[href="${href}"]`)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.append(link);
    }
  }

  const element = PB.make;

  function startPlan(form, area, data) {
    const words = data.t;
    const assessment = PB.data("pb-assessment-data") || { title: "", dimensions: [] };
    const titles = {};
    for (const dimension of assessment.dimensions) {
      titles[dimension.id] = dimension.title;
    }

    /* What the team may commit to: the recommendations' links on the page, those of the
     * dimensions recommended now first (weakest first), then the others in their order; a
     * principle recommended for two dimensions once. */
    const candidates = new Map();
    const shown = Array.from(form.querySelectorAll("[data-pb-recommendations] [data-pb-rec]"));
    const pool = Array.from(form.querySelectorAll("[data-pb-rec-pool] [data-pb-rec]"));
    const order = assessment.dimensions.map((dimension) => dimension.id);
    pool.sort((a, b) => order.indexOf(a.dataset.pbRec) - order.indexOf(b.dataset.pbRec));
    for (const block of shown.concat(pool)) {
      for (const link of block.querySelectorAll("a[data-pb-pick]")) {
        const id = link.dataset.pbPick;
        if (!candidates.has(id) && PB.safeKey(id)) {
          candidates.set(id, {
            id: id,
            text: link.textContent.trim(),
            link: link.href,
            kind: id.startsWith("principle:") ? words.principle : words.item,
            dimension: titles[block.dataset.pbRec] || "",
            now: shown.includes(block),
          });
        }
      }
    }

    function isStoredEntry(path, value) {
      if (path.startsWith("picks/")) {
        return Number.isFinite(value) && value >= 0;
      }
      if (path.startsWith("due/")) {
        return value === "" || (typeof value === "string" && ISO_DAY.test(value));
      }
      return typeof value === "string";
    }

    /* Commitments to recommendations the assessment no longer makes are dropped. */
    function isStillOffered(path) {
      return candidates.has(path.slice(path.indexOf("/") + 1));
    }

    const panel = element("section", {
      class: "pb-actions-panel",
      "aria-labelledby": "pb-h-actions",
      "data-pb-actions-panel": "",
    });
    const heading = element("h3", { id: "pb-h-actions", tabindex: "-1" }, words.title);
    const intro = element("p", {}, PB.format(words.intro, { max: data.max }));
    const count = element("h4", { "data-pb-actions-count": "" });
    const list = element("ol", { class: "pb-commitments", "data-pb-commitments": "" });
    const none = element("p", { "data-pb-actions-none": "" }, words.none);
    /* The recommendations for the dimensions that score low now, then the others folded away
     * (all of them open when none scores low). */
    const choices = element("fieldset", { class: "pb-choices" });
    choices.append(element("legend", {}, words.choose));
    const others = element("details", { class: "pb-other-choices" });
    const anyNow = Array.from(candidates.values()).some((candidate) => candidate.now);
    const boxes = new Map();
    for (const candidate of candidates.values()) {
      const label = element("label", { "data-pb-choice": candidate.id });
      const box = element("input", { type: "checkbox", value: candidate.id });
      label.append(box, ` ${candidate.text} `,
        element("span", { class: "pb-about" }, `(${about(candidate)})`));
      (candidate.now || !anyNow ? choices : others).append(label);
      boxes.set(candidate.id, box);
    }
    if (others.childElementCount > 0) {
      const summary = PB.format(words.others, { n: others.childElementCount });
      others.prepend(element("summary", {}, summary));
      choices.append(others);
    }
    const tools = element("div", { class: "pb-tools", role: "group", "aria-label": words.title });
    for (const [action, label] of [["export-md", words.export_md], ["export-csv", words.export_csv],
      ["export-ics", words.export_ics], ["print", words.print]]) {
      tools.append(element("button", {
        type: "button",
        class: "md-button",
        "data-pb-plan-action": action,
      }, label));
    }
    const status = element("p", { role: "status", "data-pb-actions-status": "" });
    const alert = element("p", { class: "pb-alert", role: "alert", "data-pb-actions-alert": "" });
    panel.append(heading, intro, count, list, none, choices, tools, status, alert);
    area.append(panel);
    area.querySelector("[data-pb-action=action-plan]").closest("p").hidden = true;

    const store = PB.openStore({
      kind: "actions",
      id: data.id,
      fields: { picks: "map", owner: "map", due: "map", note: "map" },
      isValid: isStoredEntry,
      keep: isStillOffered,
      words: words,
      onChange: show,
    });

    function about(candidate) {
      return candidate.dimension ? `${candidate.kind} · ${candidate.dimension}` : candidate.kind;
    }

    function say(text, problem) {
      status.textContent = text;
      alert.textContent = problem;
    }

    /* The commitments, in the order they were made. */
    function picked() {
      const picks = store.data.picks;
      return Object.keys(picks)
        .filter((id) => candidates.has(id))
        .sort((a, b) => picks[a] - picks[b] || (a < b ? -1 : 1))
        .map((id) => candidates.get(id));
    }

    function value(field, id) {
      const stored = store.data[field][id];
      return typeof stored === "string" ? stored : "";
    }

    function commitmentItem(candidate) {
      const item = element("li", { "data-pb-commitment": candidate.id });
      const title = element("p", { class: "pb-commitment-title" });
      const link = element("a", { href: candidate.link }, candidate.text);
      title.append(element("strong"), ` (${about(candidate)})`);
      title.firstChild.append(link);
      const fields = element("div", { class: "pb-commitment-fields" });
      const inputs = {
        owner: element("input", { type: "text", maxlength: data.max_text, autocomplete: "name" }),
        due: element("input", { type: "date" }),
        note: element("textarea", { rows: "2", maxlength: data.max_note }),
      };
      for (const field of FIELDS) {
        const label = element("label", {}, words[field]);
        inputs[field].dataset.pbField = field;
        label.append(inputs[field]);
        fields.append(label);
      }
      const remove = element("button", {
        type: "button",
        class: "md-button",
        "data-pb-remove": candidate.id,
      }, words.remove);
      remove.setAttribute("aria-label", `${words.remove}: ${candidate.text}`);
      item.append(title, fields, remove);
      return item;
    }

    /* The page follows the stored plan; a field is written only when it differs, so that the
     * caret of a field being typed in stays where it is. */
    function show() {
      const chosen = picked();
      const items = new Map();
      for (const item of list.querySelectorAll("[data-pb-commitment]")) {
        items.set(item.dataset.pbCommitment, item);
      }
      for (const candidate of chosen) {
        const item = items.get(candidate.id) || commitmentItem(candidate);
        items.delete(candidate.id);
        list.append(item);
        for (const field of FIELDS) {
          const input = item.querySelector(`[data-pb-field=${field}]`);
          const stored = value(field, candidate.id);
          if (input.value !== stored) {
            input.value = stored;
          }
        }
      }
      for (const item of items.values()) {
        item.remove();
      }
      for (const [id, box] of boxes) {
        box.checked = chosen.some((candidate) => candidate.id === id);
      }
      none.hidden = chosen.length > 0;
      count.textContent = PB.format(words.chosen, { n: chosen.length, max: data.max });
    }

    function add(id) {
      const candidate = candidates.get(id);
      const chosen = picked();
      if (chosen.length >= data.max) {
        show();
        say("", PB.format(words.full, { max: data.max }));
        return;
      }
      store.put(`picks/${id}`, Date.now());
      store.save();
      show();
      say(PB.format(words.added, {
        text: candidate.text,
        n: chosen.length + 1,
        max: data.max,
      }), "");
    }

    function remove(id) {
      store.remove(`picks/${id}`);
      for (const field of FIELDS) {
        store.remove(`${field}/${id}`);
      }
      store.save();
      show();
      say(PB.format(words.removed, { text: candidates.get(id).text }), "");
    }

    /* ---- Exports ------------------------------------------------------------------------- */

    function team() {
      const field = form.querySelector("[data-pb-team]");
      return field ? field.value.trim() : "";
    }

    function fileName(extension) {
      const teamPart = team() ? `-${PB.slug(team())}` : "";
      return `${data.id}-action-plan${teamPart}-${PB.today()}.${extension}`;
    }

    /* Text as Markdown shows it: characters Markdown would read as markup escaped. */
    function markdownText(text) {
      return String(text).replace(/[\\`*_[\]<>#|~]/g, "\\$&").replace(/\s+/g, " ").trim();
    }

    function exportMarkdown() {
      const title = markdownText(words.title + ": " + assessment.title);
      const lines = ["# " + title, ""];
      const heading = [team() ? `${words.team}: ${team()}` : "", `${words.date}: ${PB.today()}`];
      lines.push(markdownText(heading.filter(Boolean).join(" · ")), "");
      picked().forEach(function (candidate, index) {
        const link = `[${markdownText(candidate.text)}](<${candidate.link}>)`;
        lines.push(`${index + 1}. **${link}** (${markdownText(about(candidate))})`);
        for (const field of FIELDS) {
          if (value(field, candidate.id)) {
            lines.push(`   - ${words[field]}: ${markdownText(value(field, candidate.id))}`);
          }
        }
      });
      if (picked().length === 0) {
        lines.push(words.none);
      }
      PB.download(fileName("md"), "text/markdown;charset=utf-8", lines.join("\n") + "\n");
    }

    function exportCsv() {
      const rows = [[words.commitment, words.kind, words.dimension, words.owner, words.due,
        words.note, words.link, words.team]];
      for (const candidate of picked()) {
        rows.push([candidate.text, candidate.kind, candidate.dimension,
          value("owner", candidate.id), value("due", candidate.id), value("note", candidate.id),
          candidate.link, team()]);
      }
      PB.download(fileName("csv"), "text/csv;charset=utf-8", "\ufeff" + PB.csv(rows));
    }

    /* One all-day event per commitment with a date. Event ids depend on the site, the
     * assessment, the team and the commitment, not on the date: importing the file again after
     * a date changed moves the event. */
    function exportCalendar() {
      const ics = PB.ics;
      const dated = picked().filter((candidate) => value("due", candidate.id));
      if (dated.length === 0) {
        say("", words.ics_none);
        return;
      }
      const planId = ics.fingerprint(`${location.host}${PB.site()}|${data.id}|${team()}`);
      const events = dated.map(function (candidate) {
        const due = value("due", candidate.id);
        const owner = value("owner", candidate.id);
        const note = value("note", candidate.id);
        const details = [about(candidate), owner ? `${words.owner}: ${owner}` : "", note,
          candidate.link];
        return [
          `UID:${data.id}.${ics.fingerprint(candidate.id)}.${planId}@playbook-gen`,
          ...ics.allDay(due),
          `SUMMARY:${ics.text(PB.format(words.calendar, { text: candidate.text }))}`,
          `DESCRIPTION:${ics.text(details.filter(Boolean).join("\n"))}`,
          `URL:${candidate.link}`,
          "TRANSP:TRANSPARENT",
        ];
      });
      const name = [words.title, assessment.title, team()].filter(Boolean).join(" · ");
      PB.download(fileName("ics"), "text/calendar", ics.calendar("action plan", name, events));
      say("", "");
    }

    const actions = {
      "export-md": exportMarkdown,
      "export-csv": exportCsv,
      "export-ics": exportCalendar,
      print: () => PB.print("actions"),
    };

    panel.addEventListener("change", function (event) {
      const box = event.target;
      if (box.type === "checkbox" && candidates.has(box.value)) {
        if (box.checked) {
          add(box.value);
        } else {
          remove(box.value);
        }
      }
    });

    panel.addEventListener("input", function (event) {
      const field = event.target.dataset.pbField;
      const item = event.target.closest("[data-pb-commitment]");
      if (!field || !item) {
        return;
      }
      let text = event.target.value;
      if (field === "due" && !ISO_DAY.test(text)) {
        text = "";
      }
      store.put(`${field}/${item.dataset.pbCommitment}`, text);
      store.save();
    });

    panel.addEventListener("click", function (event) {
      const removeButton = event.target.closest("[data-pb-remove]");
      if (removeButton) {
        remove(removeButton.dataset.pbRemove);
        return;
      }
      const button = event.target.closest("[data-pb-plan-action]");
      if (button && PB.hasOwn(actions, button.dataset.pbPlanAction)) {
        actions[button.dataset.pbPlanAction]();
      }
    });

    show();
    panel.dataset.pbReady = "1";
    return { area: area, panel: panel, heading: heading };
  }
})();
