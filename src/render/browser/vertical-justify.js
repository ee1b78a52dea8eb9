// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Vertical justification, as LaTeX's \flushbottom: once every page is laid
// out (afterRendered, when Paged.js no longer reflows), a page whose text
// runs on to the next page but ends up to three lines above the page's last
// line is made up to it by spreading that free space over the page's own
// gaps: first the space above headings and around block quotations, lists
// and section breaks (and, on a page with footnotes, the space above their
// rule, which holds the free space already), then only if these cannot take
// it without holes, a little between paragraphs. Nothing moves between
// pages, and no line is set again: the page's blocks are only shifted down
// (position: relative) by the space given above them, inside the page's own
// text area; a page whose text would then pass its foot is put back.
// A division's last page ends where its text does, and is left alone.
/* global Paged, window, document, NodeFilter */
(function () {
  const maxLines = 3;
  // The most a gap may grow, in body lines: a heading or a block stays with its text.
  const blockCap = 1;
  const paragraphCap = 1 / 3;
  const blocks = "h2, h3, h4, h5, h6, blockquote, figure, table, ul, ol, dl, hr, pre, p.lines, p.signature, .source-excerpt, .reviewed-work";
  const paragraphs = "p, li, dd, .chronology-entry";
  // Pages (counted from 1, as in the PDF) made flush, and pages that could not be.
  const stats = { justified: [], left: [], ms: 0 };
  window.editionVerticalJustify = stats;

  /** Whether the page that starts at `token` opens a division (a break before it). */
  function opensBreak(token) {
    const node = token && token.node;
    if (!node) return true;
    for (let element = node.nodeType === 1 ? node : node.parentElement; element && element.nodeType === 1; element = element.parentElement) {
      const before = element.dataset && element.dataset.breakBefore;
      if (before && before !== "auto" && before !== "avoid") return true;
      if (element.previousElementSibling) break;
    }
    return false;
  }

  /** The bottom of the lowest line box of `root` (glyphs plus half their leading). */
  function lastLineBottom(root) {
    let bottom = -Infinity;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((rect) => rect.height > 0);
      if (!rects.length) continue;
      const line = parseFloat(window.getComputedStyle(node.parentElement).lineHeight);
      for (const rect of rects) bottom = Math.max(bottom, rect.bottom + (line > rect.height ? (line - rect.height) / 2 : 0));
    }
    for (const element of root.querySelectorAll("img, svg, hr")) bottom = Math.max(bottom, element.getBoundingClientRect().bottom);
    return bottom;
  }

  /** Whether any block of the page is set in columns (the index): its columns' feet are its own. */
  function inColumns(root) {
    for (const element of root.querySelectorAll("div, section, ol, ul")) {
      const count = window.getComputedStyle(element).columnCount;
      if (count !== "auto" && Number(count) > 1) return true;
    }
    return false;
  }

  /**
   * The page's gaps: the heights where space can be added, by tier (0 above
   * a heading and around a block, 1 between paragraphs). Not at the page's
   * top, nor in a division's opening (its header and what follows it); two
   * gaps at one height are one.
   */
  function gapsOf(content, top, bottom) {
    const gaps = [];
    const add = (y, tier) => {
      if (y < top + 1 || y > bottom - 1) return;
      const same = gaps.find((gap) => Math.abs(gap.y - y) < 2);
      if (same) same.tier = Math.min(same.tier, tier);
      else gaps.push({ y, tier });
    };
    const opening = (element) => element.matches("h1, header, header + *") || element.closest("header, .footnote");
    for (const element of content.querySelectorAll(blocks)) {
      if (opening(element)) continue;
      const rect = element.getBoundingClientRect();
      if (!element.hasAttribute("data-split-from")) add(rect.top, 0);
      if (!element.matches("h2, h3, h4, h5, h6") && !element.hasAttribute("data-split-to")) add(rect.bottom, 0);
    }
    for (const element of content.querySelectorAll(paragraphs)) {
      if (opening(element) || element.hasAttribute("data-split-from") || !element.previousElementSibling) continue;
      add(element.getBoundingClientRect().top, 1);
    }
    return gaps;
  }

  /** Gives `free` px out over the gaps, tier by tier, each at most its cap; none when they cannot take it (a quarter line may stay). */
  function share(gaps, free, line, notes) {
    let left = free;
    const given = [];
    // On a page with footnotes, the space above their rule counts as a block gap, holding what the others do not take.
    const tiers = [
      { gaps: gaps.filter((gap) => gap.tier === 0), cap: blockCap * line, rule: notes ? 1 : 0 },
      { gaps: gaps.filter((gap) => gap.tier === 1), cap: paragraphCap * line, rule: 0 },
    ];
    for (const tier of tiers) {
      if (left <= 0.5 || (notes && !tier.rule) || !tier.gaps.length) continue;
      const each = Math.min(tier.cap, left / (tier.gaps.length + tier.rule));
      for (const gap of tier.gaps) given.push({ y: gap.y, amount: each });
      left = tier.rule ? 0 : left - each * tier.gaps.length;
    }
    return !notes && left > line / 4 ? [] : given;
  }

  /** The page's innermost blocks (floats included; a block with text of its own, a table or a figure is one): moving them moves every line. */
  function leavesOf(root) {
    const leaves = [];
    const visit = (element) => {
      const displays = [...element.children].map((child) => window.getComputedStyle(child).display);
      const children = [...element.children].filter((_, at) => displays[at] !== "none" && !displays[at].startsWith("inline"));
      // Text of its own, or in an inline child, moves only with the element itself.
      const inline = [...element.childNodes].some((node) => (node.nodeType === 3 ? node.nodeValue.trim() : node.nodeType === 1 && window.getComputedStyle(node).display.startsWith("inline") && node.textContent.trim()));
      if (!children.length || inline || element.matches("table, figure, pre")) leaves.push(element);
      else children.forEach(visit);
    };
    [...root.children].forEach(visit);
    return leaves;
  }

  function justify(page, next, number) {
    const element = page.element;
    if (!element || element.classList.contains("pagedjs_blank_page")) return;
    const content = element.querySelector(".pagedjs_page_content");
    const block = content && content.querySelector(".text, .back-matter");
    if (!block || inColumns(content)) return;
    // A division's last page ends where its text does.
    if (!next || !next.element || next.element.classList.contains("pagedjs_blank_page") || opensBreak(next.startToken)) return;
    const line = parseFloat(window.getComputedStyle(block).lineHeight);
    const box = content.getBoundingClientRect();
    const notes = element.querySelector(".pagedjs_footnote_area .footnote") !== null;
    const last = lastLineBottom(content);
    if (!(line > 0) || last === -Infinity) return;
    // The page's last line: the foot of a full page of body lines; above footnotes, their area's top.
    const target = notes ? box.bottom : box.top + Math.floor((box.bottom - box.top) / line + 0.01) * line;
    const free = target - last;
    if (free < 1) return;
    if (free > maxLines * line) return void stats.left.push(number);
    const given = share(gapsOf(content, box.top, last), free, line, notes);
    if (!given.length) return void (notes || stats.left.push(number));
    // Each block moves down by the space given above it: its lines stay where the layout set them, relative to each other.
    const moved = [];
    for (const leaf of leavesOf(content)) {
      const top = leaf.getBoundingClientRect().top;
      const by = given.filter((gap) => gap.y <= top + 0.5).reduce((sum, gap) => sum + gap.amount, 0);
      if (by < 0.01) continue;
      moved.push([leaf, leaf.style.position, leaf.style.top]);
      leaf.style.position = "relative";
      leaf.style.top = `${by}px`;
    }
    // Nothing may pass the text area's foot (the footnotes' top): else the page is put back.
    if (lastLineBottom(content) > box.bottom + 0.5) {
      for (const [leaf, position, top] of moved) Object.assign(leaf.style, { position, top });
      return void stats.left.push(number);
    }
    stats.justified.push(number);
  }

  class VerticalJustify extends Paged.Handler {
    afterRendered(pages) {
      const started = performance.now();
      pages.forEach((page, index) => justify(page, pages[index + 1], index + 1));
      stats.ms = Math.round(performance.now() - started);
    }
  }
  Paged.registerHandlers(VerticalJustify);
})();
