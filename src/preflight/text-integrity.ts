// Text integrity: every word of the print tree stands in the PDF, in the same
// order, nothing lost and nothing doubled (Paged.js can drop or repeat text
// at a page break). Words are compared letters and digits only, case and
// accents aside, so soft hyphens, a word broken at a line or page end,
// letter-spacing, ligatures and quotes make no difference. Running heads and
// folios are told apart by their place in the page margins. Footnotes set at
// the page foot (`float: footnote`) are read as their own stream: on each page
// the body's words come first, then the notes'.
import type { Element, Root, RootContent } from "hast";
import { matches } from "hast-util-select";
import type { PdfTextPage } from "./pdf-tools.js";

/** Elements the print layout moves to the page foot. */
export const footnoteSelector = ".footnote, [data-footnote]";

export function normalizeWord(word: string): string {
  return word.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

const tokens = (text: string) => text.split(/\s+/).map(normalizeWord).filter(Boolean);

/** The print tree's words: the running text and, apart, the footnotes' text. */
export function treeWords(tree: Root): { body: string[]; notes: string[] } {
  const body: string[] = [];
  const notes: string[] = [];
  const walk = (node: Root | RootContent, into: string[]) => {
    if (node.type === "text") into.push(...tokens(node.value));
    else if (node.type === "element" || node.type === "root") {
      const target = node.type === "element" && into === body && matches(footnoteSelector, node as Element) ? notes : into;
      // A space at each element's edge: PDF words that an element boundary split are joined when compared.
      target.push("");
      for (const child of node.children) walk(child, target);
      target.push("");
    }
  };
  walk(tree, body);
  return { body: body.filter(Boolean), notes: notes.filter(Boolean) };
}

export interface TextBands {
  /** Points from the page's top edge where the text area starts and ends. */
  top: number;
  bottom: number;
}

/** A page's words within the text area: the running head and the folio stand outside it. */
export function pageWords(page: PdfTextPage, bands: TextBands): string[] {
  return page.words.filter((word) => word.yMax > bands.top && word.yMin < bands.bottom).flatMap((word) => tokens(word.text));
}

interface Cursor {
  /** Index into the expected words. */
  i: number;
  /** What is left of expected word i when the PDF broke it (line or page end). */
  rest?: string;
}

/**
 * Matches PDF words from `k` against expected words from the cursor, as far as
 * they go. Digits-only PDF words that are not expected are page numbers written
 * after layout (contents, index): skipped.
 */
function advance(pdf: string[], k: number, end: number, expected: string[], cursor: Cursor): { k: number; cursor: Cursor } {
  let { i, rest } = cursor;
  let pending: string | undefined; // what is left of PDF word k when it spans expected words
  while (k < end && i < expected.length) {
    const word = pending ?? pdf[k]!;
    const target = rest ?? expected[i]!;
    if (word === target) {
      i++, k++, (rest = undefined), (pending = undefined);
    } else if (target.startsWith(word)) {
      rest = target.slice(word.length), k++, (pending = undefined);
    } else if (word.startsWith(target)) {
      pending = word.slice(target.length), i++, (rest = undefined);
    } else if (pending === undefined && rest === undefined && /^\d+$/.test(word)) {
      k++;
    } else break;
  }
  // A PDF word left half-matched (pending) stays unconsumed: k stops before it.
  return { k, cursor: { i, rest } };
}

export interface IntegrityProblem {
  /** 1-based PDF page. */
  page: number;
  message: string;
}

const around = (words: string[], at: number) => words.slice(Math.max(0, at - 6), at + 6).join(" ");

/** Compares the PDF's pages with the print tree's words; returns what differs (empty when all is well). */
export function checkTextIntegrity(pages: string[][], expected: { body: string[]; notes: string[] }): IntegrityProblem[] {
  let body: Cursor = { i: 0 };
  let notes: Cursor = { i: 0 };
  for (const [index, words] of pages.entries()) {
    const greedy = advance(words, 0, words.length, expected.body, body);
    let settled: { body: Cursor; notes: Cursor } | undefined;
    // The body's words end where the page's notes begin: try the longest body run first.
    for (let split = greedy.k; split >= 0 && !settled; split--) {
      const bodyRun = split === greedy.k ? greedy : advance(words, 0, split, expected.body, body);
      if (bodyRun.k !== split) continue;
      const noteRun = advance(words, split, words.length, expected.notes, notes);
      if (noteRun.k === words.length) settled = { body: bodyRun.cursor, notes: noteRun.cursor };
      if (!expected.notes.length) break;
    }
    if (!settled) {
      const at = greedy.k;
      return [
        {
          page: index + 1,
          message:
            `the PDF's text departs from the print HTML's: the PDF has “${around(words, at)}” (at “${words[at]}”), ` +
            `the HTML “${around(expected.body, greedy.cursor.i)}” (at “${expected.body[greedy.cursor.i] ?? "its end"}”)`,
        },
      ];
    }
    body = settled.body;
    notes = settled.notes;
  }
  const problems: IntegrityProblem[] = [];
  if (body.i < expected.body.length) problems.push({ page: pages.length, message: `the PDF ends before the print HTML's words “${around(expected.body, body.i)}”` });
  if (notes.i < expected.notes.length) problems.push({ page: pages.length, message: `the PDF lacks the notes' words from “${around(expected.notes, notes.i)}”` });
  return problems;
}
