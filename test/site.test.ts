// The site (build/site/) from a small fixture edition: written whole after
// the outputs, skipped with --no-site, its links pointing at real pages and
// ids, its downloads the files just built.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../src/output.js";
import { buildEdition } from "../src/pipeline.js";
import { formatBytes, sitePages } from "../src/site/site-pages.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture } from "./helpers.js";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "edition-site-"));

/** Every `href`/`src` of every page, as [page, reference]. */
const referencesOf = (pages: { path: string; html: string }[]) =>
  pages.flatMap((page) => [...page.html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => [page.path, match[1]!.replaceAll("&#x26;", "&")] as const));

/** Whether a reference from `page` lands on a page of the set and, with a fragment, on an id in it. */
function resolves(pages: Map<string, string>, page: string, reference: string, files: Set<string>): boolean {
  if (/^(https?:|mailto:|data:)/.test(reference)) return true;
  const [file, fragment] = reference.split("#") as [string, string | undefined];
  const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), file)) : page;
  if (!pages.has(target)) return files.has(target);
  return fragment === undefined || pages.get(target)!.includes(` id="${fragment}"`);
}

describe("writeFolderAtomically", () => {
  it("replaces the folder whole, and on a failure keeps the old one with no temporary left", async () => {
    const out = await tempDir();
    const site = path.join(out, "site");
    await writeFolderAtomically(site, [{ path: "index.html", data: "one" }, { path: "read/a.html", data: "a" }]);
    await writeFolderAtomically(site, [{ path: "index.html", data: "two" }]);
    // The second folder holds only what it was given: nothing of the first is left over.
    expect(await readdir(site, { recursive: true })).toEqual(["index.html"]);
    async function* failing() {
      yield { path: "index.html", data: "three" };
      throw new Error("the renderer failed");
    }
    await expect(writeFolderAtomically(site, failing())).rejects.toThrow("the renderer failed");
    expect(await readFile(path.join(site, "index.html"), "utf8")).toBe("two");
    expect(await readdir(out)).toEqual(["site"]);
    await expect(writeFolderAtomically(site, [{ path: "../escape.html", data: "x" }])).rejects.toThrow(/would leave/);
    expect(await readdir(out)).toEqual(["site"]);
  });

  it("writes a folder named by a relative path (`--out build`)", async () => {
    const out = await tempDir();
    const relative = path.relative(process.cwd(), path.join(out, "site"));
    expect(path.isAbsolute(relative)).toBe(false);
    await writeFolderAtomically(relative, [{ path: "read/a.html", data: "a" }]);
    expect(await readFile(path.join(out, "site", "read", "a.html"), "utf8")).toBe("a");
  });

  it("copies a file given by path", async () => {
    const out = await tempDir();
    const source = path.join(out, "book.epub");
    await writeFile(source, "zip bytes");
    await writeFolderAtomically(path.join(out, "site"), [{ path: "downloads/book.epub", from: source }]);
    expect(await readFile(path.join(out, "site", "downloads", "book.epub"), "utf8")).toBe("zip bytes");
  });
});

describe("formatBytes", () => {
  it("gives sizes as readers read them", () => {
    expect([999, 1000, 390_660, 999_499, 2_345_678].map(formatBytes)).toEqual(["999 B", "1 kB", "391 kB", "999 kB", "2.3 MB"]);
  });
});

describe("the site's pages", () => {
  it("link every text and back-matter page to real pages and ids, notes both ways, with no EPUB-only attribute", async () => {
    const sources = await sourcesFixture(validManifest, {
      ...fixtureTexts,
      "texts/first.txt": "First text, first paragraph about Leon Trotsky.[1]\n\nSecond paragraph\nwith two lines.[2]\n\nNotes\n\n[1] The first note.\n\n[2] The second note.\n",
    });
    const edition = await buildEdition(path.join(sources, "edition.yaml"));
    const pages = sitePages(edition.manifest, edition.book, { downloads: [{ kind: "epub", name: "fixture-edition.epub", bytes: 1234 }, { kind: "screen" }, { kind: "print" }], builtAt: new Date("2026-11-29T08:00:00Z") });
    const byPath = new Map(pages.map((page) => [page.path, page.html]));
    expect([...byPath.keys()]).toEqual(["index.html", "read/copyright.html", "read/text-first.html", "read/text-second.html", "read/editorial-note.html", "read/book-index.html"]);
    const files = new Set(["site.css", "downloads/fixture-edition.epub"]);
    const unresolved = referencesOf(pages).filter(([page, reference]) => !resolves(byPath, page, reference, files));
    expect(unresolved).toEqual([]);
    for (const [page, html] of byPath) {
      expect(html.startsWith("<!doctype html><html lang=\"en\">"), page).toBe(true);
      expect(html).toContain('<a class="skip-link" href="#main">');
      expect(html).toContain('<main id="main"');
      expect(html.match(/<h1[ >]/g), page).toHaveLength(1);
      expect(html).not.toContain("epub:type");
    }
    // Notes: each call links to its note, and the note back to the call, on the same page.
    const first = byPath.get("read/text-first.html")!;
    const calls = [...first.matchAll(/<a id="([^"]+)" href="#([^"]+)" class="noteref"/g)];
    expect(calls).toHaveLength(2);
    for (const [, call, note] of calls) expect(first).toMatch(new RegExp(`<li id="${note}"[^>]*><p><a href="#${call}"`));
    // The index of names points into the texts' pages.
    expect(byPath.get("read/book-index.html")).toMatch(/href="text-first\.html#[^"]+"/);
    // The chain: book page ← first text → second text → … ; the copyright page stands outside it.
    expect(first).toContain('<link rel="prev" href="../index.html">');
    expect(first).toContain('<link rel="next" href="text-second.html">');
    expect(byPath.get("read/copyright.html")).not.toContain('rel="next"');
    // The book page: contents with authors, downloads, the missing PDFs said so, the build's date.
    const book = byPath.get("index.html")!;
    expect(book).toContain('<a href="read/text-first.html"><span class="contents-author">Ann Author</span> <span class="contents-title">The first text</span></a>');
    expect(book).toContain('<a href="downloads/fixture-edition.epub" type="application/epub+zip" download data-bytes="1234">EPUB</a> <span class="download-facts">1 kB</span>');
    expect(book.match(/not made in this build/g)).toHaveLength(2);
    expect(book).toContain('<time datetime="2026-11-29T08:00:00.000Z">29 November 2026, 08:00 UTC</time>');
  });

  it("names the publisher in each page's footer, and nothing where the manifest names none", async () => {
    const footers = async (manifest: string) => {
      const edition = await buildEdition(path.join(await sourcesFixture(manifest, fixtureTexts), "edition.yaml"));
      return sitePages(edition.manifest, edition.book, { downloads: [], builtAt: new Date() }).map((page) => /<footer class="site-footer"><p>([^<]*)/.exec(page.html)![1]);
    };
    expect(new Set(await footers(validManifest))).toEqual(new Set(["A Fixture. Test Press, 2026. Built ", "A Fixture. Test Press, 2026."]));
    // Before, a manifest without `publisher` read `A Fixture. undefined, 2026.`
    expect(new Set(await footers(validManifest.replace("publisher: Test Press\n", "")))).toEqual(new Set(["A Fixture. 2026. Built ", "A Fixture. 2026."]));
  });

  it("sums up the editorial note's corrections by text on the book page", async () => {
    const sources = await sourcesFixture(validManifest, {
      ...fixtureTexts,
      "corrections.yaml": "- text: first\n  wrong: paragrahp\n  right: paragraph\n  reason: a slip\n- text: first\n  wrong: lnes\n  right: lines\n  reason: a slip\n",
      "texts/first.txt": "First text, first paragrahp.\n\nSecond paragraph\nwith two lnes.\n",
    });
    const edition = await buildEdition(path.join(sources, "edition.yaml"));
    const [book] = sitePages(edition.manifest, edition.book, { downloads: [], builtAt: new Date() });
    expect(book!.html).toContain('<p>The <a href="read/editorial-note.html">editorial note</a> lists 2 corrections of slips in the sources: <cite>The first text</cite> 2.</p>');
  });
});

describe("edition build and the site", () => {
  it("writes site/ after the EPUB, with the EPUB's own bytes as its download; --no-site writes none", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    // A PDF of an earlier build lies in the folder: this build did not make it, so the site does not offer it.
    await writeFile(path.join(out, "fixture-edition.pdf"), "%PDF-1.7 an earlier build");
    const built = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(built.code).toBe(0);
    const site = path.join(out, "site");
    const epub = await readFile(path.join(out, "fixture-edition.epub"));
    expect(await readFile(path.join(site, "downloads", "fixture-edition.epub"))).toEqual(epub);
    const book = await readFile(path.join(site, "index.html"), "utf8");
    expect(book).toContain(`data-bytes="${epub.length}"`);
    expect(book).not.toContain(".pdf");
    expect(book.match(/not made in this build/g)).toHaveLength(2);
    expect(await readdir(path.join(site, "downloads"))).toEqual(["fixture-edition.epub"]);
    expect(existsSync(path.join(site, "site.css"))).toBe(true);
    // Every font the stylesheet names is in the site.
    const css = await readFile(path.join(site, "site.css"), "utf8");
    const fonts = [...css.matchAll(/url\((fonts\/[^)]+)\)/g)].map((match) => match[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect((await stat(path.join(site, font))).size).toBeGreaterThan(1000);

    const other = await tempDir();
    await mkdir(other, { recursive: true });
    const skipped = await cli(["build", "--no-pdf", "--no-site", "--manifest", path.join(sources, "edition.yaml"), "--out", other]);
    expect(skipped.code).toBe(0);
    expect((await readdir(other)).sort()).toEqual(["fixture-edition.epub", "fixture-edition.html", "report.html"]);
  });
});
