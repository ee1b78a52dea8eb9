// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Paged.js 0.4.3 continues a table on the next page without its header row:
// where it rebuilds a split table (`data-split-from`) to hold the next rows,
// this handler puts a copy of the table's `thead` in first, before the rows
// are measured, so the header's height counts in the page's layout.
/* global Paged */
(function () {
  class RepeatTableHeaders extends Paged.Handler {
    renderNode(clone, node) {
      if (!clone || clone.nodeType !== 1 || !node || node.nodeType !== 1) return;
      const table = clone.closest("table[data-split-from]");
      if (!table || table.querySelector(":scope > thead")) return;
      const head = node.closest("table")?.querySelector(":scope > thead");
      if (!head || head.contains(node)) return;
      const copy = head.cloneNode(true);
      copy.setAttribute("data-repeated-header", "");
      table.insertBefore(copy, table.querySelector(":scope > tbody") ?? table.firstChild);
    }
  }
  Paged.registerHandlers(RepeatTableHeaders);
})();
