/* playbook-gen core: what the assessment and checklist pages share.
 * Storage, page data, downloads, CSV, number formatting and start-up. No framework, no network.
 * User text is only ever written with textContent. */
(function () {
  "use strict";
  var PB = (window.PB = window.PB || {});
  var starters = [];

  /* Run `fn(root)` on every page view, including Material's instant navigation. */
  PB.onPage = function (fn) {
    starters.push(fn);
  };
  function start() {
    starters.forEach(function (fn) {
      try {
        fn(document);
      } catch (err) {
        if (window.console) console.warn("playbook-gen:", err);
      }
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    setTimeout(start, 0);
  }

  /* Material's one-key shortcuts (n, p, s, /) listen on window: a key pressed on one of our
   * radio buttons or checkboxes would leave the page or jump to search. Such keys stop here. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key && event.key.length === 1 && !event.ctrlKey && !event.metaKey &&
        !event.altKey && target instanceof Element &&
        target.matches("input, select, textarea, button, a") &&
        target.closest("[data-pb-assessment], [data-pb-checklist], [data-pb-onboarding], .pb-bar")) {
      event.stopPropagation();
    }
  });

  /* Read the JSON a page carries in <script type="application/json" id="...">. */
  PB.data = function (id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (err) {
      return null;
    }
  };

  /* The site's identity for storage keys: its root path, so all pages of a handbook share keys
   * and two handbooks on one host don't mix. Pages have no <base>; this file is served from
   * <root>/assets/playbook/, which gives the root from any page. */
  var root = new URL("../../", (document.currentScript || location).src || location.href).pathname;
  PB.site = function () {
    return root;
  };

  /* Namespaced, versioned localStorage. A corrupt or missing value reads as null, never throws. */
  PB.store = {
    key: function (kind, id) {
      return "pb:" + PB.site() + ":" + kind + ":" + id;
    },
    read: function (kind, id, version) {
      try {
        var raw = localStorage.getItem(PB.store.key(kind, id));
        if (!raw) return null;
        var value = JSON.parse(raw);
        if (!value || typeof value !== "object" || value.v !== version) return null;
        return value;
      } catch (err) {
        return null;
      }
    },
    write: function (kind, id, version, value) {
      value.v = version;
      try {
        localStorage.setItem(PB.store.key(kind, id), JSON.stringify(value));
        return true;
      } catch (err) {
        return false; /* storage full or disabled: the page still works, it just forgets */
      }
    },
    clear: function (kind, id) {
      try {
        localStorage.removeItem(PB.store.key(kind, id));
      } catch (err) {
        /* nothing to do */
      }
    },
  };

  /* A plain object holding only own, safe keys (no __proto__, constructor, prototype). */
  PB.safeKey = function (key) {
    return typeof key === "string" && key !== "__proto__" && key !== "constructor" &&
      key !== "prototype";
  };

  /* Offer text as a file download. */
  PB.download = function (filename, mime, text) {
    var blob = new Blob([text], { type: mime });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    /* The download reads the blob after this returns; a slow machine may take a while. */
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  };

  /* One CSV cell's text, by the rule of `playbook-gen report` (results.csv_cell): a number as it
   * is, even a negative one; text that a spreadsheet would run as a formula (starting with =, +,
   * -, @, tab or carriage return) behind a "'". Both follow tests/vectors/csv/cells.json. */
  PB.csvText = function (value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return String(value);
    var text = String(value);
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  };
  /* One CSV cell, quoted. */
  PB.csvCell = function (value) {
    return '"' + PB.csvText(value).replace(/"/g, '""') + '"';
  };
  PB.csv = function (rows) {
    return rows.map(function (row) {
      return row.map(PB.csvCell).join(",");
    }).join("\r\n") + "\r\n";
  };

  /* A file name part from free text: letters, digits and hyphens. */
  PB.slug = function (text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export";
  };

  /* The language that applies to `el` (its nearest lang attribute), else the page's. */
  PB.lang = function (el) {
    var owner = el && el.closest ? el.closest("[lang]") : null;
    return (owner || document.documentElement).lang || "en";
  };
  /* A number as the reader writes it; `digits` fixes the decimals when given. */
  PB.number = function (value, digits, el) {
    var fixed = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return Number(value).toLocaleString(PB.lang(el), fixed);
  };
  PB.today = function () {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };

  /* Tell screen readers (and everyone) what just happened, in the page's [data-pb-status]. */
  PB.say = function (text) {
    var el = document.querySelector("[data-pb-status]");
    if (el) el.textContent = text;
  };

  /* Print; while the dialog is open <html data-pb-print="mode"> lets CSS vary (e.g. "blank"). */
  PB.print = function (mode) {
    var html = document.documentElement;
    html.setAttribute("data-pb-print", mode || "");
    window.addEventListener("afterprint", function () {
      html.removeAttribute("data-pb-print");
    }, { once: true });
    window.print();
  };
})();
