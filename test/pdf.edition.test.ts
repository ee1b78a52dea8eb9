import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { describe, expect, inject, it } from "vitest";
import type { Manifest } from "../src/manifest/manifest-schema.js";
import { editionTree } from "./edition-tree.js";
import { preflight } from "../src/preflight/preflight.js";
import { checkTextIntegrity, treeWords } from "../src/preflight/text-integrity.js";
import { PdfStalledError, renderPdf } from "../src/render/pdf.js";
import { printOutline, printTree } from "../src/render/print-html.js";
import { cli, folioOf, pdfPages, run } from "./helpers.js";

const { pdf, screenPdf, pageCount, printPageCount } = inject("edition");
const titles = [
  "Trotsky’s last, greatest struggle",
  "Was Trotsky’s defeat inevitable?",
  "Trotsky and the triumvirate",
  "Trotsky: an introduction",
  "Leon Trotsky",
  "Editorial note",
];

// The screen profile's text: the same pages as the print profile, cut to the trim.
const pages = await pdfPages(screenPdf);
const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);
/** Letter-spaced running heads come out of pdftotext with spaces between letters. */
const squeeze = (line: string) => line.replace(/\s+/g, "");

/** The first PDF page (1-based) whose opening lines hold the title. */
function openingPage(title: string): number {
  const index = pages.findIndex((text, i) => i >= 6 && lines(text).slice(0, 2).some((line) => line === title));
  return index + 1;
}

describe("the PDF", () => {
  it("comes as a screen profile of 6 × 9 in pages, as many as Paged.js laid out, with the manifest's metadata", async () => {
    const { stdout } = await run("pdfinfo", [screenPdf]);
    expect(stdout).toMatch(/Page size:\s+432 x 648 pts/);
    expect(stdout).toMatch(new RegExp(`Pages:\\s+${pageCount}\\n`));
    expect(stdout).toMatch(/Title:\s+Trotsky: Five texts on his life and his struggle/);
    expect(stdout).toMatch(/Author:\s+Dave Sherry, John Marot, Tony Cliff/);
    expect(pageCount).toBeGreaterThan(150);
    // One pdftotext call, split on form feeds, gives one text per page.
    expect(pages).toHaveLength(pageCount);
  });

  it("comes as a print profile with 3 mm bleed on a 6 × 9 in trim, padded with blank pages to a multiple of 4", async () => {
    const { stdout } = await run("pdfinfo", ["-box", "-f", "1", "-l", "1", pdf]);
    // 6 × 9 in is 432 × 648 pt; 3 mm is 8.50 pt on each side.
    expect(stdout).toMatch(/MediaBox:\s+0\.00\s+0\.00\s+449\.01\s+665\.01/);
    expect(stdout).toMatch(/BleedBox:\s+0\.00\s+0\.00\s+449\.01\s+665\.01/);
    expect(stdout).toMatch(/TrimBox:\s+8\.50\s+8\.50\s+440\.50\s+656\.50/);
    expect(printPageCount % 4).toBe(0);
    expect(printPageCount - pageCount).toBeLessThan(4);
    expect(printPageCount).toBeGreaterThanOrEqual(pageCount);
    const printPages = await pdfPages(pdf);
    expect(printPages).toHaveLength(printPageCount);
    expect(printPages.slice(pageCount).map(lines)).toEqual(Array.from({ length: printPageCount - pageCount }, () => []));
  });

  it("embeds every font, none of them a synthesised Type 3", async () => {
    for (const file of [pdf, screenPdf]) {
      const { stdout } = await run("pdffonts", [file]);
      const fonts = stdout.split("\n").slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const font of fonts) {
        expect(font).not.toMatch(/Type 3/);
        expect(font).toMatch(/EBGaramond/);
        expect(font.split(/\s+/).at(-5)).toBe("yes"); // the "emb" column
      }
    }
  });

  it("opens every text and the back matter on a recto with its title", () => {
    for (const title of titles) {
      const page = openingPage(title);
      expect(page, title).toBeGreaterThan(0);
      expect(page % 2, `${title} opens on page ${page}`).toBe(1);
    }
  });

  it("gives contents page numbers that match the folios where the texts start", () => {
    const contents = pages.findIndex((text) => text.trimStart().startsWith("Contents"));
    expect(contents).toBeGreaterThan(0);
    const listed = pages[contents]!;
    for (const title of titles) {
      const line = listed.split("\n").find((candidate) => candidate.trim().startsWith(title));
      expect(line, title).toBeDefined();
      const number = Number(/(\d+)\s*$/.exec(line!)![1]);
      // The opening page has no folio: the page after it carries the next number.
      expect(folioOf(pages[openingPage(title)]!), title).toBe(String(number + 1));
    }
  });

  it("gives each correction of the editorial note its page as `p. 22`, never an empty `p. ,`", () => {
    const note = pages.slice(openingPage("Editorial note") - 1).join("\n").replace(/\s+/g, " ");
    const pageRefs = [...note.matchAll(/, pp?\. ([^:]*):/g)].map((match) => match[1]!);
    expect(pageRefs.length).toBeGreaterThan(50);
    for (const pageRef of pageRefs) expect(pageRef).toMatch(/^\d+(?:[–-]\d+)?(?:, \d+(?:[–-]\d+)?)*$/);
  });

  it("numbers the front matter in roman and the body in arabic from 1, with no folio on display pages", () => {
    const firstText = openingPage(titles[0]!);
    expect(folioOf(pages[0]!)).toBe(""); // half-title
    // The copyright page is a display page too (Chicago 1.6): no folio.
    const copyright = pages.findIndex((text) => /^\s*Sources\s*$/m.test(text));
    expect(copyright).toBeGreaterThan(0);
    expect(folioOf(pages[copyright]!)).toBe("");
    expect(folioOf(pages[firstText - 1]!)).toBe(""); // an opening page
    expect(folioOf(pages[firstText]!)).toBe("2");
    const contents = pages.findIndex((text) => text.trimStart().startsWith("Contents"));
    expect(folioOf(pages[contents]!)).toMatch(/^[ivx]+$/);
    const last = pages.length - [...pages].reverse().findIndex((text) => lines(text).length > 0);
    expect(folioOf(pages[last - 1]!)).toBe(String(last - firstText + 1));
  });

  it("sets running heads, the edition's title on a verso and the section's title on a recto, none on openings or blank pages", () => {
    for (const title of titles) {
      const opening = openingPage(title);
      const openingLines = lines(pages[opening - 1]!);
      // No running head above the title, no folio under the last line.
      expect(openingLines.slice(0, 2), title).toContain(title);
      expect(folioOf(pages[opening - 1]!), title).toBe("");
      if (title === "Editorial note") continue; // a one-page section
      expect(squeeze(lines(pages[opening]!)[0]!), `verso after ${title}`).toBe("TROTSKY");
      expect(squeeze(lines(pages[opening + 1]!)[0]!), `recto after ${title}`).toBe(squeeze(title.toUpperCase()));
    }
    // Blank pages (before a recto opening) carry nothing at all, not even a head or folio.
    const blank = pages.map((text, i) => ({ text, i })).filter(({ text }) => !lines(text).length);
    expect(blank.length).toBeGreaterThan(0);
    const heads = new Set(["TROTSKY", ...titles.map((title) => squeeze(title.toUpperCase()))]);
    for (const page of pages) {
      const content = lines(page);
      const onlyFurniture = content.length > 0 && content.every((line) => heads.has(squeeze(line)) || /^([0-9]+|[ivxlc]+)$/.test(line));
      expect(onlyFurniture, content.join(" / ")).toBe(false);
    }
  });

  it("passes preflight in both profiles: fonts, boxes, bookmarks, metadata, and every word in order", async () => {
    const edition = await editionTree();
    const input = { manifest: edition.manifest, tree: printTree(edition.manifest, edition.book), outline: printOutline(edition.book) };
    const print = await preflight(pdf, input);
    const screen = await preflight(screenPdf, input);
    expect(print.profile).toBe("offset");
    expect(screen.profile).toBe("screen");
    for (const result of [print, screen]) {
      for (const check of result.checks) expect(check.problems, `${result.profile}: ${check.name}`).toEqual([]);
    }
    const doc = await PDFDocument.load(await readFile(screenPdf), { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of("PageMode"))).toEqual(PDFName.of("UseOutlines"));
    // Page make-up (issue 20), measured on main's PDF before: 164 pages with a capitalised word broken, 55 with a
    // paragraph ending on a hyphenated scrap, 32 with three hyphenated lines in a row.
    const makeUp = screen.checks.find((check) => check.name === "make-up")!.summary;
    expect(makeUp).toContain("capitalised words broken: 0");
    const count = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(makeUp)![1]);
    expect(count("paragraphs ending on a hyphenated scrap")).toBeLessThanOrEqual(3);
    expect(count("runs of three or more hyphenated lines")).toBeLessThanOrEqual(12);
    // Facing pages (src/render/browser/vertical-justify.js): 58 spreads ending apart before, 3 after (two pages four lines short, an index spread).
    expect(count("facing pages ending more than half a line apart \\(verso page\\)")).toBeLessThanOrEqual(6);
    const bookmarks = screen.checks.find((check) => check.name === "bookmarks")!.summary;
    for (const title of titles) expect(bookmarks).toContain(`${title} (p. ${openingPage(title)})`);
    expect(bookmarks).toContain(`Contents (p. ${pages.findIndex((text) => text.trimStart().startsWith("Contents")) + 1})`);
  });

  it("labels the pages as they are numbered (roman front matter, arabic from the first text), and nests the bookmarks three deep", async () => {
    const doc = await PDFDocument.load(await readFile(screenPdf), { updateMetadata: false });
    const nums = doc.catalog.lookup(PDFName.of("PageLabels"), PDFDict).lookup(PDFName.of("Nums"), PDFArray);
    const ranges = [0, 2].map((at) => [(nums.get(at) as PDFNumber).asNumber(), nums.lookup(at + 1, PDFDict).get(PDFName.of("S"))!.toString()]);
    const firstText = openingPage(titles[0]!);
    expect(ranges).toEqual([
      [0, "/r"],
      [firstText - 1, "/D"],
    ]);
    expect(nums.size()).toBe(4);
    // Texts, their sections, the web book's subsections: each level a bookmark nested under the one above.
    const depth = (item: PDFDict | undefined, level: number): number => {
      let deepest = level - 1;
      for (let at = item; at; at = at.lookupMaybe(PDFName.of("Next"), PDFDict)) deepest = Math.max(deepest, depth(at.lookupMaybe(PDFName.of("First"), PDFDict), level + 1), level);
      return deepest;
    };
    expect(depth(doc.catalog.lookup(PDFName.of("Outlines"), PDFDict).lookupMaybe(PDFName.of("First"), PDFDict), 1)).toBe(3);
  });

  it("lets `edition check --pdf` run the preflight", async () => {
    const { stdout, code } = await cli(["check", "--pdf", screenPdf]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/screen profile/);
    expect(stdout).toMatch(/✓ text:/);
    expect(stdout).toMatch(/preflight passed/);
  });

  it("draws crop marks in the print profile's bleed and none in the screen profile", async () => {
    // The top-left 20 × 20 pixels at 150 dpi (3.4 mm: the bleed, or in the screen profile the margin), as raw greyscale on stdout.
    const dark = async (file: string) => {
      const { stdout } = await run("pdftoppm", ["-r", "150", "-gray", "-f", "9", "-l", "9", "-x", "0", "-y", "0", "-W", "20", "-H", "20", file], { encoding: "latin1", maxBuffer: 1 << 20 });
      const pixels = Buffer.from(stdout, "latin1").subarray(-400);
      return [...pixels].filter((value) => value < 128).length;
    };
    expect(await dark(pdf)).toBeGreaterThan(0); // the top-left corner of the bleed holds the crop marks
    expect(await dark(screenPdf)).toBe(0);
  });
});

describe("the text-integrity check", () => {
  const expected = { body: ["the", "revolution", "betrayed", "1937"], notes: ["note", "one"] };
  it("accepts words broken at a line or page end, page numbers and notes at the page foot", () => {
    expect(checkTextIntegrity([["the", "revo"], ["lution", "note", "one"], ["betrayed", "12", "1937"]], expected)).toEqual([]);
  });
  it("finds a word lost or doubled at a page break", () => {
    expect(checkTextIntegrity([["the", "revolution"], ["1937", "note", "one"]], expected)[0]?.page).toBe(2);
    expect(checkTextIntegrity([["the", "revolution"], ["revolution", "betrayed", "1937", "note", "one"]], expected)[0]?.page).toBe(2);
    expect(checkTextIntegrity([["the", "revolution", "betrayed"]], expected).length).toBeGreaterThan(0);
  });
  it("reads a page again line by line when poppler's order of its lines departs, and still finds a lost line", () => {
    const dated = { body: ["1904", "he", "met", "them", "introduction", "p", "#", "1905", "he", "left"], notes: [] };
    // The citation line (smaller type) read after the next entry, as poppler did in the chronology.
    const poppler = [["1904", "he", "met", "them", "1905", "he", "left", "introduction", "p", "56"]];
    expect(checkTextIntegrity(poppler, dated).length).toBeGreaterThan(0);
    const lines = [[["1904"], ["he", "met", "them"], ["1905"], ["he", "left"], ["introduction", "p", "56"]]];
    expect(checkTextIntegrity(poppler, dated, lines)).toEqual([]);
    const lost = [[["1904"], ["he", "met", "them"], ["1905"], ["he", "left"]]];
    expect(checkTextIntegrity([lost[0]!.flat()], dated, lost).length).toBeGreaterThan(0);
    const doubled = [[...lines[0]!, ["he", "left"]]];
    expect(checkTextIntegrity([doubled[0]!.flat()], dated, doubled).length).toBeGreaterThan(0);
  });
  it("reads footnotes apart from the body", () => {
    const tree = printTree({ title: "T", trim: "6x9in" } as Manifest, {
      type: "root",
      children: [{ type: "element", tagName: "p", properties: {}, children: [{ type: "text", value: "A call" }, { type: "element", tagName: "span", properties: { className: ["footnote"] }, children: [{ type: "text", value: "The note." }] }, { type: "text", value: " and on." }] }],
    });
    expect(treeWords(tree)).toEqual({ body: ["a", "call", "and", "on"], notes: ["the", "note"] });
  });
});

describe("the PDF render's watchdog", () => {
  it("ends a render that lays out no page, with a clear error", async () => {
    const hang = path.resolve("test/fixtures/hang-layout.js");
    const render = renderPdf({ trim: "6x9in" } as Manifest, "<!doctype html><p>Never laid out.</p>", { additionalScripts: [hang], stallSeconds: 3 });
    await expect(render).rejects.toBeInstanceOf(PdfStalledError);
    await expect(render).rejects.toThrow(/no new page for 3 s \(0 pages laid out so far\)/);
  });
});
