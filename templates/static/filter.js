/* Progressive enhancement: a text box above each register table (inside an element
   marked data-table-filter) that hides the rows not containing what is typed. Without
   this script the full table is shown. Rows behind a "show the other rows" control
   (details) in the same box are searched too, and the control is opened to show them.
   Words come from data-label and data-status,
   which the template fills from the message catalogue; the count is announced
   politely to screen readers. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-table-filter]");
  Array.prototype.forEach.call(boxes, function (box, n) {
    var rows = [];
    Array.prototype.forEach.call(box.querySelectorAll("table"), function (table) {
      if (table.tBodies.length) rows = rows.concat(Array.prototype.slice.call(table.tBodies[0].rows));
    });
    if (!rows.length) return;
    var id = "table-filter-" + (n + 1);
    var wrap = document.createElement("div");
    wrap.className = "filter-box";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = box.getAttribute("data-label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(status);
    box.insertBefore(wrap, box.firstChild);
    var template = box.getAttribute("data-status") || "";
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (words.length) {
        Array.prototype.forEach.call(box.querySelectorAll("details"), function (d) { d.open = true; });
      }
      status.textContent = words.length ? template.replace("{shown}", shown).replace("{total}", rows.length) : "";
    });
  });
})();
