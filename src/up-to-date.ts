// `edition build` when nothing changed: the last successful build into the
// same folder leaves a record (in the cache folder, beside the texts' cache)
// of what it was made from — every file of the edition's folder (a manifest
// reads only files inside it), the project's rules/, styles/, templates/ and
// lexicon, the program's code, the installed packages, Node, the command's
// options and the EDITION_/Chromium/CSL settings of the environment — and of
// the bytes it wrote. A new build whose inputs are the same, with every output
// still holding those bytes, says so and prints the last build's warnings
// instead of building again; `--force` builds anyway. Any difference at all
// (a changed, added or removed file; an output touched) builds as usual.
import { createHash } from "node:crypto";
import { readdir, readFile, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "./project-root.js";
import { programVersion, renderMemoDir } from "./watch/render-memo.js";

export interface BuildInputs {
  manifestPath: string;
  outDir: string;
  pdf: boolean;
  profile?: string;
  site: boolean;
}

export interface BuildRecord {
  inputs: string;
  /** Each output file (relative to the output folder) and the hash of its bytes. */
  outputs: Record<string, string>;
  /** The warnings the build printed. */
  report: string;
}

const digest = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("base64");

/** Every file under `dir` (relative paths, sorted); none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return names
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The hash of everything a build reads and is told. */
export async function inputsDigest(inputs: BuildInputs, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const hash = createHash("sha256");
  const { manifestPath, outDir, ...rest } = inputs;
  hash.update(JSON.stringify({ manifest: path.resolve(manifestPath), out: path.resolve(outDir), ...rest }));
  hash.update(`\0${programVersion()}\0`);
  const settings = Object.entries(env)
    .filter(([name]) => /^(EDITION_|CHROMIUM|PUPPETEER|CSL_)/.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify(settings));
  const folders = [path.dirname(path.resolve(manifestPath)), ...["rules", "styles", "templates", path.join("src", "lexicon")].map((name) => path.join(projectRoot, name))];
  for (const folder of folders) {
    for (const name of await filesUnder(folder)) {
      const file = path.join(folder, name);
      hash.update(`\0${file}\0`).update(await readFile(file));
    }
  }
  hash.update(await readFile(path.join(projectRoot, "package.json")).catch(() => ""));
  return hash.digest("hex");
}

const recordFile = (outDir: string, env: NodeJS.ProcessEnv) => path.join(path.dirname(renderMemoDir(env)), "builds", `${digest(path.resolve(outDir)).replace(/[/+=]/g, "_")}.json`);

/** The hashes of the files a build wrote (the outputs in `written`, and every file of a folder among them). */
async function outputHashes(outDir: string, written: string[]): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {};
  for (const output of written) {
    const names = (await filesUnder(output)).map((name) => path.join(output, name));
    for (const file of names.length ? names : [output]) outputs[path.relative(outDir, file)] = digest(await readFile(file));
  }
  return outputs;
}

/** Keep the record of a build that succeeded. */
export async function recordBuild(inputs: BuildInputs, digestOfInputs: string, written: string[], report: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const record: BuildRecord = { inputs: digestOfInputs, outputs: await outputHashes(inputs.outDir, written), report };
    const file = recordFile(inputs.outDir, env);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(record));
    await rename(`${file}.${process.pid}.tmp`, file);
  } catch {
    // Without a record the next build only builds.
  }
}

/** The last build's record when its inputs are these and every output it wrote still has its bytes; else undefined. */
export async function upToDate(inputs: BuildInputs, digestOfInputs: string, env: NodeJS.ProcessEnv = process.env): Promise<BuildRecord | undefined> {
  let record: BuildRecord;
  try {
    record = JSON.parse(await readFile(recordFile(inputs.outDir, env), "utf8")) as BuildRecord;
  } catch {
    return undefined;
  }
  if (record.inputs !== digestOfInputs || !Object.keys(record.outputs).length) return undefined;
  for (const [name, hash] of Object.entries(record.outputs)) {
    const bytes = await readFile(path.join(inputs.outDir, name)).catch(() => undefined);
    if (!bytes || digest(bytes) !== hash) return undefined;
  }
  return record;
}
