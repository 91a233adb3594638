/* playbook-gen: calendar files (RFC 5545), shared by the onboarding plan (pb-plan.js) and the
 * assessment's action plan (pb-actions.js): text escaped, lines folded, all-day events. The
 * site serves it inside each of those page scripts (pages/render.py, PAGE_SCRIPTS). */
(function () {
  "use strict";

  /* A TEXT value: backslash, semicolon, comma and line breaks escaped. */
  function text(value) {
    return String(value).replace(/[\\;,]/g, "\\$&").replace(/\r\n|\r|\n/g, "\\n");
  }

  /* A content line folded at 75 octets of UTF-8, never inside a character; each continuation
   * line starts with a space. */
  function fold(line) {
    const out = [];
    let current = "";
    let octets = 0;
    for (const character of line) {
      const code = character.codePointAt(0);
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += character;
      octets += size;
    }
    out.push(current);
    return out.join("\r\n");
  }

  /* A short fingerprint (FNV-1a, 32 bits) of a text, for event ids. */
  function fingerprint(value) {
    let hash = 0x811c9dc5;
    for (const character of value) {
      hash ^= character.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, "0");
  }

  /* An all-day event on a YYYY-MM-DD day: it ends on the next day. */
  function allDay(iso) {
    const next = new Date(Date.parse(iso) + 864e5).toISOString().slice(0, 10);
    return [`DTSTART;VALUE=DATE:${iso.replace(/-/g, "")}`,
      `DTEND;VALUE=DATE:${next.replace(/-/g, "")}`];
  }

  /* A whole calendar: `events` are lists of content lines (without BEGIN/END:VEVENT). */
  function calendar(product, name, events) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:-//playbook-gen//${product}//EN`,
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + text(name),
    ];
    for (const event of events) {
      lines.push("BEGIN:VEVENT", `DTSTAMP:${stamp}`, ...event, "END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  window.PB.ics = { text: text, fingerprint: fingerprint, allDay: allDay, calendar: calendar };
})();
