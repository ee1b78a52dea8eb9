// Page make-up budgets (src/preflight/page-make-up.ts): which counts fail
// preflight, with their pages, and how the manifest raises a budget. The
// pages are small synthetic ones: lines of words at known places.
import { describe, expect, it } from "vitest";
import { makeUpBudget, makeUpProblems, makeUpWarnings, pageMakeUp, type MakeUpCounts } from "../src/preflight/page-make-up.js";
import type { PdfTextPage, PdfWord } from "../src/preflight/pdf-tools.js";

const bands = { top: 60, bottom: 600 };
const line = 15;

/** A page of `count` full lines from the top of the text area; `last` replaces the last line's words. */
function page(count: number, last?: string, lastX = 72, gapBeforeLast = false): PdfTextPage {
  const words: PdfWord[] = [];
  for (let index = 0; index < count; index++) {
    // A heading has a line's space above it.
    if (gapBeforeLast && index === count - 2) continue;
    const bottom = bands.top + (index + 1) * line;
    const texts = index === count - 1 && last ? last.split(" ") : ["Lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed"];
    const x0 = index === count - 1 && last ? lastX : index === 0 ? 84 : 72;
    texts.forEach((text, at) => words.push({ text, xMin: x0 + at * 36, xMax: index === count - 1 && last ? x0 + at * 36 + 30 : at === texts.length - 1 ? 390 : x0 + at * 36 + 30, yMin: bottom - 11, yMax: bottom, line: index }));
  }
  return { width: 432, height: 648, words };
}

const none = (): MakeUpCounts => ({ headingsAtFoot: [], widows: [], orphans: [], scraps: [], brokenCapitals: [], hyphenRuns: [], unevenSpreads: [] });

describe("make-up budgets", () => {
  it("fails a heading at a page's foot, naming the page; a paragraph's last line that reads as a heading is none", () => {
    const full = Math.floor((bands.bottom - bands.top) / line);
    const counts = pageMakeUp([page(full), page(full, "The art of insurrection", 72, true), page(full, "insurrection.", 72)], bands, ["The art of insurrection", "Insurrection"]);
    expect(counts.headingsAtFoot).toEqual([2]);
    expect(makeUpProblems(counts)).toEqual([expect.stringMatching(/^headings in a page's last two lines: 1, over the budget of 0 \(p\. 2\)/)]);
  });

  it("lets widows and hyphen ladders through up to their budget, and the manifest raise it", () => {
    const counts = { ...none(), widows: [11, 40], hyphenRuns: [7, 20, 21] };
    expect(makeUpBudget.widows).toBe(2);
    expect(makeUpProblems(counts)).toEqual([expect.stringContaining("runs of three or more hyphenated lines: 3, over the budget of 2 (p. 7, 20, 21)")]);
    expect(makeUpProblems(counts, { hyphenRuns: 3 })).toEqual([]);
  });

  it("names facing pages that end apart but never fails on them by default", () => {
    const full = Math.floor((bands.bottom - bands.top) / line);
    const counts = pageMakeUp([page(full), page(full), page(full - 1), page(full)], bands, []);
    expect(counts.unevenSpreads).toEqual([2]);
    expect(makeUpProblems(counts)).toEqual([]);
    expect(makeUpWarnings(counts)).toEqual(["facing pages ending more than half a line apart (verso page): 1 (p. 2/3), named, not failing"]);
    expect(makeUpWarnings(counts, { unevenSpreads: 0 })).toEqual([]);
    expect(makeUpProblems(counts, { unevenSpreads: 0 })).toHaveLength(1);
  });

  it("judges a spread as a printer does: a division's last page ends where its text does, a page the text runs on from however short it is", () => {
    const full = Math.floor((bands.bottom - bands.top) / line);
    const blank: PdfTextPage = { width: 432, height: 648, words: [] };
    // An opening page: its text starts below a sunk head, five lines down.
    const opening = page(full);
    opening.words = opening.words.filter((word) => word.line >= 5);
    // The recto ends its text a line short: a blank page or an opening page follows it.
    expect(pageMakeUp([page(full), page(full), page(full - 1), blank, opening], bands, []).unevenSpreads).toEqual([]);
    expect(pageMakeUp([page(full), page(full), page(full - 1), opening], bands, []).unevenSpreads).toEqual([]);
    // The verso ends its text: the recto opens the next one.
    expect(pageMakeUp([page(full), page(full - 2), opening, page(full)], bands, []).unevenSpreads).toEqual([]);
    // The text runs on from a recto four lines short (no longer “full”): the spread is uneven all the same.
    expect(pageMakeUp([page(full), page(full), page(full - 4), page(full)], bands, []).unevenSpreads).toEqual([2]);
  });

  it("takes a one-line paragraph at a page's foot for no orphan: the next page opens a paragraph", () => {
    const full = Math.floor((bands.bottom - bands.top) / line);
    // The last line indented and short, after a paragraph's short last line.
    const foot = () => {
      const last = page(full, "We are still living with it.", 84);
      const before = last.words.filter((word) => word.line === full - 2);
      before.at(-1)!.xMax = 250;
      return last;
    };
    // The next page opens indented (page() indents its first line): a new paragraph.
    expect(pageMakeUp([foot(), page(full)], bands, []).orphans).toEqual([]);
    // The next page runs on flush left: the paragraph goes on, its first line left alone.
    const runOn = page(full);
    for (const word of runOn.words.filter((word) => word.line === 0)) (word.xMin -= 12), (word.xMax -= 12);
    expect(pageMakeUp([foot(), runOn], bands, []).orphans).toEqual([1]);
  });
});
