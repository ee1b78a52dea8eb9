import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, inject, it } from "vitest";
import { editionTree } from "./edition-tree.js";
import { renderEpub } from "../src/render/epub.js";
import { pdfPagesInReadingOrder, run } from "./helpers.js";

const { epub, pdf, pageCount, pageStarts, anchorPages } = inject("edition");
const zip = await JSZip.loadAsync(await readFile(epub));
const entry = (name: string) => zip.file(`OEBPS/${name}`)!.async("string");

/** Text as both formats can be compared: no white space, soft hyphens, hyphens or dashes (line-end hyphenation), no case (small capitals). */
const comparable = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[\s\u00ad\-‐‑–—]/g, "");
const xhtmlText = (xhtml: string) =>
  xhtml
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

async function pageList(): Promise<{ file: string; id: string; label: string }[]> {
  const nav = await entry("toc.xhtml");
  const list = /<nav [^>]*epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? "";
  return [...list.matchAll(/<a href="([^"#]+)#([^"]+)">([^<]+)<\/a>/g)].map(([, file, id, label]) => ({ file: file!, id: id!, label: label! }));
}

/** The text that follows a page-break marker in its file. */
async function textAfter(file: string, id: string, length: number): Promise<string> {
  const xhtml = await entry(file);
  const at = xhtml.indexOf(`id="${id}"`);
  expect(at, `${file}#${id}`).toBeGreaterThan(-1);
  return comparable(xhtmlText(xhtml.slice(xhtml.indexOf(">", at) + 1))).slice(0, length);
}

describe("the EPUB's page-list", () => {
  it("has one entry per page of the PDF, in order: roman front matter, then 1, 2, 3… to the last page", async () => {
    const entries = await pageList();
    expect(entries).toHaveLength(pageCount);
    const arabic = entries.filter((page) => /^\d+$/.test(page.label)).map((page) => Number(page.label));
    expect(arabic).toEqual(arabic.map((_, index) => index + 1));
    const roman = entries.slice(0, entries.length - arabic.length).map((page) => page.label);
    expect(roman.every((label) => /^[ivxlc]+$/.test(label))).toBe(true);
    expect(roman[0]).toBe("i");
  });

  it("points every marker at text that stands on that page of the PDF", async () => {
    // In reading order: the index's two columns one after the other.
    const pages = (await pdfPagesInReadingOrder(pdf)).map(comparable);
    const entries = await pageList();
    let checked = 0;
    for (const [index, page] of entries.entries()) {
      // A blank page (nothing to cite) has its marker just before the next page's.
      if (!pages[index]) continue;
      const after = await textAfter(page.file, page.id, 16);
      expect(after.length, `page ${page.label}`).toBeGreaterThan(0);
      expect(pages[index], `page ${page.label} (${page.file}#${page.id}) should hold “${after}”`).toContain(after);
      checked++;
    }
    expect(checked).toBeGreaterThan(entries.length * 0.9);
  });

  it("gives in the index and the chronology the print page numbers, as the PDF prints them", async () => {
    const { stdout } = await run("pdftotext", [pdf, "-"], { maxBuffer: 64 * 1024 * 1024 });
    const printed = comparable(stdout);
    const index = await entry("index.xhtml");
    // Entries with nothing between the term and its locators, and no page break among them.
    const entries = [...index.matchAll(/<span class="index-term"[^>]*>([^<]+)<\/span>(<span class="index-locators page-ref-list">(?:(?!<\/span>|doc-pagebreak).)*<\/span>)/g)];
    expect(entries.length).toBeGreaterThan(50);
    for (const [, term, locators] of entries) {
      expect(locators, term).toMatch(/^<span[^>]*>, <a [^>]*>[0-9]/);
      expect(printed, term).toContain(comparable(xhtmlText(term!) + xhtmlText(locators!)));
    }
    const chronology = await entry("chronology.xhtml");
    const pages = [...chronology.matchAll(/<span class="chronology-page[^"]*">([^<]*)<a class="page-ref"[^>]*>([^<]*)<\/a>/g)];
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.every(([, words, folio]) => words === ", p.&#xA0;" && /^[0-9]+$/.test(folio!))).toBe(true);
  });

  it("starts page 1 with the first text, before its title", async () => {
    const first = (await pageList()).find((page) => page.label === "1")!;
    expect(first.file).toBe("text-sherry.xhtml");
    const xhtml = await entry("text-sherry.xhtml");
    // Only the marker of a blank page before it (the verso after the contents) may come first.
    expect(xhtml).toMatch(/<section id="text-sherry"[^>]*>(<span id="page-[ivx]+"[^>]*\/>)?<span id="page-1" role="doc-pagebreak" epub:type="pagebreak" aria-label="1"\/><header/);
    expect(await textAfter("text-sherry.xhtml", "page-1", 20)).toBe(comparable("Trotsky’s last, greatest struggle").slice(0, 20));
  });

  it("names the print edition as the source of the pagination", async () => {
    const opf = await entry("content.opf");
    expect(opf).toMatch(/<dc:source id="print-edition">Trotsky, print edition \(PDF, 6in × 9in\), 2026-11-22<\/dc:source>/);
    expect(opf).toContain('<meta refines="#print-edition" property="source-of">pagination</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
  });
});

describe("a rebuild", () => {
  it("gives the same EPUB, byte for byte, from the same sources and the same print render", async () => {
    const edition = await editionTree();
    const again = await renderEpub(edition.manifest, edition.book, { pageStarts, anchorPages });
    expect(Buffer.compare(again, await readFile(epub))).toBe(0);
  });

  it("stamps every zip entry with the manifest's revision date, not the clock", async () => {
    const dates = new Set(Object.values(zip.files).map((file) => file.date.toISOString()));
    expect([...dates]).toEqual(["2026-11-22T00:00:00.000Z"]);
    expect(Object.keys(zip.files)[0]).toBe("mimetype");
  });
});

describe("an EPUB built without the PDF", () => {
  it("has no page-list and claims no print page numbers", async () => {
    const edition = await editionTree();
    const bare = await JSZip.loadAsync(await renderEpub(edition.manifest, edition.book, { cover: null }));
    const nav = await bare.file("OEBPS/toc.xhtml")!.async("string");
    const opf = await bare.file("OEBPS/content.opf")!.async("string");
    expect(nav).not.toContain("page-list");
    expect(nav).not.toContain("doc-pagebreak");
    expect(opf).not.toContain("printPageNumbers");
    expect(opf).not.toContain("cover-image");
    expect(Object.keys(bare.files)).not.toContain("OEBPS/cover.xhtml");
    // No page numbers: the index keeps its per-text locators, and the chronology has no empty `p.` link.
    // Without page numbers the index passes 300,000 bytes and continues in a second file.
    const index = (await bare.file("OEBPS/index.xhtml")!.async("string")) + (await bare.file("OEBPS/index-part-2.xhtml")!.async("string"));
    expect(index).toContain('<span class="index-text-label">Sherry</span> <a class="page-ref index-locator"');
    // One locator per passage naming a person (1,600 and more), against one per page with the PDF.
    expect(index.match(/epub:type="index-locator"/g)!.length).toBeGreaterThan(1600);
    const chronology = await bare.file("OEBPS/chronology.xhtml")!.async("string");
    expect(chronology).toContain('class="chronology-source"');
    expect(chronology).not.toContain("page-ref");
  });
});
