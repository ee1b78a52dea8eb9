// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// The print HTML carries a soft hyphen (U+00AD) at every place a word may
// break (src/render/print-html.ts: Chromium here has no hyphenation
// dictionaries), and Chromium writes every one of them into the PDF's text
// layer, where `Trot­sky` then matches no search and a screen reader may
// spell the pieces. Once a page is laid out, this handler removes every soft
// hyphen that does not end a line: only the breaks the layout used stay.
// Removing an unused break opportunity changes no width, so the lines stay
// as they were laid out.
/* global Paged, window, document, NodeFilter */
(function () {
  const softHyphen = "\u00ad";
  const stats = { removed: 0, kept: 0, ms: 0 };
  window.editionSoftHyphens = stats;

  /** The text node after (step 1) or before (step -1) `node` in the page that holds any character. */
  function neighbour(walker, node, step) {
    walker.currentNode = node;
    for (let next = step > 0 ? walker.nextNode() : walker.previousNode(); next; next = step > 0 ? walker.nextNode() : walker.previousNode()) {
      if (next.data.replace(/\u00ad/g, "").length) return next;
    }
    return null;
  }

  /** The box of the visible character next to `index` in `node` (step -1: before it, 1: after it), or null. */
  function characterBox(walker, node, index, step) {
    let target = node;
    let at = step > 0 ? index + 1 : index - 1;
    // Skip soft hyphens next to this one (none in practice) and cross into the neighbouring text node.
    while (target) {
      while (at >= 0 && at < target.data.length && target.data[at] === softHyphen) at += step;
      if (at >= 0 && at < target.data.length) break;
      target = neighbour(walker, target, step);
      if (target) at = step > 0 ? 0 : target.data.length - 1;
    }
    if (!target) return null;
    const range = document.createRange();
    range.setStart(target, at);
    range.setEnd(target, at + 1);
    // Where a line breaks at a soft hyphen, Chromium gives the next character two boxes: the hyphen it draws at
    // the end of the line, then the character itself at the start of the next: its own is the last one.
    const rects = [...range.getClientRects()].filter((rect) => rect.height > 0);
    return rects.length ? rects[rects.length - 1] : null;
  }

  /** Whether the soft hyphen at `index` of `node` ends a line: the character after it stands on a lower line. */
  function endsLine(walker, node, index) {
    const before = characterBox(walker, node, index, -1);
    const after = characterBox(walker, node, index, 1);
    // Nothing after it on this page: the page (and so the line) ends here.
    if (!before || !after) return true;
    return after.top >= before.top + before.height / 2;
  }

  class SoftHyphens extends Paged.Handler {
    afterPageLayout(pageElement) {
      const started = window.performance.now();
      const walker = document.createTreeWalker(pageElement, NodeFilter.SHOW_TEXT);
      // A second walker looks for neighbouring text, so the first keeps its place.
      const probe = document.createTreeWalker(pageElement, NodeFilter.SHOW_TEXT);
      const edits = [];
      // Measure everything first, change afterwards: the measures then read one layout.
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.data.includes(softHyphen)) continue;
        const keep = new Set();
        for (let index = node.data.indexOf(softHyphen); index !== -1; index = node.data.indexOf(softHyphen, index + 1)) {
          if (endsLine(probe, node, index)) keep.add(index);
        }
        edits.push({ node, keep });
      }
      for (const { node, keep } of edits) {
        let text = "";
        for (let index = 0; index < node.data.length; index++) {
          const character = node.data[index];
          if (character !== softHyphen) text += character;
          else if (keep.has(index)) (text += character), stats.kept++;
          else stats.removed++;
        }
        node.data = text;
      }
      stats.ms += window.performance.now() - started;
    }
  }
  Paged.registerHandlers(SoftHyphens);
})();
