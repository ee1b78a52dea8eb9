// citation-js (with its CSL and BibTeX plugins), loaded at its first use
// instead of with the manifest: its set-up costs a new process about 150 ms,
// which a build whose works cited and style trial are kept by content
// (../watch/render-memo.ts) does not pay. Node's require loads it
// synchronously, so callers stay synchronous; the same CommonJS entry as an
// `import` of the package.
import { createRequire } from "node:module";
import type * as Core from "@citation-js/core";

const require = createRequire(import.meta.url);
let core: typeof Core | undefined;

export function citationJs(): typeof Core {
  if (!core) {
    core = require("@citation-js/core") as typeof Core;
    require("@citation-js/plugin-csl");
    require("@citation-js/plugin-bibtex");
  }
  return core;
}
