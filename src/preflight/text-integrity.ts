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
import type { PdfTextPage, PdfWord } from "./pdf-tools.js";

/** Elements the print layout moves to the page foot. */
export const footnoteSelector = ".footnote, [data-footnote]";

export function normalizeWord(word: string): string {
  return word.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

const tokens = (text: string) => text.split(/\s+/).map(normalizeWord).filter(Boolean);

/**
 * Stands in the expected words for what page-map.js writes during layout: an
 * empty back-matter page reference (`a.page-ref`), or a list of them
 * (`.page-ref-list`, an index entry's locators, whose per-text labels print
 * hides and whose placeholders become folios). It takes the page number the
 * PDF has there, so that number is not read as the start of the next
 * expected number (“Sherry, p. 1” before a date “1918”); a list's slot takes
 * every page number the PDF has there, as many as layout wrote (the last
 * entry of the index, too, where no expected word follows).
 */
const pageNumberSlot = "#";
const pageNumbersSlot = "##";
const pageNumbersOf = (node: Element) =>
  matches(".page-ref-list", node) ? pageNumbersSlot : node.tagName === "a" && !node.children.length && matches("a.page-ref", node) ? pageNumberSlot : undefined;
/** A page number as layout writes it: a folio, a note's `19n4`, a range (`3–5` reads `35`), a roman folio. */
const pageNumber = /^(\d+(?:n\d+)?|[ivxlc]+)$/;

/** The print tree's words: the running text and, apart, the footnotes' text. */
export function treeWords(tree: Root): { body: string[]; notes: string[] } {
  const body: string[] = [];
  const notes: string[] = [];
  const walk = (node: Root | RootContent, into: string[]) => {
    if (node.type === "text") into.push(...tokens(node.value));
    else if (node.type === "element" && pageNumbersOf(node)) into.push(pageNumbersOf(node)!);
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

/**
 * A page set in two columns (the index), read column by column: poppler may
 * run a line of the first column on into the line beside it. A page is in
 * columns when hardly a word crosses its middle and both halves hold words.
 */
export function inColumnOrder(page: PdfTextPage): PdfTextPage {
  if (!page.words.length) return page;
  // The middle of the text area (the margins differ left and right), not of the page.
  const middle = (Math.min(...page.words.map((word) => word.xMin)) + Math.max(...page.words.map((word) => word.xMax))) / 2;
  const crossing = page.words.filter((word) => word.xMin < middle && word.xMax > middle).length;
  const right = page.words.filter((word) => word.xMin >= middle);
  // The running head and the folio stand over the middle: two words may cross it.
  if (page.words.length < 40 || crossing > 2 || right.length < 10 || right.length === page.words.length) return page;
  // What stands above the columns (a running head, a section's title) comes first, what stands below them (the folio) last.
  const crosses = (word: PdfWord) => word.xMin < middle && word.xMax > middle;
  // The columns start at the second column's first line. A running head over both (`INDEX OF NAMES`, `DEVELOPMENT
  // CORPUS`) has a word right of the middle too, but also one across it: its line is no line of the columns.
  const across = page.words.filter(crosses).map((word) => word.yMax);
  const fullWidth = (word: PdfWord) => across.some((baseline) => Math.abs(baseline - word.yMax) <= 2);
  const top = Math.min(...right.filter((word) => !fullWidth(word)).map((word) => word.yMin)) - 1;
  // The lower of the two columns' ends: the first column may run on below the second's last line.
  const bottom = Math.max(...page.words.filter((word) => !crosses(word) && word.yMin > top).map((word) => word.yMax)) + 1;
  const zone = (word: PdfWord) => (word.yMax < top ? 0 : word.yMin > bottom || (crosses(word) && word.yMin > top) ? 2 : 1);
  const column = (word: PdfWord) => (zone(word) === 1 && word.xMin >= middle ? 1 : 0);
  // Lines anew: a word starts a new line where its zone, its column or its baseline changes.
  const ordered = [...page.words].sort((a, b) => zone(a) - zone(b) || column(a) - column(b) || a.yMax - b.yMax || a.xMin - b.xMin);
  let line = -1;
  const words = ordered.map((word, index) => {
    const previous = ordered[index - 1];
    if (!previous || zone(previous) !== zone(word) || column(previous) !== column(word) || Math.abs(previous.yMax - word.yMax) > 2) line++;
    return { ...word, line };
  });
  return { ...page, words };
}

/** A page's words within the text area: the running head and the folio stand outside it. */
export function pageWords(page: PdfTextPage, bands: TextBands): string[] {
  return page.words.filter((word) => word.yMax > bands.top && word.yMin < bands.bottom).flatMap((word) => tokens(word.text));
}

/**
 * The same words line by line, for a second reading when poppler's order of
 * the lines departs from the page's. Poppler may join a line of a side column
 * (a chronology date) with the line beside it: a line is cut again where a
 * word starts at the left edge where other lines start.
 */
export function pageLines(page: PdfTextPage, bands: TextBands): string[][] {
  const words = page.words.filter((word) => word.yMax > bands.top && word.yMin < bands.bottom);
  const edge = (x: number) => Math.round(x * 2) / 2;
  const starts = new Set(words.filter((word, i) => i === 0 || words[i - 1]!.line !== word.line).map((word) => edge(word.xMin)));
  const lines: string[][] = [];
  words.forEach((word, i) => {
    if (i === 0 || words[i - 1]!.line !== word.line || starts.has(edge(word.xMin))) lines.push([]);
    lines.at(-1)!.push(...tokens(word.text));
  });
  return lines.filter((line) => line.length);
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
 * after layout (contents, index): skipped; an empty page reference's slot
 * takes the page number that stands there.
 */
function advance(pdf: string[], k: number, end: number, expected: string[], cursor: Cursor): { k: number; cursor: Cursor } {
  let { i, rest } = cursor;
  let pending: string | undefined; // what is left of PDF word k when it spans expected words
  while (k < end && i < expected.length) {
    const word = pending ?? pdf[k]!;
    const target = rest ?? expected[i]!;
    if (target === pageNumberSlot) {
      // The page number written in, if the PDF has one here.
      // `19n4`: an index locator in a note.
      if (pending === undefined && pageNumber.test(word)) k++;
      i++;
    } else if (target === pageNumbersSlot) {
      // The page numbers written in: all the PDF has here (up to the page's end), short of the next expected word (`civil` reads as roman).
      if (pending === undefined) while (k < end && pageNumber.test(pdf[k]!) && pdf[k] !== expected[i + 1]) k++;
      i++;
    } else if (word === target) {
      i++, k++, (rest = undefined), (pending = undefined);
    } else if (target.startsWith(word)) {
      rest = target.slice(word.length), k++, (pending = undefined);
    } else if (word.startsWith(target)) {
      pending = word.slice(target.length), i++, (rest = undefined);
    } else if (pending === undefined && rest === undefined && /^\d+(?:n\d+)?$/.test(word)) {
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

type Expected = { body: string[]; notes: string[] };

/** Where both streams stand after one page's words, or undefined when the words depart from them. */
function settlePage(words: string[], expected: Expected, body: Cursor, notes: Cursor): { body: Cursor; notes: Cursor } | undefined {
  const greedy = advance(words, 0, words.length, expected.body, body);
  // The body's words end where the page's notes begin: try the longest body run first.
  for (let split = greedy.k; split >= 0; split--) {
    const bodyRun = split === greedy.k ? greedy : advance(words, 0, split, expected.body, body);
    if (bodyRun.k !== split) continue;
    const noteRun = advance(words, split, words.length, expected.notes, notes);
    if (noteRun.k === words.length) return { body: bodyRun.cursor, notes: noteRun.cursor };
    if (!expected.notes.length) break;
  }
  return undefined;
}

/**
 * The page's lines in the order the HTML's words ask for: each time the first
 * unread line that continues the body (then the notes), preferring one whose
 * first word is the next expected word over one that only skips page numbers.
 * Poppler reads a page's flows in an order of its own: beside a date column
 * (the chronology), a short last line in a smaller size (“Introduction, p. 56”)
 * came after the next entry. Every line must still be read exactly once.
 */
function linesInTextOrder(lines: string[][], expected: Expected, body: Cursor, notes: Cursor): string[] {
  const left = [...lines];
  const read: string[] = [];
  for (const [stream, start] of [[expected.body, body], [expected.notes, notes]] as const) {
    let cursor = start;
    for (;;) {
      // A line of page numbers alone fits anywhere: it must read some expected word.
      const fits = (line: string[]) => {
        const run = advance(line, 0, line.length, stream, cursor);
        return run.k === line.length && (run.cursor.i !== cursor.i || run.cursor.rest !== cursor.rest);
      };
      const next = stream[cursor.i];
      // A number opens a line only whole: “1” of a spaced-out heading “1 923” is no start of “10”.
      const opens = (line: string[]) => {
        const target = cursor.rest ?? next;
        return target !== undefined && (line[0] === target || (!/^\d+$/.test(line[0]!) && target.startsWith(line[0]!))) && fits(line);
      };
      const at = left.findIndex(opens) !== -1 ? left.findIndex(opens) : left.findIndex(fits);
      if (at === -1) break;
      const [line] = left.splice(at, 1);
      cursor = advance(line!, 0, line!.length, stream, cursor).cursor;
      read.push(...line!);
    }
  }
  return [...read, ...left.flat()];
}

/**
 * Compares the PDF's pages with the print tree's words; returns what differs
 * (empty when all is well). `pageLines[i]`, when given, is page i's words by
 * line: when poppler's reading order departs from the HTML, the page is read
 * again with its lines in the HTML's order.
 */
export function checkTextIntegrity(pages: string[][], expected: Expected, pageLines: (string[][] | undefined)[] = []): IntegrityProblem[] {
  let body: Cursor = { i: 0 };
  let notes: Cursor = { i: 0 };
  for (const [index, words] of pages.entries()) {
    const lines = pageLines[index];
    const settled = settlePage(words, expected, body, notes) ?? (lines ? settlePage(linesInTextOrder(lines, expected, body, notes), expected, body, notes) : undefined);
    if (!settled) {
      const greedy = advance(words, 0, words.length, expected.body, body);
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
