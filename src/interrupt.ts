// SIGINT, SIGTERM and SIGHUP while a build runs: the build stops at once.
// Everything it started is ended synchronously in the handler (the Chromium
// process groups, the temporary files being written), the outputs of the last
// build stay as they were (every output is renamed into place whole, and
// nothing is renamed after this), and the process exits with 128 + the
// signal's number, as a shell reports a process the signal ended.
import { constants } from "node:os";
import { removeTemporaries } from "./output.js";
import { killBrowsers } from "./render/chromium.js";

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let running = 0;
let exitHandler = false;

function stop(signal: NodeJS.Signals): void {
  try {
    killBrowsers();
    removeTemporaries();
  } catch {
    // nothing may keep the process from stopping
  }
  process.stderr.write(`\nedition: stopped by ${signal}; no output was left half-written, and those this build had not yet rewritten are the last build's\n`);
  process.exit(128 + (constants.signals[signal] ?? 0));
}

/** Run a build with the signal handlers in place; they are removed when the last build running ends. */
export async function whileBuilding<T>(work: () => Promise<T>): Promise<T> {
  // Any other way out (an uncaught error, process.exit) leaves no temporary file either.
  if (!exitHandler) process.on("exit", removeTemporaries);
  exitHandler = true;
  if (running++ === 0) for (const signal of signals) process.on(signal, stop);
  try {
    return await work();
  } finally {
    if (--running === 0) for (const signal of signals) process.off(signal, stop);
  }
}
