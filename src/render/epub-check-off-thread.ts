// EPUBCheck beside the main thread: in `edition build` the EPUB's whole check
// (about a second of CPU on the Trotsky edition) runs on a worker thread
// while the main thread writes the print HTML and the report; the EPUB is
// written once it passes, as before. One worker serves the process's builds
// (it keeps the checker loaded between `edition watch`'s rebuilds) and holds
// the process open only while a check is pending. Without worker threads
// (`EDITION_WORKERS=0`, or the TypeScript sources: the tests) the check runs
// in this thread.
import { Worker } from "node:worker_threads";
import { workerCount } from "../parallel/text-lanes.js";
import { checkEpub, type EpubCheckOutcome } from "./epub-check.js";

type Reply = { id: number; outcome: EpubCheckOutcome } | { id: number; error: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { epub: Uint8Array; resolve: (outcome: EpubCheckOutcome) => void; reject: (error: unknown) => void }>();

function checker(): Worker {
  if (worker) return worker;
  const made = new Worker(new URL("./epub-check-worker.js", import.meta.url));
  made.unref();
  made.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (!pending.size) made.unref();
    if ("outcome" in reply) waiting.resolve(reply.outcome);
    else waiting.reject(new Error(reply.error));
  });
  // A worker that fails costs only the time: its pending checks are made here.
  const lost = () => {
    if (worker === made) worker = undefined;
    const left = [...pending.values()];
    pending.clear();
    for (const waiting of left) checkEpub(waiting.epub).then(waiting.resolve, waiting.reject);
  };
  made.on("error", lost);
  made.on("exit", lost);
  return (worker = made);
}

export function checkEpubOffThread(epub: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<EpubCheckOutcome> {
  if (workerCount(env) === 0 || import.meta.url.endsWith(".ts")) return checkEpub(epub);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const thread = checker();
    pending.set(id, { epub, resolve, reject });
    thread.ref();
    thread.postMessage({ id, epub });
  });
}
