// The edition's site in Chromium, served over HTTP as a plain web host would:
// every page reached from the book page, every link and loaded file resolved,
// axe-core on every page in light and dark mode, nothing wider than a 360 px
// screen, screenshots of the book page and a text at 360 × 800 and 1280 × 900
// (into EDITION_SITE_SCREENSHOTS or the system's temporary folder: look at them).
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { crawlSite, screenshots, serveFolder, withSiteBrowser, type Crawl } from "./site-in-chromium.js";

const { outDir, epub, pdf, screenPdf } = inject("edition");
const served = await serveFolder(path.join(outDir, "site"));
afterAll(() => void served.server.close());

let crawled: Promise<Crawl> | undefined;
const crawl = () => (crawled ??= withSiteBrowser((browser) => crawlSite(browser, served.origin)));

describe("the edition's site in Chromium", () => {
  it("reaches every page from the book page, and every link, fragment and loaded file resolves", async () => {
    const result = await crawl();
    console.log(`site: ${result.pages.length} pages, ${result.links.length} links checked, ${result.broken.length} broken`);
    expect(result.pages[0]).toBe("index.html");
    expect(result.pages).toContain("read/book-index.html");
    expect(result.pages.length).toBeGreaterThanOrEqual(10);
    expect(result.links.length).toBeGreaterThan(1000);
    expect(result.broken).toEqual([]);
  });

  it("has no axe-core violation on any page, in light or dark mode", async () => {
    const result = await crawl();
    console.log(`axe: ${result.pages.length * 2} runs, ${result.violations.length} violations`);
    expect(result.violations).toEqual([]);
  });

  it("gives every page its language, a skip link to the content, one h1 and unique ids, and fits a 360 px screen", async () => {
    const result = await crawl();
    for (const shape of result.shapes) expect(shape, shape.page).toMatchObject({ lang: "en", skipTarget: true, h1: 1, duplicateIds: [], doctype: true });
    expect(result.overflow.filter((page) => page.width > 360)).toEqual([]);
    // The face of the edition, not a fallback.
    for (const fonts of result.fonts) expect(fonts.loaded, fonts.page).toContain("EB Garamond normal 400");
  });

  it("serves the files just built as its downloads", async () => {
    const result = await crawl();
    const built = await Promise.all([epub, screenPdf, pdf].map((file) => readFile(file)));
    expect(result.downloads.map((download) => [download.bytes, download.servedBytes])).toEqual(built.map((bytes) => [bytes.length, bytes.length]));
  });

  it("takes screenshots of the book page and a text at 360 × 800 and 1280 × 900", async () => {
    const dir = process.env.EDITION_SITE_SCREENSHOTS || (await mkdtemp(path.join(os.tmpdir(), "edition-site-screenshots-")));
    const files = await withSiteBrowser(async (browser) => [
      ...(await screenshots(browser, `${served.origin}/index.html`, "book", dir, ["light", "dark"])),
      ...(await screenshots(browser, `${served.origin}/read/text-cliff.html`, "text", dir, ["light", "dark"])),
    ]);
    console.log(`site screenshots:\n${files.join("\n")}`);
    for (const file of files) expect((await readFile(file)).subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("the crawl itself", () => {
  it("finds a broken link, a missing id and an axe violation when a site has them", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "edition-site-broken-"));
    await writeFile(
      path.join(dir, "index.html"),
      '<!doctype html><html><head><title>x</title></head><body><p style="color:#bbb;background:#fff">Faint</p><img src="gone.png"><a href="other.html#nowhere">a</a><a href="missing.html">b</a></body></html>',
    );
    await writeFile(path.join(dir, "other.html"), '<!doctype html><html lang="en"><head><title>y</title></head><body><main><h1 id="here">Y</h1></main></body></html>');
    const server = await serveFolder(dir);
    try {
      const result = await withSiteBrowser((browser) => crawlSite(browser, server.origin));
      expect(result.broken.map((entry) => entry.href).sort()).toEqual(expect.arrayContaining([`${server.origin}/gone.png`, "gone.png", "missing.html", "other.html#nowhere"]));
      expect(result.violations.map((violation) => violation.id)).toEqual(expect.arrayContaining(["html-has-lang", "image-alt", "color-contrast"]));
    } finally {
      server.server.close();
    }
  });
});
