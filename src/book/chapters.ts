// The chapters of a text and its outline, which the contents, the EPUB's
// navigation and files and the PDF's bookmarks all read. A chapter heading is
// one the structure stage marked (`headingClasses.chapter` in ./schema.ts,
// from the text's own evidence such as `CHAPTER I: TITLE`); a text has
// chapters when it has several. Other section headings nest under the
// chapter they follow; a text without chapters lists its section headings as
// before.
import type { Element } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { sectionHeadings } from "./ids.js";
import { headingClasses } from "./schema.js";

/** One entry of a text's outline: a heading, and the headings under it. */
export interface OutlineNode {
  heading: Element;
  children: OutlineNode[];
}

const classesOf = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);

export function isChapterHeading(node: Element): boolean {
  return /^h[1-6]$/.test(node.tagName) && classesOf(node).includes(headingClasses.chapter);
}

/**
 * The chapter headings of a text division, in order: the marked headings that
 * stand directly in the division (where a file can start), when there are at
 * least two; otherwise none (one chapter is the text itself).
 */
export function chapterHeadings(division: Element): Element[] {
  const chapters = division.children.filter((child): child is Element => child.type === "element" && isChapterHeading(child));
  return chapters.length >= 2 ? chapters : [];
}

/** The text's outline: its chapters with the section headings each holds, or, without chapters, its section headings. */
export function textOutline(division: Element): OutlineNode[] {
  const chapters = new Set(chapterHeadings(division));
  // Chapter headings are section headings too (src/book/ids.ts gives them their ids).
  const headings = sectionHeadings(division);
  if (!chapters.size) return headings.map((heading) => ({ heading, children: [] }));
  const outline: OutlineNode[] = [];
  let chapter: OutlineNode | undefined;
  for (const heading of headings) {
    if (chapters.has(heading)) outline.push((chapter = { heading, children: [] }));
    else (chapter?.children ?? outline).push({ heading, children: [] });
  }
  return outline;
}

/** A heading's words as an entry of the contents, the navigation or the bookmarks. */
export function headingTitle(heading: Element): string {
  return hastToString(heading);
}
