// The chapters of a text and its outline, which the contents, the EPUB's
// navigation and files and the PDF's bookmarks all read. The structure stage
// marks a book's division headings (a chapter, a part…, from the text's own
// evidence such as `CHAPTER I: TITLE`: `divisionHeadingClasses` in
// ./schema.ts); a text is divided into chapters when several of them stand
// in it. Its outline nests its headings by level: the sections within a
// chapter under the chapter, chapters under their part. A text without
// division headings lists its section headings (h2), each with the h3
// subsections under it.
import type { Element } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { isDivisionHeading, sectionHeadings } from "./ids.js";

/** One entry of a text's outline: a heading, and the headings under it. */
export interface OutlineNode {
  heading: Element;
  children: OutlineNode[];
}

/**
 * The headings a text's files start at, in order: its division headings
 * (chapters, parts…) that stand directly in the division, when there are at
 * least two; otherwise none (one chapter is the text itself).
 */
export function chapterHeadings(division: Element): Element[] {
  const chapters = division.children.filter((child): child is Element => child.type === "element" && isDivisionHeading(child));
  return chapters.length >= 2 ? chapters : [];
}

/** A heading's rank: its level, a division heading a half step above an unmarked heading of the same level. */
const level = (heading: Element) => Number(heading.tagName.slice(1)) - (isDivisionHeading(heading) ? 0.5 : 0);

/** Headings nested by level: each under the nearest heading before it of a higher rank. */
function nest(headings: Element[]): OutlineNode[] {
  const outline: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  for (const heading of headings) {
    while (open.length && level(open.at(-1)!.heading) >= level(heading)) open.pop();
    const node = { heading, children: [] };
    (open.at(-1)?.children ?? outline).push(node);
    open.push(node);
  }
  return outline;
}

/** The text's outline: its headings nested by level (sections under their chapter, subsections under their section). */
export function textOutline(division: Element): OutlineNode[] {
  const headings = sectionHeadings(division);
  return nest(headings);
}

/** The text's chapters (and parts) nested by level, without the sections within them: what the printed contents lists. */
export function chapterOutline(division: Element): OutlineNode[] {
  return nest(chapterHeadings(division));
}

/** A heading's words as an entry of the contents, the navigation or the bookmarks. */
export function headingTitle(heading: Element): string {
  return hastToString(heading);
}
