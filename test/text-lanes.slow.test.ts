// The texts' work on worker threads (src/parallel/text-lanes.ts): a text a
// worker processed gives the main thread the same trees, messages and data
// as the same text processed on the main thread, and the corpus edition built
// with a worker is the same EPUB, byte for byte, with the same messages, as
// one built on the main thread alone. (A slow test: the worker compiles the
// sources again through tsx.)
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { VFile } from "vfile";
import { buildEdition, loadRestoreInputs, processText, textProcessors, type Edition } from "../src/pipeline.js";
import { TextLanes } from "../src/parallel/text-lanes.js";
import { renderEpub } from "../src/render/epub.js";
import { ZipEntryCache } from "../src/render/epub-zip.js";
import type { TextWork } from "../src/watch/text-cache.js";
import { projectRoot } from "../src/project-root.js";

const corpus = path.join(projectRoot, "test", "fixtures", "corpus", "edition.yaml");
const messagesOf = (files: VFile[]) => files.flatMap((file) => file.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`));
const epubOf = (edition: Edition) => renderEpub(edition.manifest, edition.book, { cover: null, zipCache: new ZipEntryCache() });

describe("the texts' work on worker threads", () => {
  it("gives the same trees, messages and data as the main thread", async () => {
    // Each text processed on the main thread: what the worker's must equal.
    const alone = await loadRestoreInputs(corpus);
    const processorAlone = textProcessors(alone.restoreInputs);
    const expected = new Map<string, { work: TextWork; file: VFile }>();
    for (const [index, file] of alone.loaded.texts.entries()) {
      file.data.entry = alone.loaded.manifest.texts[index];
      expected.set(file.data.textId!, { work: await processText(file, processorAlone(file)), file });
    }

    const { loaded, restoreInputs } = await loadRestoreInputs(corpus);
    const processorFor = textProcessors(restoreInputs);
    let lanes: TextLanes | undefined;
    const local: string[] = [];
    lanes = new TextLanes(corpus, restoreInputs, async (file) => {
      local.push(file.data.textId!);
      // The main thread's first text waits for the worker's first, so the worker surely makes one.
      while (lanes!.fromWorkers.length === 0 && local.length === 1) await new Promise((resolve) => setTimeout(resolve, 50));
      return processText(file, processorFor(file));
    }, 1);
    const works = await Promise.all(
      loaded.texts.map((file, index) => {
        file.data.entry = loaded.manifest.texts[index];
        return lanes!.request(file);
      }),
    );
    expect(lanes.fromWorkers.length).toBeGreaterThan(0);
    expect([...lanes.fromWorkers, ...local].sort()).toEqual(loaded.texts.map((file) => file.data.textId).sort());
    for (const [index, file] of loaded.texts.entries()) {
      const want = expected.get(file.data.textId!)!;
      expect(works[index]!.hast).toEqual(want.work.hast);
      expect(works[index]!.mdast).toEqual(want.work.mdast);
      expect(String(file.value)).toBe(String(want.file.value));
      expect(messagesOf([file])).toEqual(messagesOf([want.file]));
      expect(Object.keys(file.data).sort()).toEqual(Object.keys(want.file.data).sort());
      expect(file.data.nameMentions).toEqual(want.file.data.nameMentions);
    }
  });

  it("builds the corpus edition as the same EPUB bytes and messages with a worker as without", async () => {
    const main = await buildEdition(corpus, { workers: 0 });
    const parallel = await buildEdition(corpus, { workers: 1 });
    expect(messagesOf(parallel.files)).toEqual(messagesOf(main.files));
    expect((await epubOf(parallel)).equals(await epubOf(main))).toBe(true);
  });
});
