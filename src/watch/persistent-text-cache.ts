// The texts' work kept between processes: `edition build` and `edition check`
// store each text's processed trees, messages and data on disk under the key
// of ./text-cache.ts (the text's bytes, the edition's data, the program's
// code), with the program's version (./render-memo.ts: code, installed packages, Node) added, so a new
// process reprocesses only the texts that changed. The folder is the cover
// cache's (`EDITION_CACHE_DIR`, else `edition-cache` in the system's
// temporary folder), under `texts/`; `EDITION_NO_CACHE=1` turns it off.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import type { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import type { LoadedEdition } from "../manifest/load-edition.js";
import { saveKeepingNewest } from "./cache-folder.js";
import { MemoStore } from "./memo-store.js";
import { programVersion } from "./render-memo.js";
import { restore, TextCache, textKey, type Entry, type TextWork } from "./text-cache.js";

/** Files kept in the folder; the oldest go first. */
const maxFiles = 200;

/** A larger text is not kept: its trees serialised would cost more memory than its processing saves time. */
const maxTextBytes = 4 * 1024 * 1024;

export function textCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.EDITION_CACHE_DIR || path.join(os.tmpdir(), "edition-cache"), "texts");
}

/** A message as plain fields (v8's serializer keeps only an error's message and stack). */
export const plainMessage = (message: VFileMessage) => ({ ...message, message: message.message, stack: message.stack });
export const messageFrom = (fields: object) => Object.assign(Object.create(VFileMessage.prototype) as VFileMessage, fields);

export class PersistentTextCache extends TextCache {
  // Each text's memo beside the texts' files, under the same code and packages.
  override readonly memos: MemoStore;

  constructor(readonly dir: string = textCacheDir()) {
    super();
    this.memos = new MemoStore(path.join(dir, "memo"), programVersion);
  }

  override async process(file: VFile, edition: LoadedEdition, compute: () => Promise<TextWork>): Promise<TextWork> {
    const id = file.data.textId!;
    const key = createHash("sha256").update(textKey(file, edition)).update("\0").update(programVersion()).digest("hex");
    const where = path.join(this.dir, `${key}.v8`);
    const stored = await readFile(where).then(
      (bytes) => {
        try {
          const entry = v8.deserialize(bytes) as Entry;
          return entry.key === key ? { ...entry, messages: entry.messages.map(messageFrom) } : undefined;
        } catch {
          return undefined; // a damaged file is only a miss
        }
      },
      () => undefined,
    );
    if (stored) {
      this.reused.push(id);
      return restore(file, edition, stored, false);
    }
    this.processed.push(id);
    const work = await compute();
    let bytes: Buffer | undefined;
    if (String(file.value).length > maxTextBytes) return work;
    try {
      // Serialised now: the book-wide stages change the trees they are given.
      bytes = v8.serialize({ key, value: String(file.value), work, messages: file.messages.map(plainMessage), data: file.data });
    } catch {
      bytes = undefined; // data that cannot be serialised is not kept
    }
    // A cache that cannot be written costs only the next build's time.
    if (bytes) await saveKeepingNewest(where, bytes, ".v8", maxFiles).catch(() => undefined);
    return work;
  }
}

/** The cache for a command's build or check, unless `EDITION_NO_CACHE=1`. */
export function persistentTextCache(env: NodeJS.ProcessEnv = process.env): PersistentTextCache | undefined {
  return env.EDITION_NO_CACHE === "1" ? undefined : new PersistentTextCache(textCacheDir(env));
}
