// The text check compares like with like where layout writes page numbers in:
// an index entry's locators are one slot in the print HTML (its placeholders
// become folios), and the PDF has there as many numbers as the entry has pages,
// the book's last entry included, where no expected word follows.
import { h } from "hastscript";
import type { Root } from "hast";
import { describe, expect, it } from "vitest";
import { checkTextIntegrity, treeWords } from "../src/preflight/text-integrity.js";

/** Two index entries as the print HTML writes them: a term, then its locators (placeholders, a per-text label print hides). */
const index: Root = {
  type: "root",
  children: [
    h("ol", [
      h("li", [h("span.index-term", "Yagoda, Genrikh"), h("span.index-locators.page-ref-list", [": ", h("span.index-text-label", "Dawsey"), " ", h("a.page-ref", { href: "#n1" }, "1")])]),
      h("li", [h("span.index-term", "Zinoviev, Gregori"), h("span.index-locators.page-ref-list", [": ", h("span.index-text-label", "Dawsey"), " ", h("a.page-ref", { href: "#n2" }, "1"), ", ", h("a.page-ref", { href: "#n3" }, "2")])]),
    ]),
  ],
};

describe("the text check's page numbers", () => {
  const expected = treeWords(index);

  it("reads an entry's locators as one slot", () => {
    expect(expected.body).toEqual(["yagoda", "genrikh", "##", "zinoviev", "gregori", "##"]);
  });

  it("accepts every page number the PDF has in a list's slot, the last entry's too", () => {
    expect(checkTextIntegrity([["yagoda", "genrikh", "18", "zinoviev", "gregori", "15", "25"]], expected)).toEqual([]);
    // Across a page turn, and with a note's locator and a range.
    expect(checkTextIntegrity([["yagoda", "genrikh", "18", "19n4"], ["1821", "zinoviev", "gregori", "15", "25"]], expected)).toEqual([]);
  });

  it("still finds a word lost after the numbers", () => {
    expect(checkTextIntegrity([["yagoda", "genrikh", "18", "gregori", "15"]], expected)).toHaveLength(1);
  });

  it("stops the slot at the next entry even where it reads as a roman numeral", () => {
    const civil = treeWords({ type: "root", children: [h("p", [h("span.page-ref-list", [h("a.page-ref", "1")]), " civil war"])] });
    expect(checkTextIntegrity([["12", "14", "civil", "war"]], civil)).toEqual([]);
  });
});
