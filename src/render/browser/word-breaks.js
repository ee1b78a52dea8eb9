// Runs in the page that Paged.js lays out (loaded after Paged.js itself).
// Paged.js 0.4.3 may end a page inside a word that the line breaker split at
// a soft hyphen; it then appends a hyphen to the page's last word, the line
// grows past the page and a whole line is lost (seen: “he could have predicte”
// vanished between two pages). So a page never ends inside a word here: the
// break moves back to the word's start, which also keeps hyphens off page
// turns, as a book designer would.
/* global Paged, window */
(function () {
  // Should Paged.js still split a word, its hyphen is U+2011, which EB
  // Garamond's subset lacks (a fallback font would be embedded): use "-".
  // The chunker reads this settings object, made before this script loads.
  window.PagedPolyfill.settings.hyphenGlyph = "-";

  class WholeWordBreaks extends Paged.Handler {
    onOverflow(overflow) {
      if (!overflow || overflow.startContainer.nodeType !== 3) return overflow;
      const text = overflow.startContainer.nodeValue;
      const offset = overflow.startOffset;
      if (offset === 0 || /\s/.test(text[offset - 1])) return overflow;
      const space = text.slice(0, offset).search(/\s\S*$/);
      if (space === -1) return overflow;
      overflow.setStart(overflow.startContainer, space + 1);
      return overflow;
    }
  }
  Paged.registerHandlers(WholeWordBreaks);
})();
