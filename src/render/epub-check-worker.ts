// EPUBCheck on a worker thread (./epub-check-off-thread.ts): each message an
// EPUB's bytes, each reply its outcome. The worker stays for the process's next
// build (`edition watch`), its checker loaded.
import { parentPort } from "node:worker_threads";
import { checkEpub } from "./epub-check.js";

const port = parentPort!;
port.on("message", ({ id, epub }: { id: number; epub: Uint8Array }) => {
  checkEpub(epub).then(
    (outcome) => port.postMessage({ id, outcome }),
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
