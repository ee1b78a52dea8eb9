// EPUBCheck in process after each build: an EPUB with a fatal error or an
// error fails the build and the EPUB in place stays (the known false positive
// on the real edition: epub-check.edition.test.ts).
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { build } from "../src/build.js";
import { checkEpub, EpubInvalidError } from "../src/render/epub-check.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

/** The EPUB with `\uFFFE` written into its package document's title: EPUBCheck's RSC-016, a fatal error. */
async function broken(epub: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(epub);
  const opf = await zip.file("OEBPS/content.opf")!.async("string");
  zip.file("OEBPS/content.opf", opf.replace('<dc:title id="title">', '<dc:title id="title">\uFFFE'));
  return zip.generateAsync({ type: "nodebuffer", mimeType: "application/epub+zip" });
}

const corrupt = vi.hoisted(() => ({ on: false }));
vi.mock("../src/render/epub.js", async (original) => {
  const module = await original<typeof import("../src/render/epub.js")>();
  return { ...module, renderEpub: async (...args: Parameters<typeof module.renderEpub>) => {
    const epub = await module.renderEpub(...args);
    return corrupt.on ? broken(epub) : epub;
  } };
});

describe("EPUBCheck in the build", () => {
  it("fails the build on an EPUB EPUBCheck rejects, keeping the EPUB in place and no temporary file", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await mkdtemp(path.join(os.tmpdir(), "edition-epubcheck-"));
    const epub = path.join(out, "fixture-edition.epub");
    await writeFile(epub, "the last good EPUB");
    corrupt.on = true;
    try {
      const building = build({ manifestPath: path.join(sources, "edition.yaml"), outDir: out, pdf: false });
      await expect(building).rejects.toBeInstanceOf(EpubInvalidError);
      await expect(building).rejects.toThrow(/EPUBCheck rejected the EPUB \(1 fatal error, 0 errors\), so it was not written;[^]*FATAL RSC-016 OEBPS\/content\.opf/);
    } finally {
      corrupt.on = false;
    }
    expect(await readFile(epub, "utf8")).toBe("the last good EPUB");
    expect((await readdir(out)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // And with a sound EPUB the same build writes it.
    await build({ manifestPath: path.join(sources, "edition.yaml"), outDir: out, pdf: false });
    const good = await readFile(epub);
    expect(good.subarray(0, 2).toString()).toBe("PK");
    expect((await checkEpub(new Uint8Array(good))).errors).toEqual([]);
    // The checker itself: the same EPUB with the one bad character is a fatal error.
    const outcome = await checkEpub(new Uint8Array(await broken(good)));
    expect(outcome.errors.map((message) => `${message.severity} ${message.id} ${message.where}`)).toContainEqual(expect.stringMatching(/^fatal RSC-016 OEBPS\/content\.opf/));
  });
});
