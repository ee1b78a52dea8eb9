// The commands as an editor runs them, each a new process: `edition --help`,
// `edition check`, `edition build --no-pdf`, and pandoc's naive conversion of
// the raw texts to an EPUB (the yardstick: a new process should be no slower).
// Each is run several times; the median wall time and the median CPU time
// (user + system, from /proc, less at the mercy of the machine's load) are kept.
import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/project-root.js";
import { read } from "./memory.js";

export interface ProcessFigure {
  ms: number;
  cpuMs: number;
}

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat. */
const clockTicksPerSecond = 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One process: its wall time, and its CPU time read from /proc just before it is reaped (children waited for included). */
function timedProcess(command: string, args: string[], env: Record<string, string> = {}): Promise<ProcessFigure> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
    let ticks = 0;
    // Sampled while it runs; the last sample is at most 20 ms short of its end.
    const sample = () => {
      const stat = read(`/proc/${child.pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, cutime, cstime (fields 14–17).
      if (fields.length > 14) ticks = Math.max(ticks, fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0));
    };
    const timer = setInterval(sample, 20);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      const ms = Math.round(performance.now() - start);
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr}`));
      else resolve({ ms, cpuMs: Math.round((ticks / clockTicksPerSecond) * 1000) });
    });
  });
}

async function medianOf(runs: number, command: string, args: string[], env: Record<string, string> = {}): Promise<ProcessFigure> {
  const figures: ProcessFigure[] = [];
  for (let index = 0; index < runs; index++) figures.push(await timedProcess(command, args, env));
  return { ms: median(figures.map((figure) => figure.ms)), cpuMs: median(figures.map((figure) => figure.cpuMs)) };
}

export interface StartupFigures {
  help: ProcessFigure;
  /** With every text's work in the cache on disk (written by the run before), as an editor's next run finds it. */
  check: ProcessFigure;
  /** With nothing changed since the last build into the folder: the command says the outputs are up to date (src/up-to-date.ts). */
  buildNoPdf: ProcessFigure;
  /** The same with `--force`: built again, every text's work and the render memos taken from disk. */
  buildNoPdfForced: ProcessFigure;
  /** Without the texts' cache (`EDITION_NO_CACHE=1`): every text processed. */
  checkNoCache: ProcessFigure;
  buildNoPdfNoCache: ProcessFigure;
  /**
   * `edition build --no-pdf --no-site` on a copy of the sources after one word of one text changed (`changeOneWord`),
   * the texts' cache and the EPUBCheck verdicts on disk from the build before: what an editor's next run costs.
   */
  oneWordNewProcess?: ProcessFigure;
  /** `pandoc` reading each raw text as Markdown and writing one EPUB 3; undefined without pandoc. */
  pandocRawTexts?: ProcessFigure & { version: string };
}

export async function startupFigures(options: {
  manifestPath: string;
  rawTexts: string[];
  title: string;
  runs: number;
  /** Change one word in the copy of the sources at `sources`, differently for each run. */
  changeOneWord?: (sources: string, run: number) => Promise<void>;
}): Promise<StartupFigures> {
  const edition = path.join(projectRoot, "bin", "edition.js");
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-bench-startup-"));
  const node = process.execPath;
  // The texts' cache in a folder of this run's own (the cover's drawing with it: drawn once, by the first build).
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "edition-bench-cache-"));
  const cached = { EDITION_CACHE_DIR: cacheDir };
  const uncached = { EDITION_CACHE_DIR: cacheDir, EDITION_NO_CACHE: "1" };
  const build = [edition, "build", "--no-pdf", "--manifest", options.manifestPath, "--out", out];
  const check = [edition, "check", "--manifest", options.manifestPath];
  await timedProcess(node, build, cached);
  const help = await medianOf(options.runs, node, [edition, "--help"]);
  const checkNoCache = await medianOf(options.runs, node, check, uncached);
  const checkCached = await medianOf(options.runs, node, check, cached);
  const buildNoPdfNoCache = await medianOf(options.runs, node, build, uncached);
  const buildNoPdf = await medianOf(options.runs, node, build, cached);
  const buildNoPdfForced = await medianOf(options.runs, node, [...build, "--force"], cached);
  let oneWordNewProcess: ProcessFigure | undefined;
  if (options.changeOneWord) {
    const sources = await mkdtemp(path.join(os.tmpdir(), "edition-bench-one-word-"));
    await cp(path.dirname(options.manifestPath), sources, { recursive: true });
    const copy = [edition, "build", "--no-pdf", "--no-site", "--manifest", path.join(sources, path.basename(options.manifestPath)), "--out", out];
    await timedProcess(node, copy, cached);
    const figures: ProcessFigure[] = [];
    for (let index = 0; index < options.runs; index++) {
      await options.changeOneWord(sources, index);
      figures.push(await timedProcess(node, copy, cached));
    }
    oneWordNewProcess = { ms: median(figures.map((figure) => figure.ms)), cpuMs: median(figures.map((figure) => figure.cpuMs)) };
  }
  const version = await new Promise<string | undefined>((resolve) => {
    const child = spawn("pandoc", ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => void (text += chunk.toString()));
    child.on("error", () => resolve(undefined));
    child.on("exit", (code) => resolve(code === 0 ? text.split("\n")[0] : undefined));
  });
  const pandocRawTexts = version
    ? {
        version,
        ...(await medianOf(options.runs, "pandoc", ["--from", "markdown", "--to", "epub3", "--metadata", `title=${options.title}`, "--output", path.join(out, "pandoc.epub"), ...options.rawTexts])),
      }
    : undefined;
  return { help, check: checkCached, buildNoPdf, buildNoPdfForced, checkNoCache, buildNoPdfNoCache, ...(oneWordNewProcess ? { oneWordNewProcess } : {}), pandocRawTexts };
}
