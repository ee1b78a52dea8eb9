import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os"; import path from "node:path";
import { build } from "../../src/build.js";
import { BuildCache } from "../../src/watch/build-cache.js";
import { printPieces } from "../../src/render/print-html.js";
import { keptXhtml } from "../../src/render/to-xhtml.js";
import { processZipCache } from "../../src/render/epub-zip.js";
import { commonWords } from "../../src/book/foreign-words.js";
import { spellerAnswers } from "../../src/language/foreign-dictionaries.js";
const sources = await mkdtemp(path.join(os.tmpdir(), "render-src-"));
await cp(path.resolve("sources"), sources, { recursive: true });
const corrections = path.join(sources, "corrections.yaml");
const original = await readFile(corrections, "utf8");
const cache = new BuildCache();
const options = { manifestPath: path.join(sources, "edition.yaml"), outDir: "/tmp/render-misses", pdf: false, site: false, cache };
const memos = { printPieces, keptXhtml, chapters: processZipCache.chapters, commonWords, spellerAnswers };
for (let i = 0; i < 3; i++) {
  if (i) await writeFile(corrections, `${original}\n- text: simkin\n  wrong: Yanovka\n  right: Yanovka${"’".repeat(i)}\n  reason: benchmark\n`);
  for (const m of Object.values(memos)) m.resetCounts();
  const t = performance.now();
  await build(options);
  console.log(i, Math.round(performance.now() - t), Object.entries(memos).map(([k, m]) => `${k} ${m.hits}/${m.misses}`).join("; "), `zip ${processZipCache.reused}/${processZipCache.compressed}`);
}
