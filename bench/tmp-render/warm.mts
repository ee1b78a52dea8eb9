// Usage: copy to <worktree>/bench/tmp-you/warm.mts (never commit it); run from the worktree root:
//   EDITION_WORKERS=0 WARM_OUT=/tmp/you-warm WARM_PROFILE=/tmp/you-warm.cpuprofile npx tsx bench/tmp-you/warm.mts
// One cold in-process build with a BuildCache, then two one-word rebuilds (a correction to simkin), printing each step's time; the second is CPU-profiled.
// python3 /work/notes/profsum.py <profile> 80 summarises a .cpuprofile (self time by file, inclusive by function).
import { Session } from "node:inspector/promises";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os"; import path from "node:path";
import { build } from "../../src/build.js";
import { BuildCache } from "../../src/watch/build-cache.js";
const sources = await mkdtemp(path.join(os.tmpdir(), "warm-src-"));
await cp(path.resolve("sources"), sources, { recursive: true });
const corrections = path.join(sources, "corrections.yaml");
const original = await readFile(corrections, "utf8");
const cache = new BuildCache();
const steps: [string, number][] = [];
const options = { manifestPath: path.join(sources, "edition.yaml"), outDir: process.env.WARM_OUT ?? "/tmp/warm/out", pdf: false, site: false, cache, onStep: (s: string) => steps.push([s, performance.now()]), log: (l: string) => steps.push([l.slice(0, 60), performance.now()]) };
await build(options);
for (let i = 0; i < 2; i++) {
  await writeFile(corrections, `${original}\n- text: simkin\n  wrong: Yanovka\n  right: Yanovka${"’".repeat(i + 1)}\n  reason: benchmark\n`);
  const s = new Session(); s.connect();
  if (i === 1) { await s.post("Profiler.enable"); await s.post("Profiler.start"); }
  steps.length = 0; const t0 = performance.now();
  await build(options);
  console.log(`run ${i}: ${Math.round(performance.now() - t0)} ms`);
  for (const [n, t] of steps) console.log(`  ${Math.round(t - t0)} ${n}`);
  if (i === 1) { const { profile } = await s.post("Profiler.stop"); await writeFile(process.env.WARM_PROFILE ?? "/tmp/warm/warm.cpuprofile", JSON.stringify(profile)); }
}
