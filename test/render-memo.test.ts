// The work after the texts kept by content (src/watch/render-memo.ts): a
// build after a build of the same sources, in the same process or in a new
// one that reads the memos from disk, gives the same EPUB and print HTML
// bytes as a build with no memo at all, and takes each piece from the memos;
// after one changed word only what holds it is made again. Two texts of the
// development corpus (Schneider's review: notes, works cited, French and
// German words; Dawsey's Markdown article).
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildEdition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { processZipCache, ZipEntryCache } from "../src/render/epub-zip.js";
import { printPieces, renderPrintHtml } from "../src/render/print-html.js";
import { keptXhtml } from "../src/render/to-xhtml.js";
import { formattedBibliographies } from "../src/book/bibliography.js";
import { commonWords } from "../src/book/foreign-words.js";
import { built, lastSpellers, spellerAnswers } from "../src/language/foreign-dictionaries.js";
import { forgetRenderMemos, persistRenderMemos, saveRenderMemos } from "../src/watch/render-memo.js";

const corpus = path.join(import.meta.dirname, "fixtures", "corpus");

/** The corpus edition without its long Gutenberg book. */
async function twoTexts(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "render-memo-sources-"));
  await cp(corpus, dir, { recursive: true });
  const manifest = path.join(dir, "edition.yaml");
  const text = await readFile(manifest, "utf8");
  await writeFile(manifest, text.slice(0, text.indexOf("  - id: morris")));
  return manifest;
}

const memos = { printPieces, keptXhtml, formattedBibliographies, commonWords, spellerAnswers, chapters: processZipCache.chapters };
const resetCounts = () => {
  for (const memo of Object.values(memos)) memo.resetCounts();
  built.spellers = 0;
};
/** As a new process starts: nothing in memory. */
const newProcess = () => {
  forgetRenderMemos();
  lastSpellers.clear();
  resetCounts();
};

/** The EPUB (zip entries compressed afresh: the bytes must not depend on it) and the print HTML. */
async function outputs(manifest: string, zipCache = processZipCache) {
  const edition = await buildEdition(manifest, { keepRestored: false });
  const epub = await renderEpub(edition.manifest, edition.book, { cover: null, zipCache });
  const html = await renderPrintHtml(edition.manifest, edition.book);
  return { epub, html };
}

afterAll(() => {
  persistRenderMemos(undefined);
  forgetRenderMemos();
});

describe("the work after the texts, kept by content", () => {
  it("gives the same EPUB and print HTML bytes warm, from disk, and after one changed word as a build with no memo", async () => {
    const manifest = await twoTexts();
    const dir = await mkdtemp(path.join(os.tmpdir(), "render-memo-"));

    // With no memo on disk and none in memory: the reference.
    persistRenderMemos(undefined);
    newProcess();
    const reference = await outputs(manifest, new ZipEntryCache());
    expect(printPieces.hits).toBe(0);
    expect(built.spellers).toBeGreaterThan(0);

    // A first process with the memos on disk: everything made, and written.
    persistRenderMemos(dir);
    newProcess();
    await outputs(manifest);
    expect(printPieces.hits).toBe(0);
    saveRenderMemos();

    // A new process: every piece from disk, no speller built, citeproc not asked; the same bytes.
    newProcess();
    const fromDisk = await outputs(manifest);
    expect(fromDisk.html).toBe(reference.html);
    expect(fromDisk.epub.equals(reference.epub)).toBe(true);
    expect(printPieces.misses).toBe(0);
    expect(printPieces.hits).toBeGreaterThan(1);
    expect(keptXhtml.misses).toBe(0);
    expect(memos.chapters.misses).toBe(0);
    expect(formattedBibliographies.misses).toBe(0);
    expect(formattedBibliographies.hits).toBe(1);
    expect(commonWords.misses).toBe(0);
    expect(spellerAnswers.misses).toBe(0);
    expect(built.spellers).toBe(0);

    // One word changed in one text: the same bytes as a build with no memo; the other text's pieces are kept.
    const text = path.join(path.dirname(manifest), "dawsey-2018-to-topple-the-stalinist-bureaucracy.md");
    await writeFile(text, (await readFile(text, "utf8")).replace("a brief reconsideration", "a short reconsideration"));
    resetCounts();
    const changed = await outputs(manifest);
    expect(printPieces.misses).toBeGreaterThan(0);
    expect(printPieces.hits).toBeGreaterThan(0);
    persistRenderMemos(undefined);
    newProcess();
    const changedReference = await outputs(manifest, new ZipEntryCache());
    expect(changed.html).toBe(changedReference.html);
    expect(changed.epub.equals(changedReference.epub)).toBe(true);
    expect(changed.html).not.toBe(reference.html);
  }, 120_000);
});
