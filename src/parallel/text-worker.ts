// A worker thread of ./text-lanes.ts: reads the edition as the main thread
// does, then takes texts from the shared counter until none is left, and
// posts each one's work serialised (the texts' cache's form on disk).
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { loadRestoreInputs, processText, textProcessors } from "../pipeline.js";
import { plainMessage } from "../watch/persistent-text-cache.js";
import { textKey } from "../watch/text-cache.js";
import { MemoStore } from "../watch/memo-store.js";
import type { WorkerJobs, WorkerReply, WorkerStart } from "./text-lanes.js";

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);

const start = workerData as WorkerStart;
const ready = loadRestoreInputs(start.manifestPath);
// The texts' memos: read from disk and written there by this thread, and sent back for the main thread's next processing.
const memos = start.memos ? new MemoStore(start.memos.dir, () => start.memos!.version ?? "") : undefined;
port.once("message", (jobs: WorkerJobs) => void work(jobs).catch((error: unknown) => post({ fatal: String(error) })));

async function work({ ids, counter }: WorkerJobs): Promise<void> {
  const { loaded, restoreInputs } = await ready;
  const processorFor = textProcessors(restoreInputs);
  const next = new Int32Array(counter);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= ids.length) break;
    const id = ids[index]!;
    const at = loaded.manifest.texts.findIndex((entry) => entry.id === id);
    const file = loaded.texts[at];
    if (!file) {
      post({ id, failed: "no such text" });
      continue;
    }
    file.data.entry = loaded.manifest.texts[at];
    try {
      const key = textKey(file, restoreInputs);
      const work = await processText(file, processorFor(file), memos);
      const bytes = v8.serialize({ key, value: String(file.value), work, messages: file.messages.map(plainMessage), data: file.data });
      const memo = memos?.last ? v8.serialize([...memos.last.used]) : undefined;
      post({ id, key, bytes, ...(memo ? { memo } : {}) });
    } catch (error) {
      // A fatal message is made again on the main thread, with its file.
      post({ id, failed: String(error) });
    }
  }
  post({ done: true });
}
