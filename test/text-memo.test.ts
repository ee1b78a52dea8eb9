// The text stage's memo (src/enrich/memo.ts, src/watch/memo-store.ts): when one
// word of one sentence changes, the text is processed again, but only that
// sentence is read again by chrono-node, compromise's event clauses and the
// name finder; every other sentence's work is served from the memo, in a new
// process (the memo on disk) as in `edition watch` (in memory). The output is
// the same as without a memo.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { TextCache } from "../src/watch/text-cache.js";
import { PersistentTextCache } from "../src/watch/persistent-text-cache.js";
import type { TextMemo } from "../src/enrich/memo.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

// Four paragraphs, one dated sentence each (read by hand: four dates, each an event's).
const paragraphs = [
  "In 1905 Leon Trotsky led the Petersburg Soviet.",
  "On 7 November 1917 the Bolsheviks took power in Petrograd.",
  "Trotsky was expelled from the party in November 1927.",
  "In January 1929 Stalin deported Trotsky to Turkey.",
];
const original = `${paragraphs.join("\n\n")}\n`;
// One word of the second sentence changed; its date and everything else stay.
const changed = original.replace("took power", "seized power");

const countsOf = (memo: TextMemo | undefined, name: string) => memo?.counts.get(name) ?? { hits: 0, misses: 0 };
const chronologyOf = (edition: Edition) => edition.texts.map((file) => file.data.chronology);
const mentionsOf = (edition: Edition) => edition.texts.map((file) => file.data.nameMentions);

async function fixture() {
  const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "texts/first.txt": original });
  return { sources, manifest: path.join(sources, "edition.yaml"), first: path.join(sources, "texts", "first.txt") };
}

describe("the text stage's memo", () => {
  it("reads again only the changed sentence in a new process, with the same output as without a memo", async () => {
    const { manifest, first } = await fixture();
    const dir = await mkdtemp(path.join(os.tmpdir(), "edition-memo-"));
    const cold = new PersistentTextCache(dir);
    await buildEdition(manifest, { cache: cold });
    const before = cold.memos.lastByText.get("first");
    // Every sentence was read once: four sentences' dates, four dates judged, four paragraphs' names.
    expect(countsOf(before, "findDates").misses).toBeGreaterThanOrEqual(4);
    expect(countsOf(before, "judgeClause").misses).toBe(4);
    expect(await readdir(path.join(dir, "memo"))).toHaveLength(2);

    await writeFile(first, changed);
    const warm = new PersistentTextCache(dir);
    const rebuilt = await buildEdition(manifest, { cache: warm });
    expect(warm.processed).toEqual(["first"]);
    const after = warm.memos.lastByText.get("first");
    const dates = countsOf(before, "findDates");
    // The changed sentence alone is read again; the other sentences come from the memo on disk.
    expect(countsOf(after, "findDates")).toEqual({ misses: 1, hits: dates.hits + dates.misses - 1 });
    expect(countsOf(after, "judgeClause")).toEqual({ misses: 1, hits: 3 });
    expect(countsOf(after, "nameCandidates").misses).toBe(1);
    expect(countsOf(after, "nameCandidates").hits).toBeGreaterThanOrEqual(3);

    const plain = await buildEdition(manifest, { memo: false });
    expect(JSON.stringify(rebuilt.book)).toBe(JSON.stringify(plain.book));
    expect(chronologyOf(rebuilt)).toEqual(chronologyOf(plain));
    expect(mentionsOf(rebuilt)).toEqual(mentionsOf(plain));
    expect(JSON.stringify(chronologyOf(rebuilt))).toContain("seized power");
  });

  it("keeps each text's memo in memory between builds (`edition watch`)", async () => {
    const { manifest, first } = await fixture();
    const cache = new TextCache();
    await buildEdition(manifest, { cache });
    await writeFile(first, changed);
    const rebuilt = await buildEdition(manifest, { cache });
    const after = cache.memos.lastByText.get("first");
    expect(countsOf(after, "findDates").misses).toBe(1);
    expect(countsOf(after, "judgeClause")).toEqual({ misses: 1, hits: 3 });
    const plain = await buildEdition(manifest, { memo: false });
    expect(chronologyOf(rebuilt)).toEqual(chronologyOf(plain));
  });

  it("holds only what the text's last processing asked", async () => {
    const { manifest, first } = await fixture();
    const cache = new TextCache();
    await buildEdition(manifest, { cache });
    const sizeBefore = cache.memos.lastByText.get("first")!.used.size;
    // The same sentence changed three times: the memo does not grow with the old versions (it may shrink: what a
    // sentence's judgement asked inside is not asked again when the judgement itself is served).
    for (const word of ["seized", "took", "won"]) {
      await writeFile(first, original.replace("took power", `${word} power`));
      await buildEdition(manifest, { cache });
    }
    expect(cache.memos.lastByText.get("first")!.used.size).toBeLessThanOrEqual(sizeBefore);
    expect(cache.memos.lastByText.get("first")!.used.size).toBeGreaterThan(0);
  });
});
