// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Paged.js marks an element a page break cut in two: the part that goes on
// carries `data-split-to`, the continuation on the next page
// `data-split-from`, both with the element's `data-ref` (pagedjs
// src/modules/paged-media/splits.js; a footnote's continuation gets its
// `data-split-from` in footnotes.js). Chromium's tagged PDF keeps none of
// this, so once layout is done `editionPageSplits()` lists every cut block,
// in page order, with the words on either side of the break; the PDF's
// structure post-pass (src/render/pdf-structure.ts) joins exactly these.
/* global window, document */
(function () {
  // Blocks Chromium tags as structure elements of their own; the section and
  // div wrappers around them are flattened in the PDF and not recorded.
  const blocks = "p, blockquote, li, ol, ul, dl, dt, dd, [role=listitem], h1, h2, h3, h4, h5, h6, table, tr, pre, figure, .footnote";
  const around = 40;
  const clean = (text) => text.replace(/\u00ad/g, "").replace(/\s+/g, " ");

  function kindOf(element) {
    if (element.classList.contains("footnote")) return "footnote";
    const role = element.getAttribute("role");
    if (role === "listitem" || role === "list") return role;
    return element.tagName.toLowerCase();
  }

  /** `[{ page, kind, end, start }]`: page = index of the page where the first part ends. */
  window.editionPageSplits = function () {
    const pages = [...document.querySelectorAll(".pagedjs_page")];
    const splits = [];
    pages.forEach((page, index) => {
      const next = pages[index + 1];
      if (!next) return;
      for (const element of page.querySelectorAll("[data-split-to]")) {
        if (!element.matches(blocks)) continue;
        const ref = element.getAttribute("data-split-to");
        const continuation = next.querySelector(`[data-ref="${CSS.escape(ref)}"][data-split-from]`);
        if (!continuation) continue;
        splits.push({ page: index, kind: kindOf(element), end: clean(element.textContent).trimEnd().slice(-around), start: clean(continuation.textContent).trimStart().slice(0, around) });
      }
    });
    return splits;
  };
})();
