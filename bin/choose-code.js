// Which code bin/edition.js runs: the compiled dist/ (`npm run build:code`),
// or, in a development checkout where dist/ is missing or older than src/,
// the TypeScript sources through tsx, with a note saying why.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * @param {string} root the project's folder (bin/ and src/ and dist/ are in it)
 * @param {NodeJS.ProcessEnv} env `EDITION_SOURCES=1` runs the sources without a note (the tests' processes)
 * @returns {{ entry: string, tsx: boolean, note?: string }}
 */
export function chooseCode(root, env = process.env) {
  const src = path.join(root, "src");
  const sources = { entry: path.join(src, "cli.ts"), tsx: true };
  const compiled = { entry: path.join(root, "dist", "cli.js"), tsx: false };
  if (env.EDITION_SOURCES === "1") return sources;
  const newestSource = newestIn(src);
  // An installed copy without sources runs what it has.
  if (newestSource === undefined) return compiled;
  const built = mtimeOf(path.join(root, "dist", ".built"));
  const fix = "`npm run build:code` compiles it; running the TypeScript sources through tsx, which starts slower";
  if (built === undefined) return { ...sources, note: `dist/ is missing (${fix})` };
  if (newestSource > built) return { ...sources, note: `dist/ is older than src/ (${fix})` };
  return compiled;
}

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The latest change time of any file under `dir`, or undefined when there is no such folder. */
function newestIn(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return undefined;
  }
  let newest = mtimeOf(dir) ?? 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, mtimeOf(path.join(entry.parentPath ?? entry.path, entry.name)) ?? 0);
  }
  return newest;
}
