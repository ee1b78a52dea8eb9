// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Where Paged.js ends a page inside a paragraph, this handler moves the break
// so that the book keeps its rules; Paged.js 0.4.3 itself ignores `widows`
// and `orphans`:
// - never inside a word: Paged.js then appends a hyphen to the page's last
//   word, the line grows past the page and a whole line is lost (seen: “he
//   could have predicte” vanished between two pages); it also keeps hyphens
//   off page turns;
// - at least 2 lines of a paragraph at the foot of a page (orphans) and at
//   the head of the next (widows); a heading (break-after: avoid) goes with
//   a paragraph that moves whole.
/* global Paged, window, document, NodeFilter, Range */
(function () {
  const minLines = 2;
  const blockSelector = "p, li, dd, dt, td, th, figcaption";

  // Should Paged.js still split a word, its hyphen is U+2011, which EB
  // Garamond's subset lacks (a fallback font would be embedded): use "-".
  // The chunker reads this settings object, made before this script loads.
  window.PagedPolyfill.settings.hyphenGlyph = "-";

  /** A footnote stands inside its call's paragraph until Paged.js moves it to the page foot: its words are not the paragraph's lines. */
  const inFootnote = (node) => Boolean(node.parentElement && node.parentElement.closest(".footnote, [data-note='footnote']"));

  /** Every word of `block` as a range, in order, but the words of the footnotes standing in it. */
  function* wordRanges(block) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (inFootnote(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.nodeValue.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        yield range;
      }
    }
  }

  /** The tops of the lines the word ranges cover, one per line (superscripts sit within half a line). */
  function lineTops(words, lineHeight) {
    const tops = words.flatMap((word) => [...word.getClientRects()]).filter((rect) => rect.height > 0 && rect.width > 0).map((rect) => rect.top).sort((a, b) => a - b);
    const lines = [];
    for (const top of tops) if (!lines.length || top - lines.at(-1) > lineHeight / 2) lines.push(top);
    return lines;
  }

  /** The text node before `node` in its block, when it ends with a space (a word starts where `node` starts). */
  function spaceBefore(node) {
    const block = node.parentElement && node.parentElement.closest(blockSelector);
    if (!block) return null;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    for (let previous = walker.previousNode(); previous; previous = walker.previousNode()) {
      const text = previous.nodeValue.replace(/\u00ad/g, "");
      if (text.length) return /\s$/.test(text) ? previous : null;
    }
    return null;
  }

  /** Whether anything stands before `element` on this page. */
  function contentBefore(element, rendered) {
    for (let node = element; node && node !== rendered; node = node.parentNode) {
      for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
        if (sibling.nodeType === 1 || sibling.nodeValue.trim()) return true;
      }
    }
    return false;
  }

  /** The element to break before when `block` moves whole: with a heading that must stay with it. */
  function moveWhole(block, rendered) {
    const previous = block.previousElementSibling;
    const first = previous && window.getComputedStyle(previous).breakAfter === "avoid" ? previous : block;
    // Never empty the page.
    return contentBefore(first, rendered) ? first : undefined;
  }

  class BookBreaks extends Paged.Handler {
    onOverflow(overflow, rendered) {
      if (!overflow || overflow.startContainer.nodeType !== 3) return overflow;
      let node = overflow.startContainer;
      // A break inside a footnote is Paged.js' own footnote business.
      if (inFootnote(node)) return overflow;
      let offset = overflow.startOffset;
      // Not inside a word: back to the word's start.
      if (offset > 0 && !/\s/.test(node.nodeValue[offset - 1])) {
        const space = node.nodeValue.slice(0, offset).search(/\s\S*$/);
        if (space !== -1) offset = space;
        else {
          // A word that is an element of its own (a name mention): break at the space before it, not inside it
          // (“Trots|ky” was split, and a break at the element's start would get Paged.js' hyphen).
          const previous = spaceBefore(node);
          if (previous) (node = previous), (offset = previous.nodeValue.search(/\s[\s\u00ad]*$/));
        }
      }
      // Chromium's PDF text layer loses the “i” of a page's first word when it
      // opens with a ligature (“fighting” came out “fghting”): carry the last
      // word of the page over with it (the line count stays the same).
      if (/^\s*f[fil]/.test(node.nodeValue.slice(offset))) {
        const previousWord = node.nodeValue.slice(0, offset).search(/\s\S+\s*$/);
        if (previousWord !== -1) offset = previousWord;
      }
      overflow.setStart(node, offset);

      const block = node.parentElement && node.parentElement.closest(blockSelector);
      if (!block || !rendered.contains(block)) return overflow;
      const lineHeight = parseFloat(window.getComputedStyle(block).lineHeight) || 16;
      // The paragraph's own words (its footnotes' words are not its lines) before and after the break.
      const point = document.createRange();
      point.setStart(node, offset);
      const words = [...wordRanges(block)];
      const before = words.filter((word) => word.compareBoundaryPoints(Range.START_TO_START, point) < 0);
      const after = words.filter((word) => word.compareBoundaryPoints(Range.START_TO_START, point) >= 0);
      const linesBefore = lineTops(before, lineHeight);
      // A line the break cuts (a word hyphenated across it) stays on this page.
      const linesAfter = lineTops(after, lineHeight).filter((top) => !linesBefore.some((line) => Math.abs(line - top) < lineHeight / 2)).length;
      if (!linesBefore.length) return overflow;

      let keep = linesBefore.length;
      if (linesAfter > 0 && linesAfter < minLines) keep -= minLines - linesAfter; // widow: carry lines over
      if (keep >= minLines && keep === linesBefore.length) return overflow;
      if (keep < minLines) {
        // Orphan: the whole paragraph goes to the next page.
        const whole = moveWhole(block, rendered);
        if (whole) overflow.setStartBefore(whole);
        return overflow;
      }
      // Break at the first word of line `keep` (0-based) of this page.
      const lineTop = linesBefore[keep];
      for (const word of words) {
        const rect = word.getClientRects()[0];
        if (rect && Math.abs(rect.top - lineTop) < lineHeight / 2) {
          const { startContainer, startOffset } = word;
          overflow.setStart(startContainer, startOffset > 0 && /\s/.test(startContainer.nodeValue[startOffset - 1]) ? startOffset - 1 : startOffset);
          break;
        }
      }
      return overflow;
    }
  }
  Paged.registerHandlers(BookBreaks);
})();
