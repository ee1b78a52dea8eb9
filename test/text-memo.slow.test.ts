// The text stage's memo never changes output: the Trotsky edition and the
// development corpus, processed with every sentence's work served from a
// memo on disk (each text's cache entry removed, its memo kept), give the same
// EPUB bytes, chronology, index data and messages as a build without any memo;
// and processing again with the whole memo computes nothing.
import { mkdtemp, readdir, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { ZipEntryCache } from "../src/render/epub-zip.js";
import { PersistentTextCache } from "../src/watch/persistent-text-cache.js";

const messagesOf = (edition: Edition) => edition.files.flatMap((file) => file.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`));
const textDataOf = (edition: Edition) =>
  edition.texts.map((file) => JSON.stringify([file.data.chronology, file.data.chronologyLeftOut, file.data.nameMentions, file.data.works ? [...file.data.works] : null]));
const epubOf = (edition: Edition) => renderEpub(edition.manifest, edition.book, { cover: null, zipCache: new ZipEntryCache() });

describe.each([
  ["the Trotsky edition", "sources/edition.yaml"],
  ["the development corpus", "test/fixtures/corpus/edition.yaml"],
])("%s with its memo", (_name, manifest) => {
  it("gives the same EPUB, chronology, index data and messages as without it", async () => {
    const plain = await buildEdition(manifest, { workers: 0, memo: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), "edition-memo-"));
    await buildEdition(manifest, { cache: new PersistentTextCache(dir), workers: 0 });
    // The texts' entries gone, their memos kept: every text is processed again, from its memo.
    for (const name of await readdir(dir)) if (name.endsWith(".v8")) await unlink(path.join(dir, name));
    const cache = new PersistentTextCache(dir);
    const memoised = await buildEdition(manifest, { cache, workers: 0 });
    expect(cache.processed.length).toBe(plain.texts.length);
    const counts = [...cache.memos.lastByText.values()].flatMap((memo) => [...memo.counts.values()]);
    expect(counts.reduce((sum, count) => sum + count.hits, 0)).toBeGreaterThan(100);
    expect(counts.reduce((sum, count) => sum + count.misses, 0)).toBe(0);

    expect(textDataOf(memoised)).toEqual(textDataOf(plain));
    expect(messagesOf(memoised)).toEqual(messagesOf(plain));
    expect((await epubOf(memoised)).equals(await epubOf(plain))).toBe(true);
  });
});
