// Vertical justification (src/render/browser/vertical-justify.js): a small
// book of sections, each a heading and paragraphs of varying length, so
// that headings kept with their text leave pages short. Rendered in Chromium
// twice, as Paged.js lays it out and made flush after layout: the spreads
// the make-up measure names uneven are made even, and every page holds the
// same words in the same order (nothing moves between pages).
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { pageMakeUp } from "../src/preflight/page-make-up.js";
import { pdfTextPages } from "../src/preflight/pdf-tools.js";
import { textBands, trimGeometry } from "../src/render/page-geometry.js";
import { renderPdf } from "../src/render/pdf.js";
import { renderPrintHtml } from "../src/render/print-html.js";
import { tmpdir } from "node:os";
import path from "node:path";
import { mkdtemp, writeFile } from "node:fs/promises";

function division(node: Element, id: string): Element {
  node.data = { division: { id, part: "body", title: id, inContents: false } };
  return node;
}

const sentence = (n: number) => `Sentence ${n} of the book runs on with words enough to fill a line or two of the page.`;
const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(" ");

describe("vertical justification", () => {
  it("makes facing pages end on one line by spreading a short page's free space, moving no word to another page", async () => {
    const { manifest } = await loadEdition("sources/edition.yaml");
    const blocks: Element[] = [];
    // Sections whose lengths vary, so their headings fall at varied heights of the page.
    for (let section = 0; section < 14; section++) {
      blocks.push(h("h2", `Section ${section + 1}`));
      const paragraphs = 2 + (section % 3);
      for (let p = 0; p < paragraphs; p++) blocks.push(h("p", words(section * 100 + p * 10, 3 + ((section * 7 + p * 3) % 6))));
      if (section % 4 === 1) blocks.push(h("blockquote", [h("p", words(section * 100 + 90, 4))]));
    }
    const book: Root = { type: "root", children: [division(h("section", { id: "body", className: ["division", "text"] }, blocks), "body")] };
    const html = await renderPrintHtml(manifest, book);
    const dir = await mkdtemp(path.join(tmpdir(), "vertical-justify-"));
    const read = async (name: string, pdf: Uint8Array) => {
      await writeFile(path.join(dir, name), pdf);
      return pdfTextPages(path.join(dir, name));
    };
    const asLaid = await renderPdf(manifest, html, { verticalJustify: false });
    const flush = await renderPdf(manifest, html);
    const before = await read("before.pdf", asLaid.screen);
    const after = await read("after.pdf", flush.screen);
    const bands = textBands(trimGeometry(manifest.trim).height, 0);
    const headings = blocks.filter((block) => block.tagName === "h2").map((block) => String((block.children[0] as { value: string }).value));
    const uneven = pageMakeUp(before, bands, headings).unevenSpreads;
    expect(uneven.length, "the fixture has uneven spreads as laid out").toBeGreaterThan(0);
    expect(pageMakeUp(after, bands, headings).unevenSpreads).toEqual([]);
    expect(flush.verticalJustify.justified.length).toBeGreaterThan(0);
    // Every page keeps its words, in order.
    const text = (pages: typeof before) => pages.map((page) => page.words.map((word) => word.text).join(" "));
    expect(text(after)).toEqual(text(before));
    // The other make-up counts are no worse.
    const { unevenSpreads: _b, ...restBefore } = pageMakeUp(before, bands, headings);
    const { unevenSpreads: _a, ...restAfter } = pageMakeUp(after, bands, headings);
    expect(restAfter).toEqual(restBefore);
  });
});
