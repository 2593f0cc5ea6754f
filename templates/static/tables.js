/* Progressive enhancement: click a column heading of a table marked data-sortable to sort
   it. The full table is readable without this script. Sort state is announced through
   aria-sort on the heading. */
(function () {
  "use strict";
  function cellValue(row, index, kind) {
    var cell = row.children[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (kind === "money" || kind === "number") {
      var n = parseFloat(String(raw).replace(/[£,\s]/g, ""));
      return isNaN(n) ? -Infinity : n;
    }
    return String(raw).toLowerCase();
  }
  // A register's rows after the first 50 are in a second table behind a "show" control
  // (in the same [data-table-group] box): sorting either sorts the rows of both, and
  // each table keeps as many rows as it had.
  function partners(table) {
    var box = table.closest("[data-table-group]");
    return box ? Array.prototype.slice.call(box.querySelectorAll("table[data-sortable]")) : [table];
  }
  function sortBy(table, index, kind, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var group = partners(table);
    var rows = [], counts = [];
    group.forEach(function (t) {
      var headers = t.querySelectorAll("thead th");
      for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
      if (headers[index]) headers[index].setAttribute("aria-sort", ascending ? "ascending" : "descending");
      counts.push(t.tBodies[0].rows.length);
      rows = rows.concat(Array.prototype.slice.call(t.tBodies[0].rows));
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      if (x < y) return ascending ? -1 : 1;
      if (x > y) return ascending ? 1 : -1;
      return 0;
    });
    var next = 0;
    group.forEach(function (t, n) {
      var body = t.tBodies[0];
      rows.slice(next, next + counts[n]).forEach(function (row) { body.appendChild(row); });
      next += counts[n];
    });
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, index, th.getAttribute("data-kind") || "text", button);
      });
    });
  });
})();
/* Progressive enhancement: a table box that is too narrow for its table (and so scrolls
   sideways) says so: a visible cue above it and, for screen readers, a named region
   described by that cue. Only such a box is a tab stop; one that fits is not. Checked
   again when the window changes size. The words come from the body's data-scroll-hint. */
(function () {
  "use strict";
  var hintText = document.body.getAttribute("data-scroll-hint") || "";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
  boxes.forEach(function (box, n) {
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.id = "scroll-hint-" + (n + 1);
    hint.textContent = hintText;
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    box.scrollHint = hint;
  });
  function check() {
    boxes.forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls === box.hasAttribute("data-scrolls")) return;
      box.scrollHint.hidden = !scrolls;
      if (scrolls) {
        box.setAttribute("data-scrolls", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var by = box.getAttribute("data-scroll-labelledby");
        if (by) box.setAttribute("aria-labelledby", by);
        else box.setAttribute("aria-label", box.getAttribute("data-scroll-label") || hintText);
        box.setAttribute("aria-describedby", box.scrollHint.id);
      } else {
        ["data-scrolls", "tabindex", "role", "aria-label", "aria-labelledby",
         "aria-describedby"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  check();
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 100);
  });
  window.addEventListener("load", check);
})();
/* Printing shows every row: the rows behind a "show the other rows" control too. */
window.addEventListener("beforeprint", function () {
  Array.prototype.forEach.call(document.querySelectorAll("details.more-rows"), function (d) { d.open = true; });
});
