// `npm run build:code`: src/ compiled to dist/ by esbuild, file for file (ESM,
// the same folders), so bin/edition.js starts without compiling TypeScript.
// The plain .js files under src/ (the scripts Chromium runs, which a module
// also imports) are copied as they are; data (src/lexicon, templates/,
// styles/) is read from its place in the checkout through src/project-root.ts.
import { cp, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const dist = path.join(root, "dist");

const files = (await readdir(src, { recursive: true })).sort();
const entryPoints = files.filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts")).map((name) => path.join(src, name));
const plain = files.filter((name) => name.endsWith(".js"));

await rm(dist, { recursive: true, force: true });
await build({ entryPoints, outdir: dist, outbase: src, format: "esm", platform: "node", target: "node20", bundle: false, logLevel: "warning" });
for (const name of plain) await cp(path.join(src, name), path.join(dist, name));
// Written last: bin/edition.js takes dist/ as current only when this stamp is newer than every source.
await writeFile(path.join(dist, ".built"), `${new Date().toISOString()}\n`);
process.stdout.write(`compiled ${entryPoints.length} modules and copied ${plain.length} scripts into dist/\n`);
