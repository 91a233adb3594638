/* playbook-gen: the results page's drop zone (on pb-core.js, pb-score.js and pb-combine.js).
 * Result files dropped or chosen there (or a folder of them) are checked and combined in the
 * browser as `report` combines them: per assessment, team and date, the team's own scores, its
 * customers' and the gap. Nothing is uploaded or kept. User text is written with textContent
 * only. */
(function () {
  "use strict";

  const PB = window.PB;
  if (!PB.firstLoad("results")) {
    return;
  }
  const make = PB.make;

  PB.onPage(function () {
    const zone = document.querySelector("[data-pb-results-drop]");
    const data = zone && PB.data("pb-results-data");
    if (!data || zone.dataset.pbReady) {
      return;
    }
    start(zone, data);
  });

  /* Every file in a dropped folder, however deep (the File and Directory Entries API). */
  async function filesOf(entry) {
    if (entry.isFile) {
      return [await new Promise((resolve, reject) => entry.file(resolve, reject))];
    }
    const reader = entry.createReader();
    const out = [];
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) {
        return out;
      }
      for (const each of batch) {
        out.push(...(await filesOf(each)));
      }
    }
  }

  function start(zone, data) {
    const area = zone.querySelector("[data-pb-drop-area]");
    for (const input of zone.querySelectorAll("input[type=file]")) {
      input.addEventListener("change", function () {
        const files = Array.from(input.files);
        input.value = "";
        show(zone, data, files);
      });
    }
    zone.addEventListener("click", function (event) {
      const button = event.target.closest("[data-pb-pick]");
      if (button) {
        zone.querySelector(`[data-pb-drop-${button.dataset.pbPick}]`).click();
      }
    });
    area.style.cssText = "padding: 1.5em 1em; text-align: center; " +
      "border: 2px dashed var(--md-default-fg-color--light); border-radius: .2rem;";
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      area.style.borderStyle = "solid";
    });
    zone.addEventListener("dragleave", () => (area.style.borderStyle = "dashed"));
    zone.addEventListener("drop", async function (event) {
      event.preventDefault();
      area.style.borderStyle = "dashed";
      const entries = Array.from(event.dataTransfer.items || [], (item) =>
        item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
      let files = Array.from(event.dataTransfer.files);
      if (entries.length > 0) {
        files = [];
        for (const entry of entries) {
          files.push(...(await filesOf(entry)));
        }
      }
      show(zone, data, files);
    });
    zone.hidden = false;
    zone.dataset.pbReady = 1;
  }

  /* Read the files, sort them by assessment, check and combine each assessment's, and show
   * the figures. */
  async function show(zone, data, chosen) {
    const words = data.t;
    const out = zone.querySelector("[data-pb-drop-out]");
    out.replaceChildren(); /* the last figures go at once, not when the new ones are read */
    const json = chosen.filter((file) => /\.json$/i.test(file.name));
    const byAssessment = new Map(data.assessments.map((each) => [each.id, []]));
    const lines = [];
    const generic = data.assessments[0];
    for (const file of json) {
      if (file.size > generic.result.max_bytes) {
        lines.push(PB.format(generic.t.err_size, { file: file.name }));
        continue;
      }
      const text = await file.text();
      let id = null;
      try {
        id = JSON.parse(text).assessment;
      } catch (error) {
        /* not JSON: the assessment's own check says so below */
      }
      if (byAssessment.has(id)) {
        byAssessment.get(id).push({ name: file.name, text: text });
      } else if (typeof id === "string") {
        lines.push(PB.format(words.r_drop_unknown, { file: file.name, value: id }));
      } else {
        /* unreadable, or not a result: the first assessment's checks say what is wrong */
        lines.push(...PB.checkResults(generic, [{ name: file.name, text: text }]).rejected);
      }
    }
    out.replaceChildren(make("p", { "data-pb-drop-read": "" },
      PB.format(words.r_drop_read, { files: chosen.length })));
    if (chosen.length > json.length) {
      out.append(make("p", {}, PB.format(words.r_drop_skipped, { n: chosen.length - json.length })));
    }
    let shown = 0;
    for (const assessment of data.assessments) {
      const entries = byAssessment.get(assessment.id);
      if (entries.length === 0) {
        continue;
      }
      const read = PB.checkResults(assessment, entries);
      lines.push(...read.rejected);
      if (read.files.length > 0) {
        shown += 1;
        out.append(showAssessment(assessment, read.files, words));
      }
    }
    if (shown === 0) {
      out.append(make("p", {}, words.r_drop_none));
    }
    for (const line of lines) {
      out.append(make("p", { class: "pb-alert", "data-pb-rejected": "" }, line));
    }
  }

  /* One assessment: per team and date, the team's respondents and overall score, its
   * customers' and, where both are given, the gaps side by side. */
  function showAssessment(data, files, words) {
    const section = make("section", { "data-pb-drop-assessment": data.id });
    const groups = PB.combine(data, files, data.min_respondents);
    const teams = new Set(groups.map((group) => PB.teamKey(group.team)));
    section.append(make("h3", {}, data.title), make("p", {},
      PB.format(words.r_drop_counts, { files: files.length, teams: teams.size })));
    for (const group of groups) {
      const part = section.appendChild(make("div", { "data-team": group.team,
        "data-date": group.date }));
      part.append(make("h4", {}, `${group.team} · ${group.date}`));
      part.append(make("p", { "data-pb-side": "self" }, sideLine(group.self, words.r_team,
        data, words)));
      if (group.customer) {
        part.append(make("p", { "data-pb-side": "customer" }, sideLine(group.customer,
          words.r_customers, data, words)));
        part.append(PB.gapTable(data, group.selfSame, group.customer, part, {
          self: words.r_team, caption: words.r_customers_title }));
      }
    }
    return section;
  }

  /* "Team: Respondents: 3 · Overall score: 3.90", or the count and why there is no score. */
  function sideLine(side, label, data, words) {
    if (!side) {
      return `${label}: ${words.r_respondents}: 0`;
    }
    const count = `${label}: ${words.r_respondents}: ${side.respondents}`;
    if (side.withheld) {
      return `${count} · ${PB.format(words.r_drop_withheld, { n: data.min_respondents })}`;
    }
    const overall = side.overall === null ? "–" : PB.number(side.overall, 2);
    return `${count} · ${words.a_overall}: ${overall}`;
  }
})();
