// One slugger for every id the book makes: division ids, their titles' ids
// and section ids all come from it, so two different things never share an
// id (text ids `t` and `t-title` once both made `text-t-title`). A taken base
// gets the first free suffix from `-2` on: the scheme the EPUB's section ids
// were published with, so they stay stable anchors. (github-slugger's
// `slug` keeps other characters and counts from `-1`: it would rename
// published anchors, so its form is not used.)
import type { Element, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";
import { divisionOf } from "./division.js";
import { divisionHeadingClasses } from "./schema.js";
import { epubTypes } from "./semantics.js";

export class BookIds {
  private readonly taken = new Set<string>();

  /** Mark an id as in use (an id made elsewhere, kept as it is). */
  reserve(id: string): void {
    this.taken.add(id);
  }

  /** A new id from `base`, with the first free suffix (`-2`, `-3`…) if it is taken; the id is then taken. */
  unique(base: string): string {
    let id = base;
    for (let count = 2; this.taken.has(id); count++) id = `${base}-${count}`;
    this.taken.add(id);
    return id;
  }

  /** Every id already in the tree becomes taken. */
  reserveAll(tree: Root | Element): void {
    visit(tree, "element", (node) => {
      if (typeof node.properties.id === "string") this.reserve(node.properties.id);
    });
  }
}

/** A heading's words as an id part: accents dropped, lower case, runs of other characters as one hyphen, at most 48 characters. */
export function slugOfWords(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 48) || "section"
  );
}

/** Notes and asides are not sections of the text. */
const outsideSections = (ancestors: (Element | Root)[]) =>
  ancestors.some((node) => node.type === "element" && (["aside", "nav"].includes(node.tagName) || epubTypes(node).some((type) => /notes$|^footnote$/.test(type))));

const bookDivisionClasses = new Set<string>(Object.values(divisionHeadingClasses));

/** A heading the structure stage marked as a book's division (a chapter, a part…: `divisionHeadingClasses`), at whatever level it stands. */
export function isDivisionHeading(node: Element): boolean {
  return /^h[1-6]$/.test(node.tagName) && Array.isArray(node.properties.className) && node.properties.className.some((name) => bookDivisionClasses.has(String(name)));
}

/**
 * The section headings of a division, in order: those the nested contents
 * list. Its h2 headings and the h3 headings directly under it; in a text with division headings (a book's parts
 * and chapters, which may stand at h2 or h3), every heading below the title,
 * so the sections within a chapter are listed too.
 */
export function sectionHeadings(division: Element): Element[] {
  const headings: Element[] = [];
  let divided = false;
  const inDivision = new Set<Element>();
  visitParents(division, "element", (node, ancestors) => {
    if (!/^h[2-6]$/.test(node.tagName) || outsideSections(ancestors as (Element | Root)[])) return;
    divided ||= isDivisionHeading(node);
    headings.push(node);
    if (ancestors.at(-1) === division) inDivision.add(node);
  });
  // Without division headings: the h2 headings, and the h3 headings standing in the text itself (its sections'
  // subsections; an h3 inside a block of its own, such as a quoted excerpt's caption, is not a section).
  return divided ? headings : headings.filter((heading) => heading.tagName === "h2" || (heading.tagName === "h3" && inDivision.has(heading)));
}

/** Give every section heading of `division` without an id one made from the division id and its words. */
export function identifySections(division: Element, ids: BookIds): Element[] {
  const headings = sectionHeadings(division);
  for (const heading of headings) {
    if (typeof heading.properties.id !== "string") heading.properties.id = ids.unique(`${String(division.properties.id)}-${slugOfWords(hastToString(heading))}`);
  }
  return headings;
}

/** Plugin: section ids in every text division, unique in the whole book. */
export function rehypeSectionIds() {
  return (tree: Root) => {
    const ids = new BookIds();
    ids.reserveAll(tree);
    for (const node of tree.children) {
      if (node.type === "element" && divisionOf(node)?.part === "body") identifySections(node, ids);
    }
  };
}
