// The page-range rules both renderers share (src/render/browser/page-ranges.js),
// against the Chicago Manual's own examples of inclusive numbers.
import { describe, expect, it } from "vitest";
import "../src/render/browser/page-ranges.js";

// Folio of page index i is String(i): the arithmetic is easy to check by eye.
const folios = Array.from({ length: 1200 }, (_, index) => String(index));
const read = (pages: number[]) => editionPageRanges.pageRuns(pages).map((run) => editionPageRanges.runText(folios, run)).join(", ");

describe("page ranges", () => {
  it("gives each page once, in order, consecutive pages as one run", () => {
    expect(read([14, 12, 13, 12, 40, 3])).toBe("3, 12–14, 40");
  });

  it("abbreviates the second number as Chicago does", () => {
    expect(read([3, 4, 5, 6, 7, 8, 9, 10])).toBe("3–10");
    expect(read([71, 72])).toBe("71–72");
    expect(read([100, 101, 102, 103, 104])).toBe("100–104");
    expect(read([1100, 1101, 1102, 1103, 1104, 1105, 1106, 1107, 1108, 1109, 1110, 1111, 1112, 1113])).toBe("1100–1113");
    expect(read([101, 102, 103, 104, 105, 106, 107, 108])).toBe("101–8");
    expect(read([808, 809, 810, 811, 812, 813, 814, 815, 816, 817, 818, 819, 820, 821, 822, 823, 824, 825, 826, 827, 828, 829, 830, 831, 832, 833])).toBe("808–33");
    expect(read([321, 322, 323, 324, 325, 326, 327, 328])).toBe("321–28");
    expect(read([112, 113, 114])).toBe("112–14");
    expect(read(Array.from({ length: 35 }, (_, index) => 498 + index))).toBe("498–532");
  });

  it("keeps roman folios whole", () => {
    expect(editionPageRanges.runText(["i", "ii", "iii", "iv"], { start: 1, end: 3 })).toBe("ii–iv");
  });
});

describe("note locators in a list of pages (Chicago's 19n4)", () => {
  const folios = Array.from({ length: 30 }, (_, index) => String(index + 1));
  const read = (textPages: number[], notes: { page: number; label: string }[]) =>
    editionPageRanges
      .listItems(textPages, notes)
      .map(({ run, note }) => (run ? editionPageRanges.runText(folios, run) : editionPageRanges.noteText(folios, note!)))
      .join(", ");

  it("gives each note locator its page and note, in page order, after a run that starts on its page", () => {
    expect(read([3, 4, 5, 18], [{ page: 18, label: "4" }, { page: 9, label: "12" }])).toBe("4–6, 10n12, 19, 19n4");
  });

  it("gives a note once however often it names the person, and keeps two notes of one page apart", () => {
    expect(read([], [{ page: 18, label: "4" }, { page: 18, label: "4" }, { page: 18, label: "5" }])).toBe("19n4, 19n5");
  });
});
