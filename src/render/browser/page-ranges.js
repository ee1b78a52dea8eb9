// How a list of page references reads, in print and in the EPUB alike: each
// page once, in order, consecutive pages joined into a range with Chicago's
// abbreviation (112–14, 101–8, 321–28, 498–532). One script serves both: it
// is loaded into the page Paged.js lays out, before ./page-map.js, and
// imported by ../epub-page-refs.ts in Node; so it has no import or export and
// hangs its functions on the global object.
(function (root) {
  /** The second number of a range as Chicago abbreviates it. */
  function rangeEnd(first, last) {
    const a = String(first);
    const b = String(last);
    if (first < 100 || first % 100 === 0 || a.length !== b.length) return b;
    let same = 0;
    while (same < b.length && a[same] === b[same]) same++;
    const changed = b.slice(same);
    return first % 100 >= 10 && changed.length < 2 ? b.slice(-2) : changed;
  }

  /** Page indexes (any order, repeats allowed) as runs of consecutive pages. */
  function pageRuns(pages) {
    const runs = [];
    for (const page of [...new Set(pages)].sort((a, b) => a - b)) {
      const run = runs.at(-1);
      if (run && page === run.end + 1) run.end = page;
      else runs.push({ start: page, end: page });
    }
    return runs;
  }

  /** A run's text from the folios of its pages: `47`, `112–14`, `iv–vi`. */
  function runText(folios, run) {
    const first = folios[run.start];
    const last = folios[run.end];
    if (run.start === run.end) return first;
    return /^[0-9]+$/.test(first) && /^[0-9]+$/.test(last) ? `${first}–${rangeEnd(Number(first), Number(last))}` : `${first}–${last}`;
  }

  /**
   * A list's items in page order: the runs of the pages its text locators
   * stand on, and each note locator on its own (`19n4`, Chicago's form), once
   * per page and note, after a run that starts on the same page.
   * `notes`: [{ page, label, link }]; returns [{ run }] and [{ note }].
   */
  function listItems(textPages, notes) {
    const items = pageRuns(textPages).map((run) => ({ page: run.start, run }));
    const seen = new Set();
    for (const note of notes) {
      const key = `${note.page}n${note.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ page: note.page, note });
    }
    return items.sort((a, b) => a.page - b.page || (a.run ? -1 : 1));
  }

  /** A note locator's text: the page's folio, `n`, the note's label. */
  const noteText = (folios, note) => `${folios[note.page]}n${note.label}`;

  root.editionPageRanges = { pageRuns, runText, listItems, noteText };
})(globalThis);
