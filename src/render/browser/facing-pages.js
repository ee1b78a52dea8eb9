// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Facing pages end on the same line. The print styles space everything in
// whole body lines (styles/print.css, `--line`), so a page falls short only
// by whole lines, where a widow, an orphan or a heading kept with its text
// carried lines over. A printer then makes the spread short: when a verso
// ends one to three lines short of its foot and its text runs on, the recto
// beside it is laid out that many lines shorter, so both end on one line
// (its footnotes, if any, stand right under its text). A recto that falls
// short by itself (a heading and its first lines carried over) cannot be
// matched by its verso, laid out already: its own page is made up instead,
// a whole line more above each of its block quotations and headings, up to
// the lines it lacks (the lines below stay on the grid, a line lower).
/* global Paged, window, document, NodeFilter */
(function () {
  const maxShort = 3;

  /** The lowest text on the page's text area (footnotes included): its bottom and its glyphs' height. */
  function lastText(area) {
    let last = { bottom: -Infinity, height: 0 };
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.height > 0 && rect.bottom > last.bottom) last = { bottom: rect.bottom, height: rect.height };
    }
    return last;
  }

  /** Whether the page that starts at `token` opens a division or a chapter (a break before it), which no spread rule holds. */
  function opensBreak(token) {
    const node = token && token.node;
    if (!node) return true;
    if (node.nodeType !== 1) return false;
    for (let element = node; element && element.nodeType === 1; element = element.parentElement) {
      const before = element.dataset && element.dataset.breakBefore;
      if (before && before !== "auto" && before !== "avoid") return true;
      if (element.previousElementSibling) break;
    }
    return false;
  }

  /** How many whole lines the page's text ends above its foot, and the line. */
  function shortLines(pageElement) {
    const block = pageElement.querySelector(".text, .back-matter");
    const area = pageElement.querySelector(".pagedjs_area");
    if (!block || !area) return null;
    const line = parseFloat(window.getComputedStyle(block).lineHeight);
    const content = pageElement.querySelector(".pagedjs_page_content").getBoundingClientRect();
    const notes = pageElement.querySelector(".pagedjs_footnote_area");
    const foot = Math.max(content.bottom, notes ? notes.getBoundingClientRect().bottom : -Infinity);
    const last = lastText(area);
    if (!(line > 0) || last.bottom === -Infinity) return null;
    // A full page ends the area's height modulo the line above its foot, and a line's glyphs half their leading above the line's bottom.
    const slack = ((foot - content.top) % line) + Math.max(0, (line - last.height) / 2);
    return { short: Math.round((foot - last.bottom - slack) / line), line, top: content.top };
  }

  /** A line more above each block quotation and heading of the page (not its first block), up to `short` of them. */
  function makeUp(pageElement, { short, line, top }) {
    const spots = [...pageElement.querySelectorAll(".pagedjs_page_content :is(.text, .back-matter) > :is(blockquote, h2, h3, h4, .source-excerpt)")].filter(
      (element) => !element.hasAttribute("data-split-from") && element.getBoundingClientRect().top > top + line,
    );
    for (const element of spots.slice(0, short)) element.style.marginTop = `${parseFloat(window.getComputedStyle(element).marginTop) + line}px`;
  }

  class FacingPages extends Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.shortBy = 0;
    }

    beforePageLayout(page, content, breakToken) {
      const short = this.shortBy;
      this.shortBy = 0;
      if (!short || !page.element.classList.contains("pagedjs_right_page") || opensBreak(breakToken)) return;
      page.area.style.height = `calc(100% - var(--pagedjs-footnotes-height) - ${short}px)`;
      page.element.dataset.shortBy = String(short);
    }

    afterPageLayout(pageElement, page, breakToken) {
      // Only a page its text runs on from: a section's last page ends where its text does.
      if (pageElement.classList.contains("pagedjs_blank_page") || !breakToken || opensBreak(breakToken)) return;
      const measured = shortLines(pageElement);
      if (!measured || measured.short < 1 || measured.short > maxShort) return;
      if (pageElement.classList.contains("pagedjs_left_page")) this.shortBy = measured.short * measured.line;
      else makeUp(pageElement, measured);
    }
  }
  Paged.registerHandlers(FacingPages);
})();
