// `edition watch`: build once, then again on every change under the sources
// folder, templates/ or styles/. Each rebuild reuses the texts that did not
// change (see text-cache.ts) and lays out the PDF only when the print HTML
// changed. Changes that arrive during a build start one more build after it.
import path from "node:path";
import { watch as watchFiles, type FSWatcher } from "chokidar";
import { build, type BuildOptions, type BuildResult } from "../build.js";
import { projectRoot } from "../project-root.js";
import { BuildCache } from "./build-cache.js";

export interface WatchOptions extends Omit<BuildOptions, "cache"> {
  /** After each build: its result or its error, and how long it took. */
  onBuilt(outcome: { result?: BuildResult; error?: unknown; milliseconds: number; processed: string[]; reused: string[] }): void;
  /** Quiet period after a change before rebuilding, in ms (editors save several files at once). */
  debounce?: number;
}

export interface Watcher {
  /** The folders watched. */
  paths: string[];
  close(): Promise<void>;
}

export async function watch(options: WatchOptions): Promise<Watcher> {
  const cache = new BuildCache();
  // The default lexicons (src/lexicon/) are editorial data too, read with the edition.
  const paths = [path.dirname(path.resolve(options.manifestPath)), path.join(projectRoot, "templates"), path.join(projectRoot, "styles"), path.join(projectRoot, "src", "lexicon")];
  let running: Promise<void> | undefined;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;

  const buildOnce = async () => {
    cache.texts.resetCounts();
    const started = performance.now();
    const outcome = await build({ ...options, cache, epubFirst: true }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    options.onBuilt({ ...outcome, milliseconds: performance.now() - started, processed: cache.texts.processed, reused: cache.texts.reused });
  };
  const rebuild = () => {
    if (running) {
      pending = true;
      return;
    }
    running = (async () => {
      do {
        pending = false;
        await buildOnce();
      } while (pending);
    })().finally(() => (running = undefined));
  };

  const watcher: FSWatcher = watchFiles(paths, { ignoreInitial: true, ignored: (file) => /(^|[/\\])\.[^/\\]*\.tmp$/.test(file) });
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  watcher.on("all", () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, options.debounce ?? 100);
  });
  rebuild();

  return {
    paths,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
