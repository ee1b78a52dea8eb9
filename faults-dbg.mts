import { readFile } from "node:fs/promises";
const stacks = new Map<unknown, string>();
const orig = globalThis.setTimeout;
// @ts-ignore
globalThis.setTimeout = (fn, ms, ...rest) => { const t = orig(fn, ms, ...rest); if (ms >= 60000) stacks.set(t, `${ms} ${new Error().stack}`); return t; };
const origClear = globalThis.clearTimeout;
// @ts-ignore
globalThis.clearTimeout = (t) => { stacks.delete(t); return origClear(t); };
const { renderPdf } = await import("./src/render/pdf.ts");
const { loadEdition } = await import("./src/manifest/load-edition.ts");
const { manifest } = await loadEdition("sources/edition.yaml");
const html = await readFile("/tmp/faults-after/trotsky-five-texts.html", "utf8");
const { execSync } = await import("node:child_process");
orig(() => { const pid = execSync(`pgrep -P ${process.pid} chromium`).toString().trim(); console.log("killing browser", pid); process.kill(Number(pid), "SIGKILL"); }, 6000);
try { await renderPdf(manifest, html, { stallSeconds: 100 }); } catch (e) { console.log("rejected:", (e as Error).message); }
console.log(process.getActiveResourcesInfo());
orig(() => { for (const s of stacks.values()) console.log(s.split("\n").slice(0, 8).join("\n")); process.exit(0); }, 3000);
