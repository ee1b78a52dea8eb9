// Back-matter page references (`a.page-ref`, see README "Page numbers in the
// back matter") in the EPUB. When the EPUB carries the print edition's
// page-list, the index and the chronology give the same print page numbers
// as the PDF (from the page each anchor landed on in the print render, where
// ./browser/page-map.js writes them), so both formats read alike, a reader
// can cite the print page, and the page-list's markers in the back matter
// find the text they were recorded on; each number still links to the exact
// place (a note's mention too, though print sets the note on another page). Without a PDF there are no page numbers: the index keeps
// its per-text locators, and a reference with no text of its own (the
// chronology's `p. N`) is left out together with its phrase.
import type { Element, ElementContent } from "hast";
import { selectAll } from "hast-util-select";
import { visit } from "unist-util-visit";
import { pageRefClass, pageRefListClass, pageRefPhraseClass } from "../enrich/names/name-index.js";

export interface PrintPages {
  /** Folios in page order. */
  folios: string[];
  /** The index in `folios` of the page each id starts on. */
  pageOf: Map<string, number>;
}

/** Chicago's abbreviation of a range's second number: 112–14, 101–8, 321–28, 498–532 (as page-map.js writes it in print). */
function rangeEnd(first: number, last: number): string {
  const a = String(first);
  const b = String(last);
  if (first < 100 || first % 100 === 0 || a.length !== b.length) return b;
  let same = 0;
  while (same < b.length && a[same] === b[same]) same++;
  const changed = b.slice(same);
  return first % 100 >= 10 && changed.length < 2 ? b.slice(-2) : changed;
}

function rangeText(folios: string[], start: number, end: number): string {
  const first = folios[start]!;
  const last = folios[end]!;
  if (start === end) return first;
  return /^[0-9]+$/.test(first) && /^[0-9]+$/.test(last) ? `${first}–${rangeEnd(Number(first), Number(last))}` : `${first}–${last}`;
}

const text = (value: string): ElementContent => ({ type: "text", value });
const targetOf = (link: Element) => String(link.properties.href).slice(1);

function pageOfLink(link: Element, pages: PrintPages): number {
  const page = pages.pageOf.get(targetOf(link));
  if (page === undefined) throw new Error(`page reference to #${targetOf(link)}, which stands on no page of the print edition`);
  return page;
}

/** Write the print page numbers into the page references under `tree`, as print does: a list gives each page once, in order, consecutive pages as a range. */
export function fillPageRefs(tree: Element, pages: PrintPages): void {
  const listed = new Set<Element>();
  for (const list of selectAll(`.${pageRefListClass}`, tree)) {
    const firstOnPage = new Map<number, Element>();
    for (const link of selectAll(`a.${pageRefClass}`, list)) {
      listed.add(link);
      const page = pageOfLink(link, pages);
      if (!firstOnPage.has(page)) firstOnPage.set(page, link);
    }
    const runs: { start: number; end: number }[] = [];
    for (const page of [...firstOnPage.keys()].sort((a, b) => a - b)) {
      const run = runs.at(-1);
      if (run && page === run.end + 1) run.end = page;
      else runs.push({ start: page, end: page });
    }
    list.children = runs.flatMap((run) => {
      const link = firstOnPage.get(run.start)!;
      link.children = [text(rangeText(pages.folios, run.start, run.end))];
      return [text(", "), link];
    });
  }
  for (const link of selectAll(`a.${pageRefClass}`, tree)) {
    if (!listed.has(link)) link.children = [text(pages.folios[pageOfLink(link, pages)]!)];
  }
}

/** With no print pages: leave out every page reference that has no text of its own, with the phrase that holds it. */
export function dropEmptyPageRefs(tree: Element): void {
  const empty = (node: Element) => node.tagName === "a" && classes(node).includes(pageRefClass) && !node.children.length;
  const drop = (node: Element) => classes(node).includes(pageRefPhraseClass) ? selectAll(`a.${pageRefClass}`, node).some(empty) : empty(node);
  visit(tree, "element", (node) => {
    node.children = node.children.filter((child) => child.type !== "element" || !drop(child));
  });
}

const classes = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);
