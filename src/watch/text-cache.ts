// Per-text work kept between rebuilds (`edition watch`), keyed by a content
// hash of everything that decides how a text is processed: its raw bytes,
// its corrections, the rest of the editorial data (boilerplate rules, the
// manifest, and whatever data later stages load), and the code itself. A
// one-word correction thus re-processes only the text it names.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { VFile, type Data } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { LoadedEdition } from "../manifest/load-edition.js";
import { projectRoot } from "../project-root.js";
import { MemoStore } from "./memo-store.js";
import "../restore/text-data.js";

export interface TextWork {
  mdast: MdastRoot;
  hast: HastRoot;
}

export interface Entry {
  key: string;
  value: string;
  work: TextWork;
  messages: VFileMessage[];
  data: Data;
}

/** An entry kept in memory: its trees and data serialised once (v8), read back as a fresh copy for each build. */
interface KeptEntry {
  key: string;
  value: string;
  messages: VFileMessage[];
  copy: Buffer;
}

export class TextCache {
  /** One entry per text id: the last one made, so memory stays bounded. */
  private readonly entries = new Map<string, KeptEntry>();
  /** Texts processed and texts taken from the cache, since the last `resetCounts()`. */
  processed: string[] = [];
  reused: string[] = [];
  /** Each text's memo of its sentences' work (../enrich/memo.ts): a text processed again reads again only what changed. */
  readonly memos: MemoStore = new MemoStore();

  resetCounts(): void {
    this.processed = [];
    this.reused = [];
  }

  /** The text's work from the cache when nothing it depends on changed, else `compute()`'s. */
  async process(file: VFile, edition: LoadedEdition, compute: () => Promise<TextWork>): Promise<TextWork> {
    const id = file.data.textId!;
    const key = textKey(file, edition);
    const hit = this.entries.get(id);
    if (hit?.key === key) {
      this.reused.push(id);
      // Deserialising the bytes costs about half a structuredClone of the trees (which serialises them first).
      const { work, data } = v8.deserialize(hit.copy) as { work: TextWork; data: Data };
      return restore(file, edition, { key, value: hit.value, messages: hit.messages, work, data }, false);
    }
    // Counted as it starts: the texts' lanes finish in any order, the count keeps the manifest's.
    this.processed.push(id);
    const work = await compute();
    try {
      // Stored as a copy: the book-wide stages may change the trees they are given.
      this.entries.set(id, { key, value: String(file.value), messages: [...file.messages], copy: v8.serialize({ work, data: file.data }) });
    } catch {
      this.entries.delete(id); // data that cannot be copied is not cached
    }
    return work;
  }
}

/** Put a cached text's value, messages and data back on its file and give its work; `copy: false` for an entry used once (read from disk). */
export function restore(file: VFile, edition: LoadedEdition, entry: Entry, copy = true): TextWork {
  file.value = entry.value;
  file.messages.push(...entry.messages);
  const data = copy ? structuredClone(entry.data) : entry.data;
  // The corrections check matches applied corrections to this build's entries by identity.
  const mine = correctionsOf(edition, file.data.textId!);
  if (data.corrections) data.corrections = data.corrections.map((applied, index) => ({ ...applied, correction: mine[index]! }));
  Object.assign(file.data, data);
  return copy ? structuredClone(entry.work) : entry.work;
}

function correctionsOf(edition: LoadedEdition, textId: string) {
  return edition.corrections.filter((correction) => correction.text === textId);
}

export function textKey(file: VFile, edition: LoadedEdition): string {
  const hash = createHash("sha256");
  hash.update(codeVersion());
  hash.update(`\0${file.path}\0${file.data.textId}\0`);
  hash.update(typeof file.value === "string" ? file.value : Buffer.from(file.value ?? ""));
  // Everything loaded with the edition except the texts themselves; of the
  // corrections only this text's, without their place in the YAML file.
  const inputs = {
    ...edition,
    texts: undefined,
    corrections: correctionsOf(edition, file.data.textId!).map(({ place: _place, ...correction }) => correction),
  };
  hash.update(JSON.stringify(inputs, editionDataReplacer));
  return hash.digest("hex");
}

/** JSON for editorial data: vfiles (the raw files, already hashed as data) left out, maps and sets kept. */
function editionDataReplacer(_key: string, value: unknown): unknown {
  if (value instanceof VFile) return undefined;
  if (value instanceof Map) return { map: [...value] };
  if (value instanceof Set) return { set: [...value] };
  if (value instanceof RegExp) return { regexp: String(value) };
  return value;
}

let code: string | undefined;

/** A hash of the program's own source, so a cache kept across versions never serves stale work. */
export function codeVersion(): string {
  if (code) return code;
  const hash = createHash("sha256");
  // An installed copy may have only the compiled code.
  let src = path.join(projectRoot, "src");
  let names: string[];
  try {
    names = readdirSync(src, { recursive: true, encoding: "utf8" });
  } catch {
    src = path.join(projectRoot, "dist");
    names = readdirSync(src, { recursive: true, encoding: "utf8" });
  }
  const files = names.filter((name) => /\.(ts|js)$/.test(name)).sort();
  for (const name of files) hash.update(`${name}\0`).update(readFileSync(path.join(src, name)));
  code = hash.digest("hex");
  return code;
}
