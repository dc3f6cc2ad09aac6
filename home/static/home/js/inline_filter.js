// The search box above a long inline panel (home.admin_panels, filterable=True): hides the rows
// whose title and label do not contain what is typed, accents and case ignored. Without
// JavaScript the box stays hidden and every row is shown.
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function rowText(row) {
    var parts = [row.getAttribute("data-inline-row-title") || ""];
    row.querySelectorAll("input[type=text], select").forEach(function (field) {
      parts.push(field.tagName === "SELECT" && field.selectedOptions[0] ? field.selectedOptions[0].text : field.value);
    });
    return fold(parts.join(" "));
  }

  function setUp(box) {
    var rows = document.getElementById(box.getAttribute("data-inline-filter-for"));
    var input = box.querySelector("input[type=search]");
    var count = box.querySelector("[data-inline-filter-count]");
    if (!rows || !input) {
      return;
    }
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var shown = 0;
      var all = rows.querySelectorAll(":scope > [data-inline-panel-child]");
      all.forEach(function (row) {
        var match = !wanted || rowText(row).indexOf(wanted) !== -1;
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      count.textContent = wanted ? box.getAttribute("data-count-template").replace("%(shown)s", shown).replace("%(total)s", all.length) : "";
    });
  }

  function init() {
    document.querySelectorAll("[data-inline-filter-for]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
