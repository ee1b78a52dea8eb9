// Scale and hostile input, each as its own `edition build --no-pdf` process
// on a small edition generated here (never committed): the web book repeated
// to 10 MB and 50 MB as one text, and one line of 200,000 spaces, dots, `>`
// or `[` between two paragraphs. For each: wall time, exit status, and the
// peak memory of the process (RSS, and PSS from /proc/<pid>/smaps_rollup,
// sampled every 200 ms, so a peak shorter than that can be missed).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/project-root.js";
import { fixtureTexts, validManifest } from "../test/fixtures/manifests.js";
import { family, kib, read } from "./memory.js";

export interface ScaleFigure {
  case: string;
  inputMiB: number;
  ms: number;
  exitCode: number | null;
  /** User and system CPU time of the process, as last sampled (up to 200 ms short): less at the mercy of the machine's load than the wall time. */
  cpuMs: number;
  peakRssMiB: number;
  peakPssMiB: number;
  /** The last lines the build printed on stderr, when it failed. */
  error?: string;
}

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every common platform. */
const clockTicksPerSecond = 100;

async function edition(firstText: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "edition-bench-scale-"));
  await mkdir(path.join(dir, "texts"));
  await writeFile(path.join(dir, "edition.yaml"), validManifest);
  await writeFile(path.join(dir, "texts", "first.txt"), firstText);
  await writeFile(path.join(dir, "texts", "second.txt"), fixtureTexts["texts/second.txt"]);
  return dir;
}

/** One build as a new process, its memory sampled from /proc until it ends. */
async function measuredBuild(name: string, firstText: string, timeoutMs: number): Promise<ScaleFigure> {
  const dir = await edition(firstText);
  // Never inside the edition's folder: the build refuses an output folder among its inputs.
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-bench-scale-out-"));
  const start = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot, "bin", "edition.js"), "build", "--no-pdf", "--manifest", path.join(dir, "edition.yaml"), "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let rss = 0;
  let pss = 0;
  let ticks = 0;
  const sample = () => {
    const stat = read(`/proc/${child.pid}/stat`);
    // pid (comm) state … utime stime: fields 14 and 15, counted after the command's closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields.length > 12) ticks = Math.max(ticks, Number(fields[11]) + Number(fields[12]));
    let r = 0;
    let p = 0;
    for (const pid of family(child.pid!)) {
      r += kib(read(`/proc/${pid}/status`), "VmRSS");
      p += kib(read(`/proc/${pid}/smaps_rollup`), "Pss");
    }
    rss = Math.max(rss, r);
    pss = Math.max(pss, p);
  };
  const timer = setInterval(sample, 200);
  const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  clearInterval(timer);
  clearTimeout(killer);
  const ms = Math.round(performance.now() - start);
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  const cpuMs = Math.round((ticks * 1000) / clockTicksPerSecond);
  return { case: name, inputMiB: Math.round((Buffer.byteLength(firstText) / 1024 / 1024) * 10) / 10, ms, exitCode, cpuMs, peakRssMiB: Math.round(rss / 1024), peakPssMiB: Math.round(pss / 1024), ...(exitCode === 0 ? {} : { error: stderr.trim().split("\n").slice(-5).join("\n") }) };
}

/** The web book over and over, to `mib` MiB, as one text. */
async function repeatedBook(mib: number): Promise<string> {
  const raw = await readFile(path.join(projectRoot, "sources", "texts", "trotsky-an-introduction.txt"), "utf8");
  const copies = Math.ceil((mib * 1024 * 1024) / Buffer.byteLength(raw));
  return Array.from({ length: copies }, () => raw).join("\n\n");
}

/** One line of 200,000 times `char` as a paragraph of its own between two others (`blank`: a line of spaces alone). */
const hostileLine = (char: string) =>
  `Intro paragraph.\n\n${char === " " ? `a${char.repeat(200_000)}b` : char === "blank" ? " ".repeat(200_000) : char.repeat(200_000)}\n\nLast paragraph.\n`;

export async function scaleFigures(options: { sizesMiB: number[]; log: (line: string) => void; timeoutMs?: number }): Promise<ScaleFigure[]> {
  const figures: ScaleFigure[] = [];
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  for (const [name, char] of [["200k spaces", " "], ["200k blank", "blank"], ["200k dots", "."], ["200k >", ">"], ["200k [", "["], ["200k _", "_"]] as const) {
    figures.push(await measuredBuild(name, hostileLine(char), timeoutMs));
    options.log(`${name}: ${(figures.at(-1)!.ms / 1000).toFixed(1)} s (${(figures.at(-1)!.cpuMs / 1000).toFixed(1)} s CPU), exit ${figures.at(-1)!.exitCode}`);
  }
  for (const mib of options.sizesMiB) {
    figures.push(await measuredBuild(`${mib} MiB text`, await repeatedBook(mib), timeoutMs));
    const figure = figures.at(-1)!;
    options.log(`${mib} MiB text: ${(figure.ms / 1000).toFixed(1)} s (${(figure.cpuMs / 1000).toFixed(1)} s CPU), peak ${figure.peakPssMiB} MiB PSS, ${figure.peakRssMiB} MiB RSS, exit ${figure.exitCode}`);
  }
  return figures;
}

// `tsx bench/scale.ts [--sizes 10,50]`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const index = process.argv.indexOf("--sizes");
  const sizesMiB = (index === -1 ? "10,50" : process.argv[index + 1]!).split(",").filter(Boolean).map(Number);
  const figures = await scaleFigures({ sizesMiB, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
