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
import type { Element, ElementContent, Root } from "hast";
import { selectAll } from "hast-util-select";
import { visit } from "unist-util-visit";
import { pageRefClasses } from "../book/schema.js";
// The same page-range rules as print (the script is loaded into Paged.js's page too).
import "./browser/page-ranges.js";

const { list: pageRefListClass, ref: pageRefClass, phrase: pageRefPhraseClass } = pageRefClasses;

export interface PrintPages {
  /** Folios in page order. */
  folios: string[];
  /** The index in `folios` of the page each id starts on. */
  pageOf: Map<string, number>;
}

const text = (value: string): ElementContent => ({ type: "text", value });
const targetOf = (link: Element) => String(link.properties.href).slice(1);

function pageOfLink(link: Element, pages: PrintPages): number {
  const page = pages.pageOf.get(targetOf(link));
  if (page === undefined) throw new Error(`page reference to #${targetOf(link)}, which stands on no page of the print edition`);
  return page;
}

/** Write the print page numbers into the page references under `tree`, as print does: a list gives each page once, in order, consecutive pages as a range. */
export function fillPageRefs(tree: Element | Root, pages: PrintPages): void {
  const listed = new Set<Element>();
  for (const list of selectAll(`.${pageRefListClass}`, tree)) {
    const firstOnPage = new Map<number, Element>();
    const notes: { page: number; label: string; link: Element }[] = [];
    for (const link of selectAll(`a.${pageRefClass}`, list)) {
      listed.add(link);
      const page = pageOfLink(link, pages);
      // A mention in a note reads `19n4`, as in print.
      if (link.properties.dataNote !== undefined) notes.push({ page, label: String(link.properties.dataNote), link });
      else if (!firstOnPage.has(page)) firstOnPage.set(page, link);
    }
    // A list after a heading reads `Heading, 12, 15`; one after its own words (`p. `) says so in data-lead, as in print.
    const lead = typeof list.properties.dataLead === "string" ? list.properties.dataLead : ", ";
    list.children = editionPageRanges.listItems([...firstOnPage.keys()], notes).flatMap(({ run, note }, index) => {
      const link = run ? firstOnPage.get(run.start)! : note!.link;
      link.children = [text(run ? editionPageRanges.runText(pages.folios, run) : editionPageRanges.noteText(pages.folios, note!))];
      return [text(index ? ", " : lead), link];
    });
  }
  for (const link of selectAll(`a.${pageRefClass}`, tree)) {
    if (!listed.has(link)) link.children = [text(pages.folios[pageOfLink(link, pages)]!)];
  }
}

/** With no print pages: leave out every page reference that has no text of its own, with the phrase that holds it. */
export function dropEmptyPageRefs(tree: Element | Root): void {
  const empty = (node: Element) => node.tagName === "a" && !node.children.length && hasClassName(node, pageRefClass);
  /** An empty reference at or under `node` (a walk of its own: hast-util-select's per phrase cost the EPUB a tenth of a second). */
  const holdsEmpty = (node: Element): boolean => empty(node) || node.children.some((child) => child.type === "element" && holdsEmpty(child));
  const drop = (node: Element) => (hasClassName(node, pageRefPhraseClass) ? holdsEmpty(node) : empty(node));
  const dropped = (child: ElementContent) => child.type === "element" && drop(child);
  visit(tree, "element", (node) => {
    // A new list only where a child goes: nearly every element keeps all of its children.
    if (node.children.some(dropped)) node.children = node.children.filter((child) => !dropped(child));
  });
}

const hasClassName = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.some((value) => String(value) === name);

/** Plugin: with the print pages, write their numbers into the page references; without, leave out the empty ones. */
export function rehypeEpubPageRefs(options: { pages?: PrintPages }) {
  return (tree: Root) => {
    if (options.pages) fillPageRefs(tree, options.pages);
    else dropEmptyPageRefs(tree);
  };
}
