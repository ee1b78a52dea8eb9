// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// At most two hyphenated lines in a row (CSS `hyphenate-limit-lines: 2`,
// which Chromium does not implement). Before the texts are laid out, their
// paragraphs are set once off-page at the width of the page's text area (a
// copy, footnotes hidden as they leave their paragraph on the page); where a
// third line in a row would end on a hyphen, the soft hyphens of that word
// are taken out of the book, so the word moves whole to the next line. The
// copy is set again after each change, until no paragraph has such a run.
// Lines break alike on the page: the measure, the face and the styles are
// the same (a paragraph split by a page break keeps its lines).
/* global Paged, window, document, NodeFilter */
(function () {
  const softHyphen = "\u00ad";
  const maxRun = 2;
  const blockSelector = ".text p, .text li, .text dd";
  const stats = { ladders: 0, ms: 0 };
  window.editionHyphenLadders = stats;

  /** Every text node of `root`, in order. */
  function textNodes(root) {
    const nodes = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    return nodes;
  }

  function box(node, at) {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const rects = [...range.getClientRects()].filter((rect) => rect.height > 0);
    return rects.length ? rects[rects.length - 1] : null;
  }

  /** The soft hyphens of `block` where a line ends, in order: the node, the index and the line's top. */
  function usedHyphens(block) {
    const used = [];
    const nodes = textNodes(block).filter((node) => !node.parentElement.closest(".footnote"));
    nodes.forEach((node, nodeIndex) => {
      for (let at = node.data.indexOf(softHyphen); at !== -1; at = node.data.indexOf(softHyphen, at + 1)) {
        const before = at > 0 ? box(node, at - 1) : null;
        let after = null;
        if (at + 1 < node.data.length) after = box(node, at + 1);
        else {
          const next = nodes[nodeIndex + 1];
          if (next && next.data.length) after = box(next, 0);
        }
        if (before && after && after.top > before.top + before.height / 2) used.push({ node, at, top: before.top });
      }
    });
    return used;
  }

  /** The soft hyphens of the word around index `at` of `node`, in that text node. */
  function wordSpan(node, at) {
    let start = at;
    let end = at;
    while (start > 0 && /[\p{L}\u00ad]/u.test(node.data[start - 1])) start--;
    while (end < node.data.length && /[\p{L}\u00ad]/u.test(node.data[end])) end++;
    return [start, end];
  }

  /** Takes out the hyphens that make a third hyphenated line in a row, in the copy and in the book; the changes made. */
  function fixBlock(block, original) {
    let changes = 0;
    for (let round = 0; round < 8; round++) {
      const used = usedHyphens(block);
      const lineHeight = parseFloat(window.getComputedStyle(block).lineHeight) || 15;
      let run = 1;
      let found = null;
      for (let index = 1; index < used.length; index++) {
        const step = used[index].top - used[index - 1].top;
        run = Math.abs(step - lineHeight) < lineHeight / 2 ? run + 1 : 1;
        if (run > maxRun) {
          found = used[index];
          break;
        }
      }
      if (!found) return changes;
      const [start, end] = wordSpan(found.node, found.at);
      const whole = found.node.data.slice(start, end).replaceAll(softHyphen, "");
      const target = original.get(found.node);
      for (const node of [found.node, target]) if (node) node.data = node.data.slice(0, start) + whole + node.data.slice(end);
      changes++;
    }
    return changes;
  }

  function fixLadders(source, width) {
    const started = performance.now();
    const measure = document.createElement("div");
    measure.setAttribute("aria-hidden", "true");
    measure.style.cssText = `position:absolute;left:-20000px;top:0;width:${width}px;visibility:hidden`;
    const style = document.createElement("style");
    style.textContent = ".edition-measure .footnote { display: none !important; }";
    measure.className = "edition-measure";
    document.head.appendChild(style);
    document.body.appendChild(measure);
    for (const division of source.querySelectorAll(".text")) {
      const copy = division.cloneNode(true);
      measure.appendChild(copy);
      // The copy's text nodes stand for the book's, one for one.
      const original = new Map();
      const copies = textNodes(copy);
      textNodes(division).forEach((node, index) => original.set(copies[index], node));
      for (const block of copy.querySelectorAll(blockSelector)) if (block.textContent.includes(softHyphen)) stats.ladders += fixBlock(block, original);
      copy.remove();
    }
    measure.remove();
    style.remove();
    stats.ms = Math.round(performance.now() - started);
  }

  class HyphenLadders extends Paged.Handler {
    afterParsed(parsed) {
      this.source = parsed;
    }

    afterPageLayout(pageElement) {
      // The first page gives the text area's width; the texts are laid out after the front matter.
      if (this.done || !this.source) return;
      this.done = true;
      const content = pageElement.querySelector(".pagedjs_page_content");
      if (content) fixLadders(this.source, content.getBoundingClientRect().width);
    }
  }
  Paged.registerHandlers(HyphenLadders);
})();
