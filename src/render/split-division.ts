// E-readers page badly through one XHTML file much over 300 KB, and a very
// long chapter as one file is also what epub-gen-memory's HTML check cannot
// hold. A division whose XHTML would pass the limit is cut into several
// parts: at its section headings (h2, h3) first, and where a section alone is
// still too big, between its blocks (paragraphs, or the items of a list that
// is too big by itself). Each part is a shallow copy of the division (or of
// the container it cuts) holding a run of its children in order, so the
// parts read in spine order give the division's text unchanged; only the
// first part keeps the division's id (and the label that points at its
// title). A single block bigger than the limit stays whole.
//
// A text with chapters (src/book/chapters.ts) is first cut at its chapter
// headings: its opening (the title and what stands before the first chapter)
// keeps the division's id, and each chapter is a copy of the division
// labelled by its chapter heading; a chapter still over the limit is then
// cut as above.
import type { Element, ElementContent } from "hast";
import { select } from "hast-util-select";
import { toString } from "hast-util-to-string";

/** The default largest XHTML file, in bytes (the chapter template's own lines counted). */
export const defaultMaxFileBytes = 300_000;

/** Room kept for the chapter template around the division's own XHTML. */
const templateBytes = 2_048;

/** Containers that may be cut between their children when they alone are too big. */
const cuttable = new Set(["section", "div", "ol", "ul", "blockquote", "article", "aside", "dl"]);

const isHeading = (node: ElementContent) => node.type === "element" && (node.tagName === "h2" || node.tagName === "h3");
const isPageBreak = (node: ElementContent) => node.type === "element" && node.properties.role === "doc-pagebreak";

/**
 * A copy of `node` without its children. A continuation loses the id and the
 * label pointing into the first part; it names itself with that label's text
 * instead, so a continued chapter is still a named chapter to assistive technology.
 */
function shell(node: Element, continuation: boolean): Element {
  const properties = { ...node.properties };
  if (continuation) {
    const labelledBy = String(properties.ariaLabelledBy ?? properties.ariaLabelledby ?? "");
    const label = labelledBy && select(`[id="${labelledBy.replace(/["\\]/g, "")}"]`, node);
    delete properties.id;
    delete properties.ariaLabelledBy;
    delete properties.ariaLabelledby;
    if (label) properties.ariaLabel = toString(label).trim();
  }
  return { type: "element", tagName: node.tagName, properties, children: [] };
}

/** Runs of children that begin at a heading (with the page-break markers just before it). */
function sections(children: ElementContent[]): ElementContent[][] {
  const runs: ElementContent[][] = [[]];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    let next = index;
    while (next < children.length && (isPageBreak(children[next]!) || children[next]!.type === "text")) next++;
    const startsSection = isPageBreak(child) || child.type === "text" ? next < children.length && isHeading(children[next]!) : isHeading(child);
    if (startsSection && runs.at(-1)!.length && !(runs.at(-1)!.every((node) => isPageBreak(node) || node.type === "text"))) runs.push([]);
    runs.at(-1)!.push(child);
  }
  return runs;
}

/**
 * Cut `node`'s children into runs whose XHTML fits in `budget` bytes, each
 * run a list of children (a child too big alone may be a cut copy of it).
 */
function cutChildren(node: Element, budget: number, size: (node: ElementContent) => number, firstUsed = 0): ElementContent[][] {
  const sizes = new Map<ElementContent, number>();
  const sizeOf = (child: ElementContent) => {
    let bytes = sizes.get(child);
    if (bytes === undefined) sizes.set(child, (bytes = size(child) + 1));
    return bytes;
  };
  const runs: ElementContent[][] = [];
  let current: ElementContent[] = [];
  // The first run may share its part with what comes before the node.
  let used = firstUsed;
  const flush = () => {
    if (current.length) runs.push(current);
    current = [];
    used = 0;
  };
  const add = (child: ElementContent, bytes: number) => {
    if (used + bytes > budget && (current.length || used)) flush();
    current.push(child);
    used += bytes;
  };
  for (const section of sections(node.children)) {
    const bytes = section.reduce((sum, child) => sum + sizeOf(child), 0);
    // A whole section goes where it fits, else starts a part of its own.
    if (bytes <= budget) {
      if (used + bytes > budget && (current.length || used)) flush();
      for (const child of section) add(child, sizeOf(child));
      continue;
    }
    if (current.length || used) flush();
    for (const child of section) {
      const childBytes = sizeOf(child);
      if (childBytes <= budget || child.type !== "element" || !cuttable.has(child.tagName)) {
        add(child, childBytes);
        continue;
      }
      // A block too big alone: cut between its own children, each piece a copy of the block; the first shares the part begun before it.
      const wrapper = size(shell(child, false)) + 1;
      const pieces = cutChildren(child, Math.max(1, budget - wrapper), size, used);
      pieces.forEach((children, index) => {
        const piece = shell(child, index > 0);
        piece.children = children;
        if (index > 0) flush();
        current.push(piece);
      });
      used = budget;
    }
  }
  flush();
  return runs;
}

/** The division as one or more parts in reading order; the division itself when it fits. */
export function splitDivision(division: Element, maxBytes: number, size: (node: ElementContent) => number): Element[] {
  const wrapper = size(shell(division, false)) + templateBytes;
  const budget = Math.max(1, maxBytes - wrapper);
  let total = 0;
  for (const child of division.children) {
    total += size(child) + 1;
    if (total > budget) break;
  }
  if (total <= budget) return [division];
  return cutChildren(division, budget, size).map((children, index) => {
    const part = shell(division, index > 0);
    part.children = children;
    return part;
  });
}

/** One chapter's run of a division (or the opening before the first chapter): its parts, in order. */
export interface ChapterRun {
  /** The chapter heading the run opens with; none for the opening. */
  chapter?: Element;
  parts: Element[];
}

/**
 * The division cut at its chapter headings (direct children of the division),
 * each run then split by size as `splitDivision` does. The page-break markers
 * and white space just before a chapter heading go with its chapter.
 */
export function splitAtChapters(division: Element, chapters: Element[], maxBytes: number, size: (node: ElementContent) => number): ChapterRun[] {
  const starts = new Set<ElementContent>(chapters);
  const runs: { chapter?: Element; children: ElementContent[] }[] = [{ children: [] }];
  const children = division.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    let next = index;
    while (next < children.length && (isPageBreak(children[next]!) || children[next]!.type === "text")) next++;
    // A chapter's run begins at its heading, or at the markers and white space just before it.
    const opener = next < children.length && starts.has(children[next]!) ? (children[next] as Element) : undefined;
    if (opener && runs.at(-1)!.chapter !== opener) runs.push({ chapter: opener, children: [] });
    runs.at(-1)!.children.push(child);
  }
  return runs.map(({ chapter, children: runChildren }) => {
    const element = shell(division, Boolean(chapter));
    if (chapter) {
      // A chapter's file is a chapter named by its own heading.
      delete element.properties.ariaLabel;
      element.properties.ariaLabelledBy = [String(chapter.properties.id)];
    }
    element.children = runChildren;
    return { ...(chapter ? { chapter } : {}), parts: splitDivision(element, maxBytes, size) };
  });
}
