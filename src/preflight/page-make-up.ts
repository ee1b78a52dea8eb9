// Page make-up, measured on the laid-out PDF (pdftotext's words with their
// boxes): the rules a university press holds its pages to, counted by page.
// Each count names its pages and has a budget (`makeUpBudget`, which the
// manifest's `makeUp` may raise): over it, preflight fails. A printer accepts
// no heading at a page's foot, no orphan, no paragraph ending on a scrap and
// no broken name; a widow or a hyphen ladder now and then where the page
// cannot be made otherwise (a couple in a book); facing pages that end apart
// are named but never fail (a page made short by its own widow, orphan or
// heading rule cannot be matched by its facing page in one Paged.js pass).
// - a heading in the last two lines of a page;
// - a widow (a paragraph's last line alone at the head of a page) or an
//   orphan (its first line alone at the foot);
// - a paragraph that ends on a hyphenated scrap (its last line one word, the
//   end of a word broken on the line before);
// - a broken capitalised word (a name);
// - more than two hyphenated lines in a row;
// - facing pages whose last lines stand more than half a line apart (not
//   where either page ends a division: a text, a chapter, a back-matter part).
import type { PdfTextPage, PdfWord } from "./pdf-tools.js";
import type { TextBands } from "./text-integrity.js";

export interface MakeUpCounts {
  headingsAtFoot: number[];
  widows: number[];
  orphans: number[];
  scraps: number[];
  brokenCapitals: number[];
  hyphenRuns: number[];
  unevenSpreads: number[];
}

interface Line {
  words: PdfWord[];
  xMin: number;
  xMax: number;
  bottom: number;
  height: number;
  text: string;
}

/** How many pages each rule may name before preflight fails; `undefined`: never fails (named only). */
export type MakeUpBudget = { [Key in keyof MakeUpCounts]?: number };
export const makeUpBudget: MakeUpBudget = { headingsAtFoot: 0, widows: 2, orphans: 0, scraps: 0, brokenCapitals: 0, hyphenRuns: 2 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
/** Letters and digits only: a letter-spaced heading (`1 875`) reads as its text. */
const squeeze = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
/** A line that ends in a broken word: poppler gives the soft hyphen and the hyphen drawn (`Trot\u00ADs-`), or either. */
const brokenAtEnd = (line: Line) => /\p{L}\u00AD?-$|\p{L}\u00AD$/u.test(line.words.at(-1)!.text);

/** The page's lines in the text area, in order down the page; `body` leaves out the footnotes (set smaller, at the foot). */
function pageLinesOf(page: PdfTextPage, bands: TextBands): { all: Line[]; body: Line[] } {
  const byLine = new Map<number, PdfWord[]>();
  for (const word of page.words) if (word.yMax > bands.top && word.yMin < bands.bottom) byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  const lines = [...byLine.values()].map((words) => ({
    words,
    xMin: Math.min(...words.map((word) => word.xMin)),
    xMax: Math.max(...words.map((word) => word.xMax)),
    bottom: Math.max(...words.map((word) => word.yMax)),
    height: median(words.map((word) => word.yMax - word.yMin)),
    text: words.map((word) => word.text).join(" "),
  }));
  const body = median(lines.map((line) => line.height));
  // The footnotes: the run of smaller lines that closes the page.
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.height < body * 0.88) end--;
  const down = (list: Line[]) => [...list].sort((a, b) => a.bottom - b.bottom);
  return { all: down(lines), body: down(lines.slice(0, end)) };
}

/** Lines set in columns (the index): lines start at two far-apart edges. Such pages are left out of the line rules. */
function inColumns(lines: Line[], width: number): boolean {
  const starts = lines.map((line) => line.xMin).sort((a, b) => a - b);
  return starts.length > 4 && starts.at(-1)! - starts[0]! > width / 3 && starts.filter((x) => x > starts[0]! + width / 3).length >= 3;
}

/**
 * `headings`: the print tree's headings; `compounds`: its words written with a
 * hyphen (`Social-Democratic`), whose break at the hyphen is no broken word.
 */
export function pageMakeUp(pages: PdfTextPage[], bands: TextBands, headings: string[], compounds: Set<string> = new Set()): MakeUpCounts {
  const counts: MakeUpCounts = { headingsAtFoot: [], widows: [], orphans: [], scraps: [], brokenCapitals: [], hyphenRuns: [], unevenSpreads: [] };
  const headingTexts = new Set(headings.map(squeeze).filter(Boolean));
  const laidOut = pages.map((page) => pageLinesOf(page, bands));
  const all = laidOut.map(({ body }, index) => (inColumns(body, pages[index]!.width) ? [] : body));
  const lineHeight = median(all.flatMap((lines) => lines.slice(1).map((line, index) => line.bottom - lines[index]!.bottom)).filter((step) => step > 5)) || 15;
  // Whether a page's text opens with a paragraph's first line (set in from the page's leftmost line) or a heading,
  // which no paragraph of the page before runs into.
  const opensParagraph = all.map((lines) => lines.length > 0 && (lines[0]!.xMin > Math.min(...lines.map((line) => line.xMin)) + 4 || headingTexts.has(squeeze(lines[0]!.text))));
  all.forEach((lines, index) => {
    const page = index + 1;
    if (!lines.length) return;
    const left = median(lines.map((line) => line.xMin));
    const right = median(lines.map((line) => line.xMax));
    const indented = (line: Line) => line.xMin > left + 4;
    const short = (line: Line) => line.xMax < right - 24;
    // A heading stands after a space of its own (a paragraph's last line `revolution.` may read as the heading `Revolution`).
    const isHeading = (line: Line) => {
      const at = lines.indexOf(line);
      return headingTexts.has(squeeze(line.text)) && (at === 0 || line.bottom - lines[at - 1]!.bottom > 1.4 * lineHeight);
    };
    const full = lines.at(-1)!.bottom > bands.bottom - 2.5 * lineHeight;
    // A heading in the last two lines of a full page (the rest of its section goes over).
    if (full && lines.slice(-2).some(isHeading)) counts.headingsAtFoot.push(page);
    // A widow: the page opens with a paragraph's short last line, and a new paragraph (or a heading) follows it.
    const [first, second] = lines;
    // (Not on an opening page, whose text starts below a sunk head.)
    const atTop = first !== undefined && first.bottom - first.height < bands.top + 1.5 * lineHeight;
    if (index > 0 && first && second && atTop && !indented(first) && short(first) && !isHeading(first) && (indented(second) || isHeading(second))) counts.widows.push(page);
    // An orphan: a full page closes with a paragraph's first line, and the paragraph runs on (the next page opens mid-paragraph; a one-line paragraph is none).
    const [before, last] = lines.slice(-2);
    const runsOn = Boolean(all[index + 1]?.length) && !opensParagraph[index + 1];
    if (full && last && before && runsOn && indented(last) && !isHeading(last) && (short(before) || isHeading(before))) counts.orphans.push(page);
    let run = 0;
    lines.forEach((line, at) => {
      const broken = brokenAtEnd(line);
      run = broken ? run + 1 : 0;
      if (run === 3) counts.hyphenRuns.push(page);
      if (!broken) return;
      const next = lines[at + 1];
      const compound = next && !line.words.at(-1)!.text.includes("\u00AD") && compounds.has(`${line.words.at(-1)!.text}${next.words[0]!.text}`.replace(/[^\p{L}\p{N}-]/gu, ""));
      if (/^\p{Lu}/u.test(line.words.at(-1)!.text) && !compound) counts.brokenCapitals.push(page);
      // The scrap is the rest of the broken word, in lower case (a chronology's date column, `[1918]`, is none).
      if (next && next.words.length === 1 && short(next) && /^\p{Ll}/u.test(next.words[0]!.text)) counts.scraps.push(page);
    });
  });
  // Facing pages: a verso (even) and the recto after it end on the same baseline within half a line (footnotes included),
  // as a printer judges a spread the text runs across: however short a page is, unless it ends a division.
  const endsDivision = (index: number) => {
    const next = laidOut[index + 1]?.all;
    // The book's last page, or one followed by a blank page or by an opening page (its text below a sunk head).
    return !next?.length || next[0]!.bottom - next[0]!.height > bands.top + 2.5 * lineHeight;
  };
  for (let verso = 2; verso < laidOut.length; verso += 2) {
    const a = laidOut[verso - 1]!.all;
    const b = laidOut[verso]!.all;
    if (!a.length || !b.length || endsDivision(verso - 1) || endsDivision(verso)) continue;
    if (Math.abs(a.at(-1)!.bottom - b.at(-1)!.bottom) > lineHeight / 2) counts.unevenSpreads.push(verso);
  }
  for (const key of Object.keys(counts) as (keyof MakeUpCounts)[]) counts[key] = [...new Set(counts[key])];
  return counts;
}

const labels: Record<keyof MakeUpCounts, string> = {
  headingsAtFoot: "headings in a page's last two lines",
  widows: "widows",
  orphans: "orphans",
  scraps: "paragraphs ending on a hyphenated scrap",
  brokenCapitals: "capitalised words broken",
  hyphenRuns: "runs of three or more hyphenated lines",
  unevenSpreads: "facing pages ending more than half a line apart (verso page)",
};

/** The rules over their budget (the edition's `makeUp` over the defaults), each with its pages. */
export function makeUpProblems(counts: MakeUpCounts, budget: MakeUpBudget = {}): string[] {
  const limits = { ...makeUpBudget, ...budget };
  return (Object.keys(labels) as (keyof MakeUpCounts)[]).flatMap((key) => {
    const limit = limits[key];
    const pages = counts[key];
    return limit !== undefined && pages.length > limit ? [`${labels[key]}: ${pages.length}, over the budget of ${limit} (p. ${pages.join(", ")}); the manifest's \`makeUp: { ${key}: N }\` raises it`] : [];
  });
}

/** The rules with no budget (named, never failing) that name pages: one warning each, every page named (a spread as verso/recto). */
export function makeUpWarnings(counts: MakeUpCounts, budget: MakeUpBudget = {}): string[] {
  const limits = { ...makeUpBudget, ...budget };
  return (Object.keys(labels) as (keyof MakeUpCounts)[]).flatMap((key) => {
    const pages = counts[key];
    if (limits[key] !== undefined || !pages.length) return [];
    const named = key === "unevenSpreads" ? pages.map((page) => `${page}/${page + 1}`) : pages.map(String);
    return [`${labels[key]}: ${pages.length} (p. ${named.join(", ")}), named, not failing`];
  });
}

/** One line per rule: its count and the pages. */
export function formatMakeUp(counts: MakeUpCounts): string[] {
  return (Object.keys(labels) as (keyof MakeUpCounts)[]).map((key) => {
    const pages = counts[key];
    return `${labels[key]}: ${pages.length}${pages.length ? ` (p. ${pages.slice(0, 12).join(", ")}${pages.length > 12 ? ", …" : ""})` : ""}`;
  });
}
