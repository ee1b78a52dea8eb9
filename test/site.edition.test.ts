// The site of the real edition, as the global build wrote it beside the EPUB
// and the PDFs: the print pages and page numbers of the EPUB, and the files
// just built as its downloads.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { decodeEntities } from "./helpers.js";
import { describe, expect, inject, it } from "vitest";

const { outDir, epub, pdf, screenPdf, pageCount, printPageCount } = inject("edition");
const site = path.join(outDir, "site");
const zip = await JSZip.loadAsync(await readFile(epub));
const epubEntry = (name: string) => zip.file(`OEBPS/${name}`)!.async("string");
const sitePage = (name: string) => readFile(path.join(site, name), "utf8");
const readPages = (await readdir(path.join(site, "read"))).map((name) => `read/${name}`);

/** The EPUB's page-list: folio and file of each print page. */
async function pageList(): Promise<{ file: string; folio: string }[]> {
  const nav = await epubEntry("toc.xhtml");
  const list = /<nav [^>]*epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? "";
  return [...list.matchAll(/<a href="([^"#]+)#[^"]+">([^<]+)<\/a>/g)].map(([, file, folio]) => ({ file: file!, folio: folio! }));
}

/** The folios of the page markers in a site page, in order. */
const markers = (html: string) => [...html.matchAll(/<span [^>]*role="doc-pagebreak"[^>]*>/g)].map((match) => /data-folio="([^"]+)"/.exec(match[0])![1]!);

/** The texts of the back matter's page references (`a.page-ref`), in order. */
const pageRefs = (html: string) => [...html.matchAll(/<a [^>]*class="page-ref(?: [^"]*)?"[^>]*>([^<]*)<\/a>/g)].map((match) => match[1]!);

describe("the site of the edition", () => {
  it("marks every print page of the EPUB's page-list outside the front matter the book page stands for, in order", async () => {
    const onBookPage = new Set(["half-title.xhtml", "title-page.xhtml", "toc.xhtml"]);
    const expected = (await pageList()).filter((page) => !onBookPage.has(page.file)).map((page) => page.folio);
    expect(expected.length).toBeGreaterThan(pageCount / 2);
    // Reading order: the copyright page first (it is front matter), then the texts and back matter as the book page's contents list them.
    const book = await sitePage("index.html");
    const order = ["read/copyright.html", ...[...book.matchAll(/<li class="contents-entry contents-(?:body|back)"><a href="(read\/[^"#]+)"/g)].map((match) => match[1]!)];
    expect(order.sort()).toEqual([...readPages].sort());
    const seen: string[] = [];
    for (const page of ["read/copyright.html", ...[...book.matchAll(/<li class="contents-entry contents-(?:body|back)"><a href="(read\/[^"#]+)"/g)].map((match) => match[1]!)]) seen.push(...markers(await sitePage(page)));
    expect(seen).toEqual(expected);
  });

  it("gives the index of names and the chronology the print page numbers of the EPUB, linked into the web pages", async () => {
    // A long index continues in the EPUB's `index-part-2.xhtml`; the site has it on one page.
    for (const [epubFiles, siteFile] of [
      [["index.xhtml", "index-part-2.xhtml"], "read/book-index.html"],
      [["chronology.xhtml"], "read/chronology.html"],
    ] as const) {
      const epubText = (await Promise.all(epubFiles.map((file) => epubEntry(file)))).join("");
      const [fromEpub, fromSite] = [pageRefs(decodeEntities(epubText)), pageRefs(await sitePage(siteFile))];
      expect(fromSite.length, siteFile).toBeGreaterThan(10);
      expect(fromSite).toEqual(fromEpub);
      const hrefs = [...(await sitePage(siteFile)).matchAll(/<a [^>]*class="page-ref(?: [^"]*)?"[^>]*>/g)].map((match) => /href="([^"]+)"/.exec(match[0])![1]!);
      expect(hrefs.every((href) => /^text-[a-z0-9-]+\.html#./.test(href) || href.startsWith("#")), siteFile).toBe(true);
    }
  });

  it("sums up every correction of the editorial note, by text, though print pages begin inside its list", async () => {
    const note = await epubEntry("editorial-note.xhtml");
    const list = /<ul class="corrections">([\s\S]*?)<\/ul>/.exec(note)![1]!;
    const entries = list.match(/<li>/g)!.length;
    expect(list, "a page marker at the head of an entry, which the count must pass over").toMatch(/<li><span [^>]*doc-pagebreak/);
    const summary = /<section class="corrections-summary"[\s\S]*?<\/section>/.exec(await sitePage("index.html"))![0];
    expect(Number(/lists (\d+) corrections/.exec(summary)![1])).toBe(entries);
    const byText = [...summary.matchAll(/<\/cite> (\d+)/g)].map((match) => Number(match[1]));
    expect(byText.reduce((sum, count) => sum + count, 0)).toBe(entries);
  });

  it("offers the files just built, with their sizes and page counts", async () => {
    const book = await sitePage("index.html");
    const links = [...book.matchAll(/<a href="(downloads\/[^"]+)"[^>]*data-bytes="(\d+)"(?: data-pages="(\d+)")?/g)].map(([, href, bytes, pages]) => ({ href: href!, bytes: Number(bytes), pages: pages ? Number(pages) : undefined }));
    expect(links.map((link) => link.href)).toEqual([epub, screenPdf, pdf].map((file) => `downloads/${path.basename(file)}`));
    for (const [index, file] of [epub, screenPdf, pdf].entries()) {
      const built = await readFile(file);
      expect(links[index]!.bytes).toBe(built.length);
      expect((await stat(path.join(site, links[index]!.href))).size).toBe(built.length);
      expect((await readFile(path.join(site, links[index]!.href))).equals(built), file).toBe(true);
    }
    expect(links.map((link) => link.pages)).toEqual([pageCount, pageCount, printPageCount]);
    expect(book).not.toContain("not made in this build");
  });
});
