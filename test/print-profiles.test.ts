// The print profiles as data, and what is computed from them: the page CSS,
// the blank pages added, the cover's size, and the profile checks on pages
// made by hand.
import { describe, expect, it } from "vitest";
import { pageSizeCss } from "../src/render/page-geometry.js";
import { coverGeometry, spineHasText } from "../src/render/print-cover.js";
import { paperSource, profiles } from "../src/render/print-profiles.js";
import { paddingPages } from "../src/render/profile-pass.js";
import { checkBlankPages, checkPageCount, checkSoftHyphens } from "../src/preflight/profile-checks.js";
import type { PdfTextPage } from "../src/preflight/pdf-tools.js";

/** A page of words, one line per inner array. */
const page = (...lines: string[][]): PdfTextPage => ({ width: 432, height: 648, words: lines.flatMap((words, line) => words.map((text) => ({ text, xMin: 0, xMax: 0, yMin: 0, yMax: 0, line }))) });
const blank = page();

describe("print profiles", () => {
  it("sets bleed and crop marks for offset, the bare trim for pod", () => {
    expect(pageSizeCss("6x9in", profiles.offset)).toMatch(/@page \{ size: 6in 9in; bleed: 3mm; marks: crop; margin/);
    expect(pageSizeCss("6x9in", profiles.pod)).toMatch(/@page \{ size: 6in 9in; margin/);
    expect(pageSizeCss("6x9in", profiles.pod)).not.toMatch(/bleed|marks/);
  });

  it("cites a published specification for every print-on-demand rule", () => {
    expect(profiles.pod.sources.length).toBeGreaterThan(3);
    for (const source of [...profiles.pod.sources, paperSource]) expect(source.url).toMatch(/^https:\/\/(kdp\.amazon\.com|www\.ingramspark\.com|help\.ingramspark\.com|help\.lightningsource\.com)\//);
  });

  it("pads offset to whole signatures and pod to an even count ending on a blank page", () => {
    expect([269, 270, 271, 272].map((pages) => pages + paddingPages(profiles.offset, pages))).toEqual([272, 272, 272, 272]);
    // pod: one blank page for the printer's code, then even.
    expect([269, 270, 271, 272].map((pages) => pages + paddingPages(profiles.pod, pages))).toEqual([270, 272, 272, 274]);
    expect(paddingPages(profiles.screen, 271)).toBe(0);
  });

  it("sizes the cover by KDP's formula: 272 pages on white and on cream", () => {
    // By hand: 272 × 0.002252 = 0.612544 in of spine; 0.125 + 6 + 0.612544 + 6 + 0.125 = 12.862544 in.
    const white = coverGeometry("6x9in", 272, "white", profiles.pod);
    expect(white.spine).toBeCloseTo(0.612544, 6);
    expect(white.width).toBeCloseTo(12.862544, 6);
    expect(white.height).toBeCloseTo(9.25, 6);
    // 272 × 0.0025 = 0.68 in; 12.25 + 0.68 = 12.93 in.
    const cream = coverGeometry("6x9in", 272, "cream", profiles.pod);
    expect(cream.width).toBeCloseTo(12.93, 6);
    // The offset cover keeps the offset bleed: 3 mm on each side.
    expect(coverGeometry("6x9in", 272, "white", profiles.offset).width).toBeCloseTo(12 + 0.612544 + (2 * 3) / 25.4, 6);
    expect(spineHasText(white)).toBe(true);
    expect(spineHasText(coverGeometry("6x9in", 78, "white", profiles.pod))).toBe(false);
  });
});

describe("profile checks on pages made by hand", () => {
  it("counts blank-page runs inside the book and at its end against the profile", () => {
    const text = page(["words"]);
    const pages = [text, blank, blank, blank, text, blank, text, blank, blank];
    const pod = checkBlankPages(pages, profiles.pod);
    expect(pod.problems).toEqual(["3 blank pages in a row from page 2 (at most 2)"]);
    expect(pod.summary).toMatch(/longest run inside the book 3, at the end 2/);
    expect(checkBlankPages(pages, profiles.offset).problems).toEqual([]);
  });

  it("wants pod's last page blank and its count even", () => {
    expect(checkPageCount([page(["a"]), page(["b"]), page(["c"])], profiles.pod).problems).toEqual(["3 pages: not a multiple of 2", "the last page is not blank (the printer prints its code there)"]);
    expect(checkPageCount([page(["a"]), blank], profiles.pod).problems).toEqual([]);
  });

  it("finds soft hyphens inside a line, and lets one that ends a line pass", () => {
    // Chromium writes a line-end soft hyphen followed by the hyphen it draws.
    const ok = checkSoftHyphens([page(["the", "revo\u00ad-"], ["lution", "came", "cen\u00ad"], ["tury"])]);
    expect(ok.problems).toEqual([]);
    expect(ok.summary).toMatch(/\(2 at line ends\)/);
    const bad = checkSoftHyphens([page(["Trot\u00adsky", "wrote"], ["re\u00ad", "more"])]);
    expect(bad.problems.slice(0, 3)).toEqual(["2 soft hyphens inside lines of the text layer", "page 1: “Trot·sky”", "page 1: “re·”"]);
  });
});
