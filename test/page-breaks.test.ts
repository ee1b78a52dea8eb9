import type { Element } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { toXhtml } from "../src/render/to-xhtml.js";
import { insertPageBreaks } from "../src/render/page-breaks.js";
import type { PageStart } from "../src/render/pdf.js";

const division = (): Element =>
  h("section", { id: "d" }, [
    h("h1", "Title"),
    h("p", ["Alpha beta ", h("em", "gamma"), " delta."]),
    h("p", "Again alpha beta."),
  ]);
const start = (offset: number, snippet: string, id = "d"): PageStart["start"] => ({ ids: [{ id, offset }], snippet });
const marker = (folio: string) => `<span id="page-${folio}" role="doc-pagebreak" epub:type="pagebreak" aria-label="${folio}"></span>`;

describe("page-break markers", () => {
  it("go inside the text where a page starts in the middle of a paragraph", () => {
    const tree = division();
    // "Title" + "Alphabeta" = 14 counted characters before "gamma".
    const { placed } = insertPageBreaks([tree], [{ folio: "7", start: start(14, "gammadelta.Againalphabeta.") }]);
    expect(placed).toEqual([{ folio: "7", division: "d" }]);
    expect(toXhtml(tree)).toContain(`<p>Alpha beta <em>${marker("7")}gamma</em> delta.</p>`);
  });

  it("stand between blocks where a page starts with a paragraph", () => {
    const tree = division();
    insertPageBreaks([tree], [{ folio: "8", start: start(25, "Againalphabeta.") }]);
    expect(toXhtml(tree)).toContain(`</p>${marker("8")}<p>Again alpha beta.</p>`);
  });

  it("put a blank page's marker just before the next page's, in page order", () => {
    const tree = division();
    insertPageBreaks([tree], [
      { folio: "1", start: start(0, "TitleAlphabeta") },
      { folio: "2", start: null },
      { folio: "3", start: start(25, "Againalphabeta.") },
    ]);
    expect(toXhtml(tree)).toMatch(new RegExp(`^<section id="d">${marker("1")}<h1>Title</h1>.*</p>${marker("2")}${marker("3")}<p>Again`));
  });

  it("never stand directly in a dl's div, which may hold only terms and descriptions: they go inside the term", () => {
    const tree = h("section", { id: "d" }, [
      h("dl", [h("div", [h("dt", "1917"), h("dd", "Revolution.")]), h("div", [h("dt", "1918"), h("dd", "Brest.")])]),
    ]);
    // "1917Revolution." = 15 counted characters before the second entry.
    insertPageBreaks([tree], [{ folio: "3", start: start(15, "1918Brest.") }]);
    expect(toXhtml(tree)).toContain(`<div><dt>${marker("3")}1918</dt><dd>Brest.</dd></div>`);
  });

  it("trust the following text over the count when print-only text shifted the count", () => {
    const tree = division();
    // Recorded 5 characters too far (say, a note printed in the flow); "beta." after "Again alpha" is still found.
    insertPageBreaks([tree], [{ folio: "9", start: start(40, "beta.") }]);
    expect(toXhtml(tree)).toContain(`<p>Again alpha ${marker("9")}beta.</p>`);
  });

  it("choose, of two places with the same text, the one nearest the count", () => {
    const tree = division();
    insertPageBreaks([tree], [{ folio: "4", start: start(10, "beta") }]);
    expect(toXhtml(tree)).toContain(`<p>Alpha ${marker("4")}beta `);
  });

  it("fall back to an outer id when the nearest one is not in the EPUB, and report pages with no known id", () => {
    const tree = division();
    const { unplaced } = insertPageBreaks([tree], [
      { folio: "5", start: { ids: [{ id: "print-only", offset: 0 }, { id: "d", offset: 5 }], snippet: "Alpha" } },
      { folio: "6", start: start(0, "Nowhere", "gone") },
    ]);
    expect(toXhtml(tree)).toContain(`</h1>${marker("5")}<p>Alpha`);
    expect(unplaced).toEqual(["6"]);
  });
});
