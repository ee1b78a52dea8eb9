// Work after the texts kept by content: a memo maps a hash of everything a
// step reads to what the step made (a print piece, a word's verdict, a
// bibliography's HTML), so a rebuild in the same process (`edition watch`)
// and, once `persistRenderMemos()` is called (the `edition` command does,
// unless `EDITION_NO_CACHE=1`), a new process redo only what changed. On disk
// each memo is one file beside the texts' cache (`<cache>/render/<name>.v8`),
// valid for one version of the program's code, the installed packages and
// Node; each memo is bounded in size, the oldest entries going first.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { projectRoot } from "../project-root.js";
import { codeVersion } from "./text-cache.js";

export function renderMemoDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.EDITION_CACHE_DIR || path.join(os.tmpdir(), "edition-cache"), "render");
}

let diskDir: string | undefined;
let version: string | undefined;

/** Keep the memos on disk too (in `dir`), for the next process; undefined turns it off again (tests). */
export function persistRenderMemos(dir: string | undefined = renderMemoDir()): void {
  diskDir = dir;
  for (const memo of memos) memo.forgetDisk();
}

/** The program's code, the installed packages and Node: a memo made by another version of any is not read. */
export function programVersion(): string {
  if (version === undefined) {
    let lock: Buffer;
    try {
      lock = readFileSync(path.join(projectRoot, "package-lock.json"));
    } catch {
      lock = Buffer.from("");
    }
    version = createHash("sha256").update(codeVersion()).update("\0").update(process.version).update("\0").update(lock).digest("hex");
  }
  return version;
}

/** A key for a memo: the hash of its parts (strings joined by NUL). */
export const memoKey = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("base64url");

/** A tree's JSON without its source positions (which no renderer reads, and which move when a word before them changes). */
export const contentJson = (value: unknown) => JSON.stringify(value, (key, inner: unknown) => (key === "position" ? undefined : inner));

const memos: Memo<unknown>[] = [];

export class Memo<V> {
  private readonly entries = new Map<string, V>();
  private size = 0;
  private loaded = false;
  private changed = false;
  private context: string | undefined;
  /** Lookups answered and missed since `resetCounts()` (tests read them). */
  hits = 0;
  misses = 0;

  /** `sizeOf` counts a value (characters, for strings; about bytes otherwise); at most `maxSize` of values and keys' characters is kept. A memo without a name is kept in memory only. */
  constructor(
    readonly name: string | undefined,
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number = (value) => (typeof value === "string" ? value.length : 1),
    /** Forgotten with the others (`forgetRenderMemos`) though kept in memory only. */
    shared = false,
  ) {
    // A memo without a name belongs to a caller (a test's zip cache) unless it is a module's own.
    if (name || shared) memos.push(this as Memo<unknown>);
  }

  resetCounts(): void {
    this.hits = 0;
    this.misses = 0;
  }

  get(key: string): V | undefined {
    this.load();
    const hit = this.entries.get(key);
    if (hit === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Map order is the order entries were made, the oldest going first: moving each hit to the end cost a build of
    // the Trotsky edition 0.1–0.2 s over its ~100,000 lookups, for an order that matters only once the bound is reached.
    return hit;
  }

  /** An entry's size: its value's, and its key's characters (a memo keyed by texts keeps the texts). */
  private sizeOfEntry(key: string, value: V): number {
    return this.sizeOf(value) + key.length;
  }

  set(key: string, value: V): V {
    this.load();
    const size = this.sizeOfEntry(key, value);
    if (size > this.maxSize / 4) return value;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.size -= this.sizeOfEntry(key, old);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.size += size;
    this.changed = true;
    for (const [oldest, kept] of this.entries) {
      if (this.size <= this.maxSize) break;
      this.entries.delete(oldest);
      this.size -= this.sizeOfEntry(oldest, kept);
    }
    return value;
  }

  /** The value kept for `key`, else `make()`'s, kept. */
  through(key: string, make: () => V): V {
    const hit = this.get(key);
    return hit === undefined ? this.set(key, make()) : hit;
  }

  /**
   * The memo's entries hold for `context` only (the pattern a text was matched against): the keys are then the
   * texts alone, whose hashes V8 keeps, not a context and a text joined afresh on every lookup. Another context
   * empties the memo.
   */
  useContext(context: string): this {
    this.load();
    if (this.context === context) return this;
    if (this.context !== undefined || this.entries.size) this.changed = true;
    this.entries.clear();
    this.size = 0;
    this.context = context;
    return this;
  }

  /** A value kept under `key` was changed in place (a table of answers grown): it is written again. */
  changedIn(key: string): void {
    if (this.entries.has(key)) this.changed = true;
  }

  forget(): void {
    this.context = undefined;
    this.entries.clear();
    this.size = 0;
    this.changed = false;
    this.loaded = false;
  }

  forgetDisk(): void {
    this.loaded = false;
  }

  private file(): string | undefined {
    return diskDir && this.name ? path.join(diskDir, `${this.name}.v8`) : undefined;
  }

  /** The entries on disk joined to those in memory (those in memory are the newer), once per process. */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const file = this.file();
    if (!file) return;
    let stored: { version: string; context?: string; entries: [string, V][] } | undefined;
    try {
      stored = v8.deserialize(readFileSync(file)) as typeof stored;
    } catch {
      return; // none yet, or damaged: only misses
    }
    if (stored?.version !== programVersion()) return;
    // Entries made in memory for another context than the disk's: the memory's are the newer.
    if (this.context !== undefined && stored.context !== this.context) return;
    this.context = stored.context;
    const mine = [...this.entries];
    this.entries.clear();
    this.size = 0;
    for (const [key, value] of [...stored.entries, ...mine]) {
      this.entries.set(key, value);
      this.size += this.sizeOfEntry(key, value);
    }
  }

  /** Write the memo to disk if it changed since it was read. */
  save(): void {
    const file = this.file();
    if (!file || !this.changed) return;
    this.changed = false;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, v8.serialize({ version: programVersion(), context: this.context, entries: [...this.entries] }));
      renameSync(temporary, file);
    } catch {
      // A memo that cannot be written costs only the next process's time.
    }
  }
}

/** Let go of every memo's entries in memory, as a new process starts: the next lookup reads the disk again (tests, the bench's cold runs). */
export function forgetRenderMemos(): void {
  for (const memo of memos) memo.forget();
}

/** Write every memo that changed (the end of a build or a check). */
export function saveRenderMemos(): void {
  for (const memo of memos) memo.save();
}
