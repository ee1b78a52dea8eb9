// The print edition's page breaks in the EPUB: a `doc-pagebreak` marker at
// each place where the PDF begins a page, found again from what the Paged.js
// render recorded (./browser/page-map.js): the nearest ids around the page's
// first character, the count of characters before it that are neither white
// space nor soft hyphens, and the text that follows it.
import type { Element, ElementContent, Root, Text } from "hast";
import { h } from "hastscript";
import { visitParents } from "unist-util-visit-parents";
import type { PageStart } from "./pdf.js";

const uncounted = /[\s\u00ad]/;

/** Containers in which a marker may stand between blocks. */
const flowParents = new Set(["section", "div", "blockquote", "header", "footer", "aside", "article", "li", "figure", "main", "dd", "td", "body"]);

export function pageBreakId(folio: string): string {
  return `page-${folio}`;
}

export function pageBreakMarker(folio: string): Element {
  return h("span", { id: pageBreakId(folio), role: "doc-pagebreak", "epub:type": "pagebreak", ariaLabel: folio });
}

interface Counted {
  node: Text;
  index: number;
  ancestors: (Element | Root)[];
}

/** Every counted character under `root`, with the text node and ancestors it stands in. */
function countedCharacters(root: Element): { text: string; places: Counted[] } {
  let text = "";
  const places: Counted[] = [];
  visitParents(root, "text", (node, ancestors) => {
    for (let index = 0; index < node.value.length; index++) {
      const character = node.value[index]!;
      if (uncounted.test(character)) continue;
      text += character;
      places.push({ node, index, ancestors: ancestors as (Element | Root)[] });
    }
  });
  return { text, places };
}

/** The occurrence of the snippet (or of its start) nearest to the recorded offset; the offset alone if none. */
function findPosition(text: string, offset: number, snippet: string): number {
  const wanted = snippet.replace(/[\s\u00ad]/g, "");
  for (const length of [30, 15, 6]) {
    const needle = wanted.slice(0, length);
    if (!needle) break;
    let best: number | undefined;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (best === undefined || Math.abs(at - offset) < Math.abs(best - offset)) best = at;
    }
    if (best !== undefined) return best;
  }
  return Math.min(offset, text.length);
}

/** Put `marker` before the character at `position` under `root`: between blocks when it starts one, else inside the text. */
function insertAt(root: Element, text: { places: Counted[] }, position: number, marker: Element): void {
  const place = text.places[position];
  if (!place) {
    root.children.push(marker);
    return;
  }
  const chain = [...place.ancestors.slice(place.ancestors.indexOf(root)), place.node] as (Element | Text)[];
  // The highest block below `root` that this character begins, if its parent may hold a marker.
  for (let depth = 1; depth < chain.length - 1; depth++) {
    const block = chain[depth] as Element;
    const parent = chain[depth - 1] as Element;
    const first = text.places.find((candidate) => candidate.ancestors.includes(block));
    if (first !== place || !flowParents.has(parent.tagName)) continue;
    parent.children.splice(parent.children.indexOf(block), 0, marker);
    return;
  }
  const parent = chain.at(-2) as Element;
  const before: Text = { type: "text", value: place.node.value.slice(0, place.index) };
  const after: Text = { type: "text", value: place.node.value.slice(place.index) };
  const pieces: ElementContent[] = [...(before.value ? [before] : []), marker, after];
  parent.children.splice(parent.children.indexOf(place.node), 1, ...pieces);
}

export interface PlacedBreak {
  folio: string;
  /** The id of the division (EPUB file) the marker went into. */
  division: string;
}

/**
 * Insert a marker for every print page into the division trees (which are
 * changed). A blank page's marker goes just before the next page's. Returns
 * where each marker went, in page order, and the pages that could not be placed.
 */
export function insertPageBreaks(divisions: Element[], pageStarts: PageStart[]): { placed: PlacedBreak[]; unplaced: string[] } {
  const owners = new Map<string, { element: Element; division: Element }>();
  for (const division of divisions) {
    visitParents(division, "element", (node) => {
      if (typeof node.properties.id === "string" && !owners.has(node.properties.id)) owners.set(node.properties.id, { element: node, division });
    });
  }
  const placed: PlacedBreak[] = [];
  const unplaced: string[] = [];
  const waiting: string[] = [];
  for (const { folio, start } of pageStarts) {
    if (!start) {
      waiting.push(folio);
      continue;
    }
    const anchor = start.ids.find((entry) => owners.has(entry.id));
    if (!anchor) {
      unplaced.push(...waiting.splice(0), folio);
      continue;
    }
    const { element, division } = owners.get(anchor.id)!;
    for (const page of [...waiting.splice(0), folio]) {
      // Counted afresh each time: the previous marker split a text node.
      const text = countedCharacters(element);
      insertAt(element, text, findPosition(text.text, anchor.offset, start.snippet), pageBreakMarker(page));
      placed.push({ folio: page, division: String(division.properties.id) });
    }
  }
  // Blank pages at the very end stand after the last text.
  const last = divisions.at(-1);
  for (const page of waiting) {
    if (!last) break;
    last.children.push(pageBreakMarker(page));
    placed.push({ folio: page, division: String(last.properties.id) });
  }
  return { placed, unplaced };
}
