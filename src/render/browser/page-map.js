// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Records on which page each anchor lands, writes each page's folio, and
// fills the contents' page numbers in as text once layout is done, in slots
// that reserved their width. Folios are written here rather than with CSS
// counters because Paged.js 0.4.3 loses a `counter-reset: page` after the
// page that carries it; one piece of code now decides every page number.
/* global Paged, window, document */
(function () {
  // Class names written by src/render/print-html.ts.
  const config = {
    bodyStartSelector: ".body-start",
    noFolioSelector: ".half-title, .title-page",
    contentsSlotSelector: ".contents-page",
  };
  const state = { anchors: {}, folios: [], bodyStart: undefined, pageCount: 0, pageStarts: [] };
  window.editionPageMap = state;

  function roman(number) {
    const digits = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
    let out = "";
    for (const [value, letters] of digits) {
      while (number >= value) {
        out += letters;
        number -= value;
      }
    }
    return out;
  }

  /** Front matter counts in roman from the first page; the body in arabic from its first page. */
  function folioFor(index) {
    const start = state.bodyStart;
    return start === undefined || index < start ? roman(index + 1) : String(index - start + 1);
  }

  // Where each page starts, for the EPUB's page-list: for every ancestor
  // with an id, the count of characters before the start that are neither
  // white space nor soft hyphens (so serialisation and print-only hyphens do
  // not shift it), plus the text that follows, to find the place again.
  const uncounted = /[\s\u00ad]/g;
  const counted = (text) => text.replace(uncounted, "").length;

  function pageStart(content, breakToken) {
    if (!content) return null; // a blank page inserted by a break
    const node = breakToken && breakToken.node ? breakToken.node : content.firstChild;
    const offset = breakToken && breakToken.node && node.nodeType === 3 ? breakToken.offset : 0;
    const ids = [];
    for (let element = node.nodeType === 1 ? node : node.parentElement; element; element = element.parentElement) {
      if (!element.id) continue;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let before = 0;
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (text === node) {
          before += counted(text.data.slice(0, offset));
          break;
        }
        if (node.nodeType === 1 && node.contains(text)) break;
        before += counted(text.data);
      }
      ids.push({ id: element.id, offset: before });
    }
    let snippet = "";
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    let text = node.nodeType === 3 ? node : walker.nextNode();
    let start = offset;
    while (text && snippet.length < 30) {
      snippet += text.data.slice(start).replace(uncounted, "");
      start = 0;
      text = walker.nextNode();
    }
    return { ids, snippet: snippet.slice(0, 30) };
  }

  class EditionPageMap extends Paged.Handler {
    beforePageLayout(page, content, breakToken) {
      state.pageStarts[page.position] = pageStart(content, breakToken);
    }

    afterPageLayout(pageElement, page) {
      const index = page.position;
      state.pageCount = Math.max(state.pageCount, index + 1);
      if (state.bodyStart === undefined && pageElement.querySelector(config.bodyStartSelector)) state.bodyStart = index;
      for (const element of pageElement.querySelectorAll("[id]")) {
        // The first page an id stands on; a split element repeats its id.
        if (!(element.id in state.anchors)) state.anchors[element.id] = index;
      }
      const folio = folioFor(index);
      state.folios[index] = folio;
      const silent = pageElement.classList.contains("pagedjs_blank_page") || pageElement.querySelector(config.noFolioSelector);
      if (!silent) {
        const box = pageElement.querySelector(".pagedjs_margin-bottom-center");
        box.classList.add("hasContent");
        box.querySelector(".pagedjs_margin-content").textContent = folio;
      }
      if (window.onEditionPage) window.onEditionPage(state.pageCount);
    }
  }
  Paged.registerHandlers(EditionPageMap);

  /** Write each contents entry's page number; returns the targets that have none. */
  window.editionFillContents = function () {
    const missing = [];
    for (const slot of document.querySelectorAll(config.contentsSlotSelector)) {
      const index = state.anchors[slot.dataset.target];
      if (index === undefined) missing.push(slot.dataset.target);
      else slot.textContent = state.folios[index];
    }
    return missing;
  };
})();
