// Each text's restore and enrich stages are independent of the other texts'
// (the texts' cache relies on it too), so a build with two or more texts to
// process runs them on worker threads beside the main thread. Every lane
// takes the next text, largest first, from one shared counter, so a lane
// never waits for the main thread's event loop. A worker reads the edition
// itself (./text-worker.ts) and sends back the text's trees, messages and
// data serialised as the texts' cache on disk keeps them; the main thread
// puts them on its own file. A worker's result is used only when its text
// and editorial data hash to the main thread's key (else, and on any
// failure, the text is processed on the main thread), so the book is the
// same whichever lane made it.
import os from "node:os";
import { createRequire } from "node:module";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import type { VFile } from "vfile";
import type { LoadedEdition } from "../manifest/load-edition.js";
import { messageFrom } from "../watch/persistent-text-cache.js";
import { restore, textKey, type Entry, type TextWork } from "../watch/text-cache.js";
import type { MemoStore } from "../watch/memo-store.js";

/** A text larger than this is processed on the main thread: its trees serialised would cost more memory than the lane saves time. */
const maxWorkerTextBytes = 4 * 1024 * 1024;

/** Below this much text beside the largest, a worker's start (its modules and the edition read again, about a second of CPU) costs more than it saves. */
const minSharedBytes = 32 * 1024;

const sizeOf = (file: VFile) => Buffer.byteLength(typeof file.value === "string" ? file.value : Buffer.from(file.value ?? ""));

/** The bytes a worker could take: every text's but the largest's (which the main thread starts on). */
const besideLargest = (files: VFile[]) => {
  const sizes = files.map(sizeOf).filter((size) => size <= maxWorkerTextBytes);
  return sizes.reduce((sum, size) => sum + size, 0) - Math.max(0, ...sizes);
};

/** What a worker posts: a text's work serialised (v8), a text it could not do, or the end of its lane. */
export type WorkerReply = { id: string; key: string; bytes: Uint8Array; memo?: Uint8Array } | { id: string; failed: string } | { done: true } | { fatal: string };

/** What a worker is told at its start: the edition, and where the texts' memos are kept on disk (../watch/memo-store.ts), if they are. */
export interface WorkerStart {
  manifestPath: string;
  /** The worker keeps each text's memo (and sends it back) only when the build keeps memos. */
  memos?: { dir?: string; version?: string };
}

/** What the main thread posts: the texts in the order lanes take them, and the shared counter of the next one. */
export interface WorkerJobs {
  ids: string[];
  counter: SharedArrayBuffer;
}

/**
 * How many worker threads a build uses: `EDITION_WORKERS` when set (0 turns
 * them off); else one less than the cores (at most 3) when running the
 * compiled code, and none from the TypeScript sources (a worker would compile
 * them all again through tsx: the tests' builds).
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.EDITION_WORKERS;
  if (asked !== undefined && asked !== "") return Math.max(0, Math.floor(Number(asked)) || 0);
  if (import.meta.url.endsWith(".ts")) return 0;
  return Math.max(0, Math.min(os.availableParallelism() - 1, 3));
}

interface Request {
  file: VFile;
  key: string;
  resolve: (work: TextWork) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  local: boolean;
}

/**
 * Runs the texts' work for one build. Each text either asks for its work
 * (`request`, a cache miss) or is done without it (`skip`, a cache hit);
 * once every text has done one or the other, the lanes start.
 */
export class TextLanes {
  /** The texts whose work a worker made (the rest were made on the main thread), in the order they came. */
  readonly fromWorkers: string[] = [];
  private readonly requests = new Map<string, Request>();
  private readonly counted = new Set<string>();
  private readonly workers: Worker[] = [];
  private readonly exited = new WeakSet<Worker>();
  private started = false;

  constructor(
    private readonly manifestPath: string,
    private readonly edition: LoadedEdition,
    private readonly local: (file: VFile) => Promise<TextWork>,
    private readonly workersWanted: number,
    /** Start the workers now (every text will be processed: no cache), so they read their modules while the main thread does. */
    eager = false,
    /** The texts' memos: a worker reads a text's from disk and sends back what it kept. */
    private readonly memos?: MemoStore,
  ) {
    if (eager && besideLargest(this.edition.texts) >= minSharedBytes) this.spawn(Math.min(workersWanted, this.edition.texts.length - 1));
  }

  request(file: VFile): Promise<TextWork> {
    const id = file.data.textId!;
    // Keyed before the text is touched: the key hashes its raw bytes.
    const key = textKey(file, this.edition);
    const promise = new Promise<TextWork>((resolve, reject) => this.requests.set(id, { file, key, resolve, reject, settled: false, local: false }));
    this.count(id);
    return promise;
  }

  skip(file: VFile): void {
    this.count(file.data.textId!);
  }

  private count(id: string): void {
    this.counted.add(id);
    if (this.counted.size === this.edition.texts.length && !this.started) {
      this.started = true;
      void this.run().catch((error: unknown) => {
        for (const request of this.requests.values()) if (!request.settled) request.reject(error);
      });
    }
  }

  private spawn(count: number): void {
    for (let index = this.workers.length; index < count; index++) {
      const worker = workerThread({ manifestPath: this.manifestPath, ...(this.memos ? { memos: { dir: this.memos.dir, version: this.memos.dir ? this.memos.version() : undefined } } : {}) });
      // A worker that cannot start costs only its lane: the main thread does its texts.
      worker.on("error", () => undefined);
      worker.once("exit", () => this.exited.add(worker));
      this.workers.push(worker);
    }
  }

  private async run(): Promise<void> {
    const requests = [...this.requests.values()];
    const size = (request: Request) => sizeOf(request.file);
    // Largest first: the lanes end close together.
    requests.sort((a, b) => size(b) - size(a));
    const shared = requests.filter((request) => size(request) <= maxWorkerTextBytes);
    const mainOnly = requests.filter((request) => size(request) > maxWorkerTextBytes);
    const lanes = shared.length > 1 && besideLargest(shared.map((request) => request.file)) >= minSharedBytes ? Math.min(this.workersWanted, shared.length - 1) : 0;
    if (lanes > 0) this.spawn(lanes);
    const workers = this.workers.splice(0, lanes);
    for (const extra of this.workers.splice(0)) void extra.terminate();
    const counter = new SharedArrayBuffer(4);
    const next = new Int32Array(counter);
    const ids = shared.map((request) => request.file.data.textId!);
    const ended = workers.map((worker) => this.listen(worker));
    for (const worker of workers) worker.postMessage({ ids, counter } satisfies WorkerJobs);
    for (const request of mainOnly) await this.runLocally(request);
    for (;;) {
      const index = Atomics.add(next, 0, 1);
      if (index >= shared.length) break;
      await this.runLocally(shared[index]!);
    }
    await Promise.all(ended);
    // A text a worker took and did not give back (it failed, or its key differed) is done here.
    for (const request of shared) if (!request.settled && !request.local) await this.runLocally(request);
  }

  private async runLocally(request: Request): Promise<void> {
    request.local = true;
    try {
      const work = await this.local(request.file);
      request.settled = true;
      request.resolve(work);
    } catch (error) {
      request.settled = true;
      request.reject(error);
    }
  }

  /** The worker's replies until its lane ends (or it fails); resolves when it has exited. */
  private listen(worker: Worker): Promise<void> {
    return new Promise((resolve) => {
      if (this.exited.has(worker)) return resolve();
      const end = () => {
        worker.removeAllListeners("message");
        void worker.terminate().then(() => resolve());
      };
      worker.on("message", (reply: WorkerReply) => {
        if ("done" in reply || "fatal" in reply) return end();
        const request = this.requests.get(reply.id);
        if (!request || request.settled || request.local || !("bytes" in reply) || reply.key !== request.key) return;
        let entry: Entry;
        try {
          const stored = v8.deserialize(reply.bytes) as Entry;
          entry = { ...stored, messages: stored.messages.map(messageFrom) };
        } catch {
          return;
        }
        request.settled = true;
        this.fromWorkers.push(reply.id);
        if (this.memos && reply.memo) {
          try {
            // (The worker wrote it to disk already.)
            void this.memos.keep(request.file, new Map(v8.deserialize(reply.memo) as [string, unknown][]), false);
          } catch {
            // a memo that does not arrive costs only the next processing's time
          }
        }
        request.resolve(restore(request.file, this.edition, entry, false));
      });
      worker.once("exit", () => resolve());
    });
  }
}

/** A worker thread running ./text-worker (compiled, or the TypeScript source through tsx). */
function workerThread(workerData: WorkerStart): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./text-worker.js", import.meta.url), { workerData });
  // From the sources (tests, or bin/edition.js falling back to tsx): tsx compiles the worker's modules.
  const tsx = createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs");
  const entry = new URL("./text-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(new URL(`file://${tsx}`).href)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
