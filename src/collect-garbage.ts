// The heap of a build held close to what is live. V8 collects lazily: left
// alone it lets the heap grow to about twice what is live between full
// collections, and towards its limit (about 4 GiB here) on a large heap, so
// a 50 MB text's build held GiBs of dead trees and strings. A build asks V8
// to grow the heap by `growingPercent` of what is live at most (its
// `--heap-growing-percent`, which V8 reads at each collection), and between
// its long steps collects the garbage of the step just ended at once.
import v8 from "node:v8";
import vm from "node:vm";

/** How much the heap may grow past what was live at the last full collection, in percent. */
const growingPercent = 5;

/** Below this much heap in use, a step's garbage is left to V8. */
const threshold = 256 * 1024 * 1024;

let collect: (() => void) | undefined;

/** Texts smaller than this in all leave the heap to V8: held close, a small build spent a tenth of its CPU time collecting. */
const largeTexts = 8 * 1024 * 1024;

/** From now on, full collections come when the heap has grown by `growingPercent` past what is live (when the texts, `textBytes` in all, are large). */
export function holdHeapClose(textBytes = Infinity): void {
  if (textBytes < largeTexts) return;
  v8.setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}

/** Collect the garbage now, when the heap is large. */
export function collectGarbage(): void {
  if (v8.getHeapStatistics().used_heap_size < threshold) return;
  if (!collect) {
    // `gc` is exposed by a flag; set now, it is visible in a new context (see Node's v8.setFlagsFromString).
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  collect();
}
