// Where Chromium is, and the flags it needs on these machines.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { access, constants, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, PuppeteerLaunchOptions } from "puppeteer";
import { projectRoot } from "../project-root.js";

export function chromiumPath(): string {
  return process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium";
}

export class ChromiumMissingError extends Error {
  constructor(executable: string) {
    super(
      `Chromium was not found at ${executable}, so the PDF was not made.\n` +
        `Install it with: sudo apt-get update && sudo apt-get install -y chromium\n` +
        `or point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome binary.`,
    );
    this.name = "ChromiumMissingError";
  }
}

export async function assertChromium(): Promise<string> {
  const executable = chromiumPath();
  try {
    await access(executable, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(executable);
  }
  return executable;
}

/** How long to wait for Chromium to start, in ms: puppeteer's 30 s, or `EDITION_CHROMIUM_LAUNCH_TIMEOUT_MS` (the tests' hanging fake uses 2 s). */
export function chromiumLaunchTimeout(): number {
  return Number(process.env.EDITION_CHROMIUM_LAUNCH_TIMEOUT_MS) || 30_000;
}

/** Headless flags: no sandbox (we may run as root), and no background traffic on a closed network. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--font-render-hinting=none",
];

// ---------------------------------------------------------------------------
// Launching: the browser never outlives the build.
//
// puppeteer starts Chromium as the leader of its own process group (the
// browser, its zygotes, GPU process and renderers: about nine processes, over
// 1 GB while laying out a book). It kills that group when node exits normally,
// but no handler runs when node itself is killed (`kill -9`, the OOM killer),
// and on SIGTERM it only closes the browser and keeps node waiting. So:
// - the browser is started through `setpriv --pdeathsig KILL` (util-linux):
//   the kernel kills it the moment node goes, however node goes, from its
//   first instant; its zygotes, GPU process and renderers end with it
//   (measured: none is left 3 s after a `kill -9` of the browser);
// - puppeteer's own signal handlers are off; the build's (src/interrupt.ts)
//   kill the group and exit; every group is also killed on node's `exit`;
// - the profile folder is made here, before the launch, and removed on close,
//   on `exit`, or by a small watchdog (a shell loop in its own session) once
//   node is gone.
// Chromium's `--no-zygote` only makes the renderers children of the browser
// process instead of the zygote's; they are in the browser's group either
// way, so it adds nothing to the group kill or to the parent-death signal.
// The protocol timeout is bounded (by the caller's watchdog), so a crashed or
// hung browser never keeps node waiting out puppeteer's default of 180 s.

/** Process groups of the browsers this process has started and not yet closed. */
const browserGroups = new Set<number>();
/** Profile folders of those browsers (known before the browser starts). */
const profiles = new Set<string>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Remove a profile folder; a browser still dying may write into it meanwhile, and the watchdog removes what is left once node is gone. */
function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // left to the watchdog
  }
}

/** Kill every browser this process started and remove their profiles (synchronous: safe in an `exit` or signal handler). */
export function killBrowsers(): void {
  for (const pid of browserGroups) killGroup(pid);
  browserGroups.clear();
  for (const profile of profiles) removeProfile(profile);
  profiles.clear();
}

let exitHandler = false;

export interface LaunchOptions {
  /** Bound on every DevTools protocol call, in seconds. */
  protocolSeconds: number;
}

const setpriv = "/usr/bin/setpriv";
const guardedChromium = path.join(projectRoot, "scripts", "chromium-with-parent.sh");

/** Chromium with our flags, killed whenever node goes, however it goes. */
export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  const executablePath = await assertChromium();
  if (!exitHandler) {
    process.on("exit", killBrowsers);
    exitHandler = true;
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), "edition-chromium-"));
  profiles.add(profile);
  watchParent(profile);
  const withParent = existsSync(setpriv);
  const launch: PuppeteerLaunchOptions = {
    executablePath: withParent ? guardedChromium : executablePath,
    env: { ...process.env, EDITION_CHROMIUM: executablePath, EDITION_SETPRIV: setpriv },
    userDataDir: profile,
    headless: "new",
    args: chromiumArgs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    protocolTimeout: options.protocolSeconds * 1000,
    timeout: chromiumLaunchTimeout(),
  };
  let browser: Browser;
  try {
    // Loaded only to start a browser: a command that draws nothing never pays for it.
    const { default: puppeteer } = await import("puppeteer");
    browser = await puppeteer.launch(launch);
  } catch (error) {
    profiles.delete(profile);
    removeProfile(profile);
    throw error;
  }
  const pid = browser.process()?.pid;
  if (pid) {
    browserGroups.add(pid);
    browser.process()!.once("exit", () => browserGroups.delete(pid));
  }
  return browser;
}

/** Close a browser, and kill its group if closing takes more than `seconds` (a crashed browser may never answer). */
export async function closeChromium(browser: Browser, seconds = 2): Promise<void> {
  const pid = browser.process()?.pid;
  const profile = browser.process()?.spawnargs.find((arg) => arg.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, seconds * 1000)));
  // puppeteer 20 sends `Browser.close` even over a connection that has closed, and then waits out the
  // protocol timeout for an answer that cannot come: close only a browser that is still there.
  if (browser.isConnected()) await Promise.race([browser.close().catch(() => {}), late]);
  clearTimeout(timer);
  if (pid && browserGroups.has(pid)) {
    killGroup(pid);
    browserGroups.delete(pid);
  }
  if (profile && profiles.has(profile)) {
    removeProfile(profile);
    profiles.delete(profile);
  }
}

/**
 * A watchdog outside node for the profile folder: while node lives and the
 * folder is there it sleeps; when node is gone it removes the folder. It ends
 * by itself once the folder is removed on close.
 */
function watchParent(profile: string): void {
  const script = 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 0.5; done\n[ -d "$2" ] && sleep 1 && rm -rf -- "$2"';
  try {
    const watchdog = spawn("/bin/sh", ["-c", script, "edition-chromium-watchdog", String(process.pid), profile], { detached: true, stdio: "ignore" });
    watchdog.on("error", () => {});
    watchdog.unref();
  } catch {
    // Without /bin/sh only a kill of node itself leaves the folder behind.
  }
}
