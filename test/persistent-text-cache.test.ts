// The texts' work kept between processes (src/watch/persistent-text-cache.ts):
// a second build, with a new cache over the same folder as a new process has,
// takes every text from disk, and gives the same book, messages and EPUB as
// the first; a changed text alone is processed again.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { ZipEntryCache } from "../src/render/epub-zip.js";
import { PersistentTextCache } from "../src/watch/persistent-text-cache.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

const messagesOf = (edition: Edition) => edition.files.flatMap((file) => file.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`));
const epubOf = (edition: Edition) => renderEpub(edition.manifest, edition.book, { cover: null, zipCache: new ZipEntryCache() });

describe("the texts' work kept on disk", () => {
  it("is taken by a new cache over the same folder, with the same book, messages and EPUB", async () => {
    // A text with a warning, so its messages must come back from the cache.
    const texts = { ...fixtureTexts, "texts/second.txt": "Only paragraph of the second text [1] with a note call and no note.\n" };
    const sources = await sourcesFixture(validManifest, texts);
    const manifest = path.join(sources, "edition.yaml");
    const dir = await mkdtemp(path.join(os.tmpdir(), "edition-text-cache-"));

    const first = new PersistentTextCache(dir);
    const cold = await buildEdition(manifest, { cache: first });
    expect(first.processed.sort()).toEqual(["first", "second"]);
    expect(messagesOf(cold).length).toBeGreaterThan(0);

    const second = new PersistentTextCache(dir);
    const warm = await buildEdition(manifest, { cache: second });
    expect(second.processed).toEqual([]);
    expect(second.reused.sort()).toEqual(["first", "second"]);
    expect(messagesOf(warm)).toEqual(messagesOf(cold));
    expect((await epubOf(warm)).equals(await epubOf(cold))).toBe(true);

    await writeFile(path.join(sources, "texts", "first.txt"), fixtureTexts["texts/first.txt"].replace("first paragraph", "opening paragraph"));
    const third = new PersistentTextCache(dir);
    const changed = await buildEdition(manifest, { cache: third });
    expect(third.processed).toEqual(["first"]);
    expect(third.reused).toEqual(["second"]);
    expect(JSON.stringify(changed.book)).toContain("opening paragraph");
  });
});
