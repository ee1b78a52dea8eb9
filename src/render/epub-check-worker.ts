// EPUBCheck on a worker thread (./epub-check-off-thread.ts): one EPUB's bytes in, the outcome out.
import { parentPort, workerData } from "node:worker_threads";
import { checkEpub } from "./epub-check.js";

const port = parentPort!;
checkEpub(workerData as Uint8Array).then(
  (outcome) => port.postMessage({ outcome }),
  (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
