/* playbook-gen: a page past its review date says so. The due date is in the page; "today" is
 * the reader's, so a site built long ago still tells the truth. Stands alone: no pb-core. */
(function () {
  "use strict";

  function today() {
    const now = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function check() {
    const line = document.querySelector("[data-pb-due]");
    const notice = document.querySelector("[data-pb-review-notice]");
    if (!line || !notice || today() < line.getAttribute("data-pb-due")) {
      return;
    }
    const heading = document.querySelector(".md-content h1");
    if (heading) {
      heading.after(notice);
    }
    notice.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
