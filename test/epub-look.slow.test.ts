// The EPUB's title page and contents as a reader sees them, in Chromium at a
// phone's width (360 px) and a desktop's (1280 px): the book's title is set
// as the title page's display line, not as a chapter title, and a text's
// chapters and sections stand indented under it, a step for each level.
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import puppeteer, { type Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromiumArgs, chromiumPath } from "../src/render/chromium.js";

const { epub } = inject("edition");
let dir: string;
let browser: Browser;

beforeAll(async () => {
  const zip = await JSZip.loadAsync(await readFile(epub));
  dir = await mkdtemp(path.join(os.tmpdir(), "edition-epub-look-"));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), await entry.async("nodebuffer"));
  }
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: "new", args: chromiumArgs });
});
afterAll(async () => browser?.close());

describe.each([360, 1280])("the EPUB at %i px", (width) => {
  it("sets the book's title on the title page larger than a text's title, and centred", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(`file://${path.join(dir, "OEBPS/title-page.xhtml")}`);
    const title = await page.$eval(".book-title", (node) => ({ size: parseFloat(getComputedStyle(node).fontSize), align: getComputedStyle(node).textAlign }));
    await page.goto(`file://${path.join(dir, "OEBPS/text-sherry.xhtml")}`);
    const textTitle = await page.$eval(".text-title", (node) => parseFloat(getComputedStyle(node).fontSize));
    await page.close();
    expect(title.align).toBe("center");
    expect(title.size).toBeGreaterThan(textTitle * 1.2);
  });

  it("indents a text's chapters and their sections under it in the contents", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(`file://${path.join(dir, "OEBPS/toc.xhtml")}`);
    // The left edge of the first link at each depth of the toc's nested lists.
    const edges = await page.$eval("nav#toc", (nav) => {
      const depthOf = (node: Element) => { let depth = 0; for (let at = node.parentElement; at && at !== nav; at = at.parentElement) if (at.tagName.toLowerCase() === "ol") depth++; return depth; };
      const firstAt = new Map<number, number>();
      for (const link of nav.querySelectorAll("a")) if (!firstAt.has(depthOf(link))) firstAt.set(depthOf(link), link.getBoundingClientRect().left);
      return [...firstAt.entries()].sort(([a], [b]) => a - b).map(([, left]) => left);
    });
    await page.close();
    // Texts, their sections, the subsections (the web book's run-in headings): three steps, each further right.
    expect(edges.length).toBeGreaterThanOrEqual(3);
    for (let depth = 1; depth < edges.length; depth++) expect(edges[depth]!).toBeGreaterThan(edges[depth - 1]! + 10);
  });
});
