// EPUBCheck beside the main thread: in `edition build` the EPUB's whole check
// (about a second of CPU on the Trotsky edition) runs on a worker thread
// while the main thread writes the print HTML and the report; the EPUB is
// written once it passes, as before. Without worker threads (`EDITION_WORKERS=0`,
// or the TypeScript sources: the tests) it runs in this thread.
import { Worker } from "node:worker_threads";
import { workerCount } from "../parallel/text-lanes.js";
import { checkEpub, type EpubCheckOutcome } from "./epub-check.js";

export function checkEpubOffThread(epub: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<EpubCheckOutcome> {
  if (workerCount(env) === 0 || import.meta.url.endsWith(".ts")) return checkEpub(epub);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./epub-check-worker.js", import.meta.url), { workerData: epub });
    let settled = false;
    worker.once("message", (reply: { outcome: EpubCheckOutcome } | { error: string }) => {
      settled = true;
      if ("outcome" in reply) resolve(reply.outcome);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    // A worker that cannot run costs only the time: the check is made here.
    worker.once("error", () => void (settled || ((settled = true), checkEpub(epub).then(resolve, reject))));
    worker.once("exit", () => void (settled || ((settled = true), checkEpub(epub).then(resolve, reject))));
  });
}
