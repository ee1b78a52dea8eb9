// The blocks Paged.js cuts at page breaks, recorded in the browser
// (src/render/browser/page-splits.js), carried in the PDF and joined by the
// structure post-pass: rendered in Chromium from a small book made here.
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { checkAccessibility, readContents } from "../src/preflight/pdf-accessibility.js";
import { renderPdf } from "../src/render/pdf.js";
import { letters, readSplitRecord } from "../src/render/pdf-splits.js";
import { firstContent, lastContent, readTree, withParents } from "../src/render/pdf-structure.js";
import { renderPrintHtml } from "../src/render/print-html.js";

function division(node: Element, id: string): Element {
  node.data = { division: { id, part: "body", title: id, inContents: false } };
  return node;
}

describe("blocks cut by page breaks", () => {
  it("are recorded with the words on either side of the break, and each is one element of the PDF's structure", async () => {
    const { manifest } = await loadEdition("sources/edition.yaml");
    const words = (n: number, count: number) => Array.from({ length: count }, (_, i) => `Paragraph ${n} sentence ${i} runs on with words enough to fill the line.`).join(" ");
    const blocks = [
      ...Array.from({ length: 6 }, (_, i) => h("p", words(i, 14))),
      h("blockquote", [h("p", words(100, 30))]),
      h("ol", Array.from({ length: 8 }, (_, i) => h("li", words(200 + i, 5)))),
      ...Array.from({ length: 4 }, (_, i) => h("p", words(300 + i, 14))),
    ];
    const book: Root = { type: "root", children: [division(h("section", { id: "body", className: ["division", "text"] }, blocks), "body")] };
    const { screen, pageCount } = await renderPdf(manifest, await renderPrintHtml(manifest, book));
    expect(pageCount).toBeGreaterThan(3);
    const doc = await PDFDocument.load(screen, { updateMetadata: false });
    const record = readSplitRecord(doc)!;
    expect(record.length).toBeGreaterThanOrEqual(pageCount - 2);
    expect(record.some((split) => split.kind === "p")).toBe(true);
    // Items of five whole sentences: here a page ends where a sentence does, the cut the text alone cannot tell.
    expect(record.some((split) => split.kind === "li" && /[.!?]$/.test(split.end))).toBe(true);
    // Each cut is a place in one block of the source: the words before the break run straight on into those after it.
    const sources = blocks.map((block) => letters(toString(block)));
    for (const split of record) {
      const junction = letters(split.end) + letters(split.start);
      expect(sources.some((text) => text.includes(junction)), `${split.kind} on page ${split.page}: “${split.end}” | “${split.start}”`).toBe(true);
    }
    const { counts, splitsTold } = checkAccessibility(doc, manifest);
    expect(splitsTold).toMatch(new RegExp(`against the ${record.length} cuts Paged\\.js recorded \\(${record.length} joined\\)`));
    expect(counts.splitElements).toBe(0);
    // As many paragraphs cross a page as the record has paragraph cuts.
    const crossing = [...withParents(readTree(doc, readContents(doc))!)].filter(([element]) => element.type === "P" && firstContent(element)!.page !== lastContent(element)!.page);
    expect(crossing.length).toBe(record.filter((split) => split.kind === "p").length);
  });
});
