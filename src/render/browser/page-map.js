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
    // Running heads: the division that carries them, and what marks its opening page.
    runningHeadSelector: "[data-running-recto]",
    openingSelector: "h1",
  };
  const state = { anchors: {}, folios: [], bodyStart: undefined, pageCount: 0 };
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

  class EditionPageMap extends Paged.Handler {
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
      // An opening page (a text's or a section's title) carries neither folio nor running head.
      const opening = pageElement.querySelector(config.runningHeadSelector) && pageElement.querySelector(config.openingSelector);
      if (!silent && !opening) {
        const box = pageElement.querySelector(".pagedjs_margin-bottom-center");
        box.classList.add("hasContent");
        box.querySelector(".pagedjs_margin-content").textContent = folio;
        writeRunningHead(pageElement);
      }
      if (window.onEditionPage) window.onEditionPage(state.pageCount);
    }
  }
  /** Verso: the edition's title; recto: the section's title. */
  function writeRunningHead(pageElement) {
    const division = pageElement.querySelector(config.runningHeadSelector);
    if (!division) return;
    const verso = pageElement.classList.contains("pagedjs_left_page");
    const box = pageElement.querySelector(".pagedjs_margin-top-center");
    box.classList.add("hasContent");
    box.querySelector(".pagedjs_margin-content").textContent = verso ? division.dataset.runningVerso : division.dataset.runningRecto;
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
