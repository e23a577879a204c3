"""The one script a report carries: sort a table by clicking a column header, filter its rows by a text box.

Constant text (nothing crawled is ever put in it), allowed by its SHA-256 in the page's CSP; without it
every table is still complete and readable, so the buttons and the filter box are only added by the script."""

from __future__ import annotations

import base64
import hashlib

TABLE_SCRIPT = """(function () {
  "use strict";
  var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true});
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function value(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function sortBy(table, th, column) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    each(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    each(table.tBodies, function (body) {
      var rows = Array.prototype.slice.call(body.rows);
      // A group's heading row (one th scope=colgroup) stays at the top of its body.
      var heading = function (row) { return row.cells.length === 1 && row.cells[0].getAttribute("scope") === "colgroup"; };
      var sorted = rows.filter(function (row) { return !heading(row); });
      sorted.sort(function (a, b) {
        var order = collator.compare(value(a, column), value(b, column));
        return ascending ? order : -order;
      });
      rows.filter(heading).concat(sorted).forEach(function (row) { body.appendChild(row); });
    });
  }

  function addFilter(table, number) {
    var place = table.parentNode.classList.contains("table-wrap") ? table.parentNode : table;
    var box = document.createElement("p");
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("span");
    var total = 0;
    each(table.tBodies, function (body) { total += body.rows.length; });
    box.className = "filter";
    input.type = "search";
    input.id = "table-filter-" + number;
    label.htmlFor = input.id;
    label.textContent = table.getAttribute("data-filter-label");
    status.className = "meta";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    place.parentNode.insertBefore(box, place);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      each(table.tBodies, function (body) {
        each(body.rows, function (row) {
          var match = needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1;
          row.hidden = !match;
          shown += match ? 1 : 0;
        });
      });
      status.textContent = needle === "" ? "" : table.getAttribute("data-filter-count")
        .split("{shown}").join(String(shown)).split("{total}").join(String(total));
    });
  }

  each(document.querySelectorAll("table[data-sortable]"), function (table, number) {
    if (!table.tHead || !table.tHead.rows.length) { return; }
    each(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, column); });
    });
    if (table.hasAttribute("data-filter-label")) { addFilter(table, number); }
  });
}());
"""


def script_hash(script: str = TABLE_SCRIPT) -> str:
    """The CSP source expression that allows exactly this script text and nothing else."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
