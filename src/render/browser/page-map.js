// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Records on which page each anchor lands, writes each page's folio, and
// fills the contents' page numbers in as text once layout is done, in slots
// that reserved their width. Folios are written here rather than with CSS
// counters because Paged.js 0.4.3 loses a `counter-reset: page` after the
// page that carries it; one piece of code now decides every page number.
/* global Paged, window, document */
(function () {
  // Class names of the contract in src/book/schema.ts (printClasses, pageRefClasses);
  // test/book-schema.test.ts checks that these selectors name them.
  const config = {
    bodyStartSelector: ".body-start",
    noFolioSelector: ".half-title, .title-page, .copyright",
    contentsSlotSelector: ".contents-page",
    // Back-matter page references (src/book/back-matter/ writes them; any back matter may).
    pageRefSelector: "a.page-ref",
    pageRefListSelector: ".page-ref-list",
    // Running heads: the division that carries them, and what marks an opening page: a text's title, or a
    // division heading (src/book/schema.ts divisionHeadingClasses), which opens a page of its own in print.
    runningHeadSelector: "[data-running-recto]",
    openingSelector: "h1, .volume-heading, .book-heading, .part-heading, .chapter-heading",
  };
  const state = { anchors: {}, folios: [], bodyStart: undefined, pageCount: 0, pageStarts: [] };
  // The content Paged.js lays out, and the page-reference targets not yet placed.
  const refs = { source: undefined, waiting: new Set(), filled: false };
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

  /** One list of references: each page once, in order, consecutive pages as a range (./page-ranges.js); each number links to the first target on its pages. */
  function fillList(list) {
    const firstOnPage = new Map();
    const notes = [];
    for (const link of list.querySelectorAll(config.pageRefSelector)) {
      const page = state.anchors[link.getAttribute("href").slice(1)];
      // A mention in a note reads `19n4` (its note's label in data-note).
      if (link.dataset.note) notes.push({ page, label: link.dataset.note, link });
      else if (!firstOnPage.has(page)) firstOnPage.set(page, link);
    }
    list.replaceChildren();
    // A list after a heading reads `Heading, 12, 15`; one after its own words (`p. `) says so in data-lead.
    let separator = list.dataset.lead ?? ", ";
    for (const { run, note } of window.editionPageRanges.listItems([...firstOnPage.keys()], notes)) {
      const link = run ? firstOnPage.get(run.start) : note.link;
      link.textContent = run ? window.editionPageRanges.runText(state.folios, run) : window.editionPageRanges.noteText(state.folios, note);
      list.append(separator, link);
      separator = ", ";
    }
  }

  /**
   * Written into the content Paged.js has not laid out yet, as soon as every
   * target has its page, so the back matter is laid out with its real numbers
   * (late filling, as target-counter does, overflows and loses lines).
   */
  function fillPageRefs() {
    refs.filled = true;
    for (const list of refs.source.querySelectorAll(config.pageRefListSelector)) fillList(list);
    for (const link of refs.source.querySelectorAll(config.pageRefSelector)) {
      if (link.closest(config.pageRefListSelector)) continue;
      link.textContent = state.folios[state.anchors[link.getAttribute("href").slice(1)]];
    }
  }

  class EditionPageMap extends Paged.Handler {
    beforePageLayout(page, content, breakToken) {
      state.pageStarts[page.position] = pageStart(content, breakToken);
    }

    afterParsed(parsed) {
      refs.source = parsed;
      for (const link of parsed.querySelectorAll(config.pageRefSelector)) refs.waiting.add(link.getAttribute("href").slice(1));
    }

    afterPageLayout(pageElement, page) {
      const index = page.position;
      state.pageCount = Math.max(state.pageCount, index + 1);
      if (state.bodyStart === undefined && pageElement.querySelector(config.bodyStartSelector)) state.bodyStart = index;
      for (const element of pageElement.querySelectorAll("[id]")) {
        // The first page an id stands on; a split element repeats its id.
        if (!(element.id in state.anchors)) state.anchors[element.id] = index;
        refs.waiting.delete(element.id);
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
      if (!refs.filled && refs.source && refs.waiting.size === 0) fillPageRefs();
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

  /** Targets of back-matter page references that no page holds. */
  window.editionMissingPageRefs = function () {
    return [...refs.waiting];
  };

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
