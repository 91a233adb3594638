/* Only while previewing (`playbook-gen serve`): when the last save left problems in the
   content, list them above the page, which is the last version without problems. The list is
   read from a file beside this script, so a save changes that file, not every page. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.fetch) return;
  fetch(new URL("preview-problems.json", me.src), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.problems || !data.problems.length) return;
      var box = document.createElement("div");
      box.className = "pb-preview-problems";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "margin:0 0 1rem;padding:.8rem 1rem;background:#fff4e5;color:#3d2200;" +
        "border-left:4px solid #b35c00;font-size:.8rem;line-height:1.5";
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 .4rem;font-weight:700";
      title.textContent = data.title;
      box.appendChild(title);
      var list = document.createElement("ul");
      list.style.cssText = "margin:0;padding-left:1.2rem";
      data.problems.forEach(function (line) {
        var item = document.createElement("li");
        item.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;font-family:monospace";
        item.textContent = line;
        list.appendChild(item);
      });
      box.appendChild(list);
      var place = document.querySelector(".md-content") || document.body;  // Material's, or any
      place.insertBefore(box, place.firstChild);
    })
    .catch(function () {});
})();
