// The EPUB's zip is written from entries kept by content (src/render/epub-zip.ts):
// an EPUB built warm, after a build of the same edition with one word
// changed, is the same bytes as one built cold, and only the entries the word
// changed were compressed again. The zip is one that OCF and EPUBCheck accept.
import path from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { checkEpub } from "../src/render/epub-check.js";
import { ZipEntryCache, zipEntries } from "../src/render/epub-zip.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

const changed = { ...fixtureTexts, "texts/first.txt": fixtureTexts["texts/first.txt"].replace("first paragraph", "opening paragraph") };

let edition: Edition;
let oneWordChanged: Edition;
beforeAll(async () => {
  edition = await buildEdition(path.join(await sourcesFixture(validManifest, fixtureTexts), "edition.yaml"));
  oneWordChanged = await buildEdition(path.join(await sourcesFixture(validManifest, changed), "edition.yaml"));
});

const render = (from: Edition, zipCache: ZipEntryCache) => renderEpub(from.manifest, from.book, { cover: null, zipCache });

describe("the EPUB's zip, from entries kept by content", () => {
  it("is the same bytes cold and warm, compressing again only the entries that changed", async () => {
    const cold = await render(edition, new ZipEntryCache());
    const cache = new ZipEntryCache();
    const other = await render(oneWordChanged, cache);
    expect(cache.compressed).toBe(Object.keys(unzipSync(other)).length);
    expect(cache.reused).toBe(0);

    const warm = await render(edition, cache);
    expect(warm.equals(cold)).toBe(true);
    // The entries that differ between the two EPUBs: the text's own XHTML file and nothing else.
    const before = unzipSync(cold);
    const after = unzipSync(other);
    const differing = Object.keys(before).filter((name) => !Buffer.from(before[name]!).equals(Buffer.from(after[name] ?? new Uint8Array())));
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(/^OEBPS\/.+\.xhtml$/);
    expect(new TextDecoder().decode(before[differing[0]!])).toContain("first paragraph");
    expect(cache.compressed).toBe(differing.length);
    expect(cache.reused).toBe(Object.keys(before).length - differing.length);
  });

  it("has `mimetype` first and stored, as OCF requires, and passes EPUBCheck", async () => {
    const epub = await render(edition, new ZipEntryCache());
    // Local header: signature, then the method at 8, the name at 30, the data right after it.
    expect(epub.readUInt32LE(0)).toBe(0x04034b50);
    expect(epub.readUInt16LE(8)).toBe(0);
    expect(epub.readUInt16LE(28)).toBe(0);
    expect(epub.subarray(30, 38).toString()).toBe("mimetype");
    expect(epub.subarray(38, 58).toString()).toBe("application/epub+zip");
    expect((await checkEpub(epub)).errors).toEqual([]);
  });

  it("dates every entry with the date given, and marks a name outside ASCII as UTF-8", () => {
    const zip = zipEntries(
      [
        { name: "mimetype", data: new TextEncoder().encode("application/epub+zip"), store: true },
        { name: "OEBPS/é.xhtml", data: new TextEncoder().encode("<p>é</p>".repeat(100)) },
      ],
      new Date("2026-11-22T00:00:00Z"),
      new ZipEntryCache(),
    );
    const read = unzipSync(zip);
    expect(Object.keys(read)).toEqual(["mimetype", "OEBPS/é.xhtml"]);
    expect(new TextDecoder().decode(read["OEBPS/é.xhtml"])).toBe("<p>é</p>".repeat(100));
    // DOS date of 22 November 2026: (2026 − 1980) << 9 | 11 << 5 | 22; time 00:00.
    expect(zip.readUInt16LE(12)).toBe((46 << 9) | (11 << 5) | 22);
    expect(zip.readUInt16LE(10)).toBe(0);
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    expect(zip.readUInt16LE(second + 6)).toBe(0x800);
    expect(zip.readUInt16LE(second + 8)).toBe(8);
  });
});
