// Faults around the build's processes: a build killed or signalled during
// layout, a Chromium that crashes, temporary files of a killed build. Each
// test runs a build of the small fixture edition in a process of its own
// (test/fixtures/build-process.js) and asserts outcomes with generous
// limits; nothing here times the build.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { run, sourcesFixture } from "./helpers.js";

const script = path.resolve("test/fixtures/build-process.js");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBuild(manifest: string, out: string, hang: boolean): Running {
  const child = spawn("node", [script, manifest, out, ...(hang ? ["--hang"] : [])], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exit };
}

/** Live (not zombie) processes by process group. */
async function liveGroups(): Promise<Map<number, number>> {
  const { stdout } = await run("ps", ["-e", "-o", "pgid=,stat="]);
  const groups = new Map<number, number>();
  for (const line of stdout.trim().split("\n")) {
    const [pgid, stat] = line.trim().split(/\s+/);
    if (!stat?.startsWith("Z")) groups.set(Number(pgid), (groups.get(Number(pgid)) ?? 0) + 1);
  }
  return groups;
}

/** The Chromium browser the build started, once its renderers run (it leads its own process group); with its profile folder. */
async function browserOf(build: Running, limitSeconds = 240): Promise<{ pid: number; profile: string }> {
  for (let waited = 0; waited < limitSeconds * 10; waited++) {
    const { stdout } = await run("pgrep", ["-P", String(build.child.pid), "chromium"]).catch(() => ({ stdout: "" }));
    const pid = Number(stdout.trim().split("\n")[0]);
    if (pid && ((await liveGroups()).get(pid) ?? 0) >= 4) {
      const profile = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").find((arg) => arg.startsWith("--user-data-dir="))!.split("=")[1]!;
      return { pid, profile };
    }
    await sleep(100);
  }
  throw new Error(`no Chromium within ${limitSeconds} s:\n${build.output()}`);
}

/** Resolves true once `check()` holds, false after `limitSeconds`. */
async function within(limitSeconds: number, check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (let waited = 0; waited < limitSeconds * 10; waited++) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

async function fixture() {
  const sources = await sourcesFixture(validManifest, fixtureTexts);
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-processes-"));
  return { manifest: path.join(sources, "edition.yaml"), out, epub: path.join(out, "fixture-edition.epub") };
}

const temporaries = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith(".tmp"));

describe("a build's processes", () => {
  it("leaves no Chromium process and no profile folder when node is killed with SIGKILL during layout", async () => {
    const { manifest, out } = await fixture();
    const running = startBuild(manifest, out, true);
    const browser = await browserOf(running);
    running.child.kill("SIGKILL");
    await running.exit;
    expect(await within(30, async () => !(await liveGroups()).has(browser.pid)), "the browser's process group is gone").toBe(true);
    expect(await within(30, () => !existsSync(browser.profile)), "the profile folder is removed").toBe(true);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("stops on %s during layout: exits non-zero at once, keeps the previous outputs, leaves no temporary file or Chromium", async (signal, status) => {
    const { manifest, out, epub } = await fixture();
    const previous = ["fixture-edition.epub", "fixture-edition.pdf", "fixture-edition-screen.pdf"];
    for (const name of previous) await writeFile(path.join(out, name), `previous ${name}`);
    const running = startBuild(manifest, out, true);
    const browser = await browserOf(running);
    running.child.kill(signal);
    // Generous: the handler ends it in well under a second; before, SIGTERM took 180 s.
    const exited = await Promise.race([running.exit, sleep(30_000).then(() => undefined)]);
    expect(exited, running.output()).toEqual({ code: status, signal: null });
    expect(running.output()).toContain(`stopped by ${signal}`);
    for (const name of previous) expect(await readFile(path.join(out, name), "utf8")).toBe(`previous ${name}`);
    expect(await temporaries(out)).toEqual([]);
    expect(await within(30, async () => !(await liveGroups()).has(browser.pid))).toBe(true);
    expect(await within(30, () => !existsSync(browser.profile))).toBe(true);
    expect(existsSync(epub)).toBe(true);
  });

  it("ends promptly when Chromium crashes during layout, and keeps the EPUB that has a page-list", async () => {
    const { manifest, out, epub } = await fixture();
    const first = startBuild(manifest, out, false);
    expect(await first.exit, first.output()).toEqual({ code: 0, signal: null });
    const good = await readFile(epub);
    const nav = await (await JSZip.loadAsync(good)).file("OEBPS/toc.xhtml")!.async("string");
    expect(nav).toContain('epub:type="page-list"');

    const running = startBuild(manifest, out, true);
    const browser = await browserOf(running);
    // Give puppeteer time to connect, so the crash comes during layout rather than the launch (either must end the build promptly).
    await sleep(3000);
    process.kill(browser.pid, "SIGKILL");
    // The layout watchdog waits 600 s here and puppeteer's protocol timeout was 180 s: neither is waited out.
    const exited = await Promise.race([running.exit, sleep(90_000).then(() => undefined)]);
    expect(exited, running.output()).toEqual({ code: 1, signal: null });
    expect(running.output()).toMatch(/the PDF was not made: (Chromium closed or crashed|Failed to launch the browser process)/);
    expect(running.output()).toContain(`kept ${epub} as it was: it has the print edition's page-list`);
    expect(await readFile(epub)).toEqual(good);
    expect(await temporaries(out)).toEqual([]);
  });

  it("removes at the next build the temporary files of processes that are gone, and only those", async () => {
    const { manifest, out } = await fixture();
    // 4194305 is above the largest process id Linux gives (2^22); the test runner's parent is alive.
    const dead = ".fixture-edition.epub.4194305.tmp";
    const alive = `.fixture-edition.html.${process.ppid}.tmp`;
    await writeFile(path.join(out, dead), "");
    await writeFile(path.join(out, alive), "");
    const lines: string[] = [];
    await build({ manifestPath: manifest, outDir: out, pdf: false, log: (line) => lines.push(line) });
    expect(await temporaries(out)).toEqual([alive]);
    expect(lines).toContain(`removed 1 temporary file left by a build that was killed: ${dead}`);
  });
});
