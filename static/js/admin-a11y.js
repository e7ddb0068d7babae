/* Django admin leaves some controls without an accessible name: the cells of tabular inlines
   and list_editable columns (their column header is not a <label>), the two halves of a
   date-time field, select2 boxes, the filter widgets' search icons, the changelist's search
   box (an icon as its only label). Screen readers announce them as "edit text". This names
   each from what sighted people read next to it; it runs on load and for every inline row
   added later. Server-rendered HTML stays Django's own, so upgrades do not fight templates. */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function hasName(control) {
    return control.getAttribute("aria-label") || control.getAttribute("aria-labelledby") ||
      (control.id && document.querySelector('label[for="' + control.id + '"]'));
  }

  var CONTROLS = "input:not([type=hidden]), select, textarea";

  var GERMAN = document.documentElement.lang === "de";

  // A cell td.field-NAME is described by its column's th.column-NAME; other cells (the
  // delete box) by the header at the same position.
  function headerFor(table, cell) {
    var column = Array.from(cell.classList).find(function (c) { return c.indexOf("field-") === 0; });
    if (column) {
      return table.querySelector("thead th.column-" + column.slice(6));
    }
    var headers = table.querySelectorAll("thead tr:first-child th");
    return headers.length === cell.parentElement.children.length ? headers[cell.cellIndex] : null;
  }

  function nameTableCells(root) {
    root.querySelectorAll("table").forEach(function (table) {
      table.querySelectorAll("tbody td").forEach(function (cell) {
        var label = text(headerFor(table, cell));
        if (!label) { return; }
        cell.querySelectorAll(CONTROLS).forEach(function (control) {
          if (!hasName(control) || control.getAttribute("title")) {
            control.setAttribute("aria-label", label);
          }
        });
      });
      // Tabular inlines leave two headers empty: the one above each row's object, and the
      // delete column's where rows cannot be deleted.
      table.querySelectorAll("thead th").forEach(function (th) {
        if (text(th)) { return; }
        var span = document.createElement("span");
        span.className = "a11y-hidden";
        if (th.classList.contains("original")) {
          span.textContent = GERMAN ? "Eintrag" : "Entry";
        } else {
          span.textContent = GERMAN ? "Aktionen" : "Actions";
        }
        th.appendChild(span);
      });
    });
  }

  // <p class="datetime">Date: <input> Time: <input></p> next to the field's label.
  function nameDateTimeHalves(root) {
    root.querySelectorAll("p.datetime").forEach(function (p) {
      var row = p.closest(".form-row, .fieldBox, td, .flex-container");
      var field = text(row && row.querySelector("label"));
      p.querySelectorAll("input:not([type=hidden])").forEach(function (input) {
        var before = input.previousSibling;
        while (before && before.nodeType !== Node.TEXT_NODE) { before = before.previousSibling; }
        var part = text(before).replace(/:$/, "");
        if (!input.getAttribute("aria-label")) {
          input.setAttribute("aria-label", [field.replace(/:$/, ""), part].filter(Boolean).join(" – "));
        }
      });
    });
  }

  // select2 names its box (and the text inside it) after the chosen value, which is empty
  // until something is chosen: the field's label comes first.
  function nameSelect2Boxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!container) { return; }
      if (!label) {  // in a tabular inline: named after its column by nameTableCells
        var name = select.getAttribute("aria-label");
        container.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (part) {
          if (name) { part.setAttribute("aria-label", name); }
        });
        return;
      }
      label.id = label.id || select.id + "-label";
      container.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (part) {
        var ids = (part.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
        if (ids.indexOf(label.id) < 0) {
          part.setAttribute("aria-labelledby", [label.id].concat(ids).join(" "));
        }
      });
    });
  }

  function fixIconsAndSearch(root) {
    // The filter widgets' magnifier carries a title on a plain span: make it an image.
    root.querySelectorAll(".help-tooltip[aria-label], .help-tooltip[title]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    var search = root.querySelector("#changelist-search");
    var label = search && search.querySelector('label[for="searchbar"]');
    var button = search && search.querySelector("input[type=submit]");
    if (label && button && !label.querySelector(".search-label-text")) {
      var visible = document.createElement("span");
      visible.className = "search-label-text";
      visible.textContent = button.value;
      label.querySelectorAll("img").forEach(function (img) { img.alt = ""; });
      label.appendChild(visible);
    }
  }

  function fixAll(root) {
    nameTableCells(root);
    nameDateTimeHalves(root);
    nameSelect2Boxes(root);
    fixIconsAndSearch(root);
  }

  // After Django's own scripts (select2 on jQuery's ready, registered before this deferred
  // script; the filter widgets on load) have built their parts.
  document.addEventListener("DOMContentLoaded", function () { fixAll(document); });
  // jQuery 3 runs ready handlers asynchronously, possibly after the load event.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () { fixAll(document); });
  }
  window.addEventListener("load", function () { fixAll(document); });
  document.addEventListener("formset:added", function () { fixAll(document); });
})();
