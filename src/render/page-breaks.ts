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

/** A `div` in a `dl` groups a term and its description and may hold nothing else. */
const mayHoldMarker = (parent: Element, grandparent: Element | undefined) =>
  flowParents.has(parent.tagName) && !(parent.tagName === "div" && grandparent?.tagName === "dl");

export function pageBreakId(folio: string): string {
  return `page-${folio}`;
}

export function pageBreakMarker(folio: string): Element {
  return h("span", { id: pageBreakId(folio), role: "doc-pagebreak", "epub:type": "pagebreak", ariaLabel: folio });
}

interface CountedText {
  node: Text;
  ancestors: (Element | Root)[];
  /** Counted characters before this text node under the root. */
  start: number;
  length: number;
}

const uncountedGlobal = new RegExp(uncounted.source, "g");

/** The counted text under `root`, and each text node holding part of it. */
function countedText(root: Element): { text: string; nodes: CountedText[] } {
  let text = "";
  const nodes: CountedText[] = [];
  visitParents(root, "text", (node, ancestors) => {
    const counted = node.value.replace(uncountedGlobal, "");
    if (!counted) return;
    nodes.push({ node, ancestors: ancestors as (Element | Root)[], start: text.length, length: counted.length });
    text += counted;
  });
  return { text, nodes };
}

/** The index in the node's raw value of its `nth` counted character. */
function rawIndex(value: string, nth: number): number {
  let seen = -1;
  for (let index = 0; index < value.length; index++) {
    if (!uncounted.test(value[index]!) && ++seen === nth) return index;
  }
  return value.length;
}

/** The occurrence of the snippet (or of its start) nearest to the recorded offset; the offset alone if none. */
function findPosition(text: string, offset: number, snippet: string): number {
  const wanted = snippet.replace(uncountedGlobal, "");
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
function insertAt(root: Element, text: { nodes: CountedText[] }, position: number, marker: Element): void {
  const place = text.nodes.find((entry) => position < entry.start + entry.length);
  if (!place) {
    root.children.push(marker);
    return;
  }
  const chain = [...place.ancestors.slice(place.ancestors.indexOf(root)), place.node] as (Element | Text)[];
  // The highest block below `root` that this character begins, if its parent may hold a marker.
  if (position === place.start) {
    for (let depth = 1; depth < chain.length - 1; depth++) {
      const block = chain[depth] as Element;
      const parent = chain[depth - 1] as Element;
      const first = text.nodes.find((candidate) => candidate.ancestors.includes(block));
      if (first !== place || !mayHoldMarker(parent, chain[depth - 2] as Element | undefined)) continue;
      parent.children.splice(parent.children.indexOf(block), 0, marker);
      return;
    }
  }
  const parent = chain.at(-2) as Element;
  const at = rawIndex(place.node.value, position - place.start);
  const before: Text = { type: "text", value: place.node.value.slice(0, at) };
  const after: Text = { type: "text", value: place.node.value.slice(at) };
  const pieces: ElementContent[] = [...(before.value ? [before] : []), marker, after];
  parent.children.splice(parent.children.indexOf(place.node), 1, ...pieces);
  // Keep the counted text in step with the split, so the next marker need not count again.
  const beforeLength = position - place.start;
  const split = [
    ...(beforeLength ? [{ ...place, node: before, length: beforeLength }] : []),
    { ...place, node: after, start: position, length: place.length - beforeLength },
  ];
  text.nodes.splice(text.nodes.indexOf(place), 1, ...split);
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
  const owners = new Map<string, { element: Element; division: Element; parents: Element[] }>();
  for (const division of divisions) {
    visitParents(division, "element", (node, ancestors) => {
      const parents = ancestors.filter((ancestor): ancestor is Element => ancestor.type === "element").reverse();
      if (typeof node.properties.id === "string" && !owners.has(node.properties.id)) owners.set(node.properties.id, { element: node, division, parents });
    });
  }
  const placed: PlacedBreak[] = [];
  const unplaced: string[] = [];
  const waiting: string[] = [];
  let counted: { element: Element; text: ReturnType<typeof countedText> } | undefined;
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
    const { element, division, parents } = owners.get(anchor.id)!;
    // A marker adds no counted text, and insertAt keeps its element's count in step; another element's count may be stale.
    if (counted?.element !== element) counted = { element, text: countedText(element) };
    const [parent, grandparent] = parents;
    for (const page of [...waiting.splice(0), folio]) {
      const position = findPosition(counted.text.text, anchor.offset, start.snippet);
      // A page that begins with a block carrying its own id (a section heading): the marker stands before the block, not inside it.
      if (position === 0 && /^h[1-6]$/.test(element.tagName) && parent && mayHoldMarker(parent, grandparent)) parent.children.splice(parent.children.indexOf(element), 0, pageBreakMarker(page));
      else insertAt(element, counted.text, position, pageBreakMarker(page));
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

export interface PageBreaksOptions {
  /** Where each page of the print PDF starts (from renderPdf). */
  pageStarts: PageStart[];
  /** Receives where each marker went, in page order. */
  placed: PlacedBreak[];
}

/** Plugin: the print edition's page-break markers in the divisions (the children of the root); a page that cannot be placed is an error. */
export function rehypePageBreaks(options: PageBreaksOptions) {
  return (tree: Root) => {
    const divisions = tree.children.filter((node): node is Element => node.type === "element");
    const { placed, unplaced } = insertPageBreaks(divisions, options.pageStarts);
    if (unplaced.length) throw new Error(`print pages whose start was not found in the EPUB: ${unplaced.join(", ")}`);
    options.placed.push(...placed);
  };
}
